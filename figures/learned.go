package figures

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/discretetransformer/w2c/bench"
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Learned-score heads against the pointer families: for every MIPS task, the default search
// (the MIPS suite folder: the whole ladder of pointer families), the pointer rungs of the
// learned ladder's shapes (a suite folder made by `w2c bench -suite mips -ladder pointers`) and
// the learned ladder (`w2c bench -suite mips -ladder learned`, whose heads learn their scores,
// dt/learned.go): verified or not, the step of the chosen attempt's transition, the search's
// seconds, and what each learned head was found to be by the hypothesis tests, or that it
// matched no hypothesis (with its mean map, drawn by LearnedMapsPlot).

// LearnedRow is one task of the comparison.
type LearnedRow struct {
	Task string
	// Families, Pointers and Learned are the verified seeds of the default search, the pointer
	// rungs and the learned rungs, of Seeds, PointerSeeds (0 without a pointer suite) and
	// LearnedSeeds.
	Families, Seeds, Pointers, PointerSeeds, Learned, LearnedSeeds int
	// Level is the certificate of the learned search's best seed ("" when none passed), Seconds
	// its search time and Transition the transition step of its chosen attempt (0: none).
	Level      string
	Seconds    float64
	Transition int
	// PointerSeconds and PointerTransition are the same of the pointer rungs' best seed.
	PointerSeconds    float64
	PointerTransition int
	// Heads are the reports of the learned heads the best seed's extraction tested, Reads the
	// attention reads of its program (bench.Reads: earlier positions, or x[t] of another input).
	Heads []extraction.HeadReport
	Reads []string
	// Failure is why the best seed has no program ("" when it has one).
	Failure string
}

