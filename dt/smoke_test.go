package dt

import (
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/train/optimizers"
)

func TestSmoke(t *testing.T) {
	backend, err := NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	ctx := NewContext()
	m := &Model{Ctx: ctx, Inputs: []string{"x"}, Outputs: []string{"y"}, Scale: 1}
	opt := optimizers.Adam().LearningRate(0.01).Done()
	exec := context.MustNewExec(backend, ctx, func(ctx *context.Context, x, y *Node) (*Node, *Node) {
		step := optimizers.GetGlobalStepVar(ctx.InAbsPath("/")).ValueGraph(x.Graph())
		tau := TauGraph(ctx, step)
		out := m.Forward(ctx, x, Pass{Mode: Soft, Tau: tau})
		loss := ReduceAllMean(Square(Sub(out.Y, y)))
		opt.UpdateGraph(ctx, x.Graph(), loss)
		return loss, tau
	})
	x := tensors.FromFlatDataAndDimensions(make([]float32, 4*10), 4, 10, 1)
	y := tensors.FromFlatDataAndDimensions(make([]float32, 4*10), 4, 10, 1)
	for i := 0; i < 3; i++ {
		res := exec.MustExec(x, y)
		t.Logf("loss %v tau %v", res[0], res[1])
	}
	for _, mode := range []Mode{Expected, Hard} {
		ev := context.MustNewExec(backend, ctx.Reuse(), func(ctx *context.Context, x *Node) []*Node {
			out := m.Forward(ctx, x, Pass{Mode: mode, Tau: Const(x.Graph(), float32(0.5)), Maps: true})
			r := []*Node{out.Y, out.Slots}
			for _, e := range out.Entropies {
				r = append(r, e)
			}
			return r
		})
		res := ev.MustExec(x)
		t.Logf("%v: %v %v %d", mode, res[0].Shape(), res[1].Shape(), len(res))
	}
}
