package figures

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/discretetransformer/w2c/bench"
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/registry"
)

// Options configure Generate. Empty fields take the defaults of `w2c figures`.
type Options struct {
	// Bench is a MIPS suite folder (w2c bench -suite mips -out DIR; default bench/mips), Physics
	// a physics suite folder (default bench/physics), Noise a noise suite folder (default
	// bench/noise), Learned a MIPS suite searched with learned-score heads (w2c bench -ladder
	// learned; default bench/learned), Pointers its counterpart with the pointer families in the
	// same shapes (w2c bench -ladder pointers; default bench/pointers; optional).
	Bench, Physics, Noise, Learned, Pointers string
	// Runs holds the runs the figures train themselves (default figures/runs), Out the figures
	// (default figures).
	Runs, Out string
	// Steps overrides the training steps of the runs trained here (0: the defaults), and Set
	// adds hyperparameters to all of them (e.g. "eval_size=500" for quick runs). A run folder
	// keeps the settings it was made with: change them with another Runs folder.
	Steps int
	Set   string
	// AnnealingTasks and Seeds are the runs of the annealing overlay (default parity_last2,
	// sum_last2, diff_last2; seeds 1 to 3).
	AnnealingTasks []string
	Seeds          int
	// RolloutSteps is the length of the physics roll-outs (default 1000).
	RolloutSteps int
	// Settings are the inductive-bias variations (default Settings).
	Settings []Setting
	// Partial draws the main table and the physics figures from a partial suite folder too (a
	// suite in progress, a quick one of a few tasks): by default a suite folder that lacks some
	// of its suite's tasks or seeds is skipped, leaving the files of its figures as they are.
	// Use it with another Out: its tables replace those of the whole suite.
	Partial bool
	// only, when not empty, names the figure groups to make (as in Generate's log: "pipeline",
	// "annealing", "main table", "physics", "inductive bias"), for tests.
	only []string
	// Log receives what is trained, skipped and written (nil: nowhere).
	Log io.Writer
}

func (o Options) withDefaults() Options {
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&o.Bench, filepath.Join("bench", "mips"))
	def(&o.Physics, filepath.Join("bench", "physics"))
	def(&o.Noise, filepath.Join("bench", "noise"))
	def(&o.Learned, filepath.Join("bench", "learned"))
	def(&o.Pointers, filepath.Join("bench", "pointers"))
	def(&o.Out, "figures")
	def(&o.Runs, filepath.Join(o.Out, "runs"))
	if len(o.AnnealingTasks) == 0 {
		o.AnnealingTasks = []string{"parity_last2", "sum_last2", "diff_last2"}
	}
	if o.Seeds <= 0 {
		o.Seeds = 3
	}
	if o.RolloutSteps <= 0 {
		o.RolloutSteps = 1000
	}
	if o.Settings == nil {
		o.Settings = Settings
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o
}

// Summary is what Generate did: the files it wrote and the figures it skipped, with why.
type Summary struct {
	Written []string
	Skipped []string
	Seconds float64
}

// Generate regenerates every figure and table in opts.Out from saved runs, training (small,
// fast runs) only what is missing, and writes the index (README.md). A figure whose inputs are
// missing or partial (no benchmark folder, or one that lacks some of its suite's tasks or
// seeds) is skipped with a message, not an error, and its files in opts.Out are left as they
// are: never replaced by a partial figure. The index lists every figure found in opts.Out, so
// the files of a skipped figure stay listed.
//
// From a clone, the suite folders hold what is committed of each task and seed: outcome.json
// and the chosen attempt's folder (settings.json, the checkpoint, extraction.json); the main
// table reads the outcomes and the suite's results.md, the physics figures the chosen attempts.
// Nothing here reads a bench attempt's metrics.jsonl.
func Generate(opts Options) (*Summary, error) {
	opts = opts.withDefaults()
	start := time.Now()
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, err
	}
	s := &Summary{}
	steps := []struct {
		name string
		run  func(Options) ([]string, error)
	}{
		{"pipeline", genPipeline},
		{"annealing", genAnnealing},
		{"main table", genMainTable},
		{"physics", genPhysics},
		{"noise study", genNoise},
		{"learned heads", genLearned},
		{"inductive bias", genBias},
	}
	for _, st := range steps {
		if len(opts.only) > 0 && !containsName(opts.only, st.name) {
			continue
		}
		fmt.Fprintf(opts.Log, "== %s\n", st.name)
		files, err := st.run(opts)
		var skip skipped
		switch {
		case errors.As(err, &skip):
			fmt.Fprintf(opts.Log, "skipped %s: %s\n", st.name, skip.why)
			s.Skipped = append(s.Skipped, st.name+": "+skip.why)
		case err != nil:
			return s, fmt.Errorf("%s: %w", st.name, err)
		}
		s.Written = append(s.Written, files...)
	}
	index, err := WriteIndex(opts.Out, Catalogue(opts.Out))
	if err != nil {
		return s, err
	}
	s.Written = append(s.Written, index)
	s.Seconds = time.Since(start).Seconds()
	return s, nil
}

