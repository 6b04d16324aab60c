package dt

import (
	"math"
	"path/filepath"

	"github.com/discretetransformer/w2c/task"
)

// Report is the final evaluation of a run on held-out sequences (report.json).
type Report struct {
	Task          string `json:"task"`
	Seed          int64  `json:"seed"`
	Steps         int    `json:"steps"`
	Backend       string `json:"backend"`
	EvalSequences int    `json:"eval_sequences"`
	Length        int    `json:"length"`
	// SoftMSE and HardMSE are the mean squared errors of the deterministic soft model (at the
	// final tau) and of the hard model; HardRelativeMSE divides by the targets' variance. The
	// soft model's figures are 0, and left out of the file, with metrics_soft=false.
	SoftMSE         float64 `json:"soft_mse,omitempty"`
	HardMSE         float64 `json:"hard_mse"`
	TargetVariance  float64 `json:"target_variance"`
	HardRelativeMSE float64 `json:"hard_relative_mse"`
	// For integer tasks: fraction of positions, and of whole sequences, where round(output)
	// equals the target on every channel.
	HardPositionAccuracy float64 `json:"hard_position_accuracy"`
	HardSequenceAccuracy float64 `json:"hard_sequence_accuracy"`
	SoftPositionAccuracy float64 `json:"soft_position_accuracy,omitempty"`
	// Structure describes the hard model: every head's pointer, every sub-MLP's inputs, the readout.
	Structure      []string `json:"structure"`
	TrainSeconds   float64  `json:"train_seconds"`
	StepsPerSecond float64  `json:"steps_per_second"`
}

// Exact reports whether the hard model is exactly right on every held-out sequence.
func (r *Report) Exact() bool { return r.HardSequenceAccuracy == 1 }

// ParamEvalSize is the size of the final evaluation.
var ParamEvalSize = declare("eval_size", 10000, "Held-out sequences for the final report.", positive)

// Evaluate measures the trained model on eval_size fresh held-out sequences.
func (r *Run) Evaluate() (*Report, error) {
	b := r.Task.Draw(r.Seed, task.StreamEval, 0, ParamEvalSize.Get(r.Ctx), r.Task.Length)
	hard, err := r.Predict(b.Xs, Hard, false)
	if err != nil {
		return nil, err
	}
	soft := &Prediction{}
	if ParamMetricsSoft.Get(r.Ctx) {
		if soft, err = r.Predict(b.Xs, Expected, false); err != nil {
			return nil, err
		}
	}
	st, err := r.Structure()
	if err != nil {
		return nil, err
	}
	rep := &Report{Task: r.Task.Name, Seed: r.Seed, Steps: ParamSteps.Get(r.Ctx), Backend: r.Backend.Name(),
		EvalSequences: b.N, Length: b.T, Structure: st.Describe()}
	hs := Score(r.Task, b.Ys, hard.Y)
	rep.HardMSE, rep.TargetVariance = hs.MSE, hs.Variance
	rep.HardRelativeMSE = hs.MSE / math.Max(hs.Variance, 1e-300)
	rep.HardPositionAccuracy, rep.HardSequenceAccuracy = hs.PositionAccuracy, hs.SequenceAccuracy
	if soft.Y != nil {
		ss := Score(r.Task, b.Ys, soft.Y)
		rep.SoftMSE, rep.SoftPositionAccuracy = ss.MSE, ss.PositionAccuracy
	}
	return rep, nil
}

// Scores compares outputs with targets over the scored positions (t >= the task's warm-up).
type Scores struct {
	MSE, Variance                      float64
	PositionAccuracy, SequenceAccuracy float64
}

// Score compares predictions with targets ys[n][t][k]. Accuracy counts a position right when
// round(prediction) equals the target on every channel (for integer tasks), or when it is within
// 1e-6 relative to the target's scale (for real-valued tasks).
func Score(t *task.Task, ys, pred [][][]float64) Scores {
	var sum, sumSq, se float64
	var n, posOK, pos, seqOK int
	for i := range ys {
		seqRight := true
		for tt := t.Warmup; tt < len(ys[i]); tt++ {
			right := true
			for k, y := range ys[i][tt] {
				p := pred[i][tt][k]
				se += (p - y) * (p - y)
				sum += y
				sumSq += y * y
				n++
				if t.Integer {
					right = right && math.Round(p) == y
				} else {
					right = right && math.Abs(p-y) <= 1e-6*math.Max(1, math.Abs(y))
				}
			}
			pos++
			if right {
				posOK++
			}
			seqRight = seqRight && right
		}
		if seqRight {
			seqOK++
		}
	}
	s := Scores{}
	if n > 0 {
		mean := sum / float64(n)
		s.MSE, s.Variance = se/float64(n), sumSq/float64(n)-mean*mean
		s.PositionAccuracy = float64(posOK) / float64(pos)
		s.SequenceAccuracy = float64(seqOK) / float64(len(ys))
	}
	return s
}

func loadReport(dir string) (*Report, error) {
	var rep Report
	if err := ReadJSON(filepath.Join(dir, ReportFile), &rep); err != nil {
		return nil, err
	}
	return &rep, nil
}
