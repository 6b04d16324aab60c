package figures

import (
	"fmt"
	"image/color"
	"math"

	"github.com/discretetransformer/w2c/dt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg/draw"
)

// StreamFigures is the random stream of the sequences figures observe models on, apart from
// those of training, evaluation, extraction and verification.
const StreamFigures uint64 = 0x66696773 // "figs"

// Observation is the hard model of a run observed on held-out sequences, with every slot and
// attention map: what the pipeline figures are drawn from.
type Observation struct {
	Run       *dt.Run
	Structure *dt.Structure
	Xs        [][][]float64
	Pred      *dt.Prediction
}

// Observe runs the hard model of r on n new sequences of its task's training length.
func Observe(r *dt.Run, n int) (*Observation, error) {
	st, err := r.Structure()
	if err != nil {
		return nil, err
	}
	xs := r.Task.Draw(r.Seed, StreamFigures, 0, n, r.Task.Length).Xs
	pred, err := r.Predict(xs, dt.Hard, true)
	if err != nil {
		return nil, err
	}
	return &Observation{Run: r, Structure: st, Xs: xs, Pred: pred}, nil
}

// MeanAttention is the attention map of head h of a layer averaged over the sequences:
// m[t][j] is the mean weight that position t puts on position j.
func (o *Observation) MeanAttention(layer, h int) ([][]float64, error) {
	if layer < 0 || layer >= len(o.Pred.Attention) || len(o.Pred.Attention[layer]) == 0 ||
		h < 0 || h >= len(o.Pred.Attention[layer][0]) {
		return nil, fmt.Errorf("the model has no attention head %d in layer %d", h, layer)
	}
	maps := o.Pred.Attention[layer]
	T := len(maps[0][h])
	m := make([][]float64, T)
	for t := range m {
		m[t] = make([]float64, T)
		for _, seq := range maps {
			for j, w := range seq[h][t] {
				m[t][j] += w / float64(len(maps))
			}
		}
	}
	return m, nil
}

// AttentionPlot draws an attention map m[t][j] as a heat map: query position t down the side
// (0 at the top), key position j across, white for 0 and dark blue for 1, with the weights of
// at least 0.01 printed in their cells when the map is small enough to read them.
func AttentionPlot(m [][]float64, title string) *plot.Plot {
	p := newPlot(title, "key position j", "query position t")
	p.Add(plotter.NewHeatMap(heatGrid(m), blues(64)))
	p.X.Min, p.X.Max = -0.5, float64(len(m))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(m))-0.5
	p.X.Padding, p.Y.Padding = 0, 0
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	p.X.Tick.Marker, p.Y.Tick.Marker = integerTicks{}, integerTicks{}
	if len(m) <= 16 {
		if l := cellLabels(m); l != nil {
			p.Add(l)
		}
	}
	return p
}

// heatGrid adapts a square matrix m[t][j] to plotter.GridXYZ (column j, row t).
type heatGrid [][]float64

func (g heatGrid) Dims() (c, r int)   { return len(g), len(g) }
func (g heatGrid) Z(c, r int) float64 { return g[r][c] }
func (g heatGrid) X(c int) float64    { return float64(c) }
func (g heatGrid) Y(r int) float64    { return float64(r) }

// blues is a palette from white to dark blue in n steps.
type blues int

// Colors implements palette.Palette.
func (n blues) Colors() []color.Color {
	cs := make([]color.Color, n)
	for i := range cs {
		f := float64(i) / float64(n-1)
		cs[i] = color.RGBA{uint8(255 - f*(255-8)), uint8(255 - f*(255-48)), uint8(255 - f*(255-107)), 255}
	}
	return cs
}

// cellLabels prints the weights of at least 0.01 in their cells, white on dark cells.
func cellLabels(m [][]float64) *plotter.Labels {
	var xy plotter.XYLabels
	var styles []text.Style
	base := monoStyle(6)
	base.XAlign, base.YAlign = draw.XCenter, draw.YCenter
	for t, row := range m {
		for j, w := range row {
			if w < 0.01 {
				continue
			}
			xy.XYs = append(xy.XYs, plotter.XY{X: float64(j), Y: float64(t)})
			xy.Labels = append(xy.Labels, trimFloat(w))
			s := base
			if w > 0.5 {
				s.Color = color.White
			}
			styles = append(styles, s)
		}
	}
	if len(xy.XYs) == 0 {
		return nil
	}
	l, err := plotter.NewLabels(xy)
	if err != nil {
		return nil
	}
	l.TextStyle = styles
	return l
}

// trimFloat prints a weight in at most 4 characters: "1", ".25", ".5".
func trimFloat(w float64) string {
	if math.Abs(w-math.Round(w)) < 0.005 {
		return fmt.Sprint(math.Round(w))
	}
	s := fmt.Sprintf("%.2f", w)
	if s[0] == '0' {
		s = s[1:]
	}
	return s
}

// integerTicks puts a labelled tick at every integer of the range (every second one past 16).
type integerTicks struct{}

// Ticks implements plot.Ticker.
func (integerTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	if max-min > 16 {
		step = int(math.Ceil((max - min) / 12))
	}
	var ticks []plot.Tick
	for i := int(math.Ceil(min)); float64(i) <= max; i += step {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: fmt.Sprint(i)})
	}
	return ticks
}
