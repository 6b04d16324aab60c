package dt

import (
	"fmt"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Prediction is what the model computes on a set of sequences of one length.
type Prediction struct {
	// Y[n][t][k] is the output.
	Y [][][]float64
	// Slots[n][t][s] is every slot of the residual stream (only when internals were asked for).
	Slots [][][]float64
	// Attention[l][n][h][t][j] is the attention map of head h of layer l (internals only).
	Attention [][][][][]float64
}

type predictKey struct {
	mode      Mode
	internals bool
	forced    bool
}

// Predict runs the model on sequences xs[n][t][c] (all of one length) in the given mode (for
// Soft and Expected, at the final temperature). With internals it also returns every slot and
// attention map, which is what extraction reads. Sequences are processed in fixed-size chunks
// (padded), so memory stays bounded and each length compiles once.
func (r *Run) Predict(xs [][][]float64, mode Mode, internals bool) (*Prediction, error) {
	return r.predict(xs, nil, mode, internals)
}

// PredictForced is Predict for an autoregressive model reading back the given outputs ys[n][t][k]
// instead of its own (teacher forcing, as in training; see autoregressive.go).
func (r *Run) PredictForced(xs, ys [][][]float64, mode Mode, internals bool) (*Prediction, error) {
	return r.predict(xs, ys, mode, internals)
}

func (r *Run) predict(xs, ys [][][]float64, mode Mode, internals bool) (*Prediction, error) {
	if len(xs) == 0 {
		return &Prediction{}, nil
	}
	T := len(xs[0])
	chunk := predictChunk(len(xs), T)
	exec, err := r.predictExec(mode, internals, ys != nil)
	if err != nil {
		return nil, err
	}
	p := &Prediction{}
	tau := tensors.FromScalar(float32(TauAt(r.Ctx, ParamSteps.Get(r.Ctx))))
	for start := 0; start < len(xs); start += chunk {
		n := min(chunk, len(xs)-start)
		size := predictChunk(n, T) // the last chunk may be smaller
		x, err := chunkTensor(xs[start:start+n], size, T, len(r.Model.Inputs))
		if err != nil {
			return nil, err
		}
		args := []any{x, tau}
		if ys != nil {
			y, err := chunkTensor(ys[start:start+n], size, T, len(r.Model.Outputs))
			if err != nil {
				return nil, err
			}
			args = append(args, y)
		}
		out, err := exec.Exec(args...)
		if err != nil {
			return nil, fmt.Errorf("model evaluation failed: %w", err)
		}
		p.Y = append(p.Y, unflatten3(out[0], n)...)
		if internals {
			p.Slots = append(p.Slots, unflatten3(out[1], n)...)
			for l, a := range out[2:] {
				if len(p.Attention) <= l {
					p.Attention = append(p.Attention, nil)
				}
				p.Attention[l] = append(p.Attention[l], unflatten4(a, n)...)
			}
		}
	}
	return p, nil
}

// predictChunk is the number of sequences of length T that one execution of the prediction
// graph runs, for n sequences: at most a chunk of about 200,000 attention cells (T² each), so
// that memory stays bounded; fewer sequences run in the smallest power of two (at least 16)
// that holds them, not padded to a whole chunk. Why: a physical system's roll-out predicts 8
// windows a step for 1,000 steps, which a whole chunk (500 windows of 20) made 60 times dearer,
// and a certification's 8,192 sequences end in a part chunk. Each size compiles once (the
// sizes are few: see predictExec's cache), and a sequence's outputs do not depend on the
// others run beside it.
func predictChunk(n, T int) int {
	chunk := max(16, min(2048, 200000/(T*T)))
	if n >= chunk {
		return chunk
	}
	size := 16
	for size < n {
		size *= 2
	}
	return min(size, chunk)
}

func (r *Run) predictExec(mode Mode, internals, forced bool) (*context.Exec, error) {
	key := predictKey{mode, internals, forced}
	if e, ok := r.execs[key]; ok {
		return e, nil
	}
	e, err := context.NewExec(r.Backend, r.Ctx.Reuse(), func(ctx *context.Context, inputs []*Node) []*Node {
		x, tau := inputs[0], inputs[1]
		pass := Pass{Mode: mode, Tau: tau, Maps: internals}
		if forced {
			pass.Targets = inputs[2]
		}
		out := r.Model.Forward(ctx, x, pass)
		outs := []*Node{out.Y}
		if internals {
			outs = append(outs, out.Slots)
			for _, a := range out.Attention {
				if a != nil {
					outs = append(outs, a)
				}
			}
		}
		return outs
	})
	if err != nil {
		return nil, err
	}
	// One graph per shape: lengths times chunk sizes (predictChunk), more than GoMLX's default
	// of 32 where a run is predicted at many lengths.
	e.SetMaxCache(-1)
	if r.execs == nil {
		r.execs = map[predictKey]*context.Exec{}
	}
	r.execs[key] = e
	return e, nil
}

// chunkTensor flattens sequences into a [chunk, T, C] tensor, zero-padded after len(xs).
func chunkTensor(xs [][][]float64, chunk, T, C int) (*tensors.Tensor, error) {
	flat := make([]float32, chunk*T*C)
	for n, seq := range xs {
		if len(seq) != T {
			return nil, fmt.Errorf("sequences of different lengths (%d and %d) in one call", T, len(seq))
		}
		for t, x := range seq {
			if len(x) != C {
				return nil, fmt.Errorf("sequence %d position %d has %d channels, the model wants %d", n, t, len(x), C)
			}
			for c, v := range x {
				flat[(n*T+t)*C+c] = float32(v)
			}
		}
	}
	return tensors.FromFlatDataAndDimensions(flat, chunk, T, C), nil
}

// unflatten3 returns the first n rows of a [N, A, B] tensor as float64.
func unflatten3(t *tensors.Tensor, n int) [][][]float64 {
	d := t.Shape().Dimensions
	flat := tensors.MustCopyFlatData[float32](t)
	out := make([][][]float64, n)
	for i := range out {
		out[i] = make([][]float64, d[1])
		for a := range out[i] {
			row := flat[(i*d[1]+a)*d[2] : (i*d[1]+a+1)*d[2]]
			out[i][a] = make([]float64, d[2])
			for b, v := range row {
				out[i][a][b] = float64(v)
			}
		}
	}
	return out
}

// unflatten4 returns the first n entries of a [N, H, T, T] tensor.
func unflatten4(t *tensors.Tensor, n int) [][][][]float64 {
	d := t.Shape().Dimensions
	flat := tensors.MustCopyFlatData[float32](t)
	out := make([][][][]float64, n)
	per := d[1] * d[2] * d[3]
	for i := range out {
		sub := tensors.FromFlatDataAndDimensions(flat[i*per:(i+1)*per], d[1], d[2], d[3])
		out[i] = unflatten3(sub, d[1])
	}
	return out
}
