package extraction

import (
	"fmt"
	"math"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/task"
)

// Check is one comparison of the program with a ground truth on a set of sequences.
type Check struct {
	Against   string `json:"against"` // "reference" or "hard model"
	Sequences int    `json:"sequences"`
	Length    int    `json:"length"`
	// Positions compared (those after the task's warm-up) and how many agree: exactly for integer
	// tasks (the model's output rounded), within 1e-6 relative for real-valued ones.
	Positions int     `json:"positions"`
	Agree     int     `json:"agree"`
	Agreement float64 `json:"agreement"`
	// MSE of the program against the ground truth, and over the ground truth's variance.
	MSE         float64 `json:"mse"`
	RelativeMSE float64 `json:"relative_mse"`
	// ModelRelativeMSE is, for the check against the hard model of a real-valued task, the
	// model's own relative MSE against the reference, shown beside the program's; the program
	// passes when its relative MSE against the model is at most ModelTolerance (a fixed bound,
	// DefaultModelTolerance unless set).
	ModelRelativeMSE float64 `json:"model_relative_mse,omitempty"`
	ModelTolerance   float64 `json:"model_tolerance,omitempty"`
	// NoiseFloor is, for a real-valued data task (task.FromFile), the hard model's MSE against
	// the recorded targets on the held-out sequences of the check at the training length: the
	// estimate of the noise the program is judged against (see judgeRecorded).
	NoiseFloor float64 `json:"noise_floor,omitempty"`
	// ModelErrors counts, for the check against the hard model of an integer task, the
	// disagreements where the hard model is wrong and the program right (see modelTally).
	ModelErrors int  `json:"model_errors,omitempty"`
	Passed      bool `json:"passed"`
	// Counter is the first disagreement, when there is one.
	Counter *CounterExample `json:"counter_example,omitempty"`
}

// CounterExample is a sequence on which the program and a ground truth differ.
type CounterExample struct {
	Input    [][]float64 `json:"input"`
	Position int         `json:"position"`
	Want     []float64   `json:"want"`
	Got      []float64   `json:"got"`
}

// verify compares the program with the task's reference at the training length and at
// LongFactor times it, and with the hard model at the training length, on the selection stream
// (StreamVerify): its verdict decides which attempt of a search is kept. The reported verdict
// comes from Certify, on sequences that no selection step sees.
func verify(r *dt.Run, prog *program.Program, opts Options) ([]Check, error) {
	compiled, err := prog.Compile()
	if err != nil {
		return nil, fmt.Errorf("the program does not compile: %w", err)
	}
	t := r.Task
	short := t.Draw(r.Seed, task.StreamVerify, 0, opts.Verify, t.Length)
	long := t.Draw(r.Seed, task.StreamVerify, 1, opts.Verify, t.Length*opts.longFactor(t.Integer))
	var checks []Check
	var gots [][][][]float64 // the program's outputs on each batch
	for _, b := range []*task.Batch{short, long} {
		got, err := runAll(compiled, b.Xs)
		if err != nil {
			return nil, err
		}
		gots = append(gots, got)
		checks = append(checks, compare(t, "reference", b.Xs, b.Ys, got, opts))
	}
	m := newModelTally(t)
	if err := m.add(r, short.Xs, short.Ys, gots[0]); err != nil {
		return nil, err
	}
	m.judgeRecorded(checks, opts, 0)
	return append(checks, m.check(opts)), nil
}

// Outcome says in a few words what the check measured: how many positions agree and the
// relative MSE, or, against noisy recorded targets (where no position agrees exactly), the MSE
// and its bound.
func (c Check) Outcome() string {
	if c.NoiseFloor > 0 {
		return fmt.Sprintf("MSE %.3g against the recorded targets, bound %.2g x the noise floor %.3g (the best hard model's MSE on them)",
			c.MSE, NoiseFactor, c.NoiseFloor)
	}
	return fmt.Sprintf("%d/%d positions agree, relative MSE %.2g", c.Agree, c.Positions, c.RelativeMSE)
}

// NoiseFactor bounds a real-valued data task's program: its MSE against the recorded targets
// may be at most NoiseFactor times the noise floor (see judgeRecorded).
const NoiseFactor = 1.1

