package bench

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// TestAttemptRanking: the closest attempt is a trained one before a failed training, an
// extracted program before a model alone, whatever their accuracies; among attempts given up,
// the one that was closest to the targets then.
func TestAttemptRanking(t *testing.T) {
	far := Attempt{Arch: "far", Failure: trainingFailed + "given up", GaveUpLoss: 2.5}
	failed := Attempt{Arch: "failed", Failure: trainingFailed + "given up", GaveUpLoss: 0.6}
	poor := Attempt{Arch: "poor", Trained: true, HardAccuracy: 0, HardRelativeMSE: 0.7}
	good := Attempt{Arch: "good", Trained: true, HardAccuracy: 0.4, HardRelativeMSE: 0.1}
	extracted := Attempt{Arch: "extracted", Trained: true, Extracted: true, HardAccuracy: 0.2}
	correct := Attempt{Arch: "correct", Trained: true, Extracted: true, Correct: true, HardAccuracy: 0.1}
	verified := Attempt{Arch: "verified", Trained: true, Extracted: true, Correct: true, Verified: true, HardAccuracy: 0.1}
	order := []Attempt{far, failed, poor, good, extracted, correct, verified}
	for i := 1; i < len(order); i++ {
		if order[i].score() <= order[i-1].score() {
			t.Errorf("%s (%.3g) does not rank above %s (%.3g)", order[i].Arch, order[i].score(), order[i-1].Arch, order[i-1].score())
		}
	}
}

// TestBestSeed: a verified seed with the smallest program first, then a corrected one, then a
// seed with a program, then the most accurate model.
func TestBestSeed(t *testing.T) {
	row := func(os ...Outcome) Row { return Row{Outcomes: os} }
	v := func(seed int64, size int) Outcome {
		return Outcome{Seed: seed, Level: extraction.LevelVerified, Verified: true, Correct: true, Program: "p", Size: size}
	}
	c := Outcome{Seed: 4, Level: extraction.LevelCorrected, Correct: true, Program: "p", Size: 1}
	p := Outcome{Seed: 5, Program: "p", HardAccuracy: 0.1}
	m := Outcome{Seed: 6, HardAccuracy: 0.9}
	for _, tc := range []struct {
		row  Row
		seed int64
	}{
		{row(v(1, 9), v(2, 5), c), 2},
		{row(v(2, 5), v(1, 5)), 1},
		{row(m, p, c), 4},
		{row(m, p), 5},
		{row(Outcome{Seed: 7, HardAccuracy: 0.5}, m), 6},
	} {
		if got := tc.row.Best().Seed; got != tc.seed {
			t.Errorf("best seed %d, want %d", got, tc.seed)
		}
	}
	r := row(v(1, 9), c, m)
	if r.Verified() != 1 || r.Corrected() != 1 || r.Level() != extraction.LevelVerified {
		t.Errorf("verified %d, corrected %d, level %q", r.Verified(), r.Corrected(), r.Level())
	}
}

// TestRecordReads: the outcome lists the attention reads the program makes, not every head the
// extraction explained.
func TestRecordReads(t *testing.T) {
	p, err := program.Parse("program sum_all(x) -> y:\n  for t:\n    s = sum(x[0..t])\n    y = s\n")
	if err != nil {
		t.Fatal(err)
	}
	res := &extraction.Result{Program: p, Code: program.Format(p), Size: p.Size(),
		Heads: []extraction.HeadReport{{Hypothesis: "sum x[0..t]", Accepted: true}, {Hypothesis: "x[t-6]", Accepted: true}}}
	var o Outcome
	o.record(Attempt{Arch: "a2", Verified: true, HardAccuracy: 1}, res)
	if strings.Join(o.Reads, ";") != "sum(x[0..t])" || !o.Selected || o.Arch != "a2" {
		t.Errorf("reads %q, selected %v, arch %q", o.Reads, o.Selected, o.Arch)
	}
	o.record(Attempt{Arch: "a3", HardAccuracy: 0.3}, nil)
	if o.HasProgram() || o.Reads != nil || o.Selected {
		t.Errorf("an attempt without a program kept %q %q", o.Program, o.Reads)
	}
}

// writeOutcome saves an outcome in a suite folder, as search does.
func writeOutcome(t *testing.T, out string, o Outcome) {
	t.Helper()
	dir := seedDir(out, o.Task, o.Seed)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := dt.WriteJSONAtomic(filepath.Join(dir, OutcomeFile), o); err != nil {
		t.Fatal(err)
	}
}

