package main

import (
	"fmt"
	"os"

	"github.com/discretetransformer/w2c/figures"
)

func init() {
	commands["figures"] = command{"regenerate every figure and table from saved runs", runFigures}
}

// runFigures regenerates the figures and tables (package figures), training only the small runs
// that are missing, and prints what it wrote and what it skipped.
func runFigures(args []string) error {
	fs := newFlags("figures", "[-bench DIR] [-physics DIR] [-runs DIR] [-out DIR] [-steps N] [-set k=v;...]")
	benchDir := fs.String("bench", "bench/mips", "MIPS benchmark suite folder (from w2c bench -suite mips -out DIR)")
	physicsDir := fs.String("physics", "bench/physics", "physics benchmark suite folder (from w2c bench -suite physics -out DIR)")
	out := fs.String("out", "figures", "folder for the figures, the tables and their index (README.md)")
	runs := fs.String("runs", "", "folder of the runs the figures train themselves when missing (default OUT/runs)")
	steps := fs.Int("steps", 0, "training steps of those runs (default: the training default); a run folder keeps the steps it was made with")
	set := fs.String("set", "", "hyperparameters added to those runs, as for w2c train -set (e.g. eval_size=500)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := figures.Generate(figures.Options{Bench: *benchDir, Physics: *physicsDir, Runs: *runs, Out: *out,
		Steps: *steps, Set: *set, Log: os.Stderr})
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
	return nil
}
