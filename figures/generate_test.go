package figures

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
)

// TestGenerateSmoke makes every figure from tiny runs (200 steps) with no benchmark folders:
// the main table, the physics figures and the noise study are skipped with a message (nothing
// is trained in their place), and a second call trains nothing.
func TestGenerateSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("trains small models")
	}
	dir := t.TempDir()
	var log bytes.Buffer
	opts := Options{Bench: filepath.Join(dir, "nobench"), Physics: filepath.Join(dir, "nophysics"), Noise: filepath.Join(dir, "nonoise"), Learned: filepath.Join(dir, "nolearned"), Out: dir,
		Steps: 200, Set: "eval_size=200", AnnealingTasks: []string{"parity_last2"}, Seeds: 1, RolloutSteps: 50,
		Settings: Settings[4:6], Log: &log}
	s, err := Generate(opts)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if len(s.Skipped) != 4 || !strings.Contains(s.Skipped[0], "main table: no mips suite in") ||
		!strings.Contains(s.Skipped[1], "physics: no physics suite in") || !strings.Contains(s.Skipped[2], "noise study: no noise suite in") ||
		!strings.Contains(s.Skipped[3], "learned heads: no learned-heads suite in") {
		t.Errorf("skipped %q, want the main table, physics, the noise study and the learned heads", s.Skipped)
	}
	for _, f := range s.Written {
		info, err := os.Stat(f)
		if err != nil || info.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f, err)
		}
	}
	index, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"pipeline.svg", "pipeline_program.txt", "annealing_tau.png", "inductive_bias.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written", f)
		}
		if !strings.Contains(string(index), f) {
			t.Errorf("the index does not list %s", f)
		}
	}
	for _, f := range []string{"main_table", "physics_"} {
		if strings.Contains(string(index), f) {
			t.Errorf("the index lists %s, which was skipped", f)
		}
		if fs, _ := filepath.Glob(filepath.Join(dir, f+"*")); len(fs) > 0 {
			t.Errorf("%s written, though its suite is missing", fs)
		}
	}
	if !strings.Contains(log.String(), "training abs_diff") || strings.Count(log.String(), "training abs_diff") != 1 {
		t.Errorf("the two abs_diff settings should share one training:\n%s", log.String())
	}

	log.Reset()
	if _, err := Generate(opts); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), "training ") || strings.Contains(log.String(), "extracting ") {
		t.Errorf("the second call trained or extracted again:\n%s", log.String())
	}
}

// TestEnsureOpensFinishedRuns checks that a finished run is opened with the settings it was made
// with, even when the spec asks for others (the defaults changed since, say).
func TestEnsureOpensFinishedRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a small model")
	}
	dir := t.TempDir()
	spec := RunSpec{Task: "sum_last2", Seed: 1, Steps: 100, Settings: "eval_size=100"}
	if _, err := EnsureTrained(spec, dir, nil); err != nil {
		t.Fatal(err)
	}
	spec.Settings = "eval_size=100;hidden=8"
	r, err := EnsureTrained(spec, dir, nil)
	if err != nil {
		t.Fatalf("a finished run should open whatever the spec says: %v", err)
	}
	if hidden := dt.ParamHidden.Get(r.Ctx); hidden != 16 {
		t.Errorf("hidden %d, want the saved 16", hidden)
	}
}
