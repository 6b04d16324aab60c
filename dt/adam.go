package dt

import (
	"sort"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
	"github.com/gomlx/gomlx/pkg/ml/train/optimizers"
)

// Adam's update of every trainable variable at once: GoMLX's Adam (optimizers.Adam, v0.26.0,
// with its defaults: β1 = 0.9, β2 = 0.999, ε = 1e-7, no weight decay) computed on one vector
// that concatenates the variables' gradients, instead of variable by variable.
//
// Why: the model's variables are many and small (10 in the default model), and GoMLX's Adam
// spends about 17 operations on each, so its update was a quarter of a training step's 677
// operations and 11% of its time at batch 32, almost all of it the backend's cost per
// operation, not arithmetic. On one vector the update is about 20 operations, plus 4 per
// variable to gather its gradient and apply its step.
//
// Every element goes through the same operations, in the same order and precision, as in
// GoMLX's Adam, so the training is the same bit for bit (TestFusedAdam). The moments live in two
// vectors (adamScope) over the variables in the order of their names; a choice's logits, frozen
// in the hard phase, keep their place in them and get a zero gradient there, so that the hard
// phase's graph has the same layout as the soft phase's (their moments then decay, which
// nothing reads: a frozen variable is not updated).

// adamScope holds the moment vectors.
const adamScope = "/fused_adam"

// adamUpdate builds Adam's update of ctx's trainable variables for loss, with the learning rate
// held in optimizers.LearningRateVar, and increments the global step (and Adam's own, as GoMLX
// does).
func adamUpdate(ctx *context.Context, loss *Node) {
	g := loss.Graph()
	dtype := loss.DType()
	grads := ctx.BuildTrainableVariablesGradientsGraph(loss)
	byName := map[string]*Node{}
	var trainable []*context.Variable
	ctx.EnumerateVariables(func(v *context.Variable) { // the order of grads
		if v.Trainable && v.InUseByGraph(g) {
			trainable = append(trainable, v)
		}
	})
	for i, v := range trainable {
		byName[v.ScopeAndName()] = grads[i]
	}
	vars := adamLayout(ctx, g)
	total := 0
	parts := make([]*Node, len(vars))
	for i, v := range vars {
		n := v.Shape().Size()
		if grad, ok := byName[v.ScopeAndName()]; ok {
			parts[i] = Reshape(grad, n)
		} else {
			parts[i] = Zeros(g, shapes.Make(dtype, n))
		}
		total += n
	}
	grad := parts[0]
	if len(parts) > 1 {
		grad = Concatenate(parts, 0)
	}

	learningRate := optimizers.LearningRateVar(ctx, dtype, 0).ValueGraph(g)
	_ = optimizers.IncrementGlobalStepGraph(ctx, g, dtype)
	adamStep := optimizers.IncrementGlobalStepGraph(ctx.In(optimizers.AdamDefaultScope), g, dtype)
	beta1 := Const(g, shapes.CastAsDType(0.9, dtype))
	debiasTermBeta1 := Reciprocal(OneMinus(Pow(beta1, adamStep)))
	beta2 := Const(g, shapes.CastAsDType(0.999, dtype))
	debiasTermBeta2 := Reciprocal(OneMinus(Pow(beta2, adamStep)))
	epsilon := Const(g, shapes.CastAsDType(1e-7, dtype))

	moments := ctx.Checked(false).InAbsPath(adamScope).WithInitializer(initializers.Zero)
	m1Var := moments.VariableWithShape("moment1", shapes.Make(dtype, total)).SetTrainable(false)
	m2Var := moments.VariableWithShape("moment2", shapes.Make(dtype, total)).SetTrainable(false)
	moment1 := Add(Mul(beta1, m1Var.ValueGraph(g)), Mul(OneMinus(beta1), grad))
	m1Var.SetValueGraph(moment1)
	debiasedMoment1 := Mul(moment1, debiasTermBeta1)
	moment2 := Add(Mul(beta2, m2Var.ValueGraph(g)), Mul(OneMinus(beta2), Square(grad)))
	m2Var.SetValueGraph(moment2)
	debiasedMoment2 := Mul(moment2, debiasTermBeta2)
	denominator := Add(Sqrt(debiasedMoment2), epsilon)
	step := Div(Mul(learningRate, debiasedMoment1), denominator)

	offset := 0
	for _, v := range vars {
		n := v.Shape().Size()
		if _, ok := byName[v.ScopeAndName()]; ok {
			s := Reshape(Slice(step, AxisRange(offset, offset+n)), v.Shape().Dimensions...)
			v.SetValueGraph(Sub(v.ValueGraph(g), s))
		}
		offset += n
	}
}

// adamLayout is the variables the moment vectors cover, in the order of their names: the
// trainable ones and the choices' logits (trainable until the hard phase freezes them).
func adamLayout(ctx *context.Context, g *Graph) []*context.Variable {
	var vars []*context.Variable
	ctx.EnumerateVariables(func(v *context.Variable) {
		if (v.Trainable || isChoiceLogits(v)) && v.InUseByGraph(g) && v.Shape().DType == dtypes.Float32 {
			vars = append(vars, v)
		}
	})
	sort.Slice(vars, func(i, j int) bool { return vars[i].ScopeAndName() < vars[j].ScopeAndName() })
	return vars
}
