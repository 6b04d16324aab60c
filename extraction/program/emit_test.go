package program

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// These tests run the emitted programs, with python3 and with one go build for all Go files,
// piping many sequences through each process, and compare their outputs number by number with
// the interpreter's.

// emittedCount and emittedSeed set the random programs of TestEmittedProgramsMatchInterpreter;
// go test -run Emitted -args -emitted=500 -seed=2 checks more.
var (
	emittedCount = flag.Int("emitted", 36, "number of random programs to emit and run")
	emittedSeed  = flag.Uint64("seed", 7, "seed of the random programs to emit and run")
)

// requireTool returns the path of a command, or skips the test when it is not installed.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not on PATH", name)
	}
	return path
}

// emittedCase is one program with the sequences to run through it.
type emittedCase struct {
	p    *Program
	seqs [][][]float64
}

// newCases pairs each program with random sequences, and adds the hand-written inputs.
func newCases(r *rand.Rand, programs []*Program, count int) []emittedCase {
	cases := make([]emittedCase, len(programs))
	for i, p := range programs {
		cases[i] = emittedCase{p, randomSequences(r, count, len(p.Inputs))}
	}
	return cases
}

// inputLines writes sequences as JSON lines, with a blank line in the middle (to be ignored).
func inputLines(seqs [][][]float64) string {
	var b strings.Builder
	for i, xs := range seqs {
		line, err := json.Marshal(append([][]float64{}, xs...)) // [] for an empty sequence, not null
		if err != nil {
			panic(err)
		}
		b.Write(append(line, '\n'))
		if i == len(seqs)/2 {
			b.WriteString("  \n")
		}
	}
	return b.String()
}

// parseOutputLine reads one output line, a JSON array of arrays of numbers, NaN and
// (-)Infinity included.
func parseOutputLine(line string) ([][]float64, error) {
	if len(line) < 2 || line[0] != '[' || line[len(line)-1] != ']' {
		return nil, fmt.Errorf("not an array: %q", line)
	}
	inner := line[1 : len(line)-1]
	ys := [][]float64{}
	if inner == "" {
		return ys, nil
	}
	if len(inner) < 2 || inner[0] != '[' || inner[len(inner)-1] != ']' {
		return nil, fmt.Errorf("not an array of arrays: %q", line)
	}
	for _, row := range strings.Split(inner[1:len(inner)-1], "],[") {
		values := []float64{}
		for _, s := range strings.Split(row, ",") {
			if s == "" {
				continue
			}
			value, err := parseNumber(s)
			if err != nil {
				return nil, err
			}
			values = append(values, value)
		}
		ys = append(ys, values)
	}
	return ys, nil
}

// parseNumber reads a number as the emitted programs print it.
func parseNumber(s string) (float64, error) {
	switch s {
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		return math.Inf(1), nil
	case "-Infinity":
		return math.Inf(-1), nil
	}
	if strings.ContainsAny(s, "in") { // Go would accept "inf" and "nan"; the programs must not print them
		return 0, fmt.Errorf("bad number %q", s)
	}
	return strconv.ParseFloat(s, 64)
}

// runFilter runs a command with input on stdin and returns its stdout lines.
func runFilter(cmd *exec.Cmd, input string) ([]string, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(input), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		return nil, fmt.Errorf("unexpected stderr: %s", stderr.String())
	}
	return strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n"), nil
}

// checkFilter runs the sequences of c through cmd and compares each output with the
// interpreter's, within tol relative error (0: exactly). It returns the output lines.
func checkFilter(t *testing.T, label string, cmd *exec.Cmd, c emittedCase, source string, tol float64) []string {
	t.Helper()
	lines, err := runFilter(cmd, inputLines(c.seqs))
	if err != nil {
		t.Fatalf("%s: %v\n%s\n%s", label, err, Format(c.p), source)
	}
	if len(lines) != len(c.seqs) {
		t.Fatalf("%s: %d output lines for %d sequences", label, len(lines), len(c.seqs))
	}
	for i, xs := range c.seqs {
		got, err := parseOutputLine(lines[i])
		if err != nil {
			t.Fatalf("%s: sequence %d: %v", label, i, err)
		}
		want := mustRun(t, c.p, xs)
		if d := diffWithin(want, got, tol); d != "" {
			t.Fatalf("%s: sequence %d %v: %s\n%s\n%s", label, i, xs, d, Format(c.p), source)
		}
	}
	return lines
}

// diffWithin is diffOutputs with a relative tolerance for finite values.
func diffWithin(want, got [][]float64, tol float64) string {
	d := diffOutputs(want, got)
	if d == "" || tol == 0 || len(want) != len(got) {
		return d
	}
	for t := range want {
		if len(want[t]) != len(got[t]) {
			return d
		}
		for k := range want[t] {
			w, g := want[t][k], got[t][k]
			if !sameNumber(w, g) && !(math.Abs(w-g) <= tol*math.Max(1, math.Abs(w))) {
				return fmt.Sprintf("position %d, output %d: got %v, want %v (tolerance %g)", t, k, g, w, tol)
			}
		}
	}
	return ""
}

