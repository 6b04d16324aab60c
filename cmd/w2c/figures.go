package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/discretetransformer/w2c/figures"
)

func init() {
	commands["figures"] = command{"regenerate every figure and table from saved runs", runFigures}
}

// runFigures regenerates the figures and tables (package figures), training only the small runs
// that are missing, and prints what it wrote and what it skipped; with -compare, it compares
// the figures of -out with another folder's instead.
func runFigures(args []string) error {
	fs := newFlags("figures", "[-bench DIR] [-physics DIR] [-noise DIR] [-learned DIR] [-pointers DIR] [-runs DIR] [-out DIR] [-steps N] [-set k=v;...] [-partial] [-require-all] | [-out DIR] -compare DIR")
	benchDir := fs.String("bench", "bench/mips", "MIPS benchmark suite folder (from w2c bench -suite mips -out DIR)")
	physicsDir := fs.String("physics", "bench/physics", "physics benchmark suite folder (from w2c bench -suite physics -out DIR)")
	noiseDir := fs.String("noise", "bench/noise", "noise study suite folder (from w2c bench -suite noise -out DIR)")
	learnedDir := fs.String("learned", "bench/learned", "learned-heads suite folder (from w2c bench -suite mips -ladder learned -out DIR)")
	pointersDir := fs.String("pointers", "bench/pointers", "the pointer families in the learned ladder's shapes (from w2c bench -suite mips -ladder pointers -out DIR; optional)")
	out := fs.String("out", "figures", "folder for the figures, the tables and their index (README.md)")
	runs := fs.String("runs", "", "folder of the runs the figures train themselves when missing (default OUT/runs)")
	steps := fs.Int("steps", 0, "training steps of those runs (default: the training default); a run folder keeps the steps it was made with")
	set := fs.String("set", "", "hyperparameters added to those runs, as for w2c train -set (e.g. eval_size=500)")
	partial := fs.Bool("partial", false, "draw the main table and physics figures from a partial suite folder too (use another -out: they replace those of the whole suite)")
	requireAll := fs.Bool("require-all", false, "a skipped figure is an error (non-zero exit status)")
	compare := fs.String("compare", "", "make nothing: compare the figures in -out with those in this folder (SVG, PNG, text byte for byte; Markdown with times masked) and fail if any differs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *compare != "" {
		return compareFigures(*compare, *out)
	}
	s, err := figures.Generate(figures.Options{Bench: *benchDir, Physics: *physicsDir, Noise: *noiseDir, Learned: *learnedDir, Pointers: *pointersDir, Runs: *runs, Out: *out,
		Steps: *steps, Set: *set, Partial: *partial, Log: os.Stderr})
	if s != nil {
		for _, f := range s.Written {
			fmt.Println("wrote", f)
		}
		for _, why := range s.Skipped {
			fmt.Println("skipped", why)
		}
	}
	if err != nil {
		return err
	}
	fmt.Printf("%d files in %.0f s; index in %s/%s\n", len(s.Written), s.Seconds, *out, figures.IndexFile)
	if len(s.Skipped) > 0 {
		var names []string
		for _, why := range s.Skipped {
			name, _, _ := strings.Cut(why, ":")
			names = append(names, name)
		}
		n := fmt.Sprintf("%d figures", len(s.Skipped))
		if len(s.Skipped) == 1 {
			n = "1 figure"
		}
		msg := fmt.Sprintf("%s skipped: %s (their files in %s are left as they were)", n, strings.Join(names, ", "), *out)
		if *requireAll {
			return fmt.Errorf("%s", msg)
		}
		fmt.Println(msg)
	}
	return nil
}

// compareFigures compares the figures of folder got with those of folder want and fails when
// any differs.
func compareFigures(want, got string) error {
	diffs, err := figures.Compare(want, got)
	if err != nil {
		return err
	}
	for _, d := range diffs {
		fmt.Println("differs:", d)
	}
	if len(diffs) > 0 {
		return fmt.Errorf("figure files of %s that differ from those of %s: %d", got, want, len(diffs))
	}
	fmt.Printf("the figures of %s are those of %s (Markdown times masked)\n", got, want)
	return nil
}
