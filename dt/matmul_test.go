package dt

import (
	"math"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// TestBatchMatMulGradient checks the hand-written gradient against GoMLX's own.
func TestBatchMatMulGradient(t *testing.T) {
	backend, err := NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	exec := MustNewExec(backend, func(x, w *Node) []*Node {
		target := Sin(Iota(x.Graph(), shapeF(3, 5, 4), 1))
		lossFast := ReduceAllSum(Mul(batchMatMul(x, w), target))
		lossRef := ReduceAllSum(Mul(Einsum("gnk,gko->gno", x, w), target))
		g := Gradient(lossFast, x, w)
		r := Gradient(lossRef, x, w)
		return []*Node{lossFast, lossRef, g[0], r[0], g[1], r[1]}
	})
	xs := make([]float32, 3*5*2)
	ws := make([]float32, 3*2*4)
	for i := range xs {
		xs[i] = float32(math.Cos(float64(i)))
	}
	for i := range ws {
		ws[i] = float32(math.Sin(float64(3 * i)))
	}
	out := exec.MustExec(tensors.FromFlatDataAndDimensions(xs, 3, 5, 2), tensors.FromFlatDataAndDimensions(ws, 3, 2, 4))
	for i := 0; i < len(out); i += 2 {
		a, b := tensors.MustCopyFlatData[float32](out[i]), tensors.MustCopyFlatData[float32](out[i+1])
		for j := range a {
			if math.Abs(float64(a[j]-b[j])) > 1e-4 {
				t.Fatalf("output %d differs at %d: fast %v, reference %v", i/2, j, a[j], b[j])
			}
		}
	}
}