// skipped is the error of a figure whose inputs are missing.
type skipped struct{ why string }

func (s skipped) Error() string { return s.why }

// Catalogue lists every figure and table that Generate makes, for the index: the physics
// figures are those found in dir.
func Catalogue(dir string) []Entry {
	cmd := "go run ./cmd/w2c figures"
	entries := []Entry{
		{append(both("pipeline"), "pipeline_program.txt"), "From weights to code on parity_last2 (seed 1): the head's mean hard attention map (a previous-position pointer), the sub-MLP's outputs on every input pair against its extracted formula (XOR), and the verified program.", cmd},
		{both("pipeline_attention"), "The kept head of parity_last2 alone: mean hard attention over 200 held-out sequences (query position t down, key position j across).", cmd},
		{both("pipeline_mlp"), "The kept sub-MLP of parity_last2 alone: hard-model outputs (rings) and the formula's values (crosses) for each input pair.", cmd},
		{[]string{"main_table.md"}, "Main table: every MIPS task with an outcome in the benchmark folder, ours (seeds with a verified program) beside MIPS and GPT-4, with the best seed's program.", cmd + " -bench bench/mips"},
		{[]string{"main_table_full.md"}, "The benchmark's full table (results.md of w2c bench: accuracies, hypotheses, architectures, failures).", cmd + " -bench bench/mips"},
		{both("main_solved"), "Tasks solved by ours, MIPS and GPT-4, and the overlap of ours with MIPS.", cmd + " -bench bench/mips"},
		{both("annealing"), "Annealing on parity_last2 (seed 1): held-out loss of the soft and hard models (log), mean entropy of the choices and fraction of argmaxes that changed, and the temperature; the solid line is the exploration-to-exploitation transition (entropy at half its start), the dotted one the start of the hard phase.", cmd},
		{both("annealing_overlay"), "Annealing across tasks and seeds against the step: hard-model loss and mean choice entropy, a dot at each run's transition.", cmd},
		{both("annealing_tau"), "The same runs against the temperature τ (falling left to right).", cmd},
		{[]string{"annealing_transitions.md"}, "Where each run's transition happens (step and τ), when its argmaxes stop changing, and how it ends.", cmd},
	}
	physicsFigures, _ := filepath.Glob(filepath.Join(dir, "physics_*.svg"))
	sort.Strings(physicsFigures)
	for _, f := range physicsFigures {
		base := strings.TrimSuffix(filepath.Base(f), ".svg")
		name := strings.TrimPrefix(base, "physics_")
		entries = append(entries, Entry{both(base), fmt.Sprintf("Physics, %s: the true one-step law beside the recovered program; roll-outs of the simulator, of the program fed its own outputs and of the hard model fed its own outputs; their distance from the simulator (log) and the system's invariant along them.", name), cmd + " -physics bench/physics"})
	}
	entries = append(entries,
		Entry{[]string{"physics_laws.md"}, "Physics: every system with a recovered program, its true law and program, and how far the program's roll-out drifts from the simulator.", cmd + " -physics bench/physics"},
		Entry{[]string{"noise_study.md"}, "The noise study: every physical system recorded with observation noise 0, 1e-4, 1e-3 and 1e-2 of the positions' spread; whether the program is certified on sealed recordings, whether its terms are the law's, and how far its constants are.", cmd + " -noise bench/noise"},
		Entry{both("noise_study"), "The noise study's constants: the largest relative error of a recovered law's constants against the noise level, for each system whose terms were recovered.", cmd + " -noise bench/noise"},
		Entry{[]string{"learned_heads.md"}, "Learned-score heads against the pointer families: every MIPS task searched with each, the verified seeds of both, and what each learned head was found to be by the hypothesis tests (or that it matched none).", cmd + " -learned bench/learned"},
		Entry{both("learned_heads"), "The same comparison as counts: tasks verified by both searches, by one, by neither; learned heads explained by a hypothesis or not.", cmd + " -learned bench/learned"},
		Entry{both("learned_unexplained"), "The mean hard maps of learned heads that matched no hypothesis and blocked a program (query position t down, key position j across), with the best hypothesis and its agreement.", cmd + " -learned bench/learned"},
		Entry{[]string{"inductive_bias.md"}, "Inductive bias: the same task under different architectures and operator sets, and the programs that come out.", cmd},
		Entry{both("inductive_bias"), "The programs of the inductive-bias table, one panel per setting.", cmd},
	)
	return entries
}

