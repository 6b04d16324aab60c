package figures

import (
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

var colorWhite = color.White

// TextPanel returns a plot that shows text in a monospace font, one line per line of body,
// under a title: a program, a law, a table, as a panel of a figure. Lines are drawn from the
// top left; a panel of TextHeight(n) inches fits n lines.
func TextPanel(title, body string) *plot.Plot {
	p := newPlot(title, "", "")
	p.HideAxes()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(&textBlock{Lines: strings.Split(strings.TrimRight(body, "\n"), "\n"), Style: monoStyle(9)})
	return p
}

// TextHeight is the height in inches of a TextPanel that fits n lines (title included).
func TextHeight(n int) float64 { return 0.5 + float64(n)*9*1.25/72 }

// monoStyle is the text style of program listings.
func monoStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.From(font.Font{Typeface: "Liberation", Variant: "Mono"}, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YTop,
		Handler: text.Plain{Fonts: font.DefaultCache},
	}
}

// textBlock draws lines of text from the top left of the data area (a plot.Plotter).
type textBlock struct {
	Lines []string
	Style text.Style
}

// Plot draws the lines.
func (b *textBlock) Plot(c draw.Canvas, _ *plot.Plot) {
	step := b.Style.FontExtents().Height * 1.25
	pt := vg.Point{X: c.Min.X + vg.Points(4), Y: c.Max.Y - vg.Points(2)}
	for _, l := range b.Lines {
		c.FillText(b.Style, pt, strings.ReplaceAll(l, "\t", "    "))
		pt.Y -= step
	}
}
