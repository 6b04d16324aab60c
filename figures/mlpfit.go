package figures

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MLPSamples are a sub-MLP's observed inputs and outputs in the hard model, beside the values
// of the formula that symbolic regression found for it.
type MLPSamples struct {
	Module  string      // e.g. "L0.mlp0"
	Inputs  []string    // the program variables it reads, e.g. ["x", "att0_0"]
	Legend  string      // what the inputs are, e.g. "att0_0 = x[t-1]"
	X       [][]float64 // X[i] are the inputs of sample i
	Y       []float64   // the sub-MLP's outputs
	Formula string
	// F are the formula's values at X (nil when the formula could not be evaluated; FErr says
	// why).
	F    []float64
	FErr error
}

// MLPSamples collects the inputs and outputs of the sub-MLP of an extraction report at every
// scored position (after the task's warm-up) of the observed sequences, and evaluates the
// report's formula on the same inputs. heads are the extraction's head reports, used to say
// what the inputs that are heads read.
func (o *Observation) MLPSamples(rep extraction.MLPReport, heads []extraction.HeadReport) (*MLPSamples, error) {
	var inputs []int
	slot := -1
	for _, m := range o.Structure.MLPs {
		if fmt.Sprintf("L%d.mlp%d", m.Layer, m.Index) == rep.Module {
			inputs, slot = m.Inputs, m.Slot
		}
	}
	if slot < 0 {
		return nil, fmt.Errorf("the model has no sub-MLP %s", rep.Module)
	}
	s := &MLPSamples{Module: rep.Module, Inputs: rep.Inputs, Formula: rep.Formula, Legend: inputLegend(rep.Inputs, heads)}
	for _, seq := range o.Pred.Slots {
		for t := o.Run.Task.Warmup; t < len(seq); t++ {
			x := make([]float64, len(inputs))
			for i, in := range inputs {
				x[i] = seq[t][in]
			}
			s.X = append(s.X, x)
			s.Y = append(s.Y, seq[t][slot])
		}
	}
	s.F, s.FErr = EvalFormula(rep.Formula, rep.Inputs, s.X)
	return s, nil
}

// inputLegend says which head each head input is ("att0_0 = x[t-1]").
func inputLegend(inputs []string, heads []extraction.HeadReport) string {
	var parts []string
	for _, in := range inputs {
		var l, h int
		if _, err := fmt.Sscanf(in, "att%d_%d", &l, &h); err != nil {
			continue
		}
		for _, hr := range heads {
			if hr.Module == fmt.Sprintf("L%d.att%d", l, h) {
				parts = append(parts, in+" = "+hr.Hypothesis)
			}
		}
	}
	return strings.Join(parts, ", ")
}

// EvalFormula evaluates a formula of symbolic regression (as extraction.MLPReport writes it,
// with program.FormatExpr) of the named variables at every row of X, read by the program parser
// (which also reads square(x) and mod(x, y), the spellings of older reports).
func EvalFormula(formula string, names []string, X [][]float64) ([]float64, error) {
	src := fmt.Sprintf("program formula(%s) -> value:\n  for t:\n    value = %s\n", strings.Join(names, ", "), formula)
	p, err := program.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("cannot evaluate formula %q: %w", formula, err)
	}
	c, err := p.Compile()
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(X))
	for i, x := range X {
		ys, err := c.Run([][]float64{x})
		if err != nil {
			return nil, err
		}
		out[i] = ys[0][0]
	}
	return out, nil
}

// maxCategories is the largest number of distinct input tuples MLPFitPlot shows one by one.
const maxCategories = 24

