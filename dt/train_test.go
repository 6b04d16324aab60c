package dt

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestDeterminism: the same seed gives the same data, the same training curve and the same
// model; another seed does not.
func TestDeterminism(t *testing.T) {
	run := func(seed int64) ([]Metric, []string) {
		dir := t.TempDir()
		r, err := Train(TrainOptions{Task: mustTask("parity_last2"), Seed: seed, Dir: dir,
			Settings: "steps=60;batch_size=32;eval_size=100;metrics_every=10"})
		if err != nil {
			t.Fatal(err)
		}
		ms, err := ReadMetrics(filepath.Join(dir, MetricsFile))
		if err != nil {
			t.Fatal(err)
		}
		for i := range ms {
			ms[i].Seconds = 0 // wall time is the one thing allowed to differ
		}
		return ms, r.Report.Structure
	}
	m1, s1 := run(3)
	m2, s2 := run(3)
	if len(m1) != 6 {
		t.Fatalf("got %d metric records, want 6", len(m1))
	}
	if !reflect.DeepEqual(m1, m2) || !reflect.DeepEqual(s1, s2) {
		t.Errorf("same seed, different runs:\n%+v\n%+v", m1[len(m1)-1], m2[len(m2)-1])
	}
	m3, _ := run(4)
	if reflect.DeepEqual(m1, m3) {
		t.Error("seeds 3 and 4 gave identical training curves")
	}
}

// TestTrainParityLast2 trains the paper's Figure 1 task end to end (kept short: 1000 steps) and
// checks the hard model is exact on the 10,000 held-out sequences of the report, that it points
// a head at x[t-1], and that a second Train on the same folder loads the finished run instead
// of training again.
func TestTrainParityLast2(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	dir := t.TempDir()
	opts := TrainOptions{Task: mustTask("parity_last2"), Seed: 1, Dir: dir, Settings: "steps=1000"}
	r, err := Train(opts)
	if err != nil {
		t.Fatal(err)
	}
	rep := r.Report
	if rep.EvalSequences != 10000 || rep.HardSequenceAccuracy != 1 {
		t.Fatalf("hard model: %.4f of %d sequences exact, want all; structure %v",
			rep.HardSequenceAccuracy, rep.EvalSequences, rep.Structure)
	}
	st, err := r.Structure()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range st.Heads {
		found = found || (h.Family == FamilyPrevious && h.Offset == 1 && st.SlotNames[h.Value] == "x")
	}
	if !found {
		t.Errorf("no head reads x[t-1]: %v", st.Describe())
	}
	for _, f := range []string{SettingsFile, MetricsFile, ReportFile, CheckpointDir} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("run folder lacks %s: %v", f, err)
		}
	}
	again, err := Train(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Report, rep) {
		t.Errorf("re-running a finished run changed its report")
	}
}
