package polish

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"

	"github.com/discretetransformer/w2c/extraction/program"
)

// dataset is a set of sequences and their targets. The scored outputs are the (t, k) with
// t >= warmup and a finite target; residuals come in the order sequence, position, output.
type dataset struct {
	xs, ys [][][]float64
	warmup int
	nOut   int
	scored int
	scale  float64 // mean square of the scored targets (at least 1e-300)
}

// checkData checks the shapes of xs and ys against p.
func checkData(p *program.Program, xs, ys [][][]float64) error {
	if len(xs) != len(ys) {
		return fmt.Errorf("polish: %d input sequences but %d target sequences", len(xs), len(ys))
	}
	for i := range xs {
		if len(xs[i]) != len(ys[i]) {
			return fmt.Errorf("polish: sequence %d has %d positions but %d targets", i, len(xs[i]), len(ys[i]))
		}
		for t := range xs[i] {
			if len(xs[i][t]) != len(p.Inputs) {
				return fmt.Errorf("polish: sequence %d position %d has %d input channels, want %d",
					i, t, len(xs[i][t]), len(p.Inputs))
			}
			if len(ys[i][t]) != len(p.Outputs) {
				return fmt.Errorf("polish: sequence %d position %d has %d targets, want %d outputs",
					i, t, len(ys[i][t]), len(p.Outputs))
			}
		}
	}
	return nil
}

// newDataset wraps the data (already checked).
func newDataset(xs, ys [][][]float64, warmup, nOut int) *dataset {
	d := &dataset{xs: xs, ys: ys, warmup: max(warmup, 0), nOut: nOut}
	sum := 0.0
	for i := range ys {
		for t := d.warmup; t < len(ys[i]); t++ {
			for _, y := range ys[i][t] {
				if isFinite(y) {
					d.scored++
					sum += y * y
				}
			}
		}
	}
	d.scale = 1e-300
	if d.scored > 0 {
		d.scale = max(sum/float64(d.scored), 1e-300)
	}
	return d
}

// subsample returns a dataset of at most about limit scored outputs: whole sequences in a
// seeded random order, each cut to a prefix (outputs at t depend only on positions <= t, so a
// prefix computes the same values) so that at least min(16, sequences) of them share the
// budget. It returns d itself when d is small enough.
func (d *dataset) subsample(limit int, seed uint64) *dataset {
	if d.scored <= limit || len(d.xs) == 0 {
		return d
	}
	rng := rand.New(rand.NewPCG(seed, 0x706f6c697368)) // "polish"
	order := rng.Perm(len(d.xs))
	perSeq := (limit + min(16, len(d.xs)) - 1) / min(16, len(d.xs))
	s := &dataset{warmup: d.warmup, nOut: d.nOut}
	budget := limit
	for _, i := range order {
		if budget <= 0 {
			break
		}
		// The shortest prefix holding min(perSeq, budget) scored outputs.
		want := min(perSeq, budget)
		n, count := d.warmup, 0
		for n < len(d.xs[i]) && count < want {
			for _, y := range d.ys[i][n] {
				if isFinite(y) {
					count++
				}
			}
			n++
		}
		if count == 0 {
			continue
		}
		s.xs = append(s.xs, d.xs[i][:n])
		s.ys = append(s.ys, d.ys[i][:n])
		budget -= count
	}
	return newDataset(s.xs, s.ys, s.warmup, s.nOut)
}

// evaluator runs one template program with different constants on a dataset.
type evaluator struct {
	base  *program.Program
	data  *dataset
	evals atomic.Int64
}

// residualsOf runs p on the data and returns outputs minus targets at the scored outputs.
// Non-finite outputs give non-finite residuals.
func (ev *evaluator) residualsOf(p *program.Program) ([]float64, error) {
	c, err := p.Compile()
	if err != nil {
		return nil, err
	}
	ev.evals.Add(1)
	d := ev.data
	r := make([]float64, 0, d.scored)
	for i, xs := range d.xs {
		out, err := c.Run(xs)
		if err != nil {
			return nil, err
		}
		for t := d.warmup; t < len(xs); t++ {
			for k, y := range d.ys[i][t] {
				if isFinite(y) {
					r = append(r, out[t][k]-y)
				}
			}
		}
	}
	return r, nil
}

// residuals runs the template with constants vals.
func (ev *evaluator) residuals(vals []float64) ([]float64, error) {
	return ev.residualsOf(withConsts(ev.base, vals))
}

// measure is what a program scores on a dataset.
type measure struct {
	loss   float64 // mean squared residual; +Inf when an output is not finite
	maxErr float64 // largest absolute residual
}

// exact reports whether every scored output is within tol of its target.
func (m measure) exact(tol float64) bool { return m.maxErr <= tol }

// measureOf summarizes residuals.
func measureOf(r []float64) measure {
	if len(r) == 0 {
		return measure{}
	}
	sum, worst := 0.0, 0.0
	for _, v := range r {
		if !isFinite(v) {
			return measure{loss: math.Inf(1), maxErr: math.Inf(1)}
		}
		sum += v * v
		worst = max(worst, math.Abs(v))
	}
	return measure{loss: sum / float64(len(r)), maxErr: worst}
}

// measureProgram runs p on d.
func measureProgram(p *program.Program, d *dataset) (measure, error) {
	ev := &evaluator{data: d}
	r, err := ev.residualsOf(p)
	if err != nil {
		return measure{}, err
	}
	return measureOf(r), nil
}