// judgeRecorded re-judges the checks against the reference of a real-valued task read from a
// file. Recorded targets carry noise, so no program equals them, and a relative-MSE bound
// chosen in advance would be a guess at the noise. The bound is measured instead: the noise
// floor is the hard model's MSE against the targets of the same held-out sequences (it was
// trained on other sequences, so it cannot have fitted their noise: the floor is the noise
// plus whatever the model still misses). A program passes when its MSE is at most NoiseFactor
// times that, or within the task-free RealTolerance (noiseless data). With the check against
// the hard model, which a program must pass too, "verified" then says: the program is the
// model's function, and it explains unseen recordings as well as the model, within 10%.
// lower, when positive and below the model's MSE, is the floor instead: another model did
// better on the same recordings (a search's best, see CertifyOptions.Floor).
func (m *modelTally) judgeRecorded(checks []Check, opts Options, lower float64) {
	if m.t.Data == nil || m.t.Integer {
		return
	}
	floor := m.modelVsRef.check(opts).MSE
	if lower > 0 && lower < floor {
		floor = lower
	}
	for i := range checks {
		c := &checks[i]
		c.NoiseFloor = floor
		c.Passed = c.RelativeMSE <= opts.RealTolerance || c.MSE <= NoiseFactor*floor
	}
}

// DefaultModelTolerance is the largest relative MSE between a real-valued program and the hard
// model (MSE over the variance of the model's outputs) at which the program counts as the
// model's own function. Why a fixed bound: the program may be exact where the model is only
// close (its float32 sub-MLPs approximate a law), but a program that passes against the model
// must be near the model itself, whatever the model's own error; a bound relative to that error
// would let any program equal to the reference pass for a poor model. 1e-4 is 1% RMS: the
// physics models that yield programs are within 1e-6 of their law (bench/physics).
const DefaultModelTolerance = 1e-4

// maxModelSlips is the largest fraction of positions where the program may differ from the hard
// model of an integer task, each time because the model slips and the program does not.
const maxModelSlips = 1e-2

// modelTally compares a program with the hard model over one or more batches of sequences.
//
// For integer tasks, the program may differ from the model only where the model slips: the
// program equals the reference, the model does not, and such slips are rare (at most
// maxModelSlips of the positions). Why accept them: a sub-MLP is a real function rounded to an
// integer, and a wide one (sum_last7 reads seven slots) can land 0.5 off on a few inputs of the
// 10^14 it could see (2 positions in 200,000), and |x| − |x[t−1]| by one ReLU network lands 0.5
// off near its kinks on 0.14% of positions; symbolic regression recovers the exact law the
// weights approximate. The program is then the model's own function, without its rounding
// slips; any other disagreement, or more of them, fails. The count is kept in the check.
//
// For real-valued tasks, the program passes when its relative MSE against the model is at most
// the model tolerance (DefaultModelTolerance); the model's own error against the reference is
// recorded beside it.
type modelTally struct {
	t          *task.Task
	vsModel    *tally // program against the model
	modelVsRef *tally // the model against the reference (real-valued tasks)
	slips      int
	wrong      bool // the program differs from the model where the program is wrong
}

func newModelTally(t *task.Task) *modelTally {
	return &modelTally{t: t, vsModel: newTally(t, "hard model"), modelVsRef: newTally(t, "reference")}
}

// add runs the hard model on xs (whose reference outputs are ys and the program's got) and
// tallies it against the program.
func (m *modelTally) add(r *dt.Run, xs, ys, got [][][]float64) error {
	pred, err := r.Predict(xs, dt.Hard, false)
	if err != nil {
		return fmt.Errorf("running the hard model: %w", err)
	}
	m.addOutputs(xs, ys, pred.Y, got)
	return nil
}

// addOutputs tallies the model's raw outputs and the program's outputs (got) on xs, whose
// reference outputs are ys.
func (m *modelTally) addOutputs(xs, ys, model, got [][][]float64) {
	if m.t.Integer {
		model = rounded(model)
		slips, wrong := countSlips(m.t, model, got, ys)
		m.slips += slips
		m.wrong = m.wrong || wrong
	} else {
		m.modelVsRef.add(xs, ys, model)
	}
	m.vsModel.add(xs, model, got)
}

