package figures

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colors of the figures: a colour-blind-safe palette (Okabe and Ito), in the order series take
// them, plus grey for references.
var (
	Palette = []color.Color{
		color.RGBA{0, 114, 178, 255},   // blue
		color.RGBA{213, 94, 0, 255},    // vermillion
		color.RGBA{0, 158, 115, 255},   // bluish green
		color.RGBA{204, 121, 167, 255}, // reddish purple
		color.RGBA{230, 159, 0, 255},   // orange
		color.RGBA{86, 180, 233, 255},  // sky blue
		color.RGBA{240, 228, 66, 255},  // yellow
		color.Black,
	}
	Grey = color.Gray{Y: 140}
)

// ColorAt returns the i-th colour of the palette, cycling.
func ColorAt(i int) color.Color { return Palette[i%len(Palette)] }

// newPlot returns a plot with a title and axis labels, in the figures' style (sans-serif text,
// a light grid).
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(11)
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(10)
		a.Tick.Label.Font = sans(8)
	}
	p.Legend.TextStyle.Font = sans(8)
	p.Legend.Top = true
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = color.Gray{Y: 230}, color.Gray{Y: 230}
	p.Add(g)
	return p
}

// sans is the figures' sans-serif font at a size.
func sans(size vg.Length) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
}

// line returns a line plotter of ys against xs in a colour, dashed when dashes are given.
func line(xs, ys []float64, c color.Color, dashes ...vg.Length) *plotter.Line {
	l, err := plotter.NewLine(xyOf(xs, ys))
	if err != nil {
		// NewLine fails only on NaN or infinite values, which xyOf has already dropped.
		panic(err)
	}
	l.Color = c
	l.Width = vg.Points(1.3)
	l.Dashes = dashes
	return l
}

// xyOf pairs xs and ys, dropping the points where either is NaN or infinite.
func xyOf(xs, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, 0, len(xs))
	for i := range xs {
		if i < len(ys) && finite(xs[i]) && finite(ys[i]) {
			pts = append(pts, plotter.XY{X: xs[i], Y: ys[i]})
		}
	}
	return pts
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// vline is a vertical line across the whole data area at X, with a label at its top.
type vline struct {
	X     float64
	Label string
	Style draw.LineStyle
}

// newVLine returns a vertical marker line.
func newVLine(x float64, label string, c color.Color, dashes ...vg.Length) *vline {
	return &vline{X: x, Label: label, Style: draw.LineStyle{Color: c, Width: vg.Points(1), Dashes: dashes}}
}

// Plot draws the line and its label (implements plot.Plotter).
func (v *vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(v.X)
	c.StrokeLine2(v.Style, x, c.Min.Y, x, c.Max.Y)
	if v.Label != "" {
		sty := p.Y.Tick.Label
		sty.Color = v.Style.Color
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
		c.FillText(sty, vg.Point{X: x + vg.Points(2), Y: c.Max.Y - vg.Points(2)}, v.Label)
	}
}

// DataRange makes the line count for the x range only (implements plot.DataRanger): the
// empty y range (+Inf, -Inf) leaves the plot's y range as the other plotters make it.
func (v *vline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return v.X, v.X, math.Inf(1), math.Inf(-1)
}
