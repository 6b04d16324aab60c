package figures

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/bench"
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/registry"
)

// writeOutcomes writes, in a suite folder, the outcome.json of seeds 1..seeds of the first n
// tasks of a group; verified names the tasks with a verified program (of arch "a").
func writeOutcomes(t *testing.T, dir, group string, n, seeds int, verified ...string) {
	t.Helper()
	for i, task := range registry.Group(group) {
		if i >= n {
			break
		}
		for seed := int64(1); seed <= int64(seeds); seed++ {
			o := bench.Outcome{Task: task.Name, Index: task.Index, Seed: seed, Arch: "a", Seconds: float64(seed) * 1.5}
			if containsName(verified, task.Name) {
				o.Level, o.Verified, o.Correct, o.Selected = extraction.LevelVerified, true, true, true
				o.Program, o.Size = "program p(x) -> y:\n  for t:\n    y = x\n", 2
			}
			path := filepath.Join(dir, "runs", task.Name, fmt.Sprintf("seed%d", seed), bench.OutcomeFile)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := dt.WriteJSONAtomic(path, o); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// prefill writes files with known contents in dir and returns them.
func prefill(t *testing.T, dir string, names ...string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, name := range names {
		files[name] = "committed " + name + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func checkUnchanged(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s was changed or removed (%v): %q", name, err, got)
		}
	}
}

// TestGenerateNeverOverwritesWithPartial checks that a missing or partial suite folder leaves
// the committed files of its figures as they are, that the skip says why, and that the index
// still lists them.
func TestGenerateNeverOverwritesWithPartial(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "figures")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	committed := prefill(t, out, "physics_laws.md", "physics_spring.svg", "physics_spring.png", "physics_pendulum.svg",
		"main_table.md", "main_table_full.md", "main_solved.svg", "main_solved.png")
	mips := filepath.Join(dir, "mips")
	writeOutcomes(t, mips, "mips", 5, 3, "parity_last2") // 5 of the 62 tasks
	if err := os.WriteFile(filepath.Join(mips, bench.MarkdownFile), []byte("partial results.md\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Bench: mips, Physics: filepath.Join(dir, "nophysics"), Out: out,
		only: []string{"main table", "physics"}}
	s, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	checkUnchanged(t, out, committed)
	if len(s.Skipped) != 2 || !strings.Contains(s.Skipped[0], "main table: the mips suite in") ||
		!strings.Contains(s.Skipped[0], "is partial: tasks without outcome.json: 57 of 62") ||
		!strings.Contains(s.Skipped[1], "physics: no physics suite in") {
		t.Errorf("skipped %q", s.Skipped)
	}
	index, err := os.ReadFile(filepath.Join(out, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	for name := range committed {
		if !strings.Contains(string(index), name) {
			t.Errorf("the index does not list %s, which is in the folder", name)
		}
	}

	// A task with fewer seeds than the others is partial too.
	mips2 := filepath.Join(dir, "mips2")
	writeOutcomes(t, mips2, "mips", 62, 3)
	if err := os.RemoveAll(filepath.Join(mips2, "runs", "parity_last2", "seed3")); err != nil {
		t.Fatal(err)
	}
	opts.Bench, opts.only = mips2, []string{"main table"}
	if s, err = Generate(opts); err != nil {
		t.Fatal(err)
	}
	checkUnchanged(t, out, committed)
	if len(s.Skipped) != 1 || !strings.Contains(s.Skipped[0], "tasks with fewer than 3 seeds: 1 (parity_last2 (2))") {
		t.Errorf("skipped %q", s.Skipped)
	}

	// A complete physics suite whose verified system's chosen attempt is not there.
	phys := filepath.Join(dir, "physics")
	writeOutcomes(t, phys, "physics", 100, 1, "spring")
	opts.Physics, opts.only = phys, []string{"physics"}
	if s, err = Generate(opts); err != nil {
		t.Fatal(err)
	}
	checkUnchanged(t, out, committed)
	if len(s.Skipped) != 1 || !strings.Contains(s.Skipped[0], "lacks the chosen attempt of spring") {
		t.Errorf("skipped %q", s.Skipped)
	}

	// With Partial, a partial suite is drawn as it is.
	opts.only = []string{"main table"}
	opts.Partial = true
	if s, err = Generate(opts); err != nil || len(s.Skipped) != 0 {
		t.Fatalf("partial: %v, skipped %q", err, s.Skipped)
	}
	if table, _ := os.ReadFile(filepath.Join(out, "main_table.md")); !strings.Contains(string(table), "| parity_last2 | ✓ | ✓ | ✗ | 0/2 |") {
		t.Errorf("the partial table:\n%s", table)
	}
}

// TestGenerateMainTableFromOutcomes makes the main table of a complete suite folder that holds
// only the outcomes and results.md (as committed), twice: the same bytes both times.
func TestGenerateMainTableFromOutcomes(t *testing.T) {
	dir := t.TempDir()
	mips := filepath.Join(dir, "mips")
	writeOutcomes(t, mips, "mips", 62, 3, "parity_last2", "sum_last2")
	full := "| # | task | time (s) |\n|---|---|---|\n| 1 | parity_last2 | 12 |\n\nSearch time 12 s.\n"
	if err := os.WriteFile(filepath.Join(mips, bench.MarkdownFile), []byte(full), 0o644); err != nil {
		t.Fatal(err)
	}
	outs := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	for _, out := range outs {
		s, err := Generate(Options{Bench: mips, Physics: filepath.Join(dir, "nophysics"), Out: out, only: []string{"main table"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Skipped) != 0 || len(s.Written) != 5 {
			t.Errorf("skipped %q, wrote %q", s.Skipped, s.Written)
		}
	}
	table, err := os.ReadFile(filepath.Join(outs[0], "main_table.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(table), "ours 2, MIPS") || !strings.Contains(string(table), "| parity_last2 | ✓ | ✓ | ✓ | 3/3 | `y = x` | 2 |") {
		t.Errorf("main table:\n%s", table)
	}
	if got, _ := os.ReadFile(filepath.Join(outs[0], "main_table_full.md")); string(got) != full {
		t.Errorf("main_table_full.md is not the suite's results.md:\n%s", got)
	}
	diffs, err := Compare(outs[0], outs[1])
	if err != nil || len(diffs) != 0 {
		t.Errorf("two generations differ: %v %v", diffs, err)
	}
}

func TestMaskTimings(t *testing.T) {
	a := "| # | task | time (s) | size |\n|---|---|---|---|\n| 1 | a \\| b | 127 | 5 |\n\nSearch time 5122 s (sum).\n1000 steps\n"
	b := "| # | task | time (s) | size |\n|---|---|---|---|\n| 1 | a \\| b | 98 | 5 |\n\nSearch time 4000.5 s (sum).\n1000 steps\n"
	if MaskTimings(a) != MaskTimings(b) {
		t.Errorf("masked:\n%s\n%s", MaskTimings(a), MaskTimings(b))
	}
	if !strings.Contains(MaskTimings(a), "| 1 | a \\| b | … | 5 |") || !strings.Contains(MaskTimings(a), "1000 steps") {
		t.Errorf("masked:\n%s", MaskTimings(a))
	}
	for _, c := range []string{
		strings.Replace(a, "| 5 |", "| 6 |", 1), // another size
		strings.Replace(a, "a \\| b", "a \\| c", 1),
		strings.Replace(a, "|---|---|---|---|", "|---|---|---|", 1),
	} {
		if MaskTimings(a) == MaskTimings(c) {
			t.Errorf("a difference other than times was masked:\n%s", c)
		}
	}
}

func TestCompare(t *testing.T) {
	dir := t.TempDir()
	want, got := filepath.Join(dir, "want"), filepath.Join(dir, "got")
	for _, d := range []string{want, got} {
		if err := os.MkdirAll(filepath.Join(d, "runs"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(d, name, text string) {
		if err := os.WriteFile(filepath.Join(d, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{want, got} {
		write(d, "same.svg", "<svg/>")
		write(d, "x.go", "package "+filepath.Base(d)) // not a figure
	}
	write(want, "table.md", "| task | time (s) |\n|---|---|\n| a | 12 |\n")
	write(got, "table.md", "| task | time (s) |\n|---|---|\n| a | 13 |\n")
	if diffs, err := Compare(want, got); err != nil || len(diffs) != 0 {
		t.Fatalf("%v %v", diffs, err)
	}
	write(want, "a.png", "\x89PNG1")
	write(got, "a.png", "\x89PNG2")
	write(want, "gone.txt", "x")
	write(got, "new.svg", "<svg/>")
	write(got, "table.md", "| task | time (s) |\n|---|---|\n| b | 13 |\n")
	diffs, err := Compare(want, got)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, d := range diffs {
		files = append(files, d.File)
	}
	if strings.Join(files, " ") != "a.png gone.txt table.md new.svg" {
		t.Errorf("differences %q", diffs)
	}
	if !strings.Contains(diffs[2].Why, "line 3 differs") {
		t.Errorf("%s", diffs[2])
	}
}

// TestGeneratePhysicsFromCommittedFiles draws the physics figures from a suite folder that holds
// only what is committed of it (outcome.json and the chosen attempt's folder, without
// metrics.jsonl), removes the figure of a system without a verified program, and adds nothing
// to the suite folder.
func TestGeneratePhysicsFromCommittedFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a small model")
	}
	dir := t.TempDir()
	phys := filepath.Join(dir, "physics")
	writeOutcomes(t, phys, "physics", 100, 1, "spring")
	run := filepath.Join(phys, "runs", "spring", "seed1", "a")
	if _, _, err := Ensure(RunSpec{Task: "spring", Seed: 1, Steps: 200, Settings: "eval_size=100"}, run, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(run, dt.MetricsFile)); err != nil {
		t.Fatal(err)
	}
	before := listFiles(t, phys)
	out := filepath.Join(dir, "figures")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	prefill(t, out, "physics_pendulum.svg", "physics_pendulum.png", "physics_laws.md")
	var log bytes.Buffer
	s, err := Generate(Options{Bench: filepath.Join(dir, "nomips"), Physics: phys, Out: out, RolloutSteps: 50,
		only: []string{"physics"}, Log: &log})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if len(s.Skipped) != 0 {
		t.Errorf("skipped %q", s.Skipped)
	}
	for _, f := range []string{"physics_spring.svg", "physics_spring.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s not written", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "physics_pendulum.svg")); !os.IsNotExist(err) {
		t.Errorf("the figure of pendulum, without a verified program, was kept (%v)", err)
	}
	laws, _ := os.ReadFile(filepath.Join(out, "physics_laws.md"))
	if strings.Count(string(laws), "\n") != 3 || !strings.Contains(string(laws), "| spring |") {
		t.Errorf("physics_laws.md:\n%s", laws)
	}
	if after := listFiles(t, phys); after != before {
		t.Errorf("the suite folder changed:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// listFiles lists the files under dir with their sizes.
func listFiles(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			fmt.Fprintf(&b, "%s %d\n", path, info.Size())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
