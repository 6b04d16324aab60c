package dt

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// ParamLoss is the training loss.
var ParamLoss = declare("loss", "mse", "mse or mips (0.5*log(1+err^2)).", oneOf("mse", "mips"))

// lossGraph is the training loss between predictions and targets [B, T, K]: the mean squared
// error, or the MIPS loss 0.5*log(1+err^2) (robust to the large errors of early training).
// Positions before the task's warm-up are left out.
func (r *Run) lossGraph(ctx *context.Context, pred, y *Node) *Node {
	err := Sub(pred, y)
	per := Square(err)
	if ParamLoss.Get(ctx) == "mips" {
		per = MulScalar(Log(AddScalar(per, 1)), 0.5)
	}
	return maskedMean(per, r.Task.Warmup)
}

// maskedMean averages x [B, T, K] over positions t >= warmup. It multiplies by a mask rather
// than slicing: the pure-Go backend cannot differentiate Slice.
func maskedMean(x *Node, warmup int) *Node {
	if warmup <= 0 {
		return ReduceAllMean(x)
	}
	d := x.Shape().Dimensions
	warmup = min(warmup, d[1]-1)
	pos := Iota(x.Graph(), shapeF(d...), 1)
	mask := ConvertDType(GreaterOrEqual(pos, Scalar(x.Graph(), x.DType(), float64(warmup))), x.DType())
	return DivScalar(ReduceAllSum(Mul(x, mask)), float64(d[0]*(d[1]-warmup)*d[2]))
}

// exactGraph is the fraction of scored positions where round(pred) == y on every channel.
func exactGraph(pred, y *Node, warmup int) *Node {
	hit := LessThan(Abs(Sub(Round(pred), y)), MulScalar(OnesLike(y), 0.5))
	hit = ConvertDType(hit, pred.DType())
	return maskedMean(ExpandAxes(ReduceMin(hit, -1), -1), warmup)
}
