package figures

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplitOffset(t *testing.T) {
	rest, offset := splitOffset([]string{"next_x: -4.5e-07·1", "next_x: 0.07·sin(x[t])", "next_x: 0.01·x[t]²·x[t−1]"})
	if offset != 4.5e-07 || len(rest) != 2 || !strings.Contains(rest[0], "sin") {
		t.Errorf("offset %g, rest %v", offset, rest)
	}
}

// TestNoiseTableAndPlot: the table marks each cell by certificate, terms and constant error,
// and counts the systems whose terms were recovered; the plot draws.
func TestNoiseTableAndPlot(t *testing.T) {
	cells := []NoiseCell{
		{System: "spring", Noise: 0, Level: "verified", Program: "p", MaxError: 0},
		{System: "spring", Noise: 1e-3, Level: "verified", Program: "p", MaxError: 1e-4, Offset: 1e-6},
		{System: "spring", Noise: 1e-2, Level: "", Program: "p", Missing: []string{"next_x: x[t−1]"}, MaxError: 1},
		{System: "pendulum", Noise: 1e-4, Level: "corrected", Program: "p", Extra: []string{"next_theta: 0.1·theta[t]³"}, MaxError: 1e-3},
		{System: "kepler", Noise: 0},
	}
	table := NoiseTable(cells)
	for _, want := range []string{
		"| spring | ✓ terms ✓, constants within 0.0e+00 | - | ✓ terms ✓, constants within 1.0e-04 | ✗ missing next_x: x[t−1] |",
		"≈ extra next_theta: 0.1·theta[t]³", "| kepler | ✗ no program |", "1 at noise 0; 0 at noise 0.0001; 1 at noise 0.001; 0 at noise 0.01;",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	path := filepath.Join(t.TempDir(), "noise.svg")
	if err := Save(NoisePlot(cells), path, 8, 5); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "spring") {
		t.Errorf("the plot lacks its legend: %v", err)
	}
}