// save writes a figure and returns its two files.
func save(d Drawer, out, base string, w, h float64) ([]string, error) {
	path := filepath.Join(out, base)
	if err := Save(d, path, w, h); err != nil {
		return nil, err
	}
	return []string{path + ".svg", path + ".png"}, nil
}

// writeText writes a text file and returns it.
func writeText(out, name, text string) ([]string, error) {
	path := filepath.Join(out, name)
	return []string{path}, dt.WriteFileAtomic(path, []byte(text))
}

// runDir is the folder of a run the figures train: RUNS/TASK/seedN, as `w2c train` names them.
func runDir(opts Options, task string, seed int64) string {
	return filepath.Join(opts.Runs, task, fmt.Sprintf("seed%d", seed))
}

// genPipeline draws the pipeline of parity_last2, seed 1.
func genPipeline(opts Options) ([]string, error) {
	spec := RunSpec{Task: "parity_last2", Seed: 1, Steps: opts.Steps, Settings: opts.Set}
	r, res, err := Ensure(spec, runDir(opts, spec.Task, spec.Seed), opts.Log)
	if err != nil {
		return nil, err
	}
	pl, err := NewPipeline(r, res, 200)
	if err != nil {
		return nil, err
	}
	return pl.Write(opts.Out, "pipeline")
}

// genAnnealing draws the annealing of parity_last2 and the overlay of tasks and seeds.
func genAnnealing(opts Options) ([]string, error) {
	var curves []Curve
	for _, task := range opts.AnnealingTasks {
		for seed := int64(1); seed <= int64(opts.Seeds); seed++ {
			dir := runDir(opts, task, seed)
			if _, err := EnsureTrained(RunSpec{Task: task, Seed: seed, Steps: opts.Steps, Settings: opts.Set}, dir, opts.Log); err != nil {
				return nil, err
			}
			ms, err := dt.ReadMetrics(filepath.Join(dir, dt.MetricsFile))
			if err != nil {
				return nil, err
			}
			curves = append(curves, Curve{Label: fmt.Sprintf("%s seed %d", task, seed), Metrics: ms})
		}
	}
	var files []string
	add := func(fs []string, err error) error {
		files = append(files, fs...)
		return err
	}
	if err := add(save(AnnealingPlot(curves[0].Metrics, "annealing: "+curves[0].Label), opts.Out, "annealing", 7, 7.5)); err != nil {
		return nil, err
	}
	if err := add(save(AnnealingOverlay(curves, false), opts.Out, "annealing_overlay", 7.5, 6.5)); err != nil {
		return nil, err
	}
	if err := add(save(AnnealingOverlay(curves, true), opts.Out, "annealing_tau", 7.5, 6.5)); err != nil {
		return nil, err
	}
	return files, add(writeText(opts.Out, "annealing_transitions.md", TransitionsTable(curves)))
}

