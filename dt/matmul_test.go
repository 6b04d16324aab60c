package dt

import (
	"math"
	"runtime"
	"testing"
	"time"
	"weak"

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

// TestFastProductsWeak: a product made by batchMatMul gets the two-product gradient, and its
// entry in fastProducts goes when its graph is collected (the registry once kept every graph
// of a suite alive).
func TestFastProductsWeak(t *testing.T) {
	backend, err := NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		n := 0
		fastProducts.Range(func(any, any) bool { n++; return true })
		return n
	}
	before := count()
	func() {
		g := NewGraph(backend, "product")
		x, w := Parameter(g, "x", shapeF(3, 5, 2)), Parameter(g, "w", shapeF(3, 2, 4))
		y := batchMatMul(x, w)
		if _, ok := fastProducts.Load(weak.Make(y)); !ok {
			t.Fatal("the product is not registered")
		}
		grads := Gradient(ReduceAllSum(y), x, w)
		for i, gr := range grads {
			if gr.Type() != NodeTypeDotGeneral {
				t.Errorf("gradient %d is a %s, want the two-product gradient's DotGeneral", i, gr.Type())
			}
		}
	}()
	for i := 0; i < 50 && count() > before; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := count(); n > before {
		t.Errorf("%d products still registered after their graph was collected (%d before)", n, before)
	}
}
