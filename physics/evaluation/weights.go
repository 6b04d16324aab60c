package evaluation

import (
	"fmt"
	"math"
	"sort"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/polish"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/task"
)

// weightsSequences is the number of held-out sequences the weights' constants are measured on.
const weightsSequences = 500

// weightsLaw measures the constants the trained model itself computes, on the terms of program
// p (the program before the constant refit, whose formulas symbolic regression read off the
// sub-MLPs): the hard model's outputs on held-out sequences, regressed by least squares on the
// values of those terms, output by output. No constant is rounded or fitted to the simulator's
// data here; the model's weights were (training's last step solves the output sub-MLPs' last
// layer by least squares on training sequences, dt/refit.go), in float32.
func weightsLaw(r *dt.Run, p *program.Program) (map[string]map[string]float64, error) {
	b := r.Task.Draw(r.Seed, task.StreamExtract, 9, weightsSequences, r.Task.Length)
	var pred *dt.Prediction
	var err error
	if dt.ParamAutoregressive.Get(r.Ctx) {
		pred, err = r.PredictForced(b.Xs, b.Ys, dt.Hard, false)
	} else {
		pred, err = r.Predict(b.Xs, dt.Hard, false)
	}
	if err != nil {
		return nil, err
	}
	return fitLaw(p, b.Xs, pred.Y, r.Task.Warmup)
}

// fitLaw regresses ys[n][t][k] (at t >= warmup) on the terms of p's output k (as
// compareConstants reads them), computed by p's own statements on the sequences xs: it returns
// output -> term -> coefficient.
func fitLaw(p *program.Program, xs, ys [][][]float64, warmup int) (map[string]map[string]float64, error) {
	law := map[string]map[string]float64{}
	for k, out := range p.Outputs {
		exprs := map[string]program.Expr{}
		collect(polish.NormalizeExpr(inline(p, out.Expr), nil), 1, map[string]float64{}, exprs)
		keys := make([]string, 0, len(exprs))
		for key := range exprs {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		q := p.Clone()
		q.Outputs = nil
		for i, key := range keys {
			q.Outputs = append(q.Outputs, program.Output{Name: fmt.Sprintf("w2c_term_%d", i), Expr: exprs[key]})
		}
		compiled, err := q.Compile()
		if err != nil {
			return nil, fmt.Errorf("the terms of %s: %w", out.Name, err)
		}
		cols := make([][]float64, len(keys))
		var y []float64
		for n, x := range xs {
			vals, err := compiled.Run(x)
			if err != nil {
				return nil, fmt.Errorf("the terms of %s: %w", out.Name, err)
			}
			for t := warmup; t < len(x) && t < len(ys[n]); t++ {
				if math.IsNaN(ys[n][t][k]) || math.IsInf(ys[n][t][k], 0) {
					continue
				}
				for i := range keys {
					cols[i] = append(cols[i], vals[t][i])
				}
				y = append(y, ys[n][t][k])
			}
		}
		coef, ok := leastSquares(cols, y)
		if !ok {
			return nil, fmt.Errorf("the terms of %s are linearly dependent on the data", out.Name)
		}
		law[out.Name] = map[string]float64{}
		for i, key := range keys {
			law[out.Name][key] = coef[i]
		}
	}
	return law, nil
}

// leastSquares solves min |Σ_j cols[j]·β_j − y|² by Householder QR (the law's terms, x[t] and
// x[t−1], are nearly collinear: the normal equations would square their condition number). It
// returns false when the columns are rank-deficient or not finite. cols and y are overwritten.
func leastSquares(cols [][]float64, y []float64) ([]float64, bool) {
	n, m := len(cols), len(y)
	if n == 0 || m < n {
		return nil, false
	}
	var scale float64
	for _, c := range cols {
		for _, v := range c {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, false
			}
			scale = math.Max(scale, math.Abs(v))
		}
	}
	diag := make([]float64, n)
	for j := 0; j < n; j++ {
		a := cols[j][j:]
		norm := math.Sqrt(dot(a, a))
		if norm <= 1e-12*scale*math.Sqrt(float64(m)) {
			return nil, false
		}
		alpha := -math.Copysign(norm, a[0])
		v := append([]float64(nil), a...)
		v[0] -= alpha
		vv := dot(v, v)
		reflect := func(w []float64) {
			f := 2 * dot(v, w) / vv
			for i := range w {
				w[i] -= f * v[i]
			}
		}
		for k := j + 1; k < n; k++ {
			reflect(cols[k][j:])
		}
		reflect(y[j:])
		diag[j] = alpha
	}
	beta := make([]float64, n)
	for j := n - 1; j >= 0; j-- {
		s := y[j]
		for k := j + 1; k < n; k++ {
			s -= cols[k][j] * beta[k]
		}
		beta[j] = s / diag[j]
	}
	return beta, true
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
