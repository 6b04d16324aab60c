package extraction

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

var benchRun = sync.OnceValues(func() (*dt.Run, error) {
	tk, err := registry.Lookup("sum_last2")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "w2c-bench")
	if err != nil {
		return nil, err
	}
	return dt.Train(dt.TrainOptions{Task: tk, Seed: 1, Dir: dir, Settings: "steps=1000"})
})

// BenchmarkExtract measures a whole extraction of a trained sum_last2 model: observation,
// hypothesis tests, symbolic regression, assembly, polishing and verification on 2 x 10,000
// sequences.
func BenchmarkExtract(b *testing.B) {
	r, err := benchRun()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, err := Extract(r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgramVsModel runs the extracted program (the IR interpreter) and the hard model on
// the same 10,000 sequences, and reports both times and their ratio.
func BenchmarkProgramVsModel(b *testing.B) {
	r, res, batch := benchProgram(b)
	compiled, err := res.Program.Compile()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := r.Predict(batch.Xs, dt.Hard, false); err != nil { // compile the model's graph
		b.Fatal(err)
	}
	var prog, model time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := runAll(compiled, batch.Xs); err != nil {
			b.Fatal(err)
		}
		prog += time.Since(start)
		start = time.Now()
		if _, err := r.Predict(batch.Xs, dt.Hard, false); err != nil {
			b.Fatal(err)
		}
		model += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(prog.Seconds()/n*1e3, "ms-program")
	b.ReportMetric(model.Seconds()/n*1e3, "ms-model")
	b.ReportMetric(model.Seconds()/prog.Seconds(), "model/program")
}

// benchProgram returns the trained sum_last2 run of the benchmarks, its verified extraction and
// the 10,000 sequences that the program and the model are timed on.
func benchProgram(b *testing.B) (*dt.Run, *Result, *task.Batch) {
	r, err := benchRun()
	if err != nil {
		b.Fatal(err)
	}
	res, err := Extract(r, Options{})
	if err != nil || !res.Verified {
		b.Fatalf("extraction: %v %s", err, res.Failure)
	}
	return r, res, r.Task.Sample(task.RNG(1, task.StreamVerify, 9), 10000, r.Task.Length)
}
