package figures

import (
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/extraction"
)

// The comparison's totals count tasks by which search verified them, learned heads by whether a
// hypothesis explained them, and, for the same shapes, the transitions of the tasks both verify.
func TestLearnedTable(t *testing.T) {
	blocked := extraction.HeadReport{Module: "L0.att0", Hypothesis: "x[argmax x[0..t]]", Agreement: 0.985, MeanMap: [][]float64{{1, 0}, {0.5, 0.5}}}
	rows := []LearnedRow{
		{Task: "prev2", Families: 3, Seeds: 3, Pointers: 1, PointerSeeds: 1, Learned: 1, LearnedSeeds: 1, Level: "verified", Transition: 300, PointerTransition: 200,
			Seconds: 9, PointerSeconds: 4, Reads: []string{"x[t-2]"}, Heads: []extraction.HeadReport{{Module: "L0.att0", Hypothesis: "x[t-2]", Accepted: true},
				{Module: "L0.att1", Hypothesis: "x[t-6]", Agreement: 0.6, Unused: true}}},
		{Task: "max_seen", Families: 3, Seeds: 3, PointerSeeds: 1, LearnedSeeds: 1, Failure: "attention head L0.att0 is unexplained", Heads: []extraction.HeadReport{blocked}},
		{Task: "div_3", Seeds: 3, PointerSeeds: 1, LearnedSeeds: 1, Failure: "training given up"},
	}
	table := LearnedTable(rows)
	for _, want := range []string{
		"| prev2 | 3 of 3 | 1 of 1 | 1 of 1 | 200 / 300 | 4 / 9 | verified | L0.att0 = x[t-2]; L0.att1 unexplained, unused (best x[t-6], 60.0% of rows) |",
		"| max_seen | 3 of 3 | 0 of 1 | 0 of 1 | - / - | 0 / 0 | ✗ attention head L0.att0 is unexplained | L0.att0 unexplained (best x[argmax x[0..t]], 98.5% of rows) |",
		"default search 2 verified, learned heads 1 (1 of them through a learned head that a hypothesis identified and the program reads; the other 0 need no attention); both 1, default only 1, learned only 0, neither 1",
		"Learned heads tested: 3, explained by a hypothesis 1, unexplained 2 (of which 1 unused by the program).",
		"The pointer rungs verify 1 tasks, the learned rungs 1; both 1, pointers only 0, learned only 0. Over the 1 tasks both verify, the median transition step of the chosen attempt is 200 with pointers and 300 with learned heads, and the search takes 4 s and 9 s",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if LearnedChart(rows) == nil {
		t.Error("no chart")
	}
	// Only the head that blocked a program is drawn.
	if d, ok := LearnedMapsPlot(rows).(Grid); !ok || len(d) != 1 || len(d[0]) != 1 {
		t.Errorf("maps %v, want one panel", d)
	}
	if LearnedMapsPlot(rows[:1]) != nil {
		t.Error("maps drawn without a blocking head")
	}
}
