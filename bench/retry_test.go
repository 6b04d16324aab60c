package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// TestRetryPlan: only near misses are retried (trained, within the give-up bar, not verified),
// the closest first, at most n, each in its own folder with the rung's settings; a
// retry left over goes to the closest near miss again, with twice the steps.
func TestRetryPlan(t *testing.T) {
	ladder := []Arch{{"a", "heads=1"}, {"b", "heads=2"}, {"c", "heads=3"}, {"d", "heads=4"}, {"e", "heads=5"}}
	attempts := []Attempt{
		{Arch: "a", Failure: trainingFailed + "given up"},
		{Arch: "b", Trained: true, HardAccuracy: 0.1, HardRelativeMSE: 0.15},
		{Arch: "c", Trained: true, HardAccuracy: 0.6, HardRelativeMSE: 0.9}, // far off: lacks capacity
		{Arch: "d", Trained: true, Extracted: true, HardAccuracy: 0.7, HardRelativeMSE: 0.01},
		{Arch: "e", Trained: true, HardAccuracy: 0, HardRelativeMSE: 0.2},
	}
	plan := func(attempts []Attempt, n int) string {
		var names []string
		for _, r := range retryPlan(attempts, ladder, n) {
			names = append(names, fmt.Sprintf("%s %s (seed +%d)", r.arch.Name, r.arch.Settings, retrySeed(0, r.k)))
		}
		return strings.Join(names, ", ")
	}
	if got, want := plan(attempts, 2), "d.retry1 heads=4 (seed +1000), b.retry1 heads=2 (seed +1000)"; got != want {
		t.Errorf("plan %q, want %q", got, want)
	}
	// Fewer near misses than retries: the closest once more, longer, with another seed.
	if got, want := plan(attempts, 5), "d.retry1 heads=4 (seed +1000), b.retry1 heads=2 (seed +1000), e.retry1 heads=5 (seed +1000), d.retry2 heads=4;steps=4000 (seed +2000)"; got != want {
		t.Errorf("plan %q, want %q", got, want)
	}
	if got, want := plan(attempts[:1], 2), ""; got != want {
		t.Errorf("no near miss: plan %q, want none", got)
	}
	verified := append(attempts, Attempt{Arch: "e", Trained: true, Verified: true})
	if nearMiss(verified[len(verified)-1]) {
		t.Error("a verified attempt is not a near miss")
	}
	if !nearMiss(Attempt{Arch: "f", Trained: true, HardAccuracy: 1, HardRelativeMSE: 0}) {
		t.Error("an exact model whose extraction failed is a near miss: a fresh seed may choose a decomposition that extracts")
	}
	if retrySeed(2, 1) != 1002 {
		t.Errorf("retry seed %d", retrySeed(2, 1))
	}
	for _, tc := range []struct{ option, n int }{{0, DefaultRetries}, {-1, 0}, {3, 3}} {
		if got := (Options{Retries: tc.option}).retries(); got != tc.n {
			t.Errorf("Retries %d: %d retries, want %d", tc.option, got, tc.n)
		}
	}
}

// TestSearchRetriesNearMiss: a search whose only rung was a near miss (an attempt read back
// from its folder) trains the rung again with a fresh seed, in its own folder, and chooses and
// certifies the retry's verified program (seed 1002 trains parity_last2 in 600 steps; seed
// 1001 does not, which is why retries exist); with retries off it does not.
func TestSearchRetriesNearMiss(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	tk, err := registry.Lookup("parity_last2")
	if err != nil {
		t.Fatal(err)
	}
	rung := Arch{"a1_h1", "heads=1;mlps=1"}
	opts := Options{Ladder: []Arch{rung}, Settings: "steps=600", Code: "code-A"}
	// plantMiss writes a near miss of the rung in a search folder, with the stamp it would carry.
	plantMiss := func(dir string, opts Options) {
		t.Helper()
		miss := Attempt{Arch: rung.Name, Trained: true, HardAccuracy: 0.3, HardRelativeMSE: 0.1, Stamp: opts.stamp(opts.attemptSettings(rung))}
		if err := os.MkdirAll(filepath.Join(dir, rung.Name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := dt.WriteJSONAtomic(filepath.Join(dir, rung.Name, AttemptFile), miss); err != nil {
			t.Fatal(err)
		}
	}

	off := opts
	off.Retries = -1
	dir := t.TempDir()
	plantMiss(dir, off)
	out, err := Search(tk, 2, dir, off)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Attempts) != 1 || out.HasProgram() {
		t.Errorf("with retries off: %d attempts, program %q", len(out.Attempts), out.Program)
	}

	dir = t.TempDir()
	plantMiss(dir, opts)
	out, err = Search(tk, 2, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Attempts) != 2 || out.Attempts[1].Arch != "a1_h1.retry1" {
		t.Fatalf("attempts %+v, want the near miss and its retry", out.Attempts)

	}
	if out.Arch != "a1_h1.retry1" || out.Level != extraction.LevelVerified {
		t.Errorf("chose %s at level %q (%s), want the retry, verified", out.Arch, out.Level, out.Failure)
	}
	r, err := dt.Open(filepath.Join(dir, out.Arch), func(string) (*task.Task, error) { return tk, nil })
	if err != nil {
		t.Fatal(err)
	}
	if r.Seed != retrySeed(2, 1) {
		t.Errorf("the retry trained with seed %d, want %d", r.Seed, retrySeed(2, 1))
	}
}
