package extraction

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
)

// The emitted Go program, compiled, against the model: BenchmarkEmittedGoVsModel builds the file
// EmitGo writes (with a timing main in place of its JSON filter's main) and runs it on the same
// 10,000 sequences as the hard model. The sequences are parsed before the clock starts, so the
// time is the program's own arithmetic, as a user calling the function would see it.

// goTimingMain replaces the emitted main: it reads the sequences (one JSON array per line, the
// filter's own format), runs them through FUNC (which allocates its outputs) and through
// FUNCInto (the caller's outputs and history buffers, reused: no allocation), `passes` times
// each, and prints the nanoseconds of one pass of each and a checksum of the outputs.
const goTimingMain = `package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	passes, _ := strconv.Atoi(os.Args[2])
	var seqs [][][]float64
	longest := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		xs, err := parseSequence(sc.Text())
		if err != nil {
			panic(err)
		}
		seqs = append(seqs, xs)
		longest = max(longest, len(xs))
	}
	var sum, sumInto float64
	start := time.Now()
	for p := 0; p < passes; p++ {
		for _, xs := range seqs {
			ys := FUNC(xs)
			sum += ys[len(ys)-1][0]
		}
	}
	alloc := time.Since(start).Nanoseconds() / int64(passes)
	out := make([][]float64, longest)
	for t := range out {
		out[t] = make([]float64, OUTPUTS)
	}
	var buf BUFFERS
	start = time.Now()
	for p := 0; p < passes; p++ {
		for _, xs := range seqs {
			ys := out[:len(xs)]
			INTO(xs, ys, &buf)
			sumInto += ys[len(ys)-1][0]
		}
	}
	into := time.Since(start).Nanoseconds() / int64(passes)
	if sum != sumInto {
		panic("the two entry points disagree")
	}
	fmt.Println(alloc, into, sum/float64(passes))
}
`

// buildEmittedGo writes p's Go program with the timing main into dir and builds it.
func buildEmittedGo(p *program.Program, dir string) (string, error) {
	src, err := program.EmitGo(p)
	if err != nil {
		return "", err
	}
	fn := regexp.MustCompile(`(?m)^func (\w+)\(xs \[\]\[\]float64\) \[\]\[\]float64 \{`).FindStringSubmatch(src)
	into := regexp.MustCompile(`(?m)^func (\w+)\(xs, ys \[\]\[\]float64, buf \*(\w+)\) \{`).FindStringSubmatch(src)
	if fn == nil || into == nil || strings.Count(src, "\nfunc main() {") != 1 {
		return "", fmt.Errorf("the emitted Go has no single program function, Into function and main")
	}
	src = strings.Replace(src, "\nfunc main() {", "\nfunc filterMain() {", 1)
	files := map[string]string{
		"go.mod":     "module emitted\n\ngo 1.22\n",
		"program.go": src + "\nvar _ = filterMain\n",
		"timing.go": strings.NewReplacer("FUNC", fn[1], "INTO", into[1], "BUFFERS", into[2],
			"OUTPUTS", fmt.Sprint(len(p.Outputs))).Replace(goTimingMain),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	bin := filepath.Join(dir, "program")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// BenchmarkEmittedGoVsModel reports the compiled Go program's and the hard model's times on
// the same 10,000 sequences of sum_last2, and their ratios: model/go-program for the function
// that allocates its outputs, model/go-into for the one that writes into reused buffers;
// beside the IR interpreter's (BenchmarkProgramVsModel). The checksums must agree.
func BenchmarkEmittedGoVsModel(b *testing.B) {
	r, res, batch := benchProgram(b)
	dir := b.TempDir()
	bin, err := buildEmittedGo(res.Program, dir)
	if err != nil {
		b.Fatal(err)
	}
	var lines strings.Builder
	for _, xs := range batch.Xs {
		line, _ := json.Marshal(xs)
		lines.Write(append(line, '\n'))
	}
	seqFile := filepath.Join(dir, "sequences.jsonl")
	if err := os.WriteFile(seqFile, []byte(lines.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	ys, err := r.Predict(batch.Xs, dt.Hard, false) // also compiles the model's graph
	if err != nil {
		b.Fatal(err)
	}
	var want float64
	for _, y := range ys.Y {
		want += y[len(y)-1][0]
	}
	var goTime, goInto, model time.Duration
	for i := 0; i < b.N; i++ {
		out, err := exec.Command(bin, seqFile, "20").Output()
		if err != nil {
			b.Fatal(err)
		}
		var ns, nsInto int64
		var sum float64
		if _, err := fmt.Sscan(string(out), &ns, &nsInto, &sum); err != nil {
			b.Fatalf("reading the timing %q: %v", out, err)
		}
		if math.Abs(sum-want) > 1e-6*math.Max(1, math.Abs(want)) {
			b.Fatalf("the Go program's checksum %v differs from the model's %v", sum, want)
		}
		goTime, goInto = goTime+time.Duration(ns), goInto+time.Duration(nsInto)
		start := time.Now()
		if _, err := r.Predict(batch.Xs, dt.Hard, false); err != nil {
			b.Fatal(err)
		}
		model += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(goTime.Seconds()/n*1e3, "ms-go-program")
	b.ReportMetric(model.Seconds()/n*1e3, "ms-model")
	b.ReportMetric(model.Seconds()/goTime.Seconds(), "model/go-program")
	b.ReportMetric(goInto.Seconds()/n*1e3, "ms-go-into")
	b.ReportMetric(model.Seconds()/goInto.Seconds(), "model/go-into")
}
