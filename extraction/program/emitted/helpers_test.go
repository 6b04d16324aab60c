package emitted

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// These tests hold the helpers of emitted programs to the operator semantics of
// program/semantics.go, to the bit, on the values where implementations part ways: zeros of
// both signs, divisors near 0, negative remainders, halves, huge values, infinities and NaN.

// edgeValues are the arguments tried, every pair of them for a binary operator.
var edgeValues = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3, 7, -7,
	1e-300, -1e-300, 5e-324, 1e300, -1e300, math.MaxFloat64, 1<<53 + 2, 1e16 + 1, 0.1, -2.75,
	math.Inf(1), math.Inf(-1), math.NaN()}

// sameBits reports whether a and b are the same float64, NaNs alike.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

// sameNumber reports whether a and b are equal, NaNs alike (0 and -0 too).
func sameNumber(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

// goBinary and goUnary are how emitted Go computes the operators with a helper or a built-in
// (the others are Go's own operators and math functions, checked by the emitted programs' tests).
var (
	goBinary = map[program.BinaryOp]func(a, b float64) float64{
		program.Div: div, program.Mod: mod,
		program.Min:  func(a, b float64) float64 { return min(a, b) },
		program.Max:  func(a, b float64) float64 { return max(a, b) },
		program.Less: func(a, b float64) float64 { return indicator(a < b) }, program.LessEq: func(a, b float64) float64 { return indicator(a <= b) },
		program.Greater: func(a, b float64) float64 { return indicator(a > b) }, program.GreaterEq: func(a, b float64) float64 { return indicator(a >= b) },
		program.Equal: func(a, b float64) float64 { return indicator(a == b) }, program.NotEqual: func(a, b float64) float64 { return indicator(a != b) },
	}
	goUnary = map[program.UnaryOp]func(a float64) float64{program.Square: square}
)

// TestGoHelpersMatchSemantics checks the Go helpers against program.BinaryFunc and UnaryFunc.
func TestGoHelpersMatchSemantics(t *testing.T) {
	for op, f := range goBinary {
		want, _ := program.BinaryFunc(op)
		for _, a := range edgeValues {
			for _, b := range edgeValues {
				if got, want := f(a, b), want(a, b); !sameBits(got, want) {
					t.Errorf("%s(%v, %v): emitted Go gives %v, the semantics %v", op, a, b, got, want)
				}
			}
		}
	}
	for op, f := range goUnary {
		want, _ := program.UnaryFunc(op)
		for _, a := range edgeValues {
			if got, want := f(a), want(a); !sameBits(got, want) {
				t.Errorf("%s(%v): emitted Go gives %v, the semantics %v", op, a, got, want)
			}
		}
	}
}

// TestGoPointerHelpers checks the helpers of the pointers: a value before the start is 0, and
// LastEqual reads the latest earlier position with an equal key.
func TestGoPointerHelpers(t *testing.T) {
	hist := []float64{4, 5, 6}
	if at(hist, -1) != 0 || at(hist, 0) != 4 || at(hist, 2) != 6 {
		t.Error("at")
	}
	keys, values := []float64{1, 2, 1, 2, 1}, []float64{10, 20, 30, 40, 50}
	for t0, want := range []float64{0, 0, 10, 20, 30} {
		if got := lastEqual(keys, values, t0); got != want {
			t.Errorf("lastEqual at %d = %v, want %v", t0, got, want)
		}
	}
	if s := grow(make([]float64, 2, 8), 5); len(s) != 5 || cap(s) != 8 {
		t.Error("grow does not reuse its buffer")
	}
	if s := grow(nil, 3); len(s) != 3 {
		t.Error("grow")
	}
}

// pyBinary and pyUnary name the Python helpers of the operators.
var (
	pyBinary = map[string]program.BinaryOp{"div": program.Div, "mod": program.Mod, "minimum": program.Min, "maximum": program.Max}
	pyUnary  = map[string]program.UnaryOp{"square": program.Square, "sin": program.Sin, "cos": program.Cos,
		"exp": program.Exp, "floor": program.Floor, "round_half_away": program.Round}
)

// pyScript evaluates the helpers of helpers.py: it reads the values, one a line, and prints
// each helper's result on every value or pair of values, in the order of its arguments' names.
const pyScript = `import sys
exec(open(sys.argv[1]).read())
vals = [float(s) for s in sys.stdin.read().split()]
for name in sys.argv[2].split(","):
    for a in vals:
        print(repr(globals()[name](a)))
for name in sys.argv[3].split(","):
    for a in vals:
        for b in vals:
            print(repr(globals()[name](a, b)))
h = [4.0, 5.0, 6.0]
print(at(h, -1), at(h, 0), at(h, 2))
keys, values = [1.0, 2.0, 1.0, 2.0, 1.0], [10.0, 20.0, 30.0, 40.0, 50.0]
print(*[last_equal(keys, values, t) for t in range(5)])
`

// TestPythonHelpersMatchSemantics runs the Python helpers with python3 and checks them against
// program.BinaryFunc and UnaryFunc: exactly, but for sin, cos and exp, whose last bits are the
// library's (and differ for huge arguments), within 1e-12, and but for the sign of a zero, which
// Python's floor, min and max do not keep as Go does. That sign is never seen: no operator tells
// -0 from 0 (a division by either gives 0) and the filters print both as 0.
func TestPythonHelpersMatchSemantics(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH")
	}
	unary, binary := sortedNames(pyUnary), sortedNames(pyBinary)
	var in strings.Builder
	for _, v := range edgeValues {
		in.WriteString(strconv.FormatFloat(v, 'g', -1, 64) + "\n")
	}
	cmd := exec.Command(python, "-c", pyScript, "helpers.py", strings.Join(unary, ","), strings.Join(binary, ","))
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	next := func() float64 {
		v, err := strconv.ParseFloat(lines[0], 64)
		if err != nil {
			t.Fatal(err)
		}
		lines = lines[1:]
		return v
	}
	for _, name := range unary {
		f, _ := program.UnaryFunc(pyUnary[name])
		for _, a := range edgeValues {
			got, want := next(), f(a)
			loose := name == "sin" || name == "cos" || name == "exp"
			if !sameNumber(got, want) && !(loose && math.Abs(got-want) <= 1e-12*math.Abs(want)) {
				t.Errorf("%s(%v): emitted Python gives %v, the semantics %v", name, a, got, want)
			}
		}
	}
	for _, name := range binary {
		f, _ := program.BinaryFunc(pyBinary[name])
		for _, a := range edgeValues {
			for _, b := range edgeValues {
				if got, want := next(), f(a, b); !sameNumber(got, want) {
					t.Errorf("%s(%v, %v): emitted Python gives %v, the semantics %v", name, a, b, got, want)
				}
			}
		}
	}
	if got := strings.Join(lines, "\n"); got != "0.0 4.0 6.0\n0.0 0.0 10.0 20.0 30.0" {
		t.Errorf("at and last_equal give\n%s", got)
	}
}

// TestEveryHelperChecked fails when a helper is added to helpers.go or helpers.py without a
// check above.
func TestEveryHelperChecked(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "helpers.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var goNames []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok {
			goNames = append(goNames, fn.Name.Name)
		}
	}
	sort.Strings(goNames)
	if got, want := fmt.Sprint(goNames), "[at div grow indicator lastEqual mod square]"; got != want {
		t.Errorf("helpers.go defines %s, the tests check %s", got, want)
	}
	src, err := os.ReadFile("helpers.py")
	if err != nil {
		t.Fatal(err)
	}
	var pyNames []string
	for _, m := range regexp.MustCompile(`(?m)^def (\w+)\(`).FindAllStringSubmatch(string(src), -1) {
		pyNames = append(pyNames, m[1])
	}
	sort.Strings(pyNames)
	checked := append(append([]string{"at", "last_equal"}, sortedNames(pyBinary)...), sortedNames(pyUnary)...)
	sort.Strings(checked)
	if got, want := fmt.Sprint(pyNames), fmt.Sprint(checked); got != want {
		t.Errorf("helpers.py defines %s, the tests check %s", got, want)
	}
}

// sortedNames returns a map's keys in order.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
