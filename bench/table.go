package bench

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"

	"path/filepath"
	"sort"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/task"
)

// Files of a suite folder.
const (
	CSVFile      = "results.csv"
	MarkdownFile = "results.md"
)

// Row is one task of the results table: its outcome for every seed found.
type Row struct {
	Task     *task.Task
	Outcomes []Outcome
}

// Verified is the number of seeds with a certified verified program.
func (r Row) Verified() int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Verified {
			n++
		}
	}
	return n
}

// Corrected is the number of seeds with a certified corrected program (equal to the reference;
// the hard model differs).
func (r Row) Corrected() int {
	n := 0
	for _, o := range r.Outcomes {
		if !o.Verified && o.Level == extraction.LevelCorrected {
			n++
		}
	}
	return n
}

// Level is the task's level: verified when a seed is, else corrected when a seed is, else "".
func (r Row) Level() string {
	switch {
	case r.Verified() > 0:
		return extraction.LevelVerified
	case r.Corrected() > 0:
		return extraction.LevelCorrected
	}
	return ""
}

// Best is the outcome shown for the task: a verified seed (the smallest program), else a
// corrected one (the smallest), else the seed that came closest.
func (r Row) Best() *Outcome {
	var best *Outcome
	for i := range r.Outcomes {
		o := &r.Outcomes[i]
		if best == nil || better(o, best) {
			best = o
		}
	}
	return best
}

func better(a, b *Outcome) bool {
	if a.Verified != b.Verified {
		return a.Verified
	}
	if a.Correct != b.Correct {
		return a.Correct
	}
	if a.Correct {
		return a.Size < b.Size || (a.Size == b.Size && a.Seed < b.Seed)
	}
	if a.HasProgram() != b.HasProgram() {
		return a.HasProgram()
	}
	if a.HardAccuracy != b.HardAccuracy {
		return a.HardAccuracy > b.HardAccuracy
	}
	return a.Seed < b.Seed
}

// Summary counts the tasks with a verified program against the baselines. Ours counts the tasks
// with a certified verified program for at least one seed; Corrected those with no verified but
// a corrected one; Exhaustive the tasks whose shown program was certified on every input
// sequence at the training length.
type Summary struct {
	Tasks, Ours, Corrected, Exhaustive, MIPS, GPT4, Both, OursOnly, MIPSOnly int
	Seconds                                                                  float64
	// Stamp is the stamp every outcome shares (the first one, when Table was asked to mix).
	Stamp Stamp
}

// Rows reads the outcomes of a suite folder for the given tasks (tasks with no outcome yet are
// left out).
func Rows(out string, tasks []*task.Task) ([]Row, error) {
	var rows []Row
	for _, t := range tasks {
		dirs, _ := filepath.Glob(filepath.Join(out, "runs", t.Name, "seed*", OutcomeFile))
		var outcomes []Outcome
		for _, d := range dirs {
			var o Outcome
			if err := dt.ReadJSON(d, &o); err != nil {
				return nil, err
			}
			outcomes = append(outcomes, o)
		}
		sort.Slice(outcomes, func(i, j int) bool { return outcomes[i].Seed < outcomes[j].Seed })
		if len(outcomes) > 0 {
			rows = append(rows, Row{Task: t, Outcomes: outcomes})
		}
	}
	return rows, nil
}

// TableOptions configure Table.
type TableOptions struct {
	// Mixed allows outcomes with different stamps (code or settings) in one table; the table
	// then lists them.
	Mixed bool
}

// MixedError is the error of Table when the outcomes carry different stamps: Stale lists the
// task seeds whose stamp differs from the most common one.
type MixedError struct {
	Common Stamp
	Stale  []string
}

func (e *MixedError) Error() string {
	return fmt.Sprintf("the suite mixes results of different code or settings: %d task seeds differ from the most common stamp (code %s): %s; "+
		"rerun the suite to redo them, or pass -mixed to tabulate them anyway", len(e.Stale), e.Common.Code, strings.Join(e.Stale, "; "))
}

// stamps finds the most common stamp of the outcomes and the outcomes that differ from it. A
// search with its task's default ladder (LadderFor) counts as made with the same settings as
// one with another task's default ladder: the suite "all" searches the physical systems with
// PhysicsLadder and the rest with Ladder, and that is one setting of the suite, not two.
func stamps(rows []Row) (Stamp, []string) {
	counts := map[Stamp]int{}
	example := map[Stamp]Stamp{} // a stamp as made, for each key
	var common Stamp
	for _, r := range rows {
		for _, o := range r.Outcomes {
			k := stampKey(o.Stamp, r.Task)
			counts[k]++
			if _, ok := example[k]; !ok {
				example[k] = o.Stamp
			}
			if c := counts[k]; c > counts[common] || (c == counts[common] && k.Code < common.Code) {
				common = k
			}
		}
	}
	var stale []string
	for _, r := range rows {
		for _, o := range r.Outcomes {
			if why := stampKey(o.Stamp, r.Task).Stale(common); why != "" {
				stale = append(stale, fmt.Sprintf("%s seed %d (%s)", o.Task, o.Seed, why))
			}
		}
	}
	return example[common], stale
}

