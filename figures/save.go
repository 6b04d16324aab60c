package figures

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Render returns a plot as SVG or PNG bytes (format "svg" or "png"), at a width and height in
// inches.
func Render(p *plot.Plot, format string, width, height float64) ([]byte, error) {
	w, err := p.WriterTo(vg.Length(width)*vg.Inch, vg.Length(height)*vg.Inch, format)
	if err != nil {
		return nil, fmt.Errorf("rendering %s: %w", format, err)
	}
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", format, err)
	}
	return b.Bytes(), nil
}

// Save writes a plot as base.svg and base.png (base is a path without extension), atomically.
func Save(p *plot.Plot, base string, width, height float64) error {
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
