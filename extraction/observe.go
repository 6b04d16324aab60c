package extraction

import (
	"fmt"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/hypothesis"
	"github.com/discretetransformer/w2c/task"
)

// observation is the hard model seen on held-out sequences: every slot at every position and
// every head's attention maps.
type observation struct {
	batch *task.Batch
	pred  *dt.Prediction
}

// observe runs the hard model with its internals on n sequences of the extraction stream.
func observe(r *dt.Run, n int) (*observation, error) {
	b := r.Task.Draw(r.Seed, task.StreamExtract, 0, n, r.Task.Length)
	pred, err := r.Predict(b.Xs, dt.Hard, true)
	if err != nil {
		return nil, fmt.Errorf("observing the hard model: %w", err)
	}
	return &observation{batch: b, pred: pred}, nil
}

// slot returns the values of slot s at every scored position (t >= warmup) of every sequence,
// flattened. The positions of a task's warm-up are left out: their targets are not trained on,
// so there the sub-MLPs compute whatever they like (for a physical system at t = 0, x[t-1]
// reads 0, far from any state the law applies to).
func (o *observation) slot(s, warmup int) []float64 { return column(o.pred.Slots, s, warmup) }

// column returns channel c of seqs[n][t][c] at every position t >= warmup of every sequence,
// flattened in that order (the order of every column and target extraction fits).
func column(seqs [][][]float64, c, warmup int) []float64 {
	var out []float64
	for _, seq := range seqs {
		for t := warmup; t < len(seq); t++ {
			out = append(out, seq[t][c])
		}
	}
	return out
}

// headObservation is what the hypothesis tests see of a head: its maps and every slot, named by
// the program's variables.
func (o *observation) headObservation(h *dt.Head, vars []string) *hypothesis.Observation {
	return &hypothesis.Observation{Maps: o.headMaps(h.Layer, h.Index), Slots: o.pred.Slots, SlotNames: vars}
}

// headMaps returns head h of layer l's maps, [n][t][j].
func (o *observation) headMaps(layer, h int) [][][]float64 {
	maps := make([][][]float64, len(o.pred.Attention[layer]))
	for n, perHead := range o.pred.Attention[layer] {
		maps[n] = perHead[h]
	}
	return maps
}