// writePython writes the Python files of the cases and returns their paths and sources.
func writePython(t *testing.T, cases []emittedCase) (paths, sources []string) {
	dir := t.TempDir()
	for i, c := range cases {
		src, err := EmitPython(c.p)
		if err != nil {
			t.Fatalf("EmitPython: %v\n%s", err, Format(c.p))
		}
		path := filepath.Join(dir, fmt.Sprintf("program%d.py", i))
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths, sources = append(paths, path), append(sources, src)
	}
	return paths, sources
}

// buildGo writes the Go files of the cases, each in its own directory of one module, builds
// them all with one go build, and returns the binaries and sources.
func buildGo(t *testing.T, goTool string, cases []emittedCase) (bins, sources []string) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module emitted\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"build", "-o", filepath.Join(dir, "bin") + string(filepath.Separator)}
	for i, c := range cases {
		src, err := EmitGo(c.p)
		if err != nil {
			t.Fatalf("EmitGo: %v\n%s", err, Format(c.p))
		}
		if formatted, err := format.Source([]byte(src)); err != nil || string(formatted) != src {
			t.Fatalf("emitted Go is not gofmt-clean (%v):\n%s", err, src)
		}
		name := fmt.Sprintf("p%d", i)
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, "program.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "./"+name)
		bins, sources = append(bins, filepath.Join(dir, "bin", name)), append(sources, src)
	}
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=", "GO111MODULE=on")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bins, sources
}

