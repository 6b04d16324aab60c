package dt

import (
	"math"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
)

// Annealing of the temperature tau. The value depends only on the global step, so it is
// computed inside the graph from the step variable and the graph is compiled once for the
// whole run (the pattern of GoMLX's discrete KAN). TauAt computes the same values in Go, for
// tests, metrics and figures.
//
// Let p = min(step / annealSteps, 1) be the progress. Then:
//   - geometric: tau = tau_init * (tau_end/tau_init)^p (a straight line in log tau);
//   - linear:    tau = tau_init + (tau_end - tau_init) * p;
//   - cosine:    tau = tau_end + (tau_init - tau_end) * (1 + cos(pi p)) / 2;
//   - constant:  tau = tau_init.
//
// After annealSteps, tau stays at tau_end.

// TauAt returns the temperature at a step.
func (c *Config) TauAt(step int) float64 {
	p := math.Min(float64(step)/float64(c.AnnealSteps()), 1)
	switch c.Schedule {
	case "linear":
		return c.TauInit + (c.TauEnd-c.TauInit)*p
	case "cosine":
		return c.TauEnd + (c.TauInit-c.TauEnd)*(1+math.Cos(math.Pi*p))/2
	case "constant":
		return c.TauInit
	default: // geometric
		return c.TauInit * math.Pow(c.TauEnd/c.TauInit, p)
	}
}

// TauGraph computes tau in the graph from the global step (a scalar node of any numeric dtype).
func (c *Config) TauGraph(step *Node) *Node {
	g := step.Graph()
	p := MinScalar(DivScalar(ConvertDType(step, dtypes.Float64), float64(c.AnnealSteps())), 1.0)
	var tau *Node
	switch c.Schedule {
	case "linear":
		tau = AddScalar(MulScalar(p, c.TauEnd-c.TauInit), c.TauInit)
	case "cosine":
		cos := Cos(MulScalar(p, math.Pi))
		tau = AddScalar(MulScalar(AddScalar(cos, 1), (c.TauInit-c.TauEnd)/2), c.TauEnd)
	case "constant":
		tau = Scalar(g, dtypes.Float64, c.TauInit)
	default:
		tau = MulScalar(Exp(MulScalar(p, math.Log(c.TauEnd/c.TauInit))), c.TauInit)
	}
	return ConvertDType(tau, dtypes.Float32)
}

// Learning rate. It stays at learning_rate while the choices are annealed, then follows a
// cosine from learning_rate down to lr_decay*learning_rate over the hard phase. Why: Adam moves
// every weight by about the learning rate at each step, whatever the gradient's size; a weight
// that multiplies inputs of 100 then jitters the output by about 1, more than the 0.5 an
// integer task tolerates. The decay lets the sub-MLPs settle on exact values.

// LearningRateAt returns the learning rate at a step.
func (c *Config) LearningRateAt(step int) float64 {
	start := c.HardStart()
	if step < start || c.Steps <= start {
		return c.LearningRate
	}
	p := math.Min(float64(step-start)/float64(c.Steps-start), 1)
	end := c.LearningRate * c.LRDecay
	return end + (c.LearningRate-end)*(1+math.Cos(math.Pi*p))/2
}

// LearningRateGraph computes LearningRateAt in the graph from the global step.
func (c *Config) LearningRateGraph(step *Node) *Node {
	start := float64(c.HardStart())
	s := ConvertDType(step, dtypes.Float64)
	p := ClipScalar(DivScalar(SubScalar(s, start), math.Max(float64(c.Steps)-start, 1)), 0, 1)
	end := c.LearningRate * c.LRDecay
	lr := AddScalar(MulScalar(AddScalar(Cos(MulScalar(p, math.Pi)), 1), (c.LearningRate-end)/2), end)
	return ConvertDType(lr, dtypes.Float32)
}

// ReluGateGraph is the factor on the sub-MLPs' ReLU parts at a step: it rises linearly from 0 to
// 1 over the first relu_warmup fraction of the steps. Why: a ReLU network also fits linear
// functions, approximately, and faster than the linear path; switched on late, it only models
// what the linear path cannot, and a linear law (x + x[t-1]) is learnt exactly.
func (c *Config) ReluGateGraph(step *Node) *Node {
	if c.ReluWarmup <= 0 {
		return nil
	}
	p := DivScalar(ConvertDType(step, dtypes.Float32), c.ReluWarmup*float64(c.Steps))
	return MinScalar(p, 1.0)
}

// giveUpStep is when the give_up setting is checked: two thirds into the annealing, when tau has
// fallen by two thirds of its range in log scale (1 -> 0.046 by default) and the choices hardly
// change any more (see the argmax_changed metric).
func (c *Config) giveUpStep() int { return max(1, 2*c.AnnealSteps()/3) }
