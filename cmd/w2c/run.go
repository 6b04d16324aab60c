package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/bench"
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/registry"
)

// runRun searches the architectures of the benchmark's ladder for a task (or trains the one
// that -arch pins), stopping at the first whose program verifies on the selection data, then
// prints the chosen program and its certificate on sealed data.
func runRun(args []string) error {
	fs := newFlags("run", "-task NAME|-data FILE [-seed N] [-arch NAME|default] [-retries N] [-steps N] [-set k=v;...] [-out DIR] [-ops LIST]")
	f := addTrainFlags(fs)
	arch := fs.String("arch", "", "pin one architecture: a rung of the search (an unknown name lists them) or \"default\" "+
		"(the default settings alone); empty: search the ladder, cheapest first")
	retries := addRetriesFlag(fs)
	ef := addExtractFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*f.set) == "help" {
		fmt.Println("settings (-set \"key=value;key2=value2\"):" + dt.SettingsHelp())
		return nil
	}
	t, err := f.lookup()
	if err != nil {
		return err
	}
	ladder, err := chooseLadder(bench.LadderFor(t), *arch)
	if err != nil {
		return err
	}
	eopts, err := ef.options()
	if err != nil {
		return err
	}
	dir := *f.out
	if dir == "" {
		dir = filepath.Join("runs", t.Name, fmt.Sprintf("seed%d", *f.seed))
	}
	settings := *f.set
	if *f.steps > 0 {
		settings = fmt.Sprintf("steps=%d;%s", *f.steps, settings)
	}
	fmt.Printf("task %s, seed %d: searching %d architecture(s) in %s\n", t.Name, *f.seed, len(ladder), dir)
	out, err := bench.Search(t, *f.seed, dir, bench.Options{Ladder: ladder, Defaults: bench.SearchDefaults,
		Settings: settings, Extract: eopts, Log: os.Stdout, TrainProgress: os.Stderr, Retries: retriesOption(*retries)})
	if err != nil {
		return err
	}
	return showOutcome(filepath.Join(dir, out.Arch), &out)
}

// chooseLadder is the search's ladder, or the one rung that -arch names.
func chooseLadder(ladder []bench.Arch, arch string) ([]bench.Arch, error) {
	var names []string
	for _, a := range ladder {
		if a.Name == arch {
			return []bench.Arch{a}, nil
		}
		names = append(names, a.Name)
	}
	switch arch {
	case "":
		return ladder, nil
	case "default":
		return []bench.Arch{{Name: "default"}}, nil
	}
	return nil, usageError{fmt.Sprintf("unknown architecture %q: choose one of %s, or default", arch, strings.Join(names, ", "))}
}

// showOutcome prints the chosen attempt of a search: its training, its program and how it was
// explained, the physics evaluation of a physical system, and the certificate.
func showOutcome(dir string, out *bench.Outcome) error {
	if !out.HasProgram() {
		return fmt.Errorf("no program: the closest attempt, %s, %s (details in %s)", out.Arch, out.Failure, dir)
	}
	r, err := dt.Open(dir, registry.Lookup)
	if err != nil {
		return err
	}
	res, err := extraction.Load(dir)
	if err != nil {
		return err
	}
	fmt.Printf("\nchosen: %s (run folder %s)\n", out.Arch, dir)
	printReport(r)
	fmt.Println()
	printExtraction(res)
	if simulated(r.Task) && res.Program != nil {
		if err := evaluatePhysics(r, res); err != nil {
			return err
		}
	}
	fmt.Printf("programs: %s, %s and %s in %s\n\n", extraction.PseudoFile, extraction.PythonFile, extraction.GoFile, dir)
	fmt.Print(out.Certificate.Describe())
	if out.Level == "" {
		return fmt.Errorf("the program is not certified: %s (details in %s)", out.Certificate.Failure,
			filepath.Join(dir, extraction.CertificateFile))
	}
	return nil
}

// addRetriesFlag adds -retries, the near misses a search retries with a fresh seed.
func addRetriesFlag(fs *flag.FlagSet) *int {
	return fs.Int("retries", bench.DefaultRetries, "near misses (models within the give-up bar, not verified) retried with a fresh seed "+
		"when no architecture verifies; 0: none")
}

// retriesOption is bench.Options.Retries for the -retries flag's value n (there, 0 means none).
func retriesOption(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}
