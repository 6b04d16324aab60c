package symreg

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Candidate is one expression with its measured error.
type Candidate struct {
	Expr program.Expr
	// Complexity is program.ExprSize(Expr).
	Complexity int
	// MSE is the mean squared error over all the samples given to Fit.
	MSE float64
}

// StopReason says why the search ended.
type StopReason string

// The stop reasons. Every reason but StopTime is deterministic.
const (
	// StopSolved: an expression within tolerance was found, and every simpler expression in
	// the search space has been tried (every equally simple one too, unless the one found has
	// MSE <= tolerance/10; see the package doc).
	StopSolved StopReason = "solved"
	// StopComplexity: every complexity up to MaxComplexity has been searched.
	StopComplexity StopReason = "complexity"
	// StopEvals: the MaxEvals budget ran out.
	StopEvals StopReason = "evals"
	// StopTime: the TimeLimit ran out (the only nondeterministic stop).
	StopTime StopReason = "time"
)

// Result is the outcome of Fit.
type Result struct {
	// Found is true when Best is within tolerance: then Best is the simplest expression found
	// within tolerance (ties: integer-valued first when Options.Integer, then lower MSE). When
	// Found is false, Best is the lowest-error expression found ("no expression within
	// tolerance").
	Found bool
	Best  Candidate
	// Front is the Pareto front of what was found: by increasing complexity, each with a
	// strictly lower MSE than every simpler one. It starts at complexity 1 (the best constant,
	// or a variable that fits better).
	Front []Candidate
	// Tolerance is the MSE threshold used: max(AbsTol, RelTol*VarY, 1e-18*mean(y²)).
	Tolerance float64
	// VarY is the variance of y (population, over all samples).
	VarY float64
	// Samples is len(y); Unique the number of distinct input rows; SearchSamples the number
	// of distinct rows the enumeration used (Unique, or a seeded subsample of it).
	Samples, Unique, SearchSamples int
	// Evals is the number of candidate feature vectors computed.
	Evals int
	// Stop says why the search ended.
	Stop StopReason
}

// ErrNotFound is returned by Result.Err when no expression is within tolerance.
var ErrNotFound = errors.New("symreg: no expression within tolerance")

// Err is nil when r.Found, else an error wrapping ErrNotFound that names the best expression
// found and its error.
func (r *Result) Err() error {
	if r.Found {
		return nil
	}
	return fmt.Errorf("%w (best %s, MSE %.4g > tolerance %.4g, stop: %s)", ErrNotFound,
		program.FormatExpr(r.Best.Expr), r.Best.MSE, r.Tolerance, r.Stop)
}

// Fit searches for an expression of the variables vars (vars[j] names column j of X) that
// maps X[i] to y[i]. X has n rows of len(vars) values (len(vars) is typically 1 to 3; more
// work but the search was tuned for up to 3). Errors are returned only for invalid input or
// options; failing to find an expression within tolerance is reported by Result.Found.
func Fit(X [][]float64, y []float64, vars []string, opts Options) (*Result, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	if len(vars) == 0 {
		return nil, fmt.Errorf("symreg: no variables")
	}
	seenName := map[string]bool{}
	for _, v := range vars {
		if v == "" {
			return nil, fmt.Errorf("symreg: empty variable name")
		}
		if seenName[v] {
			return nil, fmt.Errorf("symreg: duplicate variable name %q", v)
		}
		seenName[v] = true
	}
	if len(X) == 0 || len(X) != len(y) {
		return nil, fmt.Errorf("symreg: %d input rows for %d targets (need the same, at least 1)", len(X), len(y))
	}
	for i, row := range X {
		if len(row) != len(vars) {
			return nil, fmt.Errorf("symreg: row %d has %d values, want %d", i, len(row), len(vars))
		}
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("symreg: row %d has a non-finite value", i)
			}
		}
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			return nil, fmt.Errorf("symreg: target %d is not finite", i)
		}
	}
	start := time.Now()
	full := prepare(X, y, vars)
	s := newSearcher(cfg, vars, full, start)
	s.run()
	return s.result(len(y)), nil
}

// dataset is the deduplicated data: one row per distinct input, weighted by its count, with the
// mean target of its copies.
type dataset struct {
	m    int
	cols [][]float64
	env  map[string][]float64
	w    []float64
	y    []float64
	n    float64 // total count
	pure float64 // mean within-row squared deviation of y: the error no function can remove
	ym   float64
	varY float64
	msq  float64 // mean of y²
}

func prepare(X [][]float64, y []float64, vars []string) *dataset {
	k := len(vars)
	d := &dataset{cols: make([][]float64, k), env: map[string][]float64{}}
	index := map[string]int{}
	key := make([]byte, 8*k)
	var mean, m2 []float64 // Welford per row
	for i, row := range X {
		for j, v := range row {
			if v == 0 {
				v = 0 // fold -0 into +0
			}
			b := math.Float64bits(v)
			for t := 0; t < 8; t++ {
				key[8*j+t] = byte(b >> (8 * t))
			}
		}
		g, ok := index[string(key)]
		if !ok {
			g = d.m
			index[string(key)] = g
			d.m++
			for j, v := range row {
				if v == 0 {
					v = 0
				}
				d.cols[j] = append(d.cols[j], v)
			}
			d.w = append(d.w, 0)
			mean = append(mean, 0)
			m2 = append(m2, 0)
		}
		d.w[g]++
		delta := y[i] - mean[g]
		mean[g] += delta / d.w[g]
		m2[g] += delta * (y[i] - mean[g])
	}
	d.y = mean
	d.n = float64(len(y))
	for g := 0; g < d.m; g++ {
		d.pure += m2[g]
		d.ym += d.w[g] * d.y[g]
	}
	d.pure /= d.n
	d.ym /= d.n
	for g := 0; g < d.m; g++ {
		r := d.y[g] - d.ym
		d.varY += d.w[g] * r * r
		d.msq += d.w[g] * d.y[g] * d.y[g]
	}
	d.varY = d.varY/d.n + d.pure
	d.msq = d.msq/d.n + d.pure
	for j, name := range vars {
		d.env[name] = d.cols[j]
	}
	return d
}

// mse is the MSE over all samples of a prediction v given per distinct row; NaN gives +Inf.
func (d *dataset) mse(v []float64) float64 {
	var s float64
	for g, p := range v {
		r := d.y[g] - p
		s += d.w[g] * r * r
	}
	m := s/d.n + d.pure
	if math.IsNaN(m) {
		return math.Inf(1)
	}
	return m
}

// subsample picks the rows the enumeration works on: all of them, or size of them (kept in
// their original order): the size/4 heaviest rows (the most repeated inputs), then rows chosen
// with the seed. Why the heaviest: a few input rows can carry much of the data, and a
// search sample that misses them misses a law's special case (min_last2's first position,
// y = x, is 10 distinct rows holding a tenth of the samples, among thousands of others).
func subsample(m, size int, seed uint64, w []float64) []int {
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	if m <= size {
		return idx
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(w[b], w[a]) })
	heavy := size / 4
	rest := idx[heavy:]
	r := rand.New(rand.NewPCG(seed, 0x73796d726567))
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	idx = idx[:size]
	slices.Sort(idx)
	return idx
}
