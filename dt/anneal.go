package dt

import (
	"math"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Hyperparameters of the schedules: temperature, phases, learning rate, ReLU warm-up.
var (
	ParamTauInit        = declare("tau_init", 1.0, "Temperature at step 0.")
	ParamTauEnd         = declare("tau_end", 0.01, "Temperature at the end of annealing.")
	ParamSchedule       = declare("schedule", "geometric", "geometric, linear, cosine or constant.", oneOf(Schedules...))
	ParamAnnealFraction = declare("anneal_fraction", 0.6, "Fraction of the steps over which tau goes from tau_init to tau_end.", fraction("(0, 1]"))
	ParamHardFraction   = declare("hard_fraction", 0.25, "Final fraction of the steps trained in hard mode (selections frozen).", fraction("[0, 1)"))
	ParamLearningRate   = declare("learning_rate", 0.01, "Adam learning rate.", positive)
	ParamLRDecay        = declare("lr_decay", 0.01, "Final learning rate as a fraction of learning_rate (cosine decay over the hard phase).", fraction("(0, 1]"))
	ParamReluWarmup     = declare("relu_warmup", 0.2, "Fraction of the steps over which the ReLU parts are switched on (0: on from the start).", fraction("[0, 1]"))
)

// Schedules of the temperature.
var Schedules = []string{"geometric", "linear", "cosine", "constant"}

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

// HardStart is the first step trained in hard mode.
func HardStart(ctx *context.Context) int {
	return int(float64(ParamSteps.Get(ctx)) * (1 - ParamHardFraction.Get(ctx)))
}

// AnnealSteps is the number of steps over which tau decays.
func AnnealSteps(ctx *context.Context) int {
	n := int(float64(ParamSteps.Get(ctx)) * ParamAnnealFraction.Get(ctx))
	return max(n, 1)
}

// TauAt returns the temperature at a step.
func TauAt(ctx *context.Context, step int) float64 {
	tauInit, tauEnd := ParamTauInit.Get(ctx), ParamTauEnd.Get(ctx)
	p := math.Min(float64(step)/float64(AnnealSteps(ctx)), 1)
	switch ParamSchedule.Get(ctx) {
	case "linear":
		return tauInit + (tauEnd-tauInit)*p
	case "cosine":
		return tauEnd + (tauInit-tauEnd)*(1+math.Cos(math.Pi*p))/2
	case "constant":
		return tauInit
	default: // geometric
		return tauInit * math.Pow(tauEnd/tauInit, p)
	}
}

// TauGraph computes tau in the graph from the global step (a scalar node of any numeric dtype).
func TauGraph(ctx *context.Context, step *Node) *Node {
	g := step.Graph()
	tauInit, tauEnd := ParamTauInit.Get(ctx), ParamTauEnd.Get(ctx)
	p := MinScalar(DivScalar(ConvertDType(step, dtypes.Float64), float64(AnnealSteps(ctx))), 1.0)
	var tau *Node
	switch ParamSchedule.Get(ctx) {
	case "linear":
		tau = AddScalar(MulScalar(p, tauEnd-tauInit), tauInit)
	case "cosine":
		cos := Cos(MulScalar(p, math.Pi))
		tau = AddScalar(MulScalar(AddScalar(cos, 1), (tauInit-tauEnd)/2), tauEnd)
	case "constant":
		tau = Scalar(g, dtypes.Float64, tauInit)
	default:
		tau = MulScalar(Exp(MulScalar(p, math.Log(tauEnd/tauInit))), tauInit)
	}
	return ConvertDType(tau, dtypes.Float32)
}

// Learning rate. It stays at learning_rate while the choices are annealed, then follows a
// cosine from learning_rate down to lr_decay*learning_rate over the hard phase. Why: Adam moves
// every weight by about the learning rate at each step, whatever the gradient's size; a weight
// that multiplies inputs of 100 then jitters the output by about 1, more than the 0.5 an
// integer task tolerates. The decay lets the sub-MLPs settle on exact values. (Written here, not
// with GoMLX's cosineschedule, which decays from step 0 and restarts every period: this one holds
// the rate through annealing and decays once, over the hard phase. Adam itself is GoMLX's.)

// LearningRateAt returns the learning rate at a step.
func LearningRateAt(ctx *context.Context, step int) float64 {
	start, steps, lr := HardStart(ctx), ParamSteps.Get(ctx), ParamLearningRate.Get(ctx)
	if step < start || steps <= start {
		return lr
	}
	p := math.Min(float64(step-start)/float64(steps-start), 1)
	end := lr * ParamLRDecay.Get(ctx)
	return end + (lr-end)*(1+math.Cos(math.Pi*p))/2
}

// LearningRateGraph computes LearningRateAt in the graph from the global step.
func LearningRateGraph(ctx *context.Context, step *Node) *Node {
	start, lr := float64(HardStart(ctx)), ParamLearningRate.Get(ctx)
	s := ConvertDType(step, dtypes.Float64)
	p := ClipScalar(DivScalar(SubScalar(s, start), math.Max(float64(ParamSteps.Get(ctx))-start, 1)), 0, 1)
	end := lr * ParamLRDecay.Get(ctx)
	out := AddScalar(MulScalar(AddScalar(Cos(MulScalar(p, math.Pi)), 1), (lr-end)/2), end)
	return ConvertDType(out, dtypes.Float32)
}

// ReluGateGraph is the factor on the sub-MLPs' ReLU parts at a step: it rises linearly from 0 to
// 1 over the first relu_warmup fraction of the steps. Why: a ReLU network also fits linear
// functions, approximately, and faster than the linear path; switched on late, it only models
// what the linear path cannot, and a linear law (x + x[t-1]) is learnt exactly. It is nil
// without warm-up.
func ReluGateGraph(ctx *context.Context, step *Node) *Node {
	warmup := ParamReluWarmup.Get(ctx)
	if warmup <= 0 {
		return nil
	}
	p := DivScalar(ConvertDType(step, dtypes.Float32), warmup*float64(ParamSteps.Get(ctx)))
	return MinScalar(p, 1.0)
}

// giveUpStep is when the give_up setting is checked: two thirds into the annealing, when tau has
// fallen by two thirds of its range in log scale (1 -> 0.046 by default) and the choices hardly
// change any more (see the argmax_changed metric).
func giveUpStep(ctx *context.Context) int { return max(1, 2*AnnealSteps(ctx)/3) }
