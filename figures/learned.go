package figures

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/bench"
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Learned-score heads against the pointer families: for every MIPS task, the default search
// (the MIPS suite folder: the ladder of pointer families) beside the learned ladder (a suite
// folder made by `w2c bench -suite mips -ladder learned`, whose heads learn their scores,
// dt/learned.go): verified or not, the search's seconds, and what each learned head was found
// to be by the hypothesis tests, or that it matched no hypothesis.

// LearnedRow is one task of the comparison.
type LearnedRow struct {
	Task string
	// Families and Learned are the verified seeds of each search, of Seeds and LearnedSeeds.
	Families, Seeds, Learned, LearnedSeeds int
	// Level is the certificate of the learned search's best seed ("" when none passed), Seconds
	// its search time.
	Level   string
	Seconds float64
	// Heads are the learned heads the best seed's extraction tested: "L0.att0 = x[t-2]", or
	// "L0.att0 unexplained (best …)".
	Heads []string
	// Failure is why the best seed has no program ("" when it has one).
	Failure string
}

// LearnedRows pairs the rows of the two suites by task (the tasks of the learned suite).
func LearnedRows(learnedDir string, families, learned []bench.Row) ([]LearnedRow, error) {
	byTask := map[string]bench.Row{}
	for _, r := range families {
		byTask[r.Task.Name] = r
	}
	var rows []LearnedRow
	for _, r := range learned {
		f := byTask[r.Task.Name]
		lr := LearnedRow{Task: r.Task.Name, Families: f.Verified(), Seeds: len(f.Outcomes), Learned: r.Verified(), LearnedSeeds: len(r.Outcomes)}
		if o := r.Best(); o != nil {
			lr.Level, lr.Seconds, lr.Failure = o.Level, o.Seconds, o.Failure
			heads, err := learnedHeads(filepath.Join(learnedDir, "runs", r.Task.Name, fmt.Sprintf("seed%d", o.Seed), o.Arch))
			if err != nil {
				return nil, err
			}
			lr.Heads = heads
		}
		rows = append(rows, lr)
	}
	return rows, nil
}

// learnedHeads lists what the extraction of an attempt made of its learned heads (none when
// the attempt was not extracted).
func learnedHeads(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, extraction.ExtractionFile)); err != nil {
		return nil, nil
	}
	res, err := LoadExtraction(dir)
	if err != nil {
		return nil, err
	}
	var heads []string
	for _, h := range res.Heads {
		if h.Family != dt.FamilyLearned {
			continue
		}
		if h.Accepted {
			heads = append(heads, fmt.Sprintf("%s = %s", h.Module, h.Hypothesis))
		} else {
			heads = append(heads, fmt.Sprintf("%s unexplained (best %s, %.1f%% of rows)", h.Module, h.Hypothesis, 100*h.Agreement))
		}
	}
	return heads, nil
}

// LearnedTable renders the comparison as Markdown, with its totals.
func LearnedTable(rows []LearnedRow) string {
	var b strings.Builder
	b.WriteString("| task | pointer families: verified seeds | learned heads: verified seeds | best learned seed | what its learned heads were found to be | search (s) |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	c := learnedCounts(rows)
	for _, r := range rows {
		level := r.Level
		if level == "" {
			level = "✗ " + OneLine(r.Failure)
		}
		fmt.Fprintf(&b, "| %s | %d of %d | %d of %d | %s | %s | %.0f |\n", r.Task, r.Families, r.Seeds, r.Learned, r.LearnedSeeds,
			dash(level), dash(strings.Join(r.Heads, "; ")), r.Seconds)
	}
	fmt.Fprintf(&b, "\n**Totals** over %d tasks: pointer families %d verified, learned heads %d; both %d, families only %d, learned only %d, neither %d. "+
		"Learned heads tested: %d, explained by a hypothesis %d, unexplained %d.\n",
		len(rows), c.families, c.learned, c.both, c.familiesOnly, c.learnedOnly, c.neither, c.heads, c.explained, c.heads-c.explained)
	return b.String()
}

type learnedTally struct {
	families, learned, both, familiesOnly, learnedOnly, neither int
	heads, explained                                            int
}

func learnedCounts(rows []LearnedRow) learnedTally {
	var c learnedTally
	for _, r := range rows {
		f, l := r.Families > 0, r.Learned > 0
		switch {
		case f && l:
			c.both++
		case f:
			c.familiesOnly++
		case l:
			c.learnedOnly++
		default:
			c.neither++
		}
		if f {
			c.families++
		}
		if l {
			c.learned++
		}
		for _, h := range r.Heads {
			c.heads++
			if !strings.Contains(h, " unexplained ") {
				c.explained++
			}
		}
	}
	return c
}

// LearnedChart is a bar chart of the comparison: tasks verified by both searches, by one, by
// neither, and the learned heads explained or not.
func LearnedChart(rows []LearnedRow) *plot.Plot {
	c := learnedCounts(rows)
	p := newPlot(fmt.Sprintf("pointer families and learned heads, %d MIPS tasks", len(rows)), "", "count")
	values := []float64{float64(c.both), float64(c.familiesOnly), float64(c.learnedOnly), float64(c.neither), float64(c.explained), float64(c.heads - c.explained)}
	bars, err := plotter.NewBarChart(plotter.Values(values), vg.Points(28))
	if err == nil {
		bars.Color = ColorAt(0)
		bars.LineStyle.Width = 0
		p.Add(bars)
	}
	var labels plotter.XYLabels
	for j, v := range values {
		labels.XYs = append(labels.XYs, plotter.XY{X: float64(j), Y: v})
		labels.Labels = append(labels.Labels, fmt.Sprint(int(v)))
	}
	addBarLabels(p, labels)
	p.NominalX("both", "families only", "learned only", "neither", "heads explained", "heads unexplained")
	p.Y.Min = 0
	p.Y.Max = float64(max(len(rows), c.heads, 1)) * 1.08
	return p
}

// genLearned writes learned_heads.md and learned_heads.svg/png from the MIPS suite and the
// learned suite.
func genLearned(opts Options) ([]string, error) {
	if _, err := os.Stat(filepath.Join(opts.Learned, "runs")); err != nil {
		return nil, skipped{fmt.Sprintf("no learned-heads suite in %s (make one with `w2c bench -suite mips -ladder learned -seeds 1 -out %s`, or point -learned at one)", opts.Learned, opts.Learned)}
	}
	learned, err := suiteRows(opts, opts.Learned, "mips", "learned")
	if err != nil {
		return nil, err
	}
	families, err := suiteRows(opts, opts.Bench, "mips", "bench")
	if err != nil {
		return nil, err
	}
	rows, err := LearnedRows(opts.Learned, families, learned)
	if err != nil {
		return nil, err
	}
	files, err := save(LearnedChart(rows), opts.Out, "learned_heads", 8, 4.5)
	if err != nil {
		return nil, err
	}
	intro := "Every MIPS task searched twice: the default ladder of pointer families (" + opts.Bench + ") and the learned ladder, whose heads learn their scores " +
		"(`w2c bench -suite mips -ladder learned`, " + opts.Learned + ": one rung, two heads and two sub-MLPs, no give-up check). " +
		"A learned head is explained when a hypothesis of the library reads the same values as its hard maps on at least 99% of rows (lower confidence bound); " +
		"an unexplained head blocks extraction. The learned ladder's table, with its stamp, is " + filepath.Join(opts.Learned, bench.MarkdownFile) + ".\n\n"
	fs, err := writeText(opts.Out, "learned_heads.md", intro+LearnedTable(rows))
	return append(files, fs...), err
}