// MLPFitPlot compares a sub-MLP with its formula. When its inputs take few distinct values (a
// Boolean or small-integer sub-MLP), every input tuple is a column with the sub-MLP's outputs
// (rings: the mean, bars: the range) and the formula's value (cross); otherwise it is a
// scatter plot of the sub-MLP's output against the formula's, on the diagonal when they agree.
func MLPFitPlot(s *MLPSamples) *plot.Plot {
	title := fmt.Sprintf("sub-MLP %s(%s) ≈ %s", s.Module, strings.Join(s.Inputs, ", "), s.Formula)
	if s.F != nil {
		title += fmt.Sprintf("\nmax |sub-MLP − formula| = %.2g over %d positions", maxAbsDiff(s.Y, s.F), len(s.Y))
	} else if s.FErr != nil {
		title += "\n(formula not evaluated: " + s.FErr.Error() + ")"
	}
	cats := categories(s)
	if len(cats) > maxCategories || len(cats) == 0 {
		return mlpScatter(s, title)
	}
	xLabel := "inputs (" + strings.Join(s.Inputs, ", ") + ")"
	if s.Legend != "" {
		xLabel += ";  " + s.Legend
	}
	p := newPlot(title, xLabel, "output")
	var mean, lo, hi, formula plotter.XYs
	var labels []string
	for i, c := range cats {
		x := float64(i)
		mean = append(mean, plotter.XY{X: x, Y: c.mean})
		lo = append(lo, plotter.XY{X: x, Y: c.min})
		hi = append(hi, plotter.XY{X: x, Y: c.max})
		if !math.IsNaN(c.formula) {
			formula = append(formula, plotter.XY{X: x, Y: c.formula})
		}
		labels = append(labels, c.label)
	}
	for i := range mean {
		l := line([]float64{lo[i].X, hi[i].X}, []float64{lo[i].Y, hi[i].Y}, ColorAt(0))
		p.Add(l)
	}
	sc, _ := plotter.NewScatter(mean)
	sc.GlyphStyle = draw.GlyphStyle{Color: ColorAt(0), Radius: vg.Points(6), Shape: draw.RingGlyph{}}
	p.Add(sc)
	p.Legend.Add("sub-MLP output (hard model)", sc)
	if len(formula) > 0 {
		fs, _ := plotter.NewScatter(formula)
		fs.GlyphStyle = draw.GlyphStyle{Color: ColorAt(1), Radius: vg.Points(4), Shape: draw.CrossGlyph{}}
		p.Add(fs)
		p.Legend.Add("formula "+s.Formula, fs)
	}
	p.NominalX(labels...)
	p.X.Min, p.X.Max = -0.6, float64(len(cats))-0.4
	p.Legend.Top, p.Legend.Left = true, true
	p.Y.Padding = vg.Points(12)
	p.Y.Max += 0.25 * (p.Y.Max - p.Y.Min + 1) // room for the legend
	return p
}

// category is one distinct input tuple of a sub-MLP.
type category struct {
	label          string
	key            []float64
	mean, min, max float64
	formula        float64
	n              int
}

// categories groups the samples by input tuple (values rounded to 6 significant digits), in
// lexicographic order of the tuples; nil past maxCategories.
func categories(s *MLPSamples) []*category {
	byKey := map[string]*category{}
	var cats []*category
	for i, x := range s.X {
		parts := make([]string, len(x))
		for j, v := range x {
			parts[j] = fmt.Sprintf("%.6g", v)
		}
		k := strings.Join(parts, ",")
		c := byKey[k]
		if c == nil {
			if len(cats) == maxCategories {
				return append(cats, &category{}) // too many: the caller falls back
			}
			c = &category{label: "(" + strings.Join(parts, ", ") + ")", key: x, min: math.Inf(1), max: math.Inf(-1), formula: math.NaN()}
			byKey[k] = c
			cats = append(cats, c)
		}
		c.n++
		c.mean += (s.Y[i] - c.mean) / float64(c.n)
		c.min, c.max = math.Min(c.min, s.Y[i]), math.Max(c.max, s.Y[i])
		if s.F != nil {
			c.formula = s.F[i]
		}
	}
	sort.Slice(cats, func(a, b int) bool { return lessTuple(cats[a].key, cats[b].key) })
	return cats
}

func lessTuple(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// mlpScatter plots the sub-MLP's outputs against the formula's values (or against its first
// input when there is no formula to compare with).
func mlpScatter(s *MLPSamples, title string) *plot.Plot {
	xs, xLabel := s.F, "formula "+s.Formula
	if xs == nil {
		xs, xLabel = column(s.X, 0), s.Inputs[0]
	}
	p := newPlot(title, xLabel, "sub-MLP output (hard model)")
	pts := xyOf(xs, s.Y)
	if len(pts) > 2000 {
		pts = pts[:2000]
	}
	sc, _ := plotter.NewScatter(pts)
	sc.GlyphStyle = draw.GlyphStyle{Color: ColorAt(0), Radius: vg.Points(1.5), Shape: draw.CircleGlyph{}}
	p.Add(sc)
	if s.F != nil && len(pts) > 0 {
		lo, hi := minMax(xs)
		p.Add(line([]float64{lo, hi}, []float64{lo, hi}, ColorAt(1), vg.Points(4), vg.Points(3)))
	}
	return p
}

func column(X [][]float64, j int) []float64 {
	out := make([]float64, len(X))
	for i, x := range X {
		if j < len(x) {
			out[i] = x[j]
		}
	}
	return out
}

func minMax(xs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range xs {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return lo, hi
}

func maxAbsDiff(a, b []float64) float64 {
	var m float64
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}
