package figures

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Grid is a figure made of several plots in rows and columns, drawn with their data areas
// aligned (plot.Align). A nil cell stays empty. It is a Drawer, so Render and Save take it.
type Grid [][]*plot.Plot

// Column stacks plots top to bottom (panels sharing an x axis, for example).
func Column(ps ...*plot.Plot) Grid {
	g := make(Grid, len(ps))
	for i, p := range ps {
		g[i] = []*plot.Plot{p}
	}
	return g
}

// Row puts plots side by side.
func Row(ps ...*plot.Plot) Grid { return Grid{ps} }

// Tile lays plots out cols to a row, left to right and top to bottom.
func Tile(cols int, ps ...*plot.Plot) Grid {
	var g Grid
	for i, p := range ps {
		if i%max(cols, 1) == 0 {
			g = append(g, nil)
		}
		g[len(g)-1] = append(g[len(g)-1], p)
	}
	return g
}

// Draw draws every plot in its tile (implements Drawer).
func (g Grid) Draw(c draw.Canvas) {
	if len(g) == 0 {
		return
	}
	cols := 0
	for _, row := range g {
		cols = max(cols, len(row))
	}
	full := make([][]*plot.Plot, len(g))
	for i, row := range g {
		full[i] = make([]*plot.Plot, cols)
		copy(full[i], row)
	}
	c.SetColor(colorWhite)
	c.Fill(c.Rectangle.Path())
	pad := vg.Points(6)
	tiles := draw.Tiles{Rows: len(g), Cols: cols, PadX: pad, PadY: pad, PadTop: pad / 2, PadBottom: pad / 2, PadLeft: pad / 2, PadRight: pad / 2}
	canvases := plot.Align(full, tiles, c)
	for i, row := range full {
		for j, p := range row {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
}
