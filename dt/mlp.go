package dt

import (
	"fmt"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
	"github.com/gomlx/gomlx/pkg/ml/layers/activations"
)

// Hyperparameters of the sub-MLPs.
var (
	ParamMLPs  = declare("mlps", 2, "Sub-MLPs per layer.")
	ParamArity = declare("arity", 2, "Input slots read by each sub-MLP (1 to MaxArity).", func(v int) string {
		if v < 1 || v > MaxArity {
			return fmt.Sprintf("must be 1 to %d", MaxArity)
		}
		return ""
	})
	ParamHidden       = declare("hidden", 16, "Hidden width of each sub-MLP.", positive)
	ParamMLPDepth     = declare("mlp_depth", 1, "Hidden layers of each sub-MLP.", positive)
	ParamMLPHeadPrior = declare("mlp_head_prior", 1.5, "Initial logit offset of sub-MLP inputs (but the first) towards the layer's heads.")
	ParamLinearLR     = declare("linear_lr", 3.0, "Learning rate of the sub-MLPs' linear paths, as a multiple of learning_rate.", positive)
	ParamReluLR       = declare("relu_lr", 1.0, "Learning rate of the sub-MLPs' ReLU output weights, as a multiple of learning_rate.", positive)
)

// MaxArity is the largest arity. Sub-MLPs of arity 1 to 3 are the usual ones; wider ones exist
// for long linear windows (sum_last7 is x plus six pointers), where the linear path does the work.
const MaxArity = 8

// Numerical MLP only does per-position arithmetic: each sub-MLP selects `arity` slots
// (annealed, like every choice), maps them through a small function R^arity -> R at every
// position, and writes the result to one new slot.
//
// Each sub-MLP is a linear path plus a ReLU network:
//
//	f(u) = w·u + b + D * MLP(u / D)
//
// The linear path makes sums, differences and copies exact and easy to learn (a plain ReLU net
// does not land within 0.5 on a 0..198 range, see calibration.md); the ReLU part adds what is not
// linear (parity, abs, max, ...). D is the task's input scale, so the ReLU part sees inputs of
// order 1 whatever the units.

// subMLPs computes the sub-MLPs of one layer from the stream [B, T, S]: new slots [B, T, M],
// and the (effective) ReLU output weights wo [M, Hd], for their penalty.
func (m *Model) subMLPs(ctx *context.Context, c *choice, stream *Node) (slots, wo *Node) {
	g := stream.Graph()
	dims := stream.Shape().Dimensions
	B, T, S := dims[0], dims[1], dims[2]
	M, A, Hd, N := ParamMLPs.Get(ctx), ParamArity.Get(ctx), ParamHidden.Get(ctx), dims[0]*dims[1]
	zero := ctx.WithInitializer(initializers.Zero)
	logits := choiceLogitsRows(ctx, g, "input_logits", M*A, S, m.inputPrior(ctx, S))
	inW := c.distinctWeights(ctx.Scope()+"/inputs", logits, M, A)    // [M*A, S]
	u := Transpose(Reshape(selectSlots(stream, inW), N, M, A), 0, 1) // [M, N, A]

	lin := MulScalar(zero.VariableWithShape("linear", shapeF(M, A)).ValueGraph(g), ParamLinearLR.Get(ctx)) // holds linear/linear_lr
	bias := zero.VariableWithShape("bias", shapeF(M)).ValueGraph(g)
	out := addPerMLP(batchMatMul(u, ExpandAxes(lin, 2)), bias) // [M, N, 1]

	he := ctx.WithInitializer(initializers.HeFn(ctx))
	h := DivScalar(u, m.Scale)
	in := A
	for d := range ParamMLPDepth.Get(ctx) {
		w := he.VariableWithShape(fmt.Sprintf("w%d", d), shapeF(M, in, Hd)).ValueGraph(g)
		b := zero.VariableWithShape(fmt.Sprintf("b%d", d), shapeF(M, Hd)).ValueGraph(g)
		h = activations.Relu(addPerMLP(batchMatMul(h, w), b)) // [M, N, Hd]
		in = Hd
	}
	// The ReLU part starts switched off (w_out = 0): a sub-MLP starts as its linear path and grows
	// a nonlinearity only where the task needs one. The variable holds w_out/relu_lr (see
	// choiceLogits for why a scale of the parameterization is a learning rate under Adam): a
	// slower ReLU part (relu_lr < 1) leaves linear laws to the linear path; since the refit
	// (refit.go) makes linear laws exact anyway, the default is 1, which also finds laws with no
	// linear part (|x - x[t-1]|) whose gradient a slow ReLU part lets vanish.
	wo = MulScalar(zero.VariableWithShape("w_out", shapeF(M, Hd)).ValueGraph(g), ParamReluLR.Get(ctx))
	nl := MulScalar(batchMatMul(h, ExpandAxes(wo, 2)), m.Scale) // [M, N, 1]
	if c.reluGate != nil {
		nl = Mul(nl, c.reluGate)
	}
	out = Add(out, nl)
	if ParamPeriodic.Get(ctx) {
		out = Add(out, m.periodicPath(ctx, PeriodicityOf(ctx), u))
	}
	if ParamProducts.Get(ctx) {
		out = Add(out, m.productPath(ctx, u))
	}
	return Reshape(Transpose(Reshape(out, M, N), 0, 1), B, T, M), wo
}

// addPerMLP adds a bias b [M, O] (or [M]) to x [M, N, O], the same for every position.
func addPerMLP(x, b *Node) *Node {
	d := x.Shape().Dimensions
	return Add(x, BroadcastToDims(Reshape(b, d[0], 1, d[2]), d...))
}

// inputPrior favours, for every input but the first of each sub-MLP, the slots written by the
// attention heads of the same layer, by mlp_head_prior (a logit offset). Why: a sub-MLP's
// linear weight on an input starts at 0 and takes the sign of the input's correlation with the
// target. If the second input starts as a mix dominated by the raw inputs (for y = x - x[t-1],
// mostly x), the weight turns positive, and then every gradient pushes the heads away from
// x[t-1], whose correlation with the target is negative. Starting from the heads lets their
// correlation set the sign. The first input keeps no preference.
func (m *Model) inputPrior(ctx *context.Context, S int) func(row, option int) float32 {
	H, A, prior := ParamHeads.Get(ctx), ParamArity.Get(ctx), float32(ParamMLPHeadPrior.Get(ctx))
	firstHead := S - H // the heads of this layer are the last slots before the sub-MLPs
	one := len(m.Inputs) + 1
	return func(row, s int) float32 {
		if s == one { // a sub-MLP has its own bias: reading the constant slot adds nothing
			return Forbidden
		}
		if _, fb := m.IsFeedback(s); fb { // an output at t itself: only heads read it, earlier
			return Forbidden
		}
		if row%A > 0 && s >= firstHead {
			return prior
		}
		return 0
	}
}
