package dt

import (
	"fmt"
	"os"
	"testing"

	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// BenchmarkTrainStep measures one training step (forward, backward and Adam update, soft mode)
// of a default model on parity_last2-shaped data, at several batch sizes.
func BenchmarkTrainStep(b *testing.B) {
	for _, batch := range []int{256, 1024} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			r, err := newRun(mustTask("parity_last2"), 1, fmt.Sprintf("batch_size=%d;%s", batch, os.Getenv("SET")), 0, nil)
			if err != nil {
				b.Fatal(err)
			}
			exec, err := r.trainExec(false)
			if err != nil {
				b.Fatal(err)
			}
			data := r.Task.Sample(r.rng(task.StreamTrain, 0), batch, r.Task.Length)
			x, y := batchTensors(data)
			if _, err := exec.Exec(x, y); err != nil { // compile
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := exec.Exec(x, y); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func mustTask(name string) *task.Task {
	t, err := registry.Lookup(name)
	if err != nil {
		panic(err)
	}
	return t
}
