package dt

import (
	"fmt"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
)

// Hyperparameters of the choices.
var (
	ParamGumbelScale  = declare("gumbel_scale", 0.3, "Scale of the Gumbel noise in soft mode, annealed with tau (0 = deterministic softmax).", atLeast(0.0))
	ParamLogitInitStd = declare("logit_init_std", 0.5, "Standard deviation of the random initial choice logits.", atLeast(0.0))
	ParamChoiceLR     = declare("choice_lr", 3.0, "Learning rate of the choice logits, as a multiple of learning_rate.", positive)
)

// Mode says how every discrete choice of the model (slot selections, attention families,
// pointer offsets, key slots) is made from its logits.
type Mode int

const (
	// Soft samples a relaxed one-hot vector with Gumbel-softmax at temperature tau: used to train.
	Soft Mode = iota
	// Expected uses softmax(logits/tau) with no noise: the deterministic soft model, used for
	// metrics (loss, entropies) and for the soft->hard equivalence test.
	Expected
	// Hard takes the argmax: every choice is exactly one-hot. This is the model that extraction
	// turns into a program.
	Hard
)

func (m Mode) String() string {
	return [...]string{"soft", "expected", "hard"}[m]
}

// choice holds what a forward pass needs to make discrete choices.
type choice struct {
	ctx  *context.Context
	mode Mode
	tau  *Node // scalar float32
	// entropies collects the mean entropy of each group of choices, and soft their weights
	// (Expected mode, when not nil).
	entropies, soft map[string]*Node
	// maps asks the attention layers for their effective attention maps (costly; for analysis).
	maps bool
	// reluGate multiplies the sub-MLPs' ReLU parts (nil: 1).
	reluGate *Node
	// cache keeps the weights of every group of choices by name, so that a layer applied
	// several times (recurrentLayer) uses one sample of its choices.
	cache map[string]*Node
}

// weights turns logits [G, n] (G independent choices among n options) into weights [G, n].
//
// In Soft mode one Gumbel sample is drawn per training step and shared by the whole batch (as
// in Learning Transformer Programs): every choice then stays a small matrix, so selecting slots
// is one matrix product for the batch instead of one per sequence. Over the steps of training
// the samples still explore.
//
// The Gumbel noise is annealed with the temperature: its scale is gumbel_scale*tau/tau_init, so
// that (logits + noise)/tau = logits/tau + gumbel_scale*g/tau_init. Exploration stays at a
// constant level relative to the sharpening logits. With a fixed noise scale, once tau falls
// below the gaps between logits every step samples a random discrete model, and the sub-MLPs,
// fed different slots at every step, cannot learn (measured: sum_last2 and prev3 then fail in 2
// of 3 seeds where the annealed noise solves all 3).
//
// name identifies the group for the entropy metrics.
func (c *choice) weights(name string, logits *Node) *Node {
	if w, ok := c.cache[name]; ok {
		return w
	}
	w := c.compute(name, logits)
	if c.cache == nil {
		c.cache = map[string]*Node{}
	}
	c.cache[name] = w
	return w
}

// compute makes the weights of a group of choices (see weights).
func (c *choice) compute(name string, logits *Node) *Node {
	n := logits.Shape().Dimensions[logits.Rank()-1]
	switch c.mode {
	case Hard:
		return OneHot(ArgMax(logits, -1), n, dtypes.Float32)
	case Expected:
		w := Softmax(Div(logits, c.tau), -1)
		if c.entropies != nil {
			c.entropies[name] = ReduceAllMean(entropy(w))
			c.soft[name] = w
		}
		return w
	default:
		z := logits
		if scale := ParamGumbelScale.Get(c.ctx); scale > 0 {
			noise := MulScalar(gumbel(c.ctx, logits.Graph(), logits.Shape()), scale)
			z = Add(z, Mul(noise, DivScalar(c.tau, ParamTauInit.Get(c.ctx))))
		}
		return Softmax(Div(z, c.tau), -1)
	}
}

// gumbel draws standard Gumbel noise, -log(-log(u)), from the context's seeded random state.
func gumbel(ctx *context.Context, g *Graph, shape shapes.Shape) *Node {
	u := ctx.RandomUniform(g, shape)
	u = AddScalar(MulScalar(u, 1-2e-6), 1e-6) // keep log away from 0
	return StopGradient(Neg(Log(Neg(Log(u)))))
}

// entropy of probability vectors along the last axis, in nats.
func entropy(p *Node) *Node {
	positive := Where(GreaterThan(p, ZerosLike(p)), p, OnesLike(p)) // 0*log(0) = 0
	return Neg(ReduceSum(Mul(p, Log(positive)), -1))
}

// selectSlots reads, for every position, a weighted mix of slots: stream [B, T, S] and weights
// [G, S] give [B, T, G]. With one-hot weights it is exactly the chosen slots.
func selectSlots(stream, w *Node) *Node {
	return matMul(stream, Transpose(w, 0, 1))
}

