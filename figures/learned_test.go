package figures

import (
	"strings"
	"testing"
)

// The comparison's totals count tasks by which search verified them, and learned heads by
// whether a hypothesis explained them.
func TestLearnedTable(t *testing.T) {
	rows := []LearnedRow{
		{Task: "prev2", Families: 3, Seeds: 3, Learned: 1, LearnedSeeds: 1, Level: "verified", Heads: []string{"L0.att0 = x[t-2]"}},
		{Task: "max_seen", Families: 3, Seeds: 3, LearnedSeeds: 1, Failure: "attention head L0.att0 is unexplained", Heads: []string{"L0.att0 unexplained (best x[argmax x[0..t]], 98.5% of rows)"}},
		{Task: "div_3", Seeds: 3, LearnedSeeds: 1, Failure: "training given up"},
	}
	table := LearnedTable(rows)
	for _, want := range []string{
		"| prev2 | 3 of 3 | 1 of 1 | verified | L0.att0 = x[t-2] |",
		"| max_seen | 3 of 3 | 0 of 1 | ✗ attention head L0.att0 is unexplained |",
		"pointer families 2 verified, learned heads 1; both 1, families only 1, learned only 0, neither 1",
		"Learned heads tested: 2, explained by a hypothesis 1, unexplained 1.",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if LearnedChart(rows) == nil {
		t.Error("no chart")
	}
}
