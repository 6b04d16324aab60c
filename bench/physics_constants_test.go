package bench

import (
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/physics/evaluation"
)

// TestConstantsTable: the physics table's constants, both ways, and an evaluation written
// before the weights' constants were measured (n/a).
func TestConstantsTable(t *testing.T) {
	ev := &evaluation.Result{
		RecoveredWeights:        []string{"next_x = 1.960000066·x[t] − 1.000000028·x[t−1]"},
		MaxWeightsConstantError: 3.4e-8,
		Constants: []evaluation.Constant{
			{Term: "next_x: x[t]", Formula: "2 − dt²·k", True: 1.96, Recovered: 1.96,
				Weights: &evaluation.Estimate{Value: 1.960000066, RelativeError: 3.4e-8}},
			{Term: "next_x: x[t−1]", Formula: "−1", True: -1, Recovered: -1,
				Weights: &evaluation.Estimate{Missing: true, RelativeError: 1}},
		},
	}
	old := &evaluation.Result{Constants: []evaluation.Constant{{Term: "next_x: x[t]", True: 1.96, Recovered: 1.96}}}
	table := constantsTable([]namedEvaluation{{"spring", ev}, {"old", old}})
	for _, want := range []string{
		"| spring | next_x: x[t] | 1.96 (2 − dt²·k) | 1.960000066 (3.4e-08) | 1.96 (0.0e+00) |",
		"| spring | next_x: x[t−1] | -1 (−1) | missing | -1 (0.0e+00) |",
		"| old | next_x: x[t] | 1.96 | n/a | 1.96 (0.0e+00) |",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if got := constErr(ev); got != "3.4e-08 / 0.0e+00" {
		t.Errorf("constErr = %q", got)
	}
	if got := constErr(old); got != "n/a / 0.0e+00" {
		t.Errorf("constErr of an old evaluation = %q", got)
	}
}