// suiteRows reads the rows of a suite folder (the suite of a registry group) for the figures
// made from it. A missing folder, or a partial one (a task of the group without outcomes, or
// with fewer seeds than the others), is skipped: a table of part of a suite would replace the
// committed table of the whole one. With opts.Partial, a partial suite is read as it is.
func suiteRows(opts Options, dir, group, flag string) ([]bench.Row, error) {
	if _, err := os.Stat(filepath.Join(dir, "runs")); err != nil {
		return nil, skipped{fmt.Sprintf("no %s suite in %s (make one with `w2c bench -suite %s -out %s`, or point -%s at one)", group, dir, group, dir, flag)}
	}
	tasks := registry.Group(group)
	rows, err := bench.Rows(dir, tasks)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, skipped{fmt.Sprintf("the %s suite in %s has no finished task yet (no %s)", group, dir, bench.OutcomeFile)}
	}
	if opts.Partial {
		return rows, nil
	}
	have := map[string]int{}
	seeds := 0
	for _, r := range rows {
		have[r.Task.Name] = len(r.Outcomes)
		seeds = max(seeds, len(r.Outcomes))
	}
	var missing, fewer []string
	for _, t := range tasks {
		switch n, ok := have[t.Name]; {
		case !ok:
			missing = append(missing, t.Name)
		case n < seeds:
			fewer = append(fewer, fmt.Sprintf("%s (%d)", t.Name, n))
		}
	}
	if len(missing) > 0 || len(fewer) > 0 {
		why := fmt.Sprintf("the %s suite in %s is partial:", group, dir)
		if len(missing) > 0 {
			why += fmt.Sprintf(" tasks without %s: %d of %d (%s);", bench.OutcomeFile, len(missing), len(tasks), list(missing, 5))
		}
		if len(fewer) > 0 {
			why += fmt.Sprintf(" tasks with fewer than %d seeds: %d (%s);", seeds, len(fewer), list(fewer, 5))
		}
		return nil, skipped{why + " finish it, or pass -partial to draw it as it is"}
	}
	return rows, nil
}

func containsName(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// list joins names, the first n of them.
func list(names []string, n int) string {
	if len(names) > n {
		return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
	}
	return strings.Join(names, ", ")
}

// genMainTable writes the main table and chart from the MIPS suite folder.
func genMainTable(opts Options) ([]string, error) {
	rows, err := suiteRows(opts, opts.Bench, "mips", "bench")
	if err != nil {
		return nil, err
	}
	files, err := writeText(opts.Out, "main_table.md", MainTable(rows))
	if err != nil {
		return nil, err
	}
	if full, err := os.ReadFile(filepath.Join(opts.Bench, bench.MarkdownFile)); err == nil {
		f, err := writeText(opts.Out, "main_table_full.md", string(full))
		if err != nil {
			return nil, err
		}
		files = append(files, f...)
	} else {
		fmt.Fprintf(opts.Log, "no %s in %s (rebuild it with `w2c bench -suite mips -out %s -table`): main_table_full.md not written\n", bench.MarkdownFile, opts.Bench, opts.Bench)
	}
	chart, err := save(SolvedChart(bench.Summarize(rows)), opts.Out, "main_solved", 6, 4)
	return append(files, chart...), err
}

// physicsRun is a physics run folder with a recovered program.
type physicsRun struct {
	sys *physics.System
	dir string
}

// physicsRuns finds, in the rows of a physics suite folder, the run of each system whose
// outcome is verified: the best seed's chosen attempt (runs/TASK/seedN/ARCH, of which the
// figures need settings.json, the checkpoint and extraction.json).
func physicsRuns(dir string, rows []bench.Row) []physicsRun {
	var runs []physicsRun
	for _, row := range rows {
		o := row.Best()
		if o == nil || !o.Verified {
			continue
		}
		if sys := physics.Find(row.Task.Name); sys != nil {
			runs = append(runs, physicsRun{sys, filepath.Join(dir, "runs", row.Task.Name, fmt.Sprintf("seed%d", o.Seed), o.Arch)})
		}
	}
	return runs
}

// genPhysics draws the physics figure of every system with a verified program in the physics
// suite folder and the table of their laws, and removes the figures of the systems that no
// longer have one.
func genPhysics(opts Options) ([]string, error) {
	rows, err := suiteRows(opts, opts.Physics, "physics", "physics")
	if err != nil {
		return nil, err
	}
	runs := physicsRuns(opts.Physics, rows)
	if len(runs) == 0 {
		return nil, skipped{fmt.Sprintf("no system of the physics suite in %s has a verified program", opts.Physics)}
	}
	// Every run is there before any figure is drawn: no figure is replaced unless all are.
	for _, pr := range runs {
		for _, f := range []string{dt.SettingsFile, extraction.ExtractionFile} {
			if _, err := os.Stat(filepath.Join(pr.dir, f)); err != nil {
				return nil, skipped{fmt.Sprintf("the physics suite in %s lacks the chosen attempt of %s (%s): %v", opts.Physics, pr.sys.Name, pr.dir, err)}
			}
		}
	}
	var files []string
	var table strings.Builder
	table.WriteString("| system | true law | recovered program | verified | max deviation of the program's roll-out |\n|---|---|---|---|---|\n")
	drawn := map[string]bool{}
	for _, pr := range runs {
		fs, dev, res, err := physicsFigure(opts, pr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pr.sys.Name, err)
		}
		drawn[pr.sys.Name] = true
		files = append(files, fs...)
		fmt.Fprintf(&table, "| %s | %s | `%s` | %v | %.2g over %d steps |\n", pr.sys.Name, strings.ReplaceAll(pr.sys.Law, "|", `\|`),
			OneLine(res.Code), res.Verified, dev, opts.RolloutSteps)
	}
	if !opts.Partial {
		for _, sys := range physics.Systems() {
			if drawn[sys.Name] {
				continue
			}
			for _, f := range both("physics_" + sys.Name) {
				path := filepath.Join(opts.Out, f)
				if err := os.Remove(path); err == nil {
					fmt.Fprintf(opts.Log, "removed %s: %s has no verified program in %s\n", path, sys.Name, opts.Physics)
				} else if !os.IsNotExist(err) {
					return nil, err
				}
			}
		}
	}
	fs, err := writeText(opts.Out, "physics_laws.md", table.String())
	return append(files, fs...), err
}

