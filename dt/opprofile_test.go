//go:build opprofile

package dt

// The op-level profile of a training step: scripts/op-profile.sh builds this file against a
// copy of simplego whose executeNode times every operation (the build tag keeps it out of
// every other build, since the stock simplego has no such hook).

import (
	"os"
	"strconv"
	"testing"

	"github.com/discretetransformer/w2c/task"

	"github.com/gomlx/gomlx/backends/simplego"
)

// profilePredict times the hard model's prediction on 4 chunks of held-out sequences (what
// certification and evaluation run) instead of training steps, with the model's initial weights.
func profilePredict(t *testing.T, r *Run) {
	b := r.Task.Draw(r.Seed, task.StreamTest, 0, 8192, r.Task.Length)
	if _, err := r.Predict(b.Xs, Hard, false); err != nil { // compile
		t.Fatal(err)
	}
	simplego.ProfReset()
	for range 4 {
		if _, err := r.Predict(b.Xs, Hard, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := simplego.ProfWrite(os.Getenv("SIMPLEGO_PROF"), 4); err != nil {
		t.Fatal(err)
	}
}

// TestOpProfile times 200 training steps (soft mode, batch $BATCH, default 128) of a model on a
// task, $TASK (default parity_last2) with the settings $SET, and writes the time of each operation type and
// of each operation (by shapes) to $SIMPLEGO_PROF.
func TestOpProfile(t *testing.T) {
	name := os.Getenv("TASK")
	if name == "" {
		name = "parity_last2"
	}
	batch := 128
	if b, err := strconv.Atoi(os.Getenv("BATCH")); err == nil && b > 0 {
		batch = b
	}
	r, exec, x, y := compiledTrainStep(t, name, batch, os.Getenv("SET"))
	if os.Getenv("PREDICT") != "" {
		profilePredict(t, r)
		return
	}
	simplego.ProfReset()
	for range 200 {
		if _, err := exec.Exec(x, y); err != nil {
			t.Fatal(err)
		}
	}
	if err := simplego.ProfWrite(os.Getenv("SIMPLEGO_PROF"), 200); err != nil {
		t.Fatal(err)
	}
}
