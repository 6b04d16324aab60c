package dt

import (
	"fmt"

	"github.com/discretetransformer/w2c/task"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
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
				row = append(row, m.Periodicity.Features(u)...)
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

// leastSquares solves min |F·θ - y|² by the normal equations FᵀF·θ = Fᵀy, by Cholesky, with a
// tiny ridge (1e-12 of the mean diagonal entry) that only matters for collinear columns, such
// as dead ReLU units (a zero column gets θ = 0). ok is false when the factorization fails (the
// ridged matrix is not numerically positive definite: non-finite features, or collinearity
// beyond what the ridge absorbs). With few distinct rows (binary inputs) the problem is rank
// deficient and the ridge picks θ: its part along the null space, which leaves F·θ unchanged,
// is only as accurate as the rounding of FᵀF allows (a few percent), not reproducible across
// changes in summation order.
func leastSquares(F [][]float64, y []float64) ([]float64, bool) {
	if len(F) == 0 {
		return nil, false
	}
	n, p := len(F), len(F[0])
	// Fᵀ, a row per feature: each entry of FᵀF is then a dot product of two contiguous rows.
	Ft := mat.NewDense(p, n, nil)
	for r, row := range F {
		Ft.SetCol(r, row)
	}
	G := mat.NewSymDense(p, nil)
	G.SymOuterK(1, Ft)
	c := mat.NewVecDense(p, nil)
	c.MulVec(Ft, mat.NewVecDense(n, y))
	ridge := 1e-12*mat.Trace(G)/float64(p) + 1e-300
	for i := range p {
		G.SetSym(i, i, G.At(i, i)+ridge)
	}
	var chol mat.Cholesky
	if !chol.Factorize(G) {
		return nil, false
	}
	theta := make([]float64, p)
	// The ridge bounds the condition number near 1e12·p; gonum's Condition error (its estimate
	// above 1e16) comes with the solution computed all the same.
	_ = chol.SolveVecTo(mat.NewVecDense(p, theta), c)
	return theta, true
}

// sse is the sum of squared errors of F·θ against y.
func sse(F [][]float64, theta, y []float64) float64 {
	var s float64
	for r, row := range F {
		e := floats.Dot(row, theta) - y[r]
		s += e * e
	}
	return s
}
