package polish

import (
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// Refinement fits the constants of a fixed program by nonlinear least squares on the residuals
// (outputs − targets) with Levenberg–Marquardt: a Jacobian by central differences (one
// compiled run of the program per perturbed constant and side, columns computed in parallel),
// the damped normal equations (JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀr solved by Cholesky, a
// step kept only when it lowers the loss (λ shrinks) and retried with more damping otherwise.
// Every accepted step lowers the loss, so the result is never worse than the start. Constants
// the outputs do not depend on (a threshold between data points, a dead branch) have a zero
// column and stay where they are.

// lmSettings bounds one Levenberg–Marquardt run.
type lmSettings struct {
	maxIter int
	stop    func() bool // budget exhausted
}

// Levenberg–Marquardt constants.
const (
	lmLambda0     = 1e-3
	lmLambdaDown  = 5.0
	lmLambdaUp    = 8.0
	lmLambdaMax   = 1e16
	lmTries       = 12    // damping increases per iteration before giving up
	lmStallRel    = 1e-14 // a relative decrease below this is a stall
	lmStalls      = 2     // stop after this many stalls in a row
	lmExactLoss   = 1e-32 // loss, relative to the targets' mean square, that counts as 0
	jacobianStep  = 1e-6  // central-difference step, relative to max(|c|, jacobianFloor)
	jacobianFloor = 1e-3
)

// lm minimizes the loss over the free constants (all when free is nil) from start. It returns
// the constants, their residuals' measure and the number of iterations. The returned loss is
// at most the start's.
func (ev *evaluator) lm(start []float64, free []bool, cfg lmSettings) ([]float64, measure, int, error) {
	x := append([]float64(nil), start...)
	r, err := ev.residuals(x)
	if err != nil {
		return nil, measure{}, 0, err
	}
	cur := measureOf(r)
	var idx []int
	for i := range x {
		if free == nil || free[i] {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 || math.IsInf(cur.loss, 0) || math.IsNaN(cur.loss) {
		return x, cur, 0, nil
	}
	lambda, stalls, iters := lmLambda0, 0, 0
	for iters < cfg.maxIter && !cfg.stop() && cur.loss > lmExactLoss*ev.data.scale {
		iters++
		cols, err := ev.jacobian(x, idx)
		if err != nil {
			return nil, measure{}, iters, err
		}
		a, g := normalEquations(cols, r)
		if allZero(g) {
			break
		}
		improved, rel := false, 0.0
		for try := 0; try < lmTries && lambda <= lmLambdaMax && !cfg.stop(); try++ {
			delta, ok := solveDamped(a, g, lambda)
			if !ok {
				lambda *= lmLambdaUp
				continue
			}
			trial := append([]float64(nil), x...)
			for j, i := range idx {
				trial[i] += delta[j]
			}
			rt, err := ev.residuals(trial)
			if err != nil {
				return nil, measure{}, iters, err
			}
			if mt := measureOf(rt); mt.loss < cur.loss {
				rel = (cur.loss - mt.loss) / cur.loss
				x, r, cur = trial, rt, mt
				lambda = max(lambda/lmLambdaDown, 1e-15)
				improved = true
				break
			}
			lambda *= lmLambdaUp
		}
		if !improved {
			break
		}
		if rel < lmStallRel {
			if stalls++; stalls >= lmStalls {
				break
			}
		} else {
			stalls = 0
		}
	}
	return x, cur, iters, nil
}

// jacobian returns the columns ∂r/∂x_i for i in idx, by central differences. Entries where a
// perturbed run is not finite are 0.
func (ev *evaluator) jacobian(x []float64, idx []int) ([][]float64, error) {
	cols := make([][]float64, len(idx))
	errs := make([]error, len(idx))
	workers := min(runtime.GOMAXPROCS(0), len(idx))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				cols[j], errs[j] = ev.column(x, idx[j])
			}
		})
	}
	for j := range idx {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return cols, nil
}

// column is one Jacobian column.
func (ev *evaluator) column(x []float64, i int) ([]float64, error) {
	h := jacobianStep * max(math.Abs(x[i]), jacobianFloor)
	plus := append([]float64(nil), x...)
	minus := append([]float64(nil), x...)
	plus[i] += h
	minus[i] -= h
	h2 := plus[i] - minus[i] // the step actually taken
	rp, err := ev.residuals(plus)
	if err != nil {
		return nil, err
	}
	rm, err := ev.residuals(minus)
	if err != nil {
		return nil, err
	}
	col := make([]float64, len(rp))
	for k := range col {
		if d := (rp[k] - rm[k]) / h2; isFinite(d) {
			col[k] = d
		}
	}
	return col, nil
}

// normalEquations returns the Gauss–Newton system of the Jacobian J whose columns are cols:
// JᵀJ and Jᵀr. Non-finite residuals count as 0 (an output the program cannot compute pulls
// on no constant; measureOf counts it in the loss).
func normalEquations(cols [][]float64, r []float64) (*mat.SymDense, []float64) {
	n, m := len(cols), len(r)
	a := mat.NewSymDense(n, nil)
	g := make([]float64, n)
	if n == 0 || m == 0 {
		return a, g
	}
	jt := mat.NewDense(n, m, nil) // Jᵀ: a row per constant, contiguous for the dot products
	for i, c := range cols {
		jt.SetRow(i, c)
	}
	a.SymOuterK(1, jt)
	rf := make([]float64, m)
	for k, v := range r {
		if isFinite(v) {
			rf[k] = v
		}
	}
	mat.NewVecDense(n, g).MulVec(jt, mat.NewVecDense(m, rf))
	return a, g
}

// solveDamped solves Marquardt's damped system (A + λ·D) δ = −g, D the diagonal of A floored
// at 1e-12 of its largest entry so that constants without effect (a zero column) still get a
// (zero) step. A = JᵀJ is positive semi-definite and λ·D positive, so the damped matrix is
// positive definite and Cholesky solves it; ok is false when rounding says otherwise (the
// factorization fails: the system is numerically singular) or the step is not finite, and the
// caller raises λ.
func solveDamped(a *mat.SymDense, g []float64, lambda float64) ([]float64, bool) {
	n := len(g)
	top := 0.0
	for i := range n {
		top = max(top, a.At(i, i))
	}
	floor := max(top*1e-12, 1e-300)
	damped := mat.NewSymDense(n, nil)
	damped.CopySym(a)
	for i := range n {
		d := a.At(i, i)
		damped.SetSym(i, i, d+lambda*max(d, floor))
	}
	var chol mat.Cholesky
	if !chol.Factorize(damped) {
		return nil, false
	}
	delta := make([]float64, n)
	minusG := make([]float64, n)
	for i, v := range g {
		minusG[i] = -v
	}
	// gonum's Condition error (its condition estimate above 1e16) comes with the solution
	// computed all the same, and is expected: a zero column's damped pivot is 1e-12·λ of the
	// largest, its (zero) step exact all the same.
	_ = chol.SolveVecTo(mat.NewVecDense(n, delta), mat.NewVecDense(n, minusG))
	for _, d := range delta {
		if !isFinite(d) {
			return nil, false
		}
	}
	return delta, true
}

func allZero(v []float64) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}