// TestTableStamps: a table of outcomes with one stamp names it; outcomes of another code are
// refused and listed, unless mixing is asked for; cells without a program show "-".
func TestTableStamps(t *testing.T) {
	out := t.TempDir()
	tk, err := registry.Lookup("parity_last2")
	if err != nil {
		t.Fatal(err)
	}
	a := Stamp{Code: "aaaa", Go: "go1", Settings: "ladder"}
	cert := &extraction.Certificate{Level: extraction.LevelVerified, Exhaustive: true, Sequences: 1024}
	writeOutcome(t, out, Outcome{Task: tk.Name, Seed: 1, Level: extraction.LevelVerified, Verified: true, Correct: true,
		Program: "y = x != x[t-1]", Size: 3, Reads: []string{"x[t-1]"}, ProgramAccuracy: 1, ProgramAccuracyLong: 1,
		Certificate: cert, Stamp: a})
	writeOutcome(t, out, Outcome{Task: tk.Name, Seed: 2, Failure: "training: given up", Stamp: a})
	s, err := Table(out, []*task.Task{tk}, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Ours != 1 || s.Exhaustive != 1 || s.Stamp != a {
		t.Errorf("summary %+v", s)
	}
	md, _ := os.ReadFile(filepath.Join(out, MarkdownFile))
	for _, want := range []string{"Made by code `aaaa`", "| 1 / 0 of 2 | exhaustive (1,024) |", "x[t-1]"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("results.md lacks %q:\n%s", want, md)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, CSVFile))
	if !strings.Contains(string(csv), "parity_last2,✓,✓,2,,false,false,false,,,,0,0.0000,,,,,,,0,training: given up,0.0,aaaa,") {
		t.Errorf("the seed without a program should have empty program cells:\n%s", csv)
	}

	writeOutcome(t, out, Outcome{Task: tk.Name, Seed: 3, Stamp: Stamp{Code: "bbbb", Go: "go1", Settings: "ladder"}})
	_, err = Table(out, []*task.Task{tk}, TableOptions{})
	var mixed *MixedError
	if !errors.As(err, &mixed) || len(mixed.Stale) != 1 || !strings.Contains(mixed.Stale[0], "parity_last2 seed 3 (made by code bbbb, not aaaa)") {
		t.Fatalf("want a refusal naming seed 3, got %v", err)
	}
	if _, err := Table(out, []*task.Task{tk}, TableOptions{Mixed: true}); err != nil {
		t.Fatal(err)
	}
	md, _ = os.ReadFile(filepath.Join(out, MarkdownFile))
	if !strings.Contains(string(md), "**Mixed**: 1 task seeds") {
		t.Errorf("a mixed table should say so:\n%s", md)
	}
}

// TestStampsAcrossLadders: in the suite "all", the MIPS tasks' searches and the physical
// systems' have their own default ladders and are one setting; a search with another ladder
// is not.
func TestStampsAcrossLadders(t *testing.T) {
	var rows []Row
	for _, name := range []string{"parity_last2", "spring"} {
		tk, err := registry.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		st := Stamp{Code: "aaaa", Go: "go1", Settings: Options{}.searchSettings(LadderFor(tk))}
		rows = append(rows, Row{Task: tk, Outcomes: []Outcome{{Task: name, Seed: 1, Stamp: st}, {Task: name, Seed: 2, Stamp: st}}})
	}
	common, stale := stamps(rows)
	if len(stale) != 0 || common.Code != "aaaa" || !strings.HasPrefix(common.Settings, "ladder: a0_mlp") {
		t.Fatalf("default ladders: common %+v, stale %v", common, stale)
	}
	rows[1].Outcomes[1].Stamp.Settings = Options{}.searchSettings(LearnedLadder)
	if _, stale = stamps(rows); len(stale) != 1 || !strings.Contains(stale[0], "spring seed 2 (made with other settings)") {
		t.Fatalf("another ladder: stale %v", stale)
	}
}

// TestResumeRerunsStale runs a one-rung search twice with the same code (the second reads
// everything back) and once with other code (it redoes the attempt and the outcome), then
// checks the kept files.
func TestResumeRerunsStale(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	tk, err := registry.Lookup("parity_last2")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	opts := Options{Out: out, Seeds: 1, Jobs: 1, Ladder: []Arch{{"a1_h1", "heads=1;mlps=1"}}, Settings: "steps=600", Code: "code-A"}
	jobs := Jobs([]*task.Task{tk}, 1, Shard{0, 1})
	run := func(code string) Outcome {
		t.Helper()
		opts.Code = code
		os, err := Run(jobs, opts)
		if err != nil {
			t.Fatal(err)
		}
		return os[0]
	}
	attemptFile := filepath.Join(seedDir(out, tk.Name, 1), "a1_h1", AttemptFile)
	first := run("code-A")
	if first.Stamp.Code != "code-A" || first.Certificate == nil || first.Level != extraction.LevelVerified {
		t.Fatalf("first search: stamp %q, level %q, failure %q", first.Stamp.Code, first.Level, first.Failure)
	}
	info1, err := os.Stat(attemptFile)
	if err != nil {
		t.Fatal(err)
	}
	again := run("code-A")
	info2, _ := os.Stat(attemptFile)
	if again.Seconds != first.Seconds || !info2.ModTime().Equal(info1.ModTime()) {
		t.Errorf("the same code redid the search (%.3f s vs %.3f s) or the attempt", again.Seconds, first.Seconds)
	}
	other := run("code-B")
	var a Attempt
	if err := dt.ReadJSON(attemptFile, &a); err != nil {
		t.Fatal(err)
	}
	if other.Stamp.Code != "code-B" || a.Stamp.Code != "code-B" || other.Seconds == first.Seconds {
		t.Errorf("other code: outcome stamp %q, attempt stamp %q: the stale search was not redone", other.Stamp.Code, a.Stamp.Code)
	}
	files, err := KeptFiles(out, []*task.Task{tk})
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(files, "\n")
	for _, want := range []string{OutcomeFile, AttemptFile, extraction.ExtractionFile, "checkpoint"} {
		if !strings.Contains(joined, want) {
			t.Errorf("kept files lack %s:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, dt.MetricsFile) {
		t.Errorf("kept files include the training curve:\n%s", joined)
	}
}
