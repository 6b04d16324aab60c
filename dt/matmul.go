package dt

import (
	"runtime"
	"sync"
	"weak"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// Matrix products with a fast gradient.
//
// GoMLX v0.26.0 differentiates DotGeneral as a broadcast multiply followed by a reduce-sum, which
// on the pure-Go backend materializes a [G, N, O, K] tensor and walks it element by element: it
// was most of the training time of our small models (see calibration.md). The gradient of a
// matrix product is two matrix products (dx = dy·wᵀ, dw = xᵀ·dy), which the backend computes
// with its fast DotGeneral kernel.
//
// GoMLX looks gradients up in graph.VJPRegistration, which it documents as open to change. We
// wrap the DotGeneral entry: products made by batchMatMul are remembered (by node), get the
// two-product gradient, and every other DotGeneral keeps GoMLX's own.

// fastProducts holds the DotGeneral nodes made by batchMatMul, weakly: a search builds
// thousands of graphs, and a map of the nodes themselves kept every graph (and what its
// compiled form holds) alive until the process ended, so that a whole suite's heap grew to
// gigabytes and its collections slowed the last searches by half. A node's entry is removed
// when the node is collected.
var fastProducts sync.Map // weak.Pointer[Node] -> struct{}

func init() {
	original := VJPRegistration[NodeTypeDotGeneral]
	VJPRegistration[NodeTypeDotGeneral] = func(node *Node, v []*Node, outputShape shapes.Shape) []*Node {
		if _, ok := fastProducts.Load(weak.Make(node)); !ok {
			return original(node, v, outputShape)
		}
		x, w, dy := node.Inputs()[0], node.Inputs()[1], v[0]
		return []*Node{
			batchMatMulT(dy, w), // [G, N, O]·[G, K, O]ᵀ -> [G, N, K]
			batchTMatMul(x, dy), // [G, N, K]ᵀ·[G, N, O] -> [G, K, O]
		}
	}
}

// batchMatMul returns x·w for x [G, N, K] and w [G, K, O] (G independent products), as
// [G, N, O], differentiated with two products.
func batchMatMul(x, w *Node) *Node {
	y := DotGeneral(x, []int{2}, []int{0}, w, []int{1}, []int{0})
	key := weak.Make(y)
	fastProducts.Store(key, struct{}{})
	runtime.AddCleanup(y, func(key weak.Pointer[Node]) { fastProducts.Delete(key) }, key)
	return y
}

// batchMatMulT returns a·bᵀ for a [G, N, O] and b [G, K, O], as [G, N, K].
func batchMatMulT(a, b *Node) *Node { return DotGeneral(a, []int{2}, []int{0}, b, []int{2}, []int{0}) }

// batchTMatMul returns aᵀ·b for a [G, N, K] and b [G, N, O], as [G, K, O].
func batchTMatMul(a, b *Node) *Node { return DotGeneral(a, []int{1}, []int{0}, b, []int{1}, []int{0}) }

// matMul returns x·w for x [..., K] and w [K, O], as [..., O], with batchMatMul's fast gradient.
func matMul(x, w *Node) *Node {
	dims := x.Shape().Dimensions
	K, O := w.Shape().Dimensions[0], w.Shape().Dimensions[1]
	N := x.Shape().Size() / K
	y := batchMatMul(Reshape(x, 1, N, K), Reshape(w, 1, K, O))
	return Reshape(y, append(append([]int{}, dims[:len(dims)-1]...), O)...)
}