// check is the verdict of the comparison with the model.
func (m *modelTally) check(opts Options) Check {
	c := m.vsModel.check(opts)
	if m.t.Integer {
		if !c.Passed && !m.wrong && m.slips > 0 && float64(m.slips) <= maxModelSlips*float64(c.Positions) {
			c.ModelErrors, c.Passed = m.slips, true
		}
		return c
	}
	c.ModelRelativeMSE = m.modelVsRef.check(opts).RelativeMSE
	c.ModelTolerance = opts.ModelTolerance
	c.Passed = c.RelativeMSE <= opts.ModelTolerance
	return c
}

// countSlips counts the positions where the program (got) and the hard model (model) differ
// while the program equals the reference (ref), and says whether they also differ anywhere the
// program is wrong.
func countSlips(t *task.Task, model, got, ref [][][]float64) (slips int, programWrong bool) {
	for i := range model {
		for p := t.Warmup; p < len(model[i]); p++ {
			for k := range model[i][p] {
				if model[i][p][k] == got[i][p][k] {
					continue
				}
				if got[i][p][k] != ref[i][p][k] {
					programWrong = true
				} else {
					slips++
				}
				break
			}
		}
	}
	return slips, programWrong
}

// runAll runs the program on every sequence.
func runAll(c *program.Compiled, xs [][][]float64) ([][][]float64, error) {
	out := make([][][]float64, len(xs))
	for i, x := range xs {
		y, err := c.Run(x)
		if err != nil {
			return nil, fmt.Errorf("running the program: %w", err)
		}
		out[i] = y
	}
	return out, nil
}

// compare scores got against want over the positions after the task's warm-up.
func compare(t *task.Task, against string, xs, want, got [][][]float64, opts Options) Check {
	tl := newTally(t, against)
	tl.add(xs, want, got)
	return tl.check(opts)
}

// tally accumulates a comparison over batches of sequences (certification streams millions of
// sequences through it in chunks).
type tally struct {
	t              *task.Task
	c              Check
	se, sum, sumSq float64
	n              int
}

func newTally(t *task.Task, against string) *tally { return &tally{t: t, c: Check{Against: against}} }

// add compares got with want on the sequences xs: exactly for integer tasks, within 1e-6
// relative for real-valued ones.
func (tl *tally) add(xs, want, got [][][]float64) {
	c := &tl.c
	c.Sequences += len(xs)
	if len(xs) > 0 {
		c.Length = len(xs[0])
	}
	for i := range want {
		for p := tl.t.Warmup; p < len(want[i]); p++ {
			ok := true
			for k, w := range want[i][p] {
				g := got[i][p][k]
				tl.se += (g - w) * (g - w)
				tl.sum, tl.sumSq, tl.n = tl.sum+w, tl.sumSq+w*w, tl.n+1
				if tl.t.Integer {
					ok = ok && math.Abs(g-w) <= 1e-9*math.Max(1, math.Abs(w))
				} else {
					ok = ok && math.Abs(g-w) <= 1e-6*math.Max(1, math.Abs(w))
				}
			}
			c.Positions++
			if ok {
				c.Agree++
			} else if c.Counter == nil {
				c.Counter = &CounterExample{Input: xs[i], Position: p, Want: want[i][p], Got: got[i][p]}
			}
		}
	}
}

// check is the tally's verdict: every position agrees (integer tasks), or the relative MSE is
// within opts.RealTolerance (real-valued ones).
func (tl *tally) check(opts Options) Check {
	c := tl.c
	if tl.n > 0 {
		mean := tl.sum / float64(tl.n)
		c.MSE = tl.se / float64(tl.n)
		c.RelativeMSE = c.MSE / math.Max(tl.sumSq/float64(tl.n)-mean*mean, 1e-300)
	}
	if c.Positions > 0 {
		c.Agreement = float64(c.Agree) / float64(c.Positions)
	}
	if tl.t.Integer {
		c.Passed = c.Agree == c.Positions
	} else {
		c.Passed = c.RelativeMSE <= opts.RealTolerance
	}
	return c
}

func rounded(ys [][][]float64) [][][]float64 {
	out := make([][][]float64, len(ys))
	for i, seq := range ys {
		out[i] = make([][]float64, len(seq))
		for p, v := range seq {
			out[i][p] = make([]float64, len(v))
			for k := range v {
				out[i][p][k] = math.Round(v[k])
			}
		}
	}
	return out
}
