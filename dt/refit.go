package dt

import (
	"fmt"
	"math"

	"github.com/discretetransformer/w2c/task"
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// Refit: the last step of training solves, exactly, the last layer of every sub-MLP that an
// output reads: its linear path, its bias and its ReLU output weights, by least squares on 2,000
// training sequences, with every choice and every hidden weight fixed.
//
// Why: the hard phase is this same problem (the choices are frozen), but Adam only approaches
// its minimum, and integer tasks need every output within 0.5 of the target, including the rare
// inputs at the edges of the range that a stochastic optimizer sees least. For sum_last3 with
// arity 3, Adam leaves 0.3% to 1% of sequences off by one; the least-squares solution, a convex
// problem in these weights, is exact. A refit that would not lower the error is not applied.

// refitSequences is the number of training sequences the refit solves on.
const refitSequences = 2000

// refit solves the output sub-MLPs' last layers; it returns the number of sub-MLPs changed.
func (r *Run) refit() (int, error) {
	st, err := r.Structure()
	if err != nil {
		return 0, err
	}
	b := r.Task.Draw(r.Seed, task.StreamTrain, -2, refitSequences, r.Task.Length)
	// An autoregressive model is refit as it trains, reading back the targets: its own outputs
	// are what the refit is about to correct.
	var pred *Prediction
	if ParamAutoregressive.Get(r.Ctx) {
		pred, err = r.PredictForced(b.Xs, b.Ys, Hard, true)
	} else {
		pred, err = r.Predict(b.Xs, Hard, true)
	}
	if err != nil {
		return 0, err
	}
	readers := map[int]int{}
	for _, ro := range st.Readout {
		readers[ro.Slot]++
	}
	changed := 0
	for k, ro := range st.Readout {
		m := st.mlpWriting(ro.Slot)
		if m == nil || readers[ro.Slot] > 1 || ro.A == 0 {
			continue
		}
		F, y, old := r.refitProblem(m, ro, k, b, pred)
		theta, ok := leastSquares(F, y)
		if !ok || sse(F, theta, y) >= old {
			continue
		}
		if err := r.setLastLayer(m, theta); err != nil {
			return changed, err
		}
		changed++
	}
	r.execs = nil // the compiled graphs read the variables anew anyway; drop them for clarity
	return changed, nil
}

// mlpWriting returns the sub-MLP writing slot s, or nil.
func (st *Structure) mlpWriting(s int) *SubMLP {
	for i := range st.MLPs {
		if st.MLPs[i].Slot == s {
			return &st.MLPs[i]
		}
	}
	return nil
}

// refitProblem builds the least-squares problem of one output sub-MLP: rows of features
// [u, 1, Scale·h(u)] and targets (y - B)/A, over the scored positions; old is the current sum of
// squared errors.
func (r *Run) refitProblem(m *SubMLP, ro Readout, k int, b *task.Batch, pred *Prediction) (F [][]float64, y []float64, old float64) {
	for n := range b.Ys {
		for t := r.Task.Warmup; t < len(b.Ys[n]); t++ {
			slots := pred.Slots[n][t]
			u := make([]float64, len(m.Inputs))
			for i, s := range m.Inputs {
				u[i] = slots[s]
			}
			row := append(append(u, 1), scaled(m.Features(u), m.Scale)...)
			if m.Periodic != nil {
				row = append(row, PeriodicFeatures(u)...)
			}
			if m.Products != nil {
				row = append(row, ProductFeatures(u)...)
			}
			target := (b.Ys[n][t][k] - ro.B) / ro.A
			F, y = append(F, row), append(y, target)
			old += (slots[m.Slot] - target) * (slots[m.Slot] - target)
		}
	}
	return F, y, old
}

func scaled(xs []float64, s float64) []float64 {
	for i := range xs {
		xs[i] *= s
	}
	return xs
}

// setLastLayer writes a solution [linear..., bias, out...] into the sub-MLP's variables (which
// hold the linear path over linear_lr and the output weights over relu_lr; see subMLPs).
func (r *Run) setLastLayer(m *SubMLP, theta []float64) error {
	A := len(m.Inputs)
	scope := fmt.Sprintf("/layer%d/mlp", m.Layer)
	set := func(name string, offset int, values []float64, div float64) error {
		v := r.Ctx.GetVariableByScopeAndName(scope, name)
		if v == nil {
			return fmt.Errorf("refit: no variable %s/%s", scope, name)
		}
		t, err := v.Value()
		if err != nil {
			return err
		}
		flat := tensors.MustCopyFlatData[float32](t)
		for i, x := range values {
			flat[offset+i] = float32(x / div)
		}
		return v.SetValue(tensors.FromFlatDataAndDimensions(flat, t.Shape().Dimensions...))
	}
	P, Q, linearLR := len(m.Periodic), len(m.Products), ParamLinearLR.Get(r.Ctx)
	Hd := len(theta) - A - 1 - P - Q
	if err := set("linear", m.Index*A, theta[:A], linearLR); err != nil {
		return err
	}
	if err := set("bias", m.Index, theta[A:A+1], 1); err != nil {
		return err
	}
	if P > 0 {
		if err := set("periodic_out", m.Index*P, theta[A+1+Hd:A+1+Hd+P], linearLR); err != nil {
			return err
		}
	}
	if Q > 0 {
		if err := set("product_out", m.Index*Q, theta[A+1+Hd+P:], linearLR); err != nil {
			return err
		}
	}
	return set("w_out", m.Index*Hd, theta[A+1:A+1+Hd], ParamReluLR.Get(r.Ctx))
}

// leastSquares solves min |F·θ - y|² by the normal equations with a tiny ridge (which only
// matters for collinear columns, such as dead ReLU units), by Cholesky.
func leastSquares(F [][]float64, y []float64) ([]float64, bool) {
	if len(F) == 0 {
		return nil, false
	}
	p := len(F[0])
	G := make([][]float64, p)
	c := make([]float64, p)
	for i := range G {
		G[i] = make([]float64, p)
	}
	for r, row := range F {
		for i, a := range row {
			c[i] += a * y[r]
			for j := 0; j <= i; j++ {
				G[i][j] += a * row[j]
			}
		}
	}
	trace := 0.0
	for i := range G {
		trace += G[i][i]
	}
	ridge := 1e-12*trace/float64(p) + 1e-300
	for i := range G {
		G[i][i] += ridge
		for j := 0; j < i; j++ {
			G[j][i] = G[i][j]
		}
	}
	L, ok := cholesky(G)
	if !ok {
		return nil, false
	}
	z := make([]float64, p)
	for i := 0; i < p; i++ { // L z = c
		s := c[i]
		for j := 0; j < i; j++ {
			s -= L[i][j] * z[j]
		}
		z[i] = s / L[i][i]
	}
	theta := make([]float64, p)
	for i := p - 1; i >= 0; i-- { // Lᵀ θ = z
		s := z[i]
		for j := i + 1; j < p; j++ {
			s -= L[j][i] * theta[j]
		}
		theta[i] = s / L[i][i]
	}
	return theta, true
}

func cholesky(G [][]float64) ([][]float64, bool) {
	p := len(G)
	L := make([][]float64, p)
	for i := range L {
		L[i] = make([]float64, p)
		for j := 0; j <= i; j++ {
			s := G[i][j]
			for k := 0; k < j; k++ {
				s -= L[i][k] * L[j][k]
			}
			if i == j {
				if s <= 0 || math.IsNaN(s) {
					return nil, false
				}
				L[i][i] = math.Sqrt(s)
			} else {
				L[i][j] = s / L[j][j]
			}
		}
	}
	return L, true
}

// sse is the sum of squared errors of F·θ against y.
func sse(F [][]float64, theta, y []float64) float64 {
	var s float64
	for r, row := range F {
		var p float64
		for i, a := range row {
			p += a * theta[i]
		}
		s += (p - y[r]) * (p - y[r])
	}
	return s
}
