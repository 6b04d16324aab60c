package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/discretetransformer/w2c/bench"
)

func runBench(args []string) error {
	fs := newFlags("bench", "-suite mips|physics|extra|all [-seeds 3] [-jobs N] [-out DIR] [-shard i/n] [-tasks a,b] [-quick] [-ladder default|learned] [-table [-mixed]] [-kept]")
	suite := fs.String("suite", "mips", "suite: mips, physics, extra (tasks beyond MIPS) or all")
	seeds := fs.Int("seeds", 3, "seeds per task")
	jobs := fs.Int("jobs", 2, "searches run at once (about one core each)")
	out := fs.String("out", "", "suite folder (default bench/SUITE)")
	shard := fs.String("shard", "", "run only part i of n of the suite, e.g. 3/8 (array jobs; see the bench package doc)")
	only := fs.String("tasks", "", "run only these tasks (comma separated)")
	quick := fs.Bool("quick", false, "quick mode: the 3 smallest architectures only, 1000 training steps")
	ladder := fs.String("ladder", "default", "the architectures searched: default (each task's ladder), learned (learned-score heads in six shapes; see bench.LearnedLadder) or pointers (the pointer families in the same shapes; bench.PointerLadder)")
	set := fs.String("set", "", `settings added to every attempt, "key=value;..."`)
	tableOnly := fs.Bool("table", false, "only rebuild results.csv and results.md from the suite folder (e.g. after merging shards)")
	mixed := fs.Bool("mixed", false, "let the tables mix results made by different code or settings (they are listed in results.md)")
	retries := addRetriesFlag(fs)
	kept := fs.Bool("kept", false, "only list the files of the suite folder to commit (outcomes and each chosen attempt, without training curves)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the searches to this file (go tool pprof reads it)")
	ef := addExtractFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join("bench", *suite)
	}
	var names []string
	if *only != "" {
		names = strings.Split(*only, ",")
	}
	tasks, err := bench.SuiteTasks(*suite, names)
	if err != nil {
		return usageError{err.Error()}
	}
	sh, err := bench.ParseShard(*shard)
	if err != nil {
		return usageError{err.Error()}
	}
	eopts, err := ef.options()
	if err != nil {
		return err
	}
	if *kept {
		files, err := bench.KeptFiles(*out, tasks)
		if err != nil {
			return err
		}
		for _, f := range files {
			fmt.Println(f)
		}
		return nil
	}
	if !*tableOnly {
		// Metrics every 100 steps, without the soft model's figures: the suite needs the final
		// models and what the give-up checks read, not training curves nor how the soft model
		// did (the annealing figures come from their own runs).
		opts := bench.Options{Out: *out, Seeds: *seeds, Jobs: *jobs, Shard: sh, Defaults: "metrics_every=100;metrics_soft=false;" + bench.SearchDefaults, Settings: *set,
			Extract: eopts, Progress: os.Stderr, Retries: retriesOption(*retries)}
		switch *ladder {
		case "default":
		case "learned":
			opts.Ladder = bench.LearnedLadder
		case "pointers":
			opts.Ladder = bench.PointerLadder
		default:
			return usageError{fmt.Sprintf("unknown -ladder %q: default, learned or pointers", *ladder)}
		}
		if *quick {
			opts.Ladder, opts.Retries = bench.QuickLadder, retriesOption(0)
			opts.Settings = "steps=1000;" + opts.Settings
		}
		if *cpuProfile != "" {
			stop, err := startCPUProfile(*cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		start := time.Now()
		jobList := bench.Jobs(tasks, *seeds, sh)
		fmt.Fprintf(os.Stderr, "bench: %d searches (%d tasks x %d seeds, shard %d/%d), %d at once, folder %s, code %s\n",
			len(jobList), len(tasks), *seeds, sh.I+1, sh.N, *jobs, *out, bench.CodeVersion().Code)
		if _, err := bench.Run(jobList, opts); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "bench: done in %s\n", time.Since(start).Round(time.Second))
	}
	s, err := bench.Table(*out, tasks, bench.TableOptions{Mixed: *mixed})
	if err != nil {
		return err
	}
	fmt.Printf("%d of %d tasks with a certified verified program for at least one seed, %d more corrected (MIPS %d, GPT-4 %d); code %s; tables in %s and %s\n",
		s.Ours, s.Tasks, s.Corrected, s.MIPS, s.GPT4, s.Stamp.Code, filepath.Join(*out, bench.MarkdownFile), filepath.Join(*out, bench.CSVFile))
	return nil
}

// startCPUProfile starts Go's CPU profiler writing to path; the returned function stops it.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
