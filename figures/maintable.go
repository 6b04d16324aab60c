package figures

import (
	"fmt"
	"strings"

	"github.com/discretetransformer/w2c/bench"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MainTable renders the main results table in Markdown: one line per task with the MIPS and
// GPT-4 results beside ours (seeds with a verified program), and the program of the best seed
// on one line (statements joined by "; "), then the totals.
func MainTable(rows []bench.Row) string {
	var b strings.Builder
	b.WriteString("| # | task | MIPS | GPT-4 | ours | seeds verified | program (best seed) | size |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		o := r.Best()
		ours, prog, size := "✗", "", ""
		if r.Verified() > 0 {
			ours, prog, size = "✓", "`"+OneLine(o.Program)+"`", fmt.Sprint(o.Size)
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %d/%d | %s | %s |\n", r.Task.Index, r.Task.Name,
			dash(r.Task.MIPS), dash(r.Task.GPT4), ours, r.Verified(), len(r.Outcomes), prog, size)
	}
	s := bench.Summarize(rows)
	fmt.Fprintf(&b, "\n**Totals** over %d tasks: ours %d, MIPS %d, GPT-4 %d; both ours and MIPS %d, ours only %d, MIPS only %d.\n",
		s.Tasks, s.Ours, s.MIPS, s.GPT4, s.Both, s.OursOnly, s.MIPSOnly)
	return b.String()
}

// OneLine flattens a program's pseudo-code to its statements joined by "; ", without the
// header, the loop line and comments: "prev1_x = x[t-1]; y = x != prev1_x".
func OneLine(code string) string {
	var stmts []string
	for _, l := range strings.Split(code, "\n") {
		l, _, _ = strings.Cut(l, "#")
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "program ") || l == "for t:" {
			continue
		}
		stmts = append(stmts, l)
	}
	return strings.ReplaceAll(strings.Join(stmts, "; "), "|", `\|`)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// SolvedChart is a bar chart of a summary: how many tasks ours, MIPS and GPT-4 solve, and the
// overlap of ours with MIPS (both, ours only, MIPS only).
func SolvedChart(s bench.Summary) *plot.Plot {
	p := newPlot(fmt.Sprintf("tasks solved, of the %d MIPS tasks with outcomes", s.Tasks), "", "tasks")
	groups := []struct {
		at     float64
		values []float64
	}{
		{0, []float64{float64(s.Ours), float64(s.MIPS), float64(s.GPT4)}},
		{4, []float64{float64(s.Both), float64(s.OursOnly), float64(s.MIPSOnly)}},
	}
	var labels plotter.XYLabels
	for i, g := range groups {
		bars, err := plotter.NewBarChart(plotter.Values(g.values), vg.Points(28))
		if err != nil {
			continue
		}
		bars.XMin = g.at
		bars.Color = ColorAt(i)
		bars.LineStyle.Width = 0
		p.Add(bars)
		for j, v := range g.values {
			labels.XYs = append(labels.XYs, plotter.XY{X: g.at + float64(j), Y: v})
			labels.Labels = append(labels.Labels, fmt.Sprint(int(v)))
		}
	}
	addBarLabels(p, labels)
	p.NominalX("ours", "MIPS", "GPT-4", "", "ours and MIPS", "ours only", "MIPS only")
	p.Y.Min = 0
	p.Y.Max = float64(max(s.Tasks, 1)) * 1.08
	return p
}

// addBarLabels writes each bar's value above it.
func addBarLabels(p *plot.Plot, labels plotter.XYLabels) {
	if l, err := plotter.NewLabels(labels); err == nil {
		for i := range l.TextStyle {
			l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = draw.XCenter, draw.YBottom
			l.TextStyle[i].Font = sans(9)
			l.Offset = vg.Point{Y: vg.Points(2)}
		}
		p.Add(l)
	}
}