// stampKey is s with its ladder written as "the task's default ladder" when it is t's.
func stampKey(s Stamp, t *task.Task) Stamp {
	if l := ladderOf(s.Settings); l != "" && l == ladderOf(Options{}.searchSettings(LadderFor(t))) {
		s.Settings = "ladder: the task's default" + s.Settings[len(l):]
	}
	return s
}

// ladderOf is the part of a search's settings that names its ladder (see searchSettings).
func ladderOf(settings string) string {
	if i := strings.Index(settings, ", retries"); i >= 0 && strings.HasPrefix(settings, "ladder:") {
		return settings[:i]
	}
	return ""
}

// Table writes results.csv and results.md for the tasks of a suite folder and returns the
// totals. It refuses outcomes of different stamps unless opts.Mixed.
func Table(out string, tasks []*task.Task, opts TableOptions) (Summary, error) {
	rows, err := Rows(out, tasks)
	if err != nil {
		return Summary{}, err
	}
	s := Summarize(rows)
	common, stale := stamps(rows)
	if len(stale) > 0 && !opts.Mixed {
		return s, &MixedError{Common: common, Stale: stale}
	}
	s.Stamp = common
	if err := writeCSV(filepath.Join(out, CSVFile), rows); err != nil {
		return s, err
	}
	if err := dt.WriteFileAtomic(filepath.Join(out, ProfileFile), []byte(Profile(rows))); err != nil {
		return s, err
	}
	if table, ok := physicsTable(out, rows); ok {
		if err := dt.WriteFileAtomic(filepath.Join(out, PhysicsFile), []byte(table)); err != nil {
			return s, err
		}
	}
	return s, dt.WriteFileAtomic(filepath.Join(out, MarkdownFile), []byte(markdown(rows, s, stale)))
}

