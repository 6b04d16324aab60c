package figures

import (
	"math"
	"testing"

	"github.com/discretetransformer/w2c/dt"
)

// synthetic is a training curve whose entropy decays as e^(-step/scale) from h0, with argmax
// changes until lastChange and a hard phase from hardStart.
func synthetic(steps, every int, h0, scale float64, lastChange, hardStart int) []dt.Metric {
	var ms []dt.Metric
	for s := every; s <= steps; s += every {
		m := dt.Metric{Step: s, Phase: "soft", Tau: math.Pow(0.01, float64(s)/float64(steps)),
			MeanEntropy: h0 * math.Exp(-float64(s)/scale), LossSoft: math.Exp(-float64(s) / 50),
			LossHard: math.Exp(-float64(s) / 40), LossTrain: 0.1}
		if s <= lastChange {
			m.ArgmaxChanged = 0.1
		}
		if s >= hardStart {
			m.Phase = "hard"
		}
		ms = append(ms, m)
	}
	return ms
}

func TestFindTransition(t *testing.T) {
	// Entropy h0·e^(-s/100) is at half its first value (s = 10) at s = 10 + 100·ln 2 ≈ 79.3:
	// the first record at or below it is step 80.
	ms := synthetic(1000, 10, 1.0, 100, 500, 800)
	tr := dt.FindTransition(ms)
	if !tr.Found || tr.Step != 80 {
		t.Fatalf("transition at %+v, want step 80", tr)
	}
	if want := ms[7].Tau; tr.Tau != want {
		t.Errorf("tau %v, want %v", tr.Tau, want)
	}
	if tr.LastChange != 500 || tr.HardStart != 800 {
		t.Errorf("last change %d, hard start %d; want 500 and 800", tr.LastChange, tr.HardStart)
	}
	if math.Abs(tr.Entropy0-math.Exp(-0.1)) > 1e-12 {
		t.Errorf("initial entropy %v", tr.Entropy0)
	}
}

func TestFindTransitionNotReached(t *testing.T) {
	// Entropy that only falls by a third never reaches half its start.
	ms := synthetic(100, 10, 1.0, 1e9, 0, 1000)
	for i := range ms {
		ms[i].MeanEntropy = 1 - float64(i)/30
	}
	if tr := dt.FindTransition(ms); tr.Found || tr.HardStart != 0 || tr.LastChange != 0 {
		t.Errorf("got %+v, want no transition, no hard phase, no argmax change", tr)
	}
	if tr := dt.FindTransition(nil); tr.Found {
		t.Errorf("empty curve: %+v", tr)
	}
}

func TestFindTransitionNoisy(t *testing.T) {
	// A noisy fall crosses half-way at its first record below it, even if it goes back up.
	ms := synthetic(100, 10, 1.0, 1e9, 0, 1000)
	for i, h := range []float64{1, 0.9, 0.6, 0.45, 0.55, 0.3, 0.2, 0.1, 0.1, 0.1} {
		ms[i].MeanEntropy = h
	}
	if tr := dt.FindTransition(ms); tr.Step != 40 {
		t.Errorf("transition at step %d, want 40", tr.Step)
	}
}

func TestTransitionsTable(t *testing.T) {
	table := TransitionsTable([]Curve{{"a seed 1", synthetic(1000, 10, 1, 100, 500, 800)}, {"empty", nil}})
	for _, want := range []string{"| a seed 1 | 80 |", "| empty | no records"} {
		if !contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

func TestEntropyGroupsPlot(t *testing.T) {
	ms := synthetic(400, 20, 1.0, 100, 200, 300)
	for i := range ms {
		ms[i].Entropy = map[string]float64{"layer0/attention/offset": ms[i].MeanEntropy, "layer0/attention/rows": 0.5}
	}
	checkRenders(t, "entropy groups", EntropyGroupsPlot(ms, "groups"))
}
