package bench

import (
	"path/filepath"
	"strconv"

	"github.com/discretetransformer/w2c/extraction"
)

// OutcomeFile is written in runs/TASK/seedN once the search of that task and seed is over.
const OutcomeFile = "outcome.json"

// Attempt is one architecture tried for a task and seed.
type Attempt struct {
	Arch string `json:"arch"`
	// HardAccuracy is the hard model's fraction of exact sequences (integer tasks) on the
	// 10,000 held-out sequences of its report; HardRelativeMSE its MSE over the target variance.
	HardAccuracy    float64 `json:"hard_sequence_accuracy"`
	HardRelativeMSE float64 `json:"hard_relative_mse"`
	Verified        bool    `json:"verified"`
	Correct         bool    `json:"correct"`
	Failure         string  `json:"failure,omitempty"`
	TrainSeconds    float64 `json:"train_seconds"`
	Seconds         float64 `json:"seconds"`
}

// Outcome is the result of the search for one task and seed.
type Outcome struct {
	Task  string `json:"task"`
	Index int    `json:"index"`
	Seed  int64  `json:"seed"`
	// Verified is true when an attempt yielded a verified program; Arch is that attempt's (or,
	// without one, the attempt that came closest).
	Verified bool   `json:"verified"`
	Correct  bool   `json:"correct"`
	Arch     string `json:"arch"`
	// Program is its pseudo-code, Size its size (statements and expression nodes), Hypotheses
	// the attention patterns it uses.
	Program    string   `json:"program,omitempty"`
	Size       int      `json:"size,omitempty"`
	Hypotheses []string `json:"hypotheses,omitempty"`
	// HardAccuracy, and the program's agreement with the reference at the training length and
	// at 5x, of that attempt.
	HardAccuracy     float64   `json:"hard_sequence_accuracy"`
	ProgramAccuracy  float64   `json:"program_accuracy"`
	ProgramAccuracy5 float64   `json:"program_accuracy_5x"`
	RelativeMSE      float64   `json:"program_relative_mse"`
	Failure          string    `json:"failure,omitempty"`
	Attempts         []Attempt `json:"attempts"`
	Seconds          float64   `json:"seconds"`
}

// record fills an outcome from an attempt's extraction.
func (o *Outcome) record(arch string, res *extraction.Result) {
	o.Arch, o.Verified, o.Correct, o.Failure = arch, res.Verified, res.Correct, res.Failure
	o.Program, o.Size, o.Hypotheses = res.Code, res.Size, nil
	for _, h := range res.Heads {
		if h.Accepted && !contains(o.Hypotheses, h.Hypothesis) {
			o.Hypotheses = append(o.Hypotheses, h.Hypothesis)
		}
	}
	o.ProgramAccuracy, o.ProgramAccuracy5, o.RelativeMSE = 0, 0, 0
	for i, c := range res.Checks {
		switch {
		case c.Against == "reference" && i == 0:
			o.ProgramAccuracy, o.RelativeMSE = c.Agreement, c.RelativeMSE
		case c.Against == "reference":
			o.ProgramAccuracy5 = c.Agreement
		}
	}
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