// Forbidden is the initial logit of an option that may not be chosen. Its softmax weight is
// exactly 0 at every temperature, so it gets no gradient and keeps this value: the option is
// excluded without a mask in the graph, and reading the argmax of the logits (extraction) needs
// no special case either.
const Forbidden = -1e4

// choiceLogits returns the logits [rows, n] of a group of choices, created with an initial
// value prior(option) for each of the n options (0 for no preference, Forbidden to exclude),
// plus Gaussian noise of standard deviation logit_init_std. The noise breaks the symmetry
// between identical choices (two sub-MLPs that would otherwise pick the same inputs).
//
// The variable holds logits/choice_lr and the graph multiplies it back: under Adam, whose step
// is about the learning rate whatever the gradient, this gives the choices a learning rate
// choice_lr times that of the weights. The choices need to move fast (a few units of logit
// before the temperature freezes them), the sub-MLPs' weights slowly (their outputs must land
// within 0.5 of integers). The argmax of the variable is the argmax of the logits.
func choiceLogits(ctx *context.Context, g *Graph, name string, rows, n int, prior func(option int) float32) *Node {
	return choiceLogitsRows(ctx, g, name, rows, n, func(_, option int) float32 { return prior(option) })
}

// choiceLogitsRows is choiceLogits with a prior that depends on the row too.
func choiceLogitsRows(ctx *context.Context, g *Graph, name string, rows, n int, prior func(row, option int) float32) *Node {
	scale := ParamChoiceLR.Get(ctx)
	init := priorInit(ctx, rows, n, prior, ParamLogitInitStd.Get(ctx), scale)
	return MulScalar(ctx.WithInitializer(init).VariableWithShape(name, shapeF(rows, n)).ValueGraph(g), scale)
}

// priorInit initializes a [rows, n] variable that is read times scale (a learning-rate
// multiplier): prior(r, i) plus normal noise of standard deviation std, divided by scale.
func priorInit(ctx *context.Context, rows, n int, prior func(row, option int) float32, std, scale float64) initializers.VariableInitializer {
	return func(g *Graph, shape shapes.Shape) *Node {
		values := make([]float32, rows*n)
		for r := 0; r < rows; r++ {
			for i := 0; i < n; i++ {
				values[r*n+i] = prior(r, i)
			}
		}
		init := Reshape(Const(g, values), shape.Dimensions...)
		if std > 0 {
			init = Add(init, MulScalar(ctx.RandomNormal(g, shape), std))
		}
		return DivScalar(init, scale)
	}
}

// anyOption is the prior with no preference.
func anyOption(int) float32 { return 0 }

// distinctWeights turns logits [M*A, S] (M groups of A choices among S slots, row m*A+a) into
// weights [M*A, S] such that the choices of a group are distinct slots: choice a avoids what
// choices 0..a-1 took. A sub-MLP reading the same slot twice computes nothing that reading it
// once does not, and such a sub-MLP is an attractor of learning: both inputs drift to the slot
// that alone best predicts the target, and the attention heads it should read go unused.
//
// Hard mode takes the argmax among the slots not taken yet (Structure reads the model the same
// way). The relaxed modes multiply choice a by the probability that each slot is still free,
// prod_{b<a} (1 - w_b), and renormalize.
func (c *choice) distinctWeights(name string, logits *Node, M, A int) *Node {
	g := logits.Graph()
	S := logits.Shape().Dimensions[1]
	var rows []*Node // each [M, S]
	var free *Node   // [M, S]: how free each slot still is
	for a := 0; a < A; a++ {
		la := matMul(Const(g, rowPicker(M, A, a)), logits) // [M, S]: rows m*A+a
		var wa *Node
		if c.mode == Hard {
			if free != nil {
				la = Add(la, MulScalar(OneMinus(free), Forbidden))
			}
			wa = OneHot(ArgMax(la, -1), S, dtypes.Float32)
		} else {
			wa = c.weights(fmt.Sprintf("%s%d", name, a), la)
			if free != nil {
				wa = Mul(wa, free)
				wa = Div(wa, BroadcastToDims(Reshape(AddScalar(ReduceSum(wa, -1), 1e-9), M, 1), M, S))
			}
		}
		rows = append(rows, wa)
		if free == nil {
			free = OneMinus(wa)
		} else {
			free = Mul(free, OneMinus(wa))
		}
	}
	return Reshape(Stack(rows, 1), M*A, S)
}

// rowPicker returns the [M, M*A] matrix that picks rows m*A+a of an [M*A, S] matrix.
func rowPicker(M, A, a int) [][]float32 {
	p := zeros(M, M*A)
	for m := range p {
		p[m][m*A+a] = 1
	}
	return p
}
