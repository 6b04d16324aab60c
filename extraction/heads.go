package extraction

import (
	"fmt"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/hypothesis"
	"github.com/discretetransformer/w2c/extraction/program"
)

// HeadReport is what the hypothesis tests made of one attention head.
type HeadReport struct {
	Module string `json:"module"` // e.g. "L0.att1"
	// Family is the family the model chose (its weights); Hypothesis the pattern accepted from
	// the head's observed maps (or the best one, when none was accepted), e.g. "x[t-1]".
	Family     string  `json:"family"`
	Hypothesis string  `json:"hypothesis"`
	Agreement  float64 `json:"agreement"`
	LowerBound float64 `json:"lower_bound"`
	Rows       int     `json:"rows"`
	Accepted   bool    `json:"accepted"`
	// ByValue is true for a learned head: a row agrees when it reads the same value as the
	// hypothesis (hypothesis.Options.ByValue).
	ByValue bool   `json:"by_value,omitempty"`
	Reason  string `json:"reason,omitempty"`
	// Runners-up are the next best hypotheses, for the record.
	RunnersUp []string `json:"runners_up,omitempty"`
	// Joint says how the head fared in a joint test with the other unexplained heads of the
	// sub-MLP that reads them (hypothesis.Joint), when there was one: Accepted is then true
	// if they passed together.
	Joint string `json:"joint,omitempty"`
	// Unused is true for an unexplained head that no statement of the program reads (the
	// sub-MLPs reading it turned out not to depend on it): dropped, it blocks nothing.
	Unused bool `json:"unused,omitempty"`
	// MeanMap is the head's mean attention map when it is unexplained.
	MeanMap [][]float64 `json:"mean_map,omitempty"`
}

// explainHead tests a head's hard attention maps against the hypothesis library. vars names the
// model's slots in the program; keys are the slots a content hypothesis may use as its key.
func explainHead(obs *observation, h *dt.Head, vars []string, keys []int, opts Options) (program.Pointer, hypothesis.Hypothesis, HeadReport, error) {
	learned := h.Family == dt.FamilyLearned // a learned map is judged by the values it reads
	res, err := hypothesis.Test(obs.headObservation(h, vars), hypothesis.Options{KeySlots: keys, Threshold: opts.Threshold, Confidence: opts.Confidence,
		ByValue: learned, ValueSlot: h.Value})
	rep := HeadReport{Module: moduleName(h.Layer, "att", h.Index), Family: h.Family, ByValue: learned}
	if err != nil {
		return program.Pointer{}, nil, rep, fmt.Errorf("hypothesis tests of %s: %w", rep.Module, err)
	}
	best := res.Best
	value := valueName(h, vars)
	rep.Hypothesis, rep.Agreement, rep.LowerBound, rep.Rows = readsAs(best.Description, value), best.Fraction, best.LowerBound, best.Rows
	rep.Accepted, rep.Reason = res.Accepted, res.Reason
	for _, c := range res.Candidates[1:min(4, len(res.Candidates))] {
		rep.RunnersUp = append(rep.RunnersUp, fmt.Sprintf("%s (%.4f)", readsAs(c.Description, value), c.Fraction))
	}
	if !res.Accepted {
		rep.MeanMap = res.MeanMap
	}
	return best.Pointer, best.Hypothesis, rep, nil
}

// valueName is the program's name of the slot head h reads ("x" when it has none).
func valueName(h *dt.Head, vars []string) string {
	if h.Value >= 0 && h.Value < len(vars) {
		return vars[h.Value]
	}
	return "x"
}

// readsAs writes a hypothesis's description, whose "x" stands for the value read (the
// hypothesis package's convention: "x[t-1]", "mean x[0..t]", "x[argmax a[0..t]]"), with the
// name of the slot the head reads: an autoregressive model's head reads "mlp0_0[t-1]" (the
// output of L0.mlp0 read back, h1 in the renamed program) rather than "x[t-1]".
func readsAs(description, value string) string {
	for i := 0; i+1 < len(description); i++ {
		if description[i] == 'x' && description[i+1] == '[' && (i == 0 || description[i-1] == ' ') {
			return description[:i] + value + description[i+1:]
		}
	}
	return description
}