// physicsFigure draws one system's figure and returns its files, the largest deviation of the
// program's roll-out from the simulator, and the extraction.
func physicsFigure(opts Options, pr physicsRun) ([]string, float64, *extraction.Result, error) {
	r, err := dt.Open(pr.dir, registry.Lookup)
	if err != nil {
		return nil, 0, nil, err
	}
	res, err := LoadExtraction(pr.dir)
	if err != nil {
		return nil, 0, nil, err
	}
	trajs, err := Rollouts(pr.sys, res.Program, r, opts.RolloutSteps, 1)
	if err != nil {
		return nil, 0, nil, err
	}
	dev := 0.0
	if len(trajs) > 1 {
		dev = maxAbsDiff(trajs[0].Channel(0), trajs[1].Channel(0))
	}
	files, err := save(PhysicsFigure(pr.sys, res.Code, trajs), opts.Out, "physics_"+pr.sys.Name, 12, 8)
	return files, dev, res, err
}

// genBias trains and extracts the inductive-bias settings and draws their table and figure.
func genBias(opts Options) ([]string, error) {
	settings := append([]Setting(nil), opts.Settings...)
	for i := range settings {
		if opts.Steps > 0 {
			settings[i].Spec.Steps = opts.Steps
		}
		settings[i].Spec.Settings = joinSettings(settings[i].Spec.Settings, opts.Set)
	}
	runs, err := EnsureSettings(settings, filepath.Join(opts.Runs, "bias"), opts.Log)
	if err != nil {
		return nil, err
	}
	entries, err := LoadBias(runs)
	if err != nil {
		return nil, err
	}
	files, err := writeText(opts.Out, "inductive_bias.md", BiasTable(entries))
	if err != nil {
		return nil, err
	}
	lines := 0
	for _, e := range entries {
		lines = max(lines, strings.Count(e.Code, "\n")+4)
	}
	rows := (len(entries) + 1) / 2
	fig, err := save(BiasFigure(entries), opts.Out, "inductive_bias", 12, float64(rows)*TextHeight(lines))
	return append(files, fig...), err
}

// joinSettings joins two -set strings.
func joinSettings(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ";" + b
}