// LearnedRows pairs the rows of the suites by task (the tasks of the learned suite); pointers
// may be nil.
func LearnedRows(learnedDir string, families, pointers, learned []bench.Row) ([]LearnedRow, error) {
	byTask := func(rows []bench.Row) map[string]bench.Row {
		m := map[string]bench.Row{}
		for _, r := range rows {
			m[r.Task.Name] = r
		}
		return m
	}
	fam, ptr := byTask(families), byTask(pointers)
	var rows []LearnedRow
	for _, r := range learned {
		f, p := fam[r.Task.Name], ptr[r.Task.Name]
		lr := LearnedRow{Task: r.Task.Name, Families: f.Verified(), Seeds: len(f.Outcomes), Pointers: p.Verified(), PointerSeeds: len(p.Outcomes),
			Learned: r.Verified(), LearnedSeeds: len(r.Outcomes)}
		if o := p.Best(); o != nil {
			lr.PointerSeconds, lr.PointerTransition = o.Seconds, chosenTransition(o)
		}
		if o := r.Best(); o != nil {
			lr.Level, lr.Seconds, lr.Failure, lr.Transition, lr.Reads = o.Level, o.Seconds, o.Failure, chosenTransition(o), o.Reads
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

// chosenTransition is the transition step of an outcome's chosen attempt (0: none recorded).
func chosenTransition(o *bench.Outcome) int {
	for _, a := range o.Attempts {
		if a.Arch == o.Arch {
			return a.TransitionStep
		}
	}
	return 0
}

// learnedHeads returns what the extraction of an attempt made of its learned heads (none when
// the attempt was not extracted).
func learnedHeads(dir string) ([]extraction.HeadReport, error) {
	if _, err := os.Stat(filepath.Join(dir, extraction.ExtractionFile)); err != nil {
		return nil, nil
	}
	res, err := LoadExtraction(dir)
	if err != nil {
		return nil, err
	}
	var heads []extraction.HeadReport
	for _, h := range res.Heads {
		if h.Family == dt.FamilyLearned {
			heads = append(heads, h)
		}
	}
	return heads, nil
}

// headLine is what a learned head was found to be, in one line.
func headLine(h extraction.HeadReport) string {
	switch {
	case h.Accepted && h.Joint != "":
		return fmt.Sprintf("%s = %s (jointly, %.1f%% alone)", h.Module, h.Hypothesis, 100*h.Agreement)
	case h.Accepted:
		return fmt.Sprintf("%s = %s", h.Module, h.Hypothesis)
	case h.Unused:
		return fmt.Sprintf("%s unexplained, unused (best %s, %.1f%% of rows)", h.Module, h.Hypothesis, 100*h.Agreement)
	}
	return fmt.Sprintf("%s unexplained (best %s, %.1f%% of rows)", h.Module, h.Hypothesis, 100*h.Agreement)
}

// LearnedTable renders the comparison as Markdown, with its totals.
func LearnedTable(rows []LearnedRow) string {
	var b strings.Builder
	b.WriteString("| task | default search: verified seeds | pointer rungs: verified seeds | learned rungs: verified seeds | transition step: pointers / learned | search (s): pointers / learned | best learned seed | what its learned heads were found to be |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	c := learnedCounts(rows)
	for _, r := range rows {
		level := r.Level
		if level == "" {
			level = "✗ " + OneLine(r.Failure)
		}
		var heads []string
		for _, h := range r.Heads {
			heads = append(heads, headLine(h))
		}
		fmt.Fprintf(&b, "| %s | %d of %d | %s | %d of %d | %s / %s | %s / %.0f | %s | %s |\n", r.Task, r.Families, r.Seeds,
			ofSeeds(r.Pointers, r.PointerSeeds), r.Learned, r.LearnedSeeds, step(r.PointerTransition), step(r.Transition),
			seconds(r.PointerSeconds, r.PointerSeeds), r.Seconds, dash(level), dash(strings.Join(heads, "; ")))
	}
	fmt.Fprintf(&b, "\n**Totals** over %d tasks: default search %d verified, learned heads %d (%d of them through a learned head that a hypothesis identified and the program reads; "+
		"the other %d need no attention); both %d, default only %d, learned only %d, neither %d. "+
		"Learned heads tested: %d, explained by a hypothesis %d, unexplained %d (of which %d unused by the program).\n",
		len(rows), c.families, c.learned, c.reading, c.learned-c.reading, c.both, c.familiesOnly, c.learnedOnly, c.neither, c.heads, c.explained, c.heads-c.explained, c.unused)
	if c.pointerSeeds > 0 {
		fmt.Fprintf(&b, "\n**Same shapes.** The pointer rungs verify %d tasks, the learned rungs %d; both %d, pointers only %d, learned only %d. "+
			"Over the %d tasks both verify, the median transition step of the chosen attempt is %s with pointers and %s with learned heads, "+
			"and the search takes %.0f s and %.0f s in all (best seeds).\n",
			c.pointers, c.learned, c.bothSame, c.pointers-c.bothSame, c.learned-c.bothSame, c.bothSame,
			step(median(c.pointerSteps)), step(median(c.learnedSteps)), c.pointerSeconds, c.learnedSeconds)
	}
	return b.String()
}

// ofSeeds is "n of m", or "-" without a suite.
func ofSeeds(n, m int) string {
	if m == 0 {
		return "-"
	}
	return fmt.Sprintf("%d of %d", n, m)
}

// step is a transition step, "-" when there is none.
func step(s int) string {
	if s <= 0 {
		return "-"
	}
	return fmt.Sprint(s)
}

// seconds is a search time, "-" without a suite.
func seconds(s float64, seeds int) string {
	if seeds == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f", s)
}

// median of positive steps (0 when there are none).
func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

type learnedTally struct {
	families, learned, both, familiesOnly, learnedOnly, neither int
	heads, explained, unused, reading                           int
	// The same shapes: tasks the pointer rungs verify, and both; for those both verify, the
	// transition steps (where recorded) and seconds of each.
	pointerSeeds, pointers, bothSame int
	pointerSteps, learnedSteps       []int
	pointerSeconds, learnedSeconds   float64
}

func learnedCounts(rows []LearnedRow) learnedTally {
	var c learnedTally
	for _, r := range rows {
		f, p, l := r.Families > 0, r.Pointers > 0, r.Learned > 0
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
			if len(r.Reads) > 0 {
				c.reading++
			}
		}
		c.pointerSeeds += r.PointerSeeds
		if p {
			c.pointers++
		}
		if p && l {
			c.bothSame++
			if r.PointerTransition > 0 && r.Transition > 0 {
				c.pointerSteps, c.learnedSteps = append(c.pointerSteps, r.PointerTransition), append(c.learnedSteps, r.Transition)
			}
			c.pointerSeconds += r.PointerSeconds
			c.learnedSeconds += r.Seconds
		}
		for _, h := range r.Heads {
			c.heads++
			if h.Accepted {
				c.explained++
			} else if h.Unused {
				c.unused++
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
	p.NominalX("both", "default only", "learned only", "neither", "heads explained", "heads unexplained")
	p.Y.Min = 0
	p.Y.Max = float64(max(len(rows), c.heads, 1)) * 1.08
	return p
}

// UnexplainedMaps is the number of unexplained heads LearnedMapsPlot draws at most.
const UnexplainedMaps = 6

// LearnedMapsPlot draws the mean hard maps of the unexplained learned heads that blocked a
// program (read by it), at most UnexplainedMaps of them, in table order: what a learned head
// found that no hypothesis of the library describes. It returns nil when there is none.
func LearnedMapsPlot(rows []LearnedRow) Drawer {
	var ps []*plot.Plot
	for _, r := range rows {
		for _, h := range r.Heads {
			if h.Accepted || h.Unused || len(h.MeanMap) == 0 || len(ps) == UnexplainedMaps {
				continue
			}
			ps = append(ps, AttentionPlot(h.MeanMap, fmt.Sprintf("%s %s\nbest: %s (%.1f%%)", r.Task, h.Module, h.Hypothesis, 100*h.Agreement)))
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return Tile(3, ps...)
}

// genLearned writes learned_heads.md, learned_heads.svg/png and learned_unexplained.svg/png
// from the MIPS suite, the pointer-rungs suite (if there is one) and the learned suite.
func genLearned(opts Options) ([]string, error) {
	if _, err := os.Stat(filepath.Join(opts.Learned, "runs")); err != nil {
		return nil, skipped{fmt.Sprintf("no learned-heads suite in %s (make one with `w2c bench -suite mips -ladder learned -out %s`, or point -learned at one)", opts.Learned, opts.Learned)}
	}
	learned, err := suiteRows(opts, opts.Learned, "mips", "learned")
	if err != nil {
		return nil, err
	}
	families, err := suiteRows(opts, opts.Bench, "mips", "bench")
	if err != nil {
		return nil, err
	}
	var pointers []bench.Row
	pointersNote := "There is no pointer-rungs suite in " + opts.Pointers + " (`w2c bench -suite mips -ladder pointers -out " + opts.Pointers + "`): its columns are empty."
	if _, err := os.Stat(filepath.Join(opts.Pointers, "runs")); err == nil {
		if pointers, err = suiteRows(opts, opts.Pointers, "mips", "pointers"); err != nil {
			return nil, err
		}
		pointersNote = "The pointer rungs (" + opts.Pointers + ", `w2c bench -suite mips -ladder pointers`) are the default ladder's rungs of the same six shapes, trained as the default search trains them (with its give-up check at step 800 where the default ladder has one)."
	}
	rows, err := LearnedRows(opts.Learned, families, pointers, learned)
	if err != nil {
		return nil, err
	}
	files, err := save(LearnedChart(rows), opts.Out, "learned_heads", 8, 4.5)
	if err != nil {
		return nil, err
	}
	mapsNote := "No unexplained head blocked a program."
	if d := LearnedMapsPlot(rows); d != nil {
		fs, err := save(d, opts.Out, "learned_unexplained", 9, 6)
		if err != nil {
			return nil, err
		}
		files = append(files, fs...)
		mapsNote = "The mean hard maps of the unexplained heads that blocked a program (at most " + fmt.Sprint(UnexplainedMaps) + ") are drawn in learned_unexplained.svg."
	}
	intro := "Every MIPS task searched three ways: the default ladder of pointer families (" + opts.Bench + "), and, in six shapes (one head and one sub-MLP; two heads and two sub-MLPs; three heads and sub-MLPs of arity 3; six heads and one sub-MLP of arity 7; the two autoregressive shapes, whose heads read the model's own outputs at earlier positions), " +
		"with pointer families and with learned heads, whose scores are learnt (`w2c bench -suite mips -ladder learned`, " + opts.Learned + ", no give-up check). " + pointersNote + " " +
		"A learned head is explained when a hypothesis of the library reads the same values as its hard maps on at least 99% of rows (lower confidence bound); " +
		"an unexplained head blocks extraction when the program reads it, and is dropped when the sub-MLPs reading it fit without it. " +
		"The transition step is that of the best seed's chosen attempt: the first record at which the mean entropy of its choices (and of its learned maps) is at half its first value (dt.FindTransition); the seconds are the best seed's whole search. " +
		mapsNote + " The suites' tables, with their stamps, are " + filepath.Join(opts.Learned, bench.MarkdownFile) + " and " + filepath.Join(opts.Pointers, bench.MarkdownFile) + ".\n\n"
	fs, err := writeText(opts.Out, "learned_heads.md", intro+LearnedTable(rows))
	return append(files, fs...), err
}
