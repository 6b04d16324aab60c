package dt

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
)

// The product path (opt-in, -set products=true) adds to every sub-MLP the products of its inputs
// two by two, with learned coefficients: Σ_{a<b} c_ab·u_a·u_b. Why: a law with a parameter given
// as an input multiplies it with the state (a spring whose stiffness k varies per sequence:
// x[t+1] = 2·x − x[t−1] − dt²·k·x), and a ReLU network only approximates a product, to about 1e-3,
// so its constant cannot be read to 1e-4. The coefficients are linear parameters: the refit solves
// them exactly, as the linear path's.

// ParamProducts switches the product path on.
var ParamProducts = declare("products", false, "Sub-MLPs add the products of their inputs two by two (see products.go).")

// ProductFeatureCount is the number of product features of a sub-MLP of arity A.
func ProductFeatureCount(A int) int { return A * (A - 1) / 2 }

// productPath computes the product part of M sub-MLPs from their inputs u [M, N, A]: [M, N, 1].
func (m *Model) productPath(ctx *context.Context, u *Node) *Node {
	g := u.Graph()
	dims := u.Shape().Dimensions
	M, N, A := dims[0], dims[1], dims[2]
	P := ProductFeatureCount(A)
	if P == 0 {
		return Zeros(g, shapeF(M, N, 1))
	}
	// The pairs are picked by constant one-hot matrices (a product, whose gradient the pure-Go
	// backend has; that of a slice needs Pad, which it lacks).
	left, right := make([]float32, A*P), make([]float32, A*P)
	p := 0
	for a := 0; a < A; a++ {
		for b := a + 1; b < A; b++ {
			left[a*P+p], right[b*P+p] = 1, 1
			p++
		}
	}
	pick := func(sel []float32) *Node { return Einsum("mna,ap->mnp", u, Reshape(Const(g, sel), A, P)) }
	feats := Mul(pick(left), pick(right)) // [M, N, P]
	zero := ctx.WithInitializer(initializers.Zero)
	coef := MulScalar(zero.VariableWithShape("product_out", shapeF(M, P)).ValueGraph(g), ParamLinearLR.Get(ctx)) // holds c/linear_lr
	return batchMatMul(feats, ExpandAxes(coef, 2))
}

// ProductFeatures returns the product features at an input vector, in the graph's order.
func ProductFeatures(u []float64) []float64 {
	var out []float64
	for a := range u {
		for b := a + 1; b < len(u); b++ {
			out = append(out, u[a]*u[b])
		}
	}
	return out
}
