package bench

import (
	"strings"
	"testing"
)

// TestProfile checks the accounting of a suite's time: given-up attempts, training and what
// follows it, per rung (with the attempts the information floor stopped), and the certification
// beyond the attempts.
func TestProfile(t *testing.T) {
	rows := []Row{{Outcomes: []Outcome{
		{Seconds: 20, Attempts: []Attempt{
			{Arch: "r0", Failure: "training: training given up: at step 800", Seconds: 3},
			{Arch: "r1", Trained: true, Verified: true, TrainSeconds: 10, Seconds: 14},
		}},
		{Seconds: 1, Attempts: []Attempt{{Arch: "r1", Failure: "training: training given up: at step 200 (tau 0.466) the heads [...] (the information floor; give_up_floor=0.2)", Seconds: 1}}},
		{Seconds: 5, Attempts: []Attempt{{Arch: "r0", Trained: true, Verified: true, TrainSeconds: 2, Seconds: 4}}},
	}}}
	p := Profile(rows)
	for _, want := range []string{
		"3 searches, 26 s in all",
		"| r0 | 2 | 1 | 0 | 3 | 2 | 2 | 0 | 1 | 7 | 27% |",
		"| r1 | 2 | 1 | 1 | 1 | 10 | 4 | 0 | 1 | 15 | 58% |",
		"| **all rungs** | | 2 | 1 | 4 | 12 | 6 | 0 | | 22 | 85% |",
		"| certification of the chosen programs | | | | | | | | | 4 | 15% |",
		"training 62% (given-up attempts 15%), evaluation and extraction 23%, certification 15%",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("the profile lacks %q:\n%s", want, p)
		}
	}
}
