package polish

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Spread is a constant of a program with its bootstrap standard error.
type Spread struct {
	// Where and Context say which constant it is (as in Constant).
	Where   string  `json:"where"`
	Context string  `json:"context"`
	Value   float64 `json:"value"`
	// StdErr is the standard deviation of the constant over the resamples; Resamples how many
	// refits it comes from.
	StdErr    float64 `json:"std_err"`
	Resamples int     `json:"resamples"`
}

// Bootstrap measures how well the data determines the constants of p: for each of resamples
// draws of the sequences with replacement (seeded), every constant is refitted by the same
// Levenberg–Marquardt least squares as Program, from its value in p, and the standard
// deviation of its refits is its standard error. Resampling whole sequences, not positions,
// keeps the errors within a sequence together (a noisy observation enters two targets and one
// input). The structure never changes; p's own constants are reported as the values.
func Bootstrap(p *program.Program, xs, ys [][][]float64, warmup, resamples int, seed uint64) ([]Spread, error) {
	if resamples < 2 {
		return nil, errors.New("bootstrap: needs at least 2 resamples")
	}
	if err := checkData(p, xs, ys); err != nil {
		return nil, err
	}
	vals, sites := collectConsts(p)
	if len(vals) == 0 {
		return nil, nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x626f6f74)) // "boot"
	sum, sumSq := make([]float64, len(vals)), make([]float64, len(vals))
	o := Options{}.withDefaults()
	for range resamples {
		bx, by := make([][][]float64, len(xs)), make([][][]float64, len(xs))
		for i := range bx {
			j := rng.IntN(len(xs))
			bx[i], by[i] = xs[j], ys[j]
		}
		ev := &evaluator{base: p, data: newDataset(bx, by, warmup, len(p.Outputs)).subsample(o.MaxResiduals, seed)}
		stop := func() bool { return ev.evals.Load() >= int64(o.MaxEvaluations) }
		fit, _, _, err := ev.lm(vals, nil, lmSettings{maxIter: o.MaxIterations, stop: stop})
		if err != nil {
			return nil, fmt.Errorf("bootstrap: %w", err)
		}
		for i, v := range fit {
			sum[i] += v
			sumSq[i] += v * v
		}
	}
	out := make([]Spread, len(vals))
	n := float64(resamples)
	for i, v := range vals {
		mean := sum[i] / n
		variance := math.Max(sumSq[i]/n-mean*mean, 0) * n / (n - 1)
		ctx := ""
		if sites[i].parent != nil {
			ctx = program.FormatExpr(sites[i].parent)
		}
		out[i] = Spread{Where: sites[i].where(), Context: ctx, Value: v, StdErr: math.Sqrt(variance), Resamples: resamples}
	}
	return out, nil
}