// emittedPrograms returns the hand-written programs, random ones and their simplified forms.
func emittedPrograms(t *testing.T, r *rand.Rand, random int, opt genOptions) []*Program {
	counter := &Program{
		Name:    "count",
		Body:    []Stmt{Attend{"sum_one", Pointer{Kind: PrefixSum}, "one"}},
		Outputs: []Output{{"y", bin(Mul, v("sum_one"), v("pos"))}},
	}
	programs := []*Program{parityLast2(), maxSeen(), integrator(), pointerZoo(), counter}
	for i := range random {
		p := randomProgram(rngChooser{r}, opt)
		if i%3 == 0 {
			s, err := Simplify(p, SimplifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			p = s
		}
		programs = append(programs, p)
	}
	return programs
}

// runBoth runs every case through its Python and its Go program, cases in parallel, and
// checks that the two print the very same text when Python is held to exactness.
func runBoth(t *testing.T, cases []emittedCase, pyTol float64) {
	python, goTool := requireTool(t, "python3"), requireTool(t, "go")
	pyPaths, pySources := writePython(t, cases)
	bins, goSources := buildGo(t, goTool, cases)
	for i := range cases {
		t.Run(fmt.Sprintf("program%d", i), func(t *testing.T) {
			t.Parallel()
			pyOut := checkFilter(t, "python", exec.Command(python, pyPaths[i]), cases[i], pySources[i], pyTol)
			goOut := checkFilter(t, "go", exec.Command(bins[i]), cases[i], goSources[i], 0)
			if pyTol == 0 && strings.Join(pyOut, "\n") != strings.Join(goOut, "\n") {
				t.Errorf("Python and Go print the same numbers differently:\n%s\n%s", pyOut, goOut)
			}
		})
	}
}

// TestEmittedProgramsMatchInterpreter is the main check of the emitters: random programs
// (without sin, cos and exp, whose last bit is the library's) on random sequences of lengths
// 0 to 50, with negative numbers, zero divisors, ties and overflows.
func TestEmittedProgramsMatchInterpreter(t *testing.T) {
	r := rand.New(rand.NewPCG(*emittedSeed, 8))
	runBoth(t, newCases(r, emittedPrograms(t, r, *emittedCount, genOptions{}), 40), 0)
}

// TestEmittedTranscendental checks sin, cos and exp: exact in Go (same library as the
// interpreter), within a few ulps in Python.
func TestEmittedTranscendental(t *testing.T) {
	p := &Program{
		Name:   "waves",
		Inputs: []string{"x"},
		Body: []Stmt{
			Assign{"h1", bin(Add, un(Sin, v("x")), bin(Mul, un(Cos, bin(Mul, v("x"), c(0.5))), un(Exp, bin(Div, v("x"), c(10)))))},
			Attend{"sum_h1", Pointer{Kind: PrefixSum}, "h1"},
		},
		Outputs: []Output{{"y", v("h1")}, {"z", v("sum_h1")}, {"big", un(Exp, v("x"))}},
	}
	r := rand.New(rand.NewPCG(9, 10))
	runBoth(t, newCases(r, []*Program{p}, 40), 1e-12)
}

// TestEmittedHostileNames checks that names cannot inject code: programs named after hostile
// strings still compile, compute the same outputs, and do nothing else (they leave their
// working directory empty and print nothing on stderr).
func TestEmittedHostileNames(t *testing.T) {
	var programs []*Program
	for i := 0; i < len(hostileNames); i += 4 {
		n := func(k int) string {
			if name := hostileNames[(i+k)%len(hostileNames)]; name != "" {
				return name
			}
			return "e"
		}
		programs = append(programs, &Program{
			Name:    n(0),
			Inputs:  []string{n(1)},
			Body:    []Stmt{prev(n(2), n(1), 1), Assign{n(3), bin(Add, v(n(1)), v(n(2)))}},
			Outputs: []Output{{n(0), bin(Mod, v(n(3)), c(2))}, {n(0) + "2", v(n(2))}},
		})
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 6 {
		programs = append(programs, randomProgram(rngChooser{r}, genOptions{weirdNames: true, arbitraryNames: true}))
	}
	cases := newCases(r, programs, 10)
	python, goTool := requireTool(t, "python3"), requireTool(t, "go")
	pyPaths, pySources := writePython(t, cases)
	bins, goSources := buildGo(t, goTool, cases)
	for i, c := range cases {
		t.Run(fmt.Sprintf("program%d", i), func(t *testing.T) {
			t.Parallel()
			for _, run := range []struct {
				label  string
				cmd    *exec.Cmd
				source string
			}{{"python", exec.Command(python, pyPaths[i]), pySources[i]}, {"go", exec.Command(bins[i]), goSources[i]}} {
				run.cmd.Dir = t.TempDir()
				checkFilter(t, run.label, run.cmd, c, run.source, 0)
				if entries, _ := os.ReadDir(run.cmd.Dir); len(entries) > 0 {
					t.Errorf("%s program %d wrote %v", run.label, i, entries)
				}
			}
		})
	}
}

// TestEmittedErrors checks the filters' error handling: a malformed line names its number on
// stderr and the exit status is non-zero; what came before is still printed.
func TestEmittedErrors(t *testing.T) {
	cases := []emittedCase{{p: parityLast2()}}
	python, goTool := requireTool(t, "python3"), requireTool(t, "go")
	pyPaths, _ := writePython(t, cases)
	bins, _ := buildGo(t, goTool, cases)
	inputs := map[string]string{
		"not JSON":      "[[1]]\n\n[[1],[2\n",
		"not an array":  "[[1]]\n\n{\"x\": 1}\n",
		"wrong width":   "[[1]]\n\n[[1, 2]]\n",
		"not a number":  "[[1]]\n\n[[true]]\n",
		"NaN":           "[[1]]\n\n[[NaN]]\n",
		"out of range":  "[[1]]\n\n[[1e400]]\n",
		"null":          "[[1]]\n\nnull\n",
		"string number": "[[1]]\n\n[[\"1\"]]\n",
	}
	for label, input := range inputs {
		for _, cmd := range []*exec.Cmd{exec.Command(python, pyPaths[0]), exec.Command(bins[0])} {
			var stdout, stderr bytes.Buffer
			cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(input), &stdout, &stderr
			err := cmd.Run()
			if err == nil || !strings.HasPrefix(stderr.String(), "line 3: ") || stdout.String() != "[[1]]\n" {
				t.Errorf("%s, %s: err %v, stdout %q, stderr %q", label, cmd.Path, err, stdout.String(), stderr.String())
			}
		}
	}
}

// TestEmitRejectsInvalid checks that the emitters validate first.
func TestEmitRejectsInvalid(t *testing.T) {
	p := parityLast2()
	p.Body = append(p.Body, prev("prev1_x", "x", 1))
	if _, err := EmitPython(p); err == nil {
		t.Error("EmitPython accepted a duplicate definition")
	}
	if _, err := EmitGo(p); err == nil {
		t.Error("EmitGo accepted a duplicate definition")
	}
}

// TestSanitize checks identifiers made from names.
func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"parity_last2": "parity_last2", "__import__": "import", "1st": "v1st", "": "fallback",
		"π": "u03c0", "naïve value": "na_u00ef_ve_value", `x"; import os #`: "x_import_os",
		"}\nfunc init(){panic(1)}//": "func_init_panic_1",
	}
	for name, want := range cases {
		if got := sanitize(name, "fallback"); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", name, got, want)
		}
	}
	pl, err := newPlan(&Program{Name: "for", Inputs: []string{"import", "x y", "x_y"},
		Outputs: []Output{{"len", v("import")}}}, pyLanguage.reserved)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{pl.funcName, pl.id["import"], pl.id["x y"], pl.id["x_y"], pl.id["len"]}
	want := []string{"for_2", "import_2", "x_y", "x_y_2", "len_2"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("identifiers %v, want %v", got, want)
	}
}
