package bench

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
)

// Files of a search: OutcomeFile in runs/TASK/seedN once the search of that task and seed is
// over, AttemptFile in each attempt's folder runs/TASK/seedN/ARCH once the attempt is over.
const (
	OutcomeFile = "outcome.json"
	AttemptFile = "attempt.json"
)

// Attempt is one architecture tried for a task and seed. Its verdicts are those of the
// selection stream (extraction's verification): they decide where the search stops.
type Attempt struct {
	Arch string `json:"arch"`
	// HardAccuracy is the hard model's fraction of exact sequences (integer tasks) on the
	// 10,000 held-out sequences of its report; HardRelativeMSE its MSE over the target variance.
	HardAccuracy    float64 `json:"hard_sequence_accuracy"`
	HardRelativeMSE float64 `json:"hard_relative_mse"`
	// Trained is false when training failed (diverged, gave up); Extracted is true when a
	// program came out of extraction (verified or not).
	Trained      bool    `json:"trained"`
	Extracted    bool    `json:"extracted"`
	Verified     bool    `json:"verified"`
	Correct      bool    `json:"correct"`
	Failure      string  `json:"failure,omitempty"`
	TrainSeconds float64 `json:"train_seconds"`
	Seconds      float64 `json:"seconds"`
	// GaveUpLoss is, for an attempt given up during annealing, how far it was from the targets
	// then (dt.GaveUpError: the hard loss the give-up check measured, or the information floor
	// that bounded it, over the targets' variance on the records' batch); it orders such
	// attempts in score.
	GaveUpLoss float64 `json:"gave_up_loss,omitempty"`
	// TransitionStep is the step of the training curve's transition from exploring to
	// exploiting (dt.FindTransition: the mean entropy of the choices at half its start), 0 when
	// it was not reached or there is no curve.
	TransitionStep int `json:"transition_step,omitempty"`
	// SelectionMSE and ModelMSE are, on real-valued recorded data, the MSEs of the program and
	// of the hard model against the selection recordings, and Exact says that the program
	// equals them to the real-valued tolerance (see recorded.go).
	SelectionMSE float64 `json:"selection_mse,omitempty"`
	ModelMSE     float64 `json:"model_mse,omitempty"`
	Exact        bool    `json:"exact,omitempty"`
	Stamp        Stamp   `json:"stamp"`
}

// Outcome is the result of the search for one task and seed: the attempt it chose, and that
// attempt's program certified on sealed data (extraction.Certify).
type Outcome struct {
	Task  string `json:"task"`
	Index int    `json:"index"`
	Seed  int64  `json:"seed"`
	// Level is the certified level of the chosen program: extraction.LevelVerified (the program
	// equals the reference and the hard model), extraction.LevelCorrected (it equals the
	// reference; the model differs), or "" (no program, or one that differs from the reference).
	// Verified and Correct say the same in two booleans (Correct: verified or corrected).
	Level    string `json:"level"`
	Verified bool   `json:"verified"`
	Correct  bool   `json:"correct"`
	// Selected is true when the selection stream verified the chosen attempt (the search stopped
	// there); Arch is that attempt's, or, without one, the attempt that came closest.
	Selected bool   `json:"selected"`
	Arch     string `json:"arch"`
	// Program is its pseudo-code, Size its size (statements and expression nodes), Reads the
	// attention reads the program makes (its pointers, e.g. "x[t-1]", "sum(x[0..t])").
	Program string   `json:"program,omitempty"`
	Size    int      `json:"size,omitempty"`
	Reads   []string `json:"reads,omitempty"`
	// Mechanisms names how the program's formulas were found beyond symbolic regression (see
	// extraction.Result.Mechanisms), e.g. "finite-domain synthesis".
	Mechanisms []string `json:"mechanisms,omitempty"`
	// HardAccuracy is the chosen attempt's hard model's fraction of exact held-out sequences.
	HardAccuracy float64 `json:"hard_sequence_accuracy"`
	// Certificate is the program's certification; ProgramAccuracy and ProgramAccuracyLong its
	// fractions of positions equal to the reference at the training length and at LongFactor
	// times it, RelativeMSE its relative MSE at the training length.
	Certificate         *extraction.Certificate `json:"certificate,omitempty"`
	ProgramAccuracy     float64                 `json:"program_accuracy"`
	ProgramAccuracyLong float64                 `json:"program_accuracy_long"`
	LongFactor          int                     `json:"long_factor,omitempty"`
	RelativeMSE         float64                 `json:"program_relative_mse"`
	Failure             string                  `json:"failure,omitempty"`
	Attempts            []Attempt               `json:"attempts"`
	Seconds             float64                 `json:"seconds"`
	Stamp               Stamp                   `json:"stamp"`
}

// HasProgram is true when the chosen attempt yielded a program.
func (o *Outcome) HasProgram() bool { return o.Program != "" }

// record fills an outcome from the chosen attempt's extraction (its verdicts come later, from
// certify).
func (o *Outcome) record(a Attempt, res *extraction.Result) {
	o.Arch, o.Selected, o.HardAccuracy, o.Failure = a.Arch, a.Verified, a.HardAccuracy, a.Failure
	o.Program, o.Size, o.Reads, o.Mechanisms = "", 0, nil, nil
	if res != nil && res.Program != nil {
		o.Program, o.Size, o.Reads, o.Mechanisms = res.Code, res.Size, Reads(res.Program), res.Mechanisms()
	}
}

// certify records the certificate of the chosen program.
func (o *Outcome) certify(c *extraction.Certificate) {
	o.Certificate, o.Level = c, c.Level
	o.Verified, o.Correct = c.Level == extraction.LevelVerified, c.Level != ""
	o.ProgramAccuracy, o.RelativeMSE = c.Checks[0].Agreement, c.Checks[0].RelativeMSE
	o.ProgramAccuracyLong, o.LongFactor = c.Checks[1].Agreement, c.LongFactor
	switch {
	case c.Level == extraction.LevelCorrected:
		o.Failure = "corrected: " + c.Failure
	case c.Level == "" && o.Selected:
		o.Failure = "passed selection, failed certification: " + c.Failure
	case c.Level == "":
		o.Failure = c.Failure
	default:
		o.Failure = ""
	}
}

// Reads lists the attention reads of a program, in order, without repeats.
func Reads(p *program.Program) []string {
	var reads []string
	for _, s := range p.Body {
		if a, ok := s.(program.Attend); ok {
			r := a.Read()
			if !contains(reads, r) {
				reads = append(reads, r)
			}
		}
	}
	return reads
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// seedDir is the folder of one task and seed in a suite folder.
func seedDir(out, taskName string, seed int64) string {
	return filepath.Join(out, "runs", taskName, "seed"+strconv.FormatInt(seed, 10))
}

// trainingFailed is the prefix of the failure of an attempt whose training failed.
const trainingFailed = "training: "

// score orders attempts for the closest one when none is verified: verified above correct
// above any extracted program above a trained model above a failed training, then by the hard
// model's accuracy (integer tasks) or relative MSE (real-valued ones), and among attempts given
// up by how far they were from the targets then (GaveUpLoss).
func (a Attempt) score() float64 {
	tier := 0.0
	switch {
	case a.Verified:
		tier = 4
	case a.Correct:
		tier = 3
	case a.Extracted:
		tier = 2
	case a.Trained && !strings.HasPrefix(a.Failure, trainingFailed):
		tier = 1
	}
	return 10*tier + a.HardAccuracy - min(a.HardRelativeMSE, 1) - min(a.GaveUpLoss, 1)
}
