package dt

import (
	"fmt"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Hyperparameters of the model as a whole.
var (
	ParamLayers    = declare("layers", 1, "Number of layers (attention heads, then sub-MLPs).", positive)
	ParamRecurrent = declare("recurrent", false, "Layers whose heads also read the layer's own sub-MLP outputs at earlier positions.")
)

// Model is a Discrete Transformer for one task's shapes. Its hyperparameters and its weights
// live in a GoMLX context; the Model itself only holds the slot layout.
type Model struct {
	// Ctx holds the hyperparameters. Forward must be given it, or a context made from it
	// (ctx.In, ctx.Reuse, ...), which shares them.
	Ctx *context.Context
	// Inputs and Outputs name the task's channels.
	Inputs, Outputs []string
	// Scale is the typical magnitude of the inputs (the D of the sub-MLPs).
	Scale float64
}

// Outputs of a forward pass.
type Outputs struct {
	// Y is the prediction [B, T, K].
	Y *Node
	// Slots is the whole residual stream [B, T, S]: every named variable at every position.
	Slots *Node
	// Attention holds the effective attention map [B, H, T, T] of each layer (only when asked
	// for; nil for a layer without heads).
	Attention []*Node
	// Entropies is the mean entropy of each group of choices and Choices their weights [G, n]
	// (Expected mode only), by name.
	Entropies, Choices map[string]*Node
	// ReluWeights is the sum of the squares of the sub-MLPs' ReLU output weights (see relu_decay).
	ReluWeights *Node
}

// Builtin slots that follow the inputs at every position.
const (
	SlotPos = "pos" // the position index t (0-based)
	SlotOne = "one" // the constant 1
)

// FirstModuleSlot is the first slot a module writes: after the inputs, "pos", "one" and, in an
// autoregressive model, the outputs it reads back.
func (m *Model) FirstModuleSlot() int {
	s := len(m.Inputs) + 2
	if ParamAutoregressive.Get(m.Ctx) {
		s += len(m.Outputs)
	}
	return s
}

// IsFeedback reports whether slot s is an output read back by an autoregressive model, and which.
func (m *Model) IsFeedback(s int) (k int, ok bool) {
	k = s - len(m.Inputs) - 2
	return k, k >= 0 && k < len(m.Outputs) && ParamAutoregressive.Get(m.Ctx)
}

// IsKey reports whether slot s may be a content key: a data slot, not an autoregressive model's
// output read back (keySlot; extraction's content hypotheses use the same rule).
func (m *Model) IsKey(s int) bool {
	_, feedback := m.IsFeedback(s)
	return !m.isBuiltin(s) && !feedback
}

// isBuiltin reports whether slot s is "pos" or "one".
func (m *Model) isBuiltin(s int) bool { return s == len(m.Inputs) || s == len(m.Inputs)+1 }

// dataSlot is the prior of choices that may read any slot but the built-ins: attention heads
// read values and keys that are data (position arithmetic is the location pointers' job, and a
// content pointer on "pos" or "one" only duplicates a location pointer).
func (m *Model) dataSlot(s int) float32 {
	if m.isBuiltin(s) {
		return Forbidden
	}
	return 0
}

// keySlot is the prior of every head's key slot (the content families' and learned heads'):
// the slots IsKey allows. Why not an autoregressive model's output read back: while training,
// that slot holds the target at t (teacher forcing), and a map that compares the keys at j with
// the key at t (rank, equality) would choose j by y[t] and read y[t] back. With such keys (the
// learned suite at 0382d1c), 12 autoregressive attempts, all keyed on the output (parity_all,
// parity_zeros, parity_last3, parity_last4, bit_palindrome, bit_dot_prod_mod2, majority_0_1,
// evens_counter, newton_magnetic), reached a teacher-forced loss under 1% of the targets'
// variance and were exact on under half of the sequences running free (parity_all: 1.1%).
// (Content families do not run in autoregressive models, see Validate: for them this is
// dataSlot.)
func (m *Model) keySlot(s int) float32 {
	if !m.IsKey(s) {
		return Forbidden
	}
	return 0
}

// SlotNames names every slot of the residual stream in order: the inputs, pos, one, then for
// each layer its heads (L<l>.att<h>) and its sub-MLPs (L<l>.mlp<m>).
func (m *Model) SlotNames() []string {
	names := append(append([]string{}, m.Inputs...), SlotPos, SlotOne)
	if ParamAutoregressive.Get(m.Ctx) {
		names = append(names, m.Outputs...)
	}
	for l := range ParamLayers.Get(m.Ctx) {
		for h := range ParamHeads.Get(m.Ctx) {
			names = append(names, fmt.Sprintf("L%d.att%d", l, h))
		}
		for i := range ParamMLPs.Get(m.Ctx) {
			names = append(names, fmt.Sprintf("L%d.mlp%d", l, i))
		}
	}
	return names
}

// Pass says how a forward pass makes its choices.
type Pass struct {
	// Mode is how every choice is made (Soft, Expected or Hard).
	Mode Mode
	// Tau is the temperature (a scalar node; nil: 1). Hard mode ignores it.
	Tau *Node
	// Maps asks for the attention maps (for analysis: they cost more than the rest of the pass).
	Maps bool
	// ReluGate multiplies the sub-MLPs' ReLU parts (a scalar node; nil: 1). Training ramps it
	// up from 0 (see relu_warmup).
	ReluGate *Node
	// Targets [B, T, K] are the outputs an autoregressive model reads back when training
	// (teacher forcing, see autoregressive.go); nil: it reads its own.
	Targets *Node
}

// Forward runs the model on x [B, T, C].
func (m *Model) Forward(ctx *context.Context, x *Node, pass Pass) *Outputs {
	if ParamAutoregressive.Get(ctx) {
		return m.autoregressive(ctx, x, pass)
	}
	return m.forward(ctx, x, nil, pass)
}

// forward runs the model on x [B, T, C], with the outputs it reads back (nil: none; see
// autoregressive.go) as slots after the built-ins.
func (m *Model) forward(ctx *context.Context, x, feedback *Node, pass Pass) *Outputs {
	g := x.Graph()
	B, T := x.Shape().Dimensions[0], x.Shape().Dimensions[1]
	mode, tau := pass.Mode, pass.Tau
	if tau == nil {
		tau = Scalar(g, dtypes.Float32, 1.0)
	}
	c := &choice{ctx: ctx, mode: mode, tau: tau, maps: pass.Maps, reluGate: pass.ReluGate}
	out := &Outputs{}
	if mode == Expected {
		c.entropies, c.soft = map[string]*Node{}, map[string]*Node{}
		out.Entropies, out.Choices = c.entropies, c.soft
	}
	pos := BroadcastToDims(Iota(g, shapeF(1, T, 1), 1), B, T, 1)
	parts := []*Node{ConvertDType(x, dtypes.Float32), pos, OnesLike(pos)}
	if feedback != nil {
		parts = append(parts, feedback)
	}
	stream := Concatenate(parts, 2)
	recurrent := ParamRecurrent.Get(ctx)
	for l := range ParamLayers.Get(ctx) {
		layerCtx := ctx.In(fmt.Sprintf("layer%d", l))
		var attn, wo *Node
		if recurrent {
			stream, attn, wo = m.recurrentLayer(layerCtx, c, stream)
		} else {
			stream, _, attn, wo = m.layer(layerCtx, c, stream, nil)
		}
		out.Attention = append(out.Attention, attn)
		if wo != nil {
			if out.ReluWeights == nil {
				out.ReluWeights = ReduceAllSum(Square(wo))
			} else {
				out.ReluWeights = Add(out.ReluWeights, ReduceAllSum(Square(wo)))
			}
		}
	}
	out.Slots = stream
	out.Y = m.readout(ctx.In("readout"), c, stream)
	return out
}

// layer appends one layer's slots to the stream: its heads' reads, then its sub-MLPs' outputs.
// The heads read their values from the stream, and also from recurrent when it is given (the
// layer's own sub-MLP outputs of the previous iteration, see recurrentLayer). It returns the
// new stream, the sub-MLPs' outputs [B, T, M] (nil without sub-MLPs), the attention maps (when
// asked for) and the ReLU output weights.
func (m *Model) layer(ctx *context.Context, c *choice, stream, recurrent *Node) (out, slots, attn, wo *Node) {
	out = stream
	if ParamHeads.Get(ctx) > 0 {
		values := stream
		if recurrent != nil {
			values = Concatenate([]*Node{stream, recurrent}, 2)
		}
		var read *Node
		read, attn = m.attentionHeads(ctx.In("attention"), c, values)
		out = Concatenate([]*Node{out, read}, 2)
	}
	if ParamMLPs.Get(ctx) > 0 {
		slots, wo = m.subMLPs(ctx.In("mlp"), c, out)
		out = Concatenate([]*Node{out, slots}, 2)
	}
	return out, slots, attn, wo
}

// recurrentLayer is a layer whose heads may also read the layer's own sub-MLP outputs, at
// earlier positions (its heads are previous-k pointers, k >= 1): a recurrence such as
// v[t] = v[t-1] + F[t] - p[t-1], which no fixed number of ordinary layers computes for every
// length. It iterates the layer T times from outputs of 0, each time feeding the heads the
// outputs of the previous iteration: after iteration i the outputs are exact at positions < i,
// so T iterations give the recurrence's values everywhere. Every iteration uses the same
// weights and the same sampled choices (c caches them).
func (m *Model) recurrentLayer(ctx *context.Context, c *choice, stream *Node) (out, attn, wo *Node) {
	d := stream.Shape().Dimensions
	ctx = ctx.Checked(false) // the iterations share the variables the first one creates
	recurrent := Zeros(stream.Graph(), shapeF(d[0], d[1], ParamMLPs.Get(ctx)))
	for i := 0; i < d[1]; i++ {
		out, recurrent, attn, wo = m.layer(ctx, c, stream, recurrent)
	}
	return out, attn, wo
}

// shapeF is a float32 shape.
func shapeF(dims ...int) shapes.Shape { return shapes.Make(dtypes.Float32, dims...) }
