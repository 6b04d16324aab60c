package dt

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"

	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// BenchmarkTrainStep measures one training step (forward, backward and Adam update, soft mode)
// of a default model on parity_last2's data, and reports its FLOPs and the achieved GFLOP/s
// (compare with BenchmarkMatMul512, the backend's rate on a large matrix product). SET adds
// settings, e.g. SET="layers=2" go test -bench TrainStep ./dt; BATCHES replaces the batch sizes,
// e.g. BATCHES=8,16,32,64.
func BenchmarkTrainStep(b *testing.B) {
	for _, batch := range benchBatches(b) {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			r, exec, x, y := compiledTrainStep(b, "parity_last2", batch, os.Getenv("SET"))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := exec.Exec(x, y); err != nil {
					b.Fatal(err)
				}
			}
			flops := 3 * r.Model.ForwardFLOPs(r.Task.Length) * float64(batch)
			b.ReportMetric(flops/1e6, "MFLOP/step")
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// benchBatches returns the batch sizes of BenchmarkTrainStep: $BATCHES (comma separated) or
// 32, 128 and 1024.
func benchBatches(b *testing.B) []int {
	env := os.Getenv("BATCHES")
	if env == "" {
		return []int{32, 128, 1024}
	}
	var out []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("BATCHES=%q: %q is not a positive batch size", env, f)
		}
		out = append(out, n)
	}
	return out
}

// BenchmarkMatMul512 measures the backend on a 512x512 float32 matrix product: the reference
// rate for the training step's GFLOP/s.
func BenchmarkMatMul512(b *testing.B) {
	backend, err := NewBackend()
	if err != nil {
		b.Fatal(err)
	}
	exec := MustNewExec(backend, func(x, y *Node) *Node { return MatMul(x, y) })
	a := tensors.FromFlatDataAndDimensions(make([]float32, 512*512), 512, 512)
	exec.MustExec(a, a)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		exec.MustExec(a, a)
	}
	b.ReportMetric(2*512*512*512*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// compiledTrainStep builds a model of the task with the settings and its soft-mode training step
// at the given batch size, draws one batch, and runs the step once (compiling it), for
// benchmarks and profiles that time the steps after it.
func compiledTrainStep(tb testing.TB, name string, batch int, settings string) (*Run, *context.Exec, *tensors.Tensor, *tensors.Tensor) {
	tb.Helper()
	r, err := newRun(mustTask(name), 1, fmt.Sprintf("batch_size=%d;%s", batch, settings), 0, nil)
	if err != nil {
		tb.Fatal(err)
	}
	exec, err := r.trainExec(false)
	if err != nil {
		tb.Fatal(err)
	}
	x, y := batchTensors(r.Task.Draw(r.Seed, task.StreamTrain, 0, batch, r.Task.Length))
	if _, err := exec.Exec(x, y); err != nil { // compile
		tb.Fatal(err)
	}
	return r, exec, x, y
}

func mustTask(name string) *task.Task {
	t, err := registry.Lookup(name)
	if err != nil {
		panic(err)
	}
	return t
}