// Summarize counts the tasks with a verified program (for at least one seed) beside the MIPS
// and GPT-4 baselines, and the seconds the searches took.
func Summarize(rows []Row) Summary {
	var s Summary
	for _, r := range rows {
		ours, mips, gpt4 := r.Verified() > 0, r.Task.MIPS == "✓", r.Task.GPT4 == "✓"
		s.Tasks++
		s.Ours += b2i(ours)
		s.Corrected += b2i(r.Level() == extraction.LevelCorrected)
		if o := r.Best(); o.Correct && o.Certificate != nil && o.Certificate.Exhaustive {
			s.Exhaustive++
		}
		s.MIPS += b2i(mips)
		s.GPT4 += b2i(gpt4)
		s.Both += b2i(ours && mips)
		s.OursOnly += b2i(ours && !mips)
		s.MIPSOnly += b2i(mips && !ours)
		for _, o := range r.Outcomes {
			s.Seconds += o.Seconds
		}
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// csvHeader are the columns of results.csv: one line per task and seed. The verdicts (level,
// verified, corrected, certified_on, program accuracies) come from the sealed certification;
// "selected" says whether the selection stream verified the attempt (where the search stopped).
var csvHeader = []string{"index", "task", "mips", "gpt4", "seed", "level", "verified", "corrected", "selected", "certified_on",
	"arch", "mechanisms", "attempts", "hard_sequence_accuracy", "program_accuracy", "program_accuracy_long", "long_factor",
	"program_relative_mse", "model_agreement", "reads", "program_size", "failure", "seconds", "code", "revision"}

func writeCSV(path string, rows []Row) error {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(csvHeader)
	for _, r := range rows {
		for _, o := range r.Outcomes {
			prog := func(format string, v float64) string {
				if !o.HasProgram() {
					return ""
				}
				return fmt.Sprintf(format, v)
			}
			agreement := 0.0
			if o.Certificate != nil {
				agreement = o.Certificate.ModelAgreement
			}
			_ = w.Write([]string{fmt.Sprint(r.Task.Index), r.Task.Name, r.Task.MIPS, r.Task.GPT4, fmt.Sprint(o.Seed),
				o.Level, fmt.Sprint(o.Verified), fmt.Sprint(o.Level == extraction.LevelCorrected), fmt.Sprint(o.Selected),
				o.Certificate.Data(), o.Arch, strings.Join(o.Mechanisms, "; "), fmt.Sprint(len(o.Attempts)), fmt.Sprintf("%.4f", o.HardAccuracy),
				prog("%.4f", o.ProgramAccuracy), prog("%.4f", o.ProgramAccuracyLong), prog("%.0f", float64(o.LongFactor)),
				prog("%.3g", o.RelativeMSE), prog("%.4f", agreement), strings.Join(o.Reads, " "), fmt.Sprint(o.Size), o.Failure,
				fmt.Sprintf("%.1f", o.Seconds), o.Stamp.Code, o.Stamp.Revision})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return dt.WriteFileAtomic(path, []byte(b.String()))
}

// markdown renders the table: the stamp, one line per task with the baselines beside ours,
// then the totals.
func markdown(rows []Row, s Summary, stale []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Made by code `%s` (commit %s, %s); %s.\n\n", s.Stamp.Code, dash(s.Stamp.Revision), s.Stamp.Go, s.Stamp.Settings)
	if len(stale) > 0 {
		fmt.Fprintf(&b, "**Mixed**: %d task seeds were made by other code or settings: %s.\n\n", len(stale), strings.Join(stale, "; "))
	}
	b.WriteString("Verdicts come from the sealed certification (sequences no selection step saw; every input sequence at the " +
		"training length where the task's alphabet allows, else 10,000 sampled): ✓ verified (program = reference = hard model), " +
		"≈ corrected (program = reference; the hard model differs on some positions), ✗ neither. \"hard model\" is the fraction " +
		"of held-out sequences the chosen attempt's hard model gets exactly right; \"program\" the fraction of positions where " +
		"the program equals the reference, at the training length L and at 10L (5L for real-valued tasks); - where there is no program.\n\n")
	fmt.Fprintf(&b, "| # | task | MIPS | GPT-4 | ours | seeds ✓ / ≈ | certified on | hard model: exact sequences | program: positions (L / long) | attention reads | size | arch | failure (best seed) | time (s) |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		o := r.Best()
		ours := "✗"
		switch r.Level() {
		case extraction.LevelVerified:
			ours = "✓"
		case extraction.LevelCorrected:
			ours = "≈"
		}
		var secs float64
		for _, x := range r.Outcomes {
			secs += x.Seconds
		}
		failure := ""
		if !o.Verified {
			failure = cell(o.Failure, 90)
		}
		progAcc := "-"
		if o.HasProgram() {
			progAcc = fmt.Sprintf("%s / %s", percent(o.ProgramAccuracy), percent(o.ProgramAccuracyLong))
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %d / %d of %d | %s | %s | %s | %s | %s | %s | %s | %.0f |\n",
			r.Task.Index, r.Task.Name, dash(r.Task.MIPS), dash(r.Task.GPT4), ours, r.Verified(), r.Corrected(), len(r.Outcomes),
			dash(o.Certificate.Data()), percent(o.HardAccuracy), progAcc, cell(strings.Join(o.Reads, ", "), 60),
			sizeCell(o), archCell(o), failure, secs)
	}
	fmt.Fprintf(&b, "\n**Totals** over %d tasks: ours %d verified (a certified verified program for at least one seed) and %d more corrected; "+
		"%d of the shown programs certified exhaustively at the training length. MIPS %d, GPT-4 %d; "+
		"both ours (verified) and MIPS %d, ours only %d, MIPS only %d. Search time %.0f s (sum over seeds and attempts).\n",
		s.Tasks, s.Ours, s.Corrected, s.Exhaustive, s.MIPS, s.GPT4, s.Both, s.OursOnly, s.MIPSOnly, s.Seconds)
	return b.String()
}

// percent writes a fraction as a percentage, with more digits where it is close to 1 but not 1.
func percent(f float64) string {
	if f < 1 && f > 0.9999 {
		return fmt.Sprintf("%.4f%%", 100*f)
	}
	return fmt.Sprintf("%.2f%%", 100*f)
}

// archCell names the chosen attempt's rung and how its formulas were found beyond symbolic
// regression (see extraction.Result.Mechanisms).
func archCell(o *Outcome) string {
	if len(o.Mechanisms) == 0 {
		return o.Arch
	}
	return o.Arch + " + " + strings.Join(o.Mechanisms, " + ")
}

func sizeCell(o *Outcome) string {
	if o.Size == 0 {
		return ""
	}
	return fmt.Sprint(o.Size)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// cell makes text safe for one Markdown table cell, cut to n runes.
func cell(text string, n int) string {
	text = strings.NewReplacer("|", "\\|", "\n", " ").Replace(text)
	if r := []rune(text); len(r) > n {
		text = string(r[:n-1]) + "…"
	}
	return text
}

// KeptFiles lists the files of a suite folder that make its tables and figures reproducible
// from a clone, for committing: every outcome, and the files of each outcome's chosen attempt
// (its extraction, report, settings, programs, physics evaluation and checkpoint: a few KB for
// these models) but not its training curve (metrics.jsonl) nor the other attempts.
func KeptFiles(out string, tasks []*task.Task) ([]string, error) {
	rows, err := Rows(out, tasks)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, r := range rows {
		for _, o := range r.Outcomes {
			dir := seedDir(out, o.Task, o.Seed)
			files = append(files, filepath.Join(dir, OutcomeFile))
			if o.Arch == "" {
				continue
			}
			err := filepath.WalkDir(filepath.Join(dir, o.Arch), func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || d.Name() == dt.MetricsFile {
					return err
				}
				files = append(files, path)
				return nil
			})
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
	}
	return files, nil
}
