package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Curve is the training curve of one run, with a label for legends and tables.
type Curve struct {
	Label   string
	Metrics []dt.Metric
}

// lossFloor is the smallest loss drawn on a log scale (a hard model can be exact: loss 0).
const lossFloor = 1e-32

// series extracts one value of every record, as x (step) and y.
func series(ms []dt.Metric, f func(dt.Metric) float64) (xs, ys []float64) {
	for _, m := range ms {
		xs = append(xs, float64(m.Step))
		ys = append(ys, f(m))
	}
	return xs, ys
}

// floored clamps values to lossFloor and above, for log scales.
func floored(ys []float64) []float64 {
	out := make([]float64, len(ys))
	for i, y := range ys {
		out[i] = math.Max(y, lossFloor)
	}
	return out
}

// logY puts a plot's y axis on a log scale with powers-of-ten ticks.
func logY(p *plot.Plot) {
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = sparseLogTicks{}
}

// sparseLogTicks labels powers of ten, at most about six of them, with minor ticks between.
type sparseLogTicks struct{}

// Ticks implements plot.Ticker.
func (sparseLogTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := math.Floor(math.Log10(min)), math.Ceil(math.Log10(max))
	step := math.Max(1, math.Ceil((hi-lo)/6))
	var ticks []plot.Tick
	for e := lo; e <= hi; e++ {
		v := math.Pow(10, e)
		if v < min*0.999 || v > max*1.001 {
			continue
		}
		label := ""
		if math.Mod(e-lo, step) == 0 {
			label = fmt.Sprintf("1e%d", int(e))
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// markTransition adds the transition's vertical lines to a panel plotted against the step;
// labelled says whether they carry their labels (the top panel of a column).
func markTransition(p *plot.Plot, tr dt.Transition, labelled bool) {
	label := func(s string) string {
		if labelled {
			return s
		}
		return ""
	}
	if tr.Found {
		p.Add(newVLine(float64(tr.Step), label(fmt.Sprintf("transition (τ=%.2g)", tr.Tau)), ColorAt(7)))
	}
	if tr.HardStart > 0 {
		p.Add(newVLine(float64(tr.HardStart), label("hard phase"), Grey, vg.Points(2), vg.Points(2)))
	}
}

// AnnealingPlot shows one training curve in three panels against the step: the loss of the
// soft and of the hard model on held-out sequences (and of the last training batch), log scale;
// the mean entropy of the choices and the fraction of argmaxes that changed since the previous
// record; and the temperature tau (log scale). Vertical lines mark the transition (see
// dt.Transition) and the start of the hard phase.
func AnnealingPlot(ms []dt.Metric, title string) Grid {
	tr := dt.FindTransition(ms)
	loss := newPlot(title, "", "loss")
	logY(loss)
	xs, train := series(ms, func(m dt.Metric) float64 { return m.LossTrain })
	_, soft := series(ms, func(m dt.Metric) float64 { return m.LossSoft })
	_, hard := series(ms, func(m dt.Metric) float64 { return m.LossHard })
	addLines(loss, xs, []namedSeries{
		{"training batch", floored(train), Grey, nil},
		{"soft model", floored(soft), ColorAt(0), nil},
		{"hard model", floored(hard), ColorAt(1), []vg.Length{vg.Points(4), vg.Points(2)}},
	})
	markTransition(loss, tr, true)

	choices := newPlot("", "", "choices")
	_, ent := series(ms, func(m dt.Metric) float64 { return m.MeanEntropy })
	_, changed := series(ms, func(m dt.Metric) float64 { return m.ArgmaxChanged })
	addLines(choices, xs, []namedSeries{
		{"mean entropy (nats)", ent, ColorAt(2), nil},
		{"fraction of argmaxes changed", changed, ColorAt(3), nil},
	})
	choices.Y.Min = 0
	markTransition(choices, tr, false)

	temp := newPlot("", "step", "τ")
	logY(temp)
	_, taus := series(ms, func(m dt.Metric) float64 { return m.Tau })
	addLines(temp, xs, []namedSeries{{"temperature τ", taus, ColorAt(4), nil}})
	markTransition(temp, tr, false)
	for _, p := range []*plot.Plot{loss, choices, temp} {
		p.X.Min = 0
	}
	return Column(loss, choices, temp)
}

// namedSeries is one line of a panel.
type namedSeries struct {
	name   string
	ys     []float64
	color  color.Color
	dashes []vg.Length
}

// addLines adds lines sharing xs, with a legend entry each (when named).
func addLines(p *plot.Plot, xs []float64, ss []namedSeries) {
	for _, s := range ss {
		l := line(xs, s.ys, s.color, s.dashes...)
		p.Add(l)
		if s.name != "" {
			p.Legend.Add(s.name, l)
		}
	}
}

// AnnealingOverlay compares training curves (tasks, seeds) in two panels: the hard model's loss
// (log scale) and the mean entropy of the choices, each curve with a dot at its transition. The
// x axis is the step, or, with byTau, the temperature falling from left to right (log scale):
// curves with different step counts then line up by temperature (the records after annealing,
// at the final tau, stack up at the right edge).
func AnnealingOverlay(curves []Curve, byTau bool) Grid {
	xLabel := "step"
	if byTau {
		xLabel = "temperature τ (falling →)"
	}
	loss := newPlot("annealing across runs: hard-model loss and choice entropy", "", "hard-model loss")
	logY(loss)
	ent := newPlot("", xLabel, "mean entropy (nats)")
	seen := map[string]int{}
	var dotLegend plot.Thumbnailer
	for i, c := range curves {
		task, _, _ := strings.Cut(c.Label, " ")
		ci, ok := seen[task]
		if !ok {
			ci = len(seen)
			seen[task] = ci
		}
		dashes := [][]vg.Length{nil, {vg.Points(4), vg.Points(2)}, {vg.Points(1), vg.Points(2)}}[i%3]
		xs, hard := series(c.Metrics, func(m dt.Metric) float64 { return m.LossHard })
		_, en := series(c.Metrics, func(m dt.Metric) float64 { return m.MeanEntropy })
		if byTau {
			_, xs = series(c.Metrics, func(m dt.Metric) float64 { return m.Tau })
		}
		l := line(xs, floored(hard), ColorAt(ci), dashes...)
		loss.Add(l)
		ent.Legend.Add(c.Label, l)
		ent.Add(line(xs, en, ColorAt(ci), dashes...))
		if tr := dt.FindTransition(c.Metrics); tr.Found {
			x := float64(tr.Step)
			if byTau {
				x = tr.Tau
			}
			dot, _ := plotter.NewScatter(plotter.XYs{{X: x, Y: entropyAt(c.Metrics, tr.Step)}})
			dot.GlyphStyle = draw.GlyphStyle{Color: ColorAt(ci), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
			ent.Add(dot)
			dotLegend = dot
		}
	}
	ent.Y.Min = 0
	if !byTau {
		loss.X.Min, ent.X.Min = 0, 0
	}
	if byTau {
		for _, p := range []*plot.Plot{loss, ent} {
			p.X.Scale = plot.InvertedScale{Normalizer: plot.LogScale{}}
			p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		}
	}
	if dotLegend != nil {
		ent.Legend.Add("transition (entropy at half its start)", dotLegend)
	}
	return Column(loss, ent)
}

// entropyAt is the mean entropy at a step's record.
func entropyAt(ms []dt.Metric, step int) float64 {
	for _, m := range ms {
		if m.Step == step {
			return m.MeanEntropy
		}
	}
	return math.NaN()
}

// TransitionsTable is a Markdown table of the transitions of training curves: where the
// entropy fell to half, at what tau, when the argmaxes stopped changing, and how the run ended.
func TransitionsTable(curves []Curve) string {
	var b strings.Builder
	b.WriteString("| run | transition step | τ there | mean entropy start → end | last argmax change | hard phase from | final hard loss | hard exact |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, c := range curves {
		tr := dt.FindTransition(c.Metrics)
		if len(c.Metrics) == 0 {
			fmt.Fprintf(&b, "| %s | no records | | | | | | |\n", c.Label)
			continue
		}
		last := c.Metrics[len(c.Metrics)-1]
		step, tau := "not reached", ""
		if tr.Found {
			step, tau = fmt.Sprint(tr.Step), fmt.Sprintf("%.3g", tr.Tau)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.3f → %.3f | %d | %d | %.2g | %.2f%% |\n", c.Label, step, tau,
			tr.Entropy0, last.MeanEntropy, tr.LastChange, tr.HardStart, last.LossHard, 100*last.ExactHard)
	}
	return b.String()
}

// EntropyGroupsPlot draws the entropy of every group of choices of one run against the step
// (the attention rows dashed): which choices settle first. Groups are named as in metrics.jsonl,
// e.g. "layer0/attention/offset".
func EntropyGroupsPlot(ms []dt.Metric, title string) *plot.Plot {
	p := newPlot(title, "step", "entropy (nats)")
	var names []string
	for _, m := range ms {
		for name := range m.Entropy {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	for i, name := range names {
		xs, ys := series(ms, func(m dt.Metric) float64 {
			if v, ok := m.Entropy[name]; ok {
				return v
			}
			return math.NaN()
		})
		var dashes []vg.Length
		if strings.HasSuffix(name, "/rows") {
			dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		}
		l := line(xs, ys, ColorAt(i), dashes...)
		p.Add(l)
		p.Legend.Add(name, l)
	}
	markTransition(p, dt.FindTransition(ms), false)
	p.X.Min, p.Y.Min = 0, 0
	return p
}
