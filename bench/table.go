package bench

import (
	"encoding/csv"
	"fmt"

	"path/filepath"
	"sort"
	"strings"

	"github.com/discretetransformer/w2c/dt"
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

// Verified is the number of seeds with a verified program.
func (r Row) Verified() int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Verified {
			n++
		}
	}
	return n
}

// Best is the outcome shown for the task: a verified seed (the smallest program), else the
// seed that came closest.
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
	if a.Verified {
		return a.Size < b.Size || (a.Size == b.Size && a.Seed < b.Seed)
	}
	if a.Correct != b.Correct {
		return a.Correct
	}
	return a.HardAccuracy > b.HardAccuracy
}

// Summary counts the tasks with a verified program against the baselines.
type Summary struct {
	Tasks, Ours, MIPS, GPT4, Both, OursOnly, MIPSOnly int
	Seconds                                           float64
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

// Table writes results.csv and results.md for the tasks of a suite folder and returns the
// totals.
func Table(out string, tasks []*task.Task) (Summary, error) {
	rows, err := Rows(out, tasks)
	if err != nil {
		return Summary{}, err
	}
	s := Summarize(rows)
	if err := writeCSV(filepath.Join(out, CSVFile), rows); err != nil {
		return s, err
	}
	if table, ok := physicsTable(out, rows); ok {
		if err := dt.WriteFileAtomic(filepath.Join(out, PhysicsFile), []byte(table)); err != nil {
			return s, err
		}
	}
	return s, dt.WriteFileAtomic(filepath.Join(out, MarkdownFile), []byte(markdown(rows, s)))
}

// Summarize counts the tasks with a verified program (for at least one seed) beside the MIPS
// and GPT-4 baselines, and the seconds the searches took.
func Summarize(rows []Row) Summary {
	var s Summary
	for _, r := range rows {
		ours, mips, gpt4 := r.Verified() > 0, r.Task.MIPS == "✓", r.Task.GPT4 == "✓"
		s.Tasks++
		s.Ours += b2i(ours)
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

// csvHeader are the columns of results.csv: one line per task and seed.
var csvHeader = []string{"index", "task", "mips", "gpt4", "seed", "verified", "correct", "arch", "attempts",
	"hard_sequence_accuracy", "program_accuracy", "program_accuracy_5x", "program_relative_mse", "hypotheses",
	"program_size", "failure", "seconds"}

func writeCSV(path string, rows []Row) error {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(csvHeader)
	for _, r := range rows {
		for _, o := range r.Outcomes {
			_ = w.Write([]string{fmt.Sprint(r.Task.Index), r.Task.Name, r.Task.MIPS, r.Task.GPT4, fmt.Sprint(o.Seed),
				fmt.Sprint(o.Verified), fmt.Sprint(o.Correct), o.Arch, fmt.Sprint(len(o.Attempts)),
				fmt.Sprintf("%.4f", o.HardAccuracy), fmt.Sprintf("%.4f", o.ProgramAccuracy), fmt.Sprintf("%.4f", o.ProgramAccuracy5),
				fmt.Sprintf("%.3g", o.RelativeMSE), strings.Join(o.Hypotheses, " "), fmt.Sprint(o.Size), o.Failure,
				fmt.Sprintf("%.1f", o.Seconds)})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return dt.WriteFileAtomic(path, []byte(b.String()))
}

// markdown renders the table: one line per task, the baselines beside ours, then the totals.
func markdown(rows []Row, s Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| # | task | MIPS | GPT-4 | ours | seeds verified | hard acc. | program acc. (L / 5L) | attention | size | arch | failure (best seed) | time (s) |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		o := r.Best()
		ours := "✗"
		if r.Verified() > 0 {
			ours = "✓"
		}
		var secs float64
		for _, x := range r.Outcomes {
			secs += x.Seconds
		}
		failure := ""
		if !o.Verified {
			failure = cell(o.Failure, 90)
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %d/%d | %.2f%% | %.2f%% / %.2f%% | %s | %s | %s | %s | %.0f |\n",
			r.Task.Index, r.Task.Name, dash(r.Task.MIPS), dash(r.Task.GPT4), ours, r.Verified(), len(r.Outcomes),
			100*o.HardAccuracy, 100*o.ProgramAccuracy, 100*o.ProgramAccuracy5, cell(strings.Join(o.Hypotheses, ", "), 60),
			sizeCell(o), o.Arch, failure, secs)
	}
	fmt.Fprintf(&b, "\n**Totals** over %d tasks: ours %d (a verified program for at least one seed), MIPS %d, GPT-4 %d; "+
		"both ours and MIPS %d, ours only %d, MIPS only %d. Search time %.0f s (sum over seeds and attempts).\n",
		s.Tasks, s.Ours, s.MIPS, s.GPT4, s.Both, s.OursOnly, s.MIPSOnly, s.Seconds)
	return b.String()
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
