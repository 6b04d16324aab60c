package figures

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"gonum.org/v1/plot"
)

// Pipeline is the figure of the paper's Figure 1 for one run: what each kept module of the hard
// model does, and the program it becomes. Attention has one heat map per kept head (its mean
// hard attention map), MLPs one fit per kept sub-MLP (its outputs against its formula), and
// Program the program's text.
type Pipeline struct {
	Attention []*plot.Plot
	MLPs      []*plot.Plot
	Program   *plot.Plot
	Code      string
}

// NewPipeline draws the pipeline of a run from its extraction, observing the hard model on n
// new sequences.
func NewPipeline(r *dt.Run, res *extraction.Result, n int) (*Pipeline, error) {
	obs, err := Observe(r, n)
	if err != nil {
		return nil, err
	}
	pl := &Pipeline{Code: res.Code}
	for _, h := range res.Heads {
		var layer, head int
		if _, err := fmt.Sscanf(h.Module, "L%d.att%d", &layer, &head); err != nil {
			return nil, fmt.Errorf("head %q: %w", h.Module, err)
		}
		m, err := obs.MeanAttention(layer, head)
		if err != nil {
			return nil, err
		}
		title := fmt.Sprintf("head %s: %s\n(agrees on %.2f%% of %d rows)", h.Module, h.Hypothesis, 100*h.Agreement, h.Rows)
		pl.Attention = append(pl.Attention, AttentionPlot(m, title))
	}
	for _, m := range res.MLPs {
		s, err := obs.MLPSamples(m, res.Heads)
		if err != nil {
			return nil, err
		}
		pl.MLPs = append(pl.MLPs, MLPFitPlot(s))
	}
	status := "not verified: " + res.Failure
	if res.Verified {
		status = "verified"
	}
	pl.Program = TextPanel(fmt.Sprintf("program (%s)", status), res.Code)
	return pl, nil
}

// Grid lays the pipeline out in one row: heads, sub-MLPs, program.
func (pl *Pipeline) Grid() Grid {
	row := append(append(append([]*plot.Plot{}, pl.Attention...), pl.MLPs...), pl.Program)
	return Row(row...)
}

// Write saves the pipeline in dir as base_attention, base_mlp (SVG and PNG: the kept heads,
// the kept sub-MLPs, side by side), base_program.txt and base (the whole row), and returns the
// files written.
func (pl *Pipeline) Write(dir, base string) ([]string, error) {
	var files []string
	save := func(name string, d Drawer, w, h float64) error {
		path := filepath.Join(dir, name)
		if err := Save(d, path, w, h); err != nil {
			return err
		}
		files = append(files, path+".svg", path+".png")
		return nil
	}
	if len(pl.Attention) > 0 {
		if err := save(base+"_attention", Row(pl.Attention...), 4.2*float64(len(pl.Attention)), 4.2); err != nil {
			return nil, err
		}
	}
	if len(pl.MLPs) > 0 {
		if err := save(base+"_mlp", Row(pl.MLPs...), 5.5*float64(len(pl.MLPs)), 4.2); err != nil {
			return nil, err
		}
	}
	txt := filepath.Join(dir, base+"_program.txt")
	if err := dt.WriteFileAtomic(txt, []byte(pl.Code)); err != nil {
		return nil, err
	}
	files = append(files, txt)
	lines := strings.Count(pl.Code, "\n") + 1
	width := 4.2*float64(len(pl.Attention)) + 5.5*float64(len(pl.MLPs)) + programWidth(pl.Code)
	if err := save(base, pl.Grid(), width, max(4.2, TextHeight(lines))); err != nil {
		return nil, err
	}
	return files, nil
}

// programWidth is the width in inches of a TextPanel that fits the longest line of code.
func programWidth(code string) float64 {
	longest := 0
	for _, l := range strings.Split(code, "\n") {
		longest = max(longest, len([]rune(l)))
	}
	return max(3.0, 0.4+float64(longest)*9*0.6/72)
}
