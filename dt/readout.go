package dt

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
)

// Hyperparameters of the readout.
var (
	ParamReadout       = declare("readout", ReadoutMLP, "Slots the outputs may read: mlp (the last layer's sub-MLPs) or any.", oneOf(ReadoutMLP, ReadoutAny))
	ParamReadoutPrior  = declare("readout_prior", 2.0, "Initial logit offset of the readout towards the last layer's sub-MLPs (readout=any).")
	ParamReadoutAffine = declare("readout_affine", false, "Readout is a*slot+b instead of the slot itself.")
)

// Readout modes.
const (
	ReadoutMLP = "mlp" // outputs read the last layer's sub-MLPs
	ReadoutAny = "any" // outputs read any slot
)

// readout selects one slot per output channel (optionally with an affine map a*slot+b), so the
// output is always a program variable, never a blend.
func (m *Model) readout(ctx *context.Context, c *choice, stream *Node) *Node {
	g := stream.Graph()
	K, S := len(m.Outputs), stream.Shape().Dimensions[2]
	zero := ctx.WithInitializer(initializers.Zero)
	w := c.weights(ctx.Scope()+"/select", choiceLogits(ctx, g, "logits", K, S, m.readoutPrior(ctx, S)))
	y := selectSlots(stream, w) // [B, T, K]
	if ParamReadoutAffine.Get(ctx) {
		d := y.Shape().Dimensions
		a := ctx.WithInitializer(initializers.One).VariableWithShape("scale", shapeF(K)).ValueGraph(g)
		b := zero.VariableWithShape("offset", shapeF(K)).ValueGraph(g)
		y = Add(Mul(y, BroadcastToDims(Reshape(a, 1, 1, K), d...)), BroadcastToDims(Reshape(b, 1, 1, K), d...))
	}
	return y
}

// readoutPrior says which slots an output may read. With readout=mlp (the default) only the
// last layer's sub-MLPs: at the start the sub-MLPs output about 0, so a free readout latches
// onto the input slot that best predicts the target alone (x for x - x[t-1]) and the sub-MLPs,
// seen through a small readout weight, hardly learn. This costs no expressiveness: a sub-MLP's
// linear path copies a slot exactly. With readout=any, every slot may be read, with a logit
// offset readout_prior in favour of the last sub-MLPs.
func (m *Model) readoutPrior(ctx *context.Context, S int) func(int) float32 {
	mlps := ParamMLPs.Get(ctx)
	last, prior, onlyMLPs := S-mlps, float32(ParamReadoutPrior.Get(ctx)), ParamReadout.Get(ctx) == ReadoutMLP && mlps > 0
	return func(s int) float32 {
		_, fb := m.IsFeedback(s)
		switch {
		case fb: // the output itself, read back
			return Forbidden
		case s >= last:
			return prior
		case onlyMLPs:
			return Forbidden
		default:
			return 0
		}
	}
}
