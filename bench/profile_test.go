package bench

import (
	"strings"
	"testing"
)

// TestProfile checks the accounting of a suite's time: given-up attempts, training and what
// follows it, per rung, and the certification beyond the attempts.
func TestProfile(t *testing.T) {
	rows := []Row{{Outcomes: []Outcome{
		{Seconds: 20, Attempts: []Attempt{
			{Arch: "r0", Failure: "training: training given up: at step 800", Seconds: 3},
			{Arch: "r1", Trained: true, Verified: true, TrainSeconds: 10, Seconds: 14},
		}},
		{Seconds: 5, Attempts: []Attempt{{Arch: "r0", Trained: true, Verified: true, TrainSeconds: 2, Seconds: 4}}},
	}}}
	p := Profile(rows)
	for _, want := range []string{
		"2 searches, 25 s in all",
		"| r0 | 2 | 1 | 3 | 2 | 2 | 0 | 1 | 7 | 28% |",
		"| r1 | 1 | 0 | 0 | 10 | 4 | 0 | 1 | 14 | 56% |",
		"| certification of the chosen programs | | | | | | | | 4 | 16% |",
		"training 60% (given-up attempts 12%), evaluation and extraction 24%, certification 16%",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("the profile lacks %q:\n%s", want, p)
		}
	}
}
