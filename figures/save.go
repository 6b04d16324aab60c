package figures

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Drawer is anything that draws itself on a canvas: a *plot.Plot, or a Grid of plots.
type Drawer interface {
	Draw(c draw.Canvas)
}

// Render returns a figure as SVG or PNG bytes (format "svg" or "png"), at a width and height in
// inches.
func Render(p Drawer, format string, width, height float64) ([]byte, error) {
	c, err := draw.NewFormattedCanvas(vg.Length(width)*vg.Inch, vg.Length(height)*vg.Inch, format)
	if err != nil {
		return nil, fmt.Errorf("rendering %s: %w", format, err)
	}
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", format, err)
	}
	return b.Bytes(), nil
}

// Save writes a figure as base.svg and base.png (base is a path without extension), atomically.
func Save(p Drawer, base string, width, height float64) error {
	base = strings.TrimSuffix(base, filepath.Ext(base))
	for _, format := range []string{"svg", "png"} {
		data, err := Render(p, format, width, height)
		if err != nil {
			return err
		}
		if err := dt.WriteFileAtomic(base+"."+format, data); err != nil {
			return err
		}
	}
	return nil
}
