package dt

import (
	"math"
	"testing"
)

func TestPeriodicFrequencies(t *testing.T) {
	cos, sin := periodicFreqs()
	// Reduced fractions j/m, m = 2..8, j <= m/2: 1/2 1/3 1/4 1/5 2/5 1/6 1/7 2/7 3/7 1/8 3/8.
	if len(cos) != 11 || len(sin) != 10 {
		t.Fatalf("got %d cosine and %d sine frequencies, want 11 and 10: %v %v", len(cos), len(sin), cos, sin)
	}
	if got := PeriodicFeatureCount(2); got != 63 {
		t.Errorf("PeriodicFeatureCount(2) = %d, want 63", got)
	}
}

// TestPeriodicFeaturesSpanResidues checks the claim the periodic path rests on: on integers, every
// function of v mod m (m <= MaxModulus) is exactly a linear combination of the features (plus a
// bias), so the refit's least squares recovers it with no error.
func TestPeriodicFeaturesSpanResidues(t *testing.T) {
	targets := map[string]func(v int) float64{
		"v mod 5":       func(v int) float64 { return float64(v % 5) },
		"v mod 8":       func(v int) float64 { return float64(v % 8) },
		"[v even]":      func(v int) float64 { return float64(1 - v%2) },
		"[v mod 7 = 3]": func(v int) float64 { return map[bool]float64{true: 1}[v%7 == 3] },
	}
	for name, f := range targets {
		var F [][]float64
		var y []float64
		for v := 0; v <= 90; v++ {
			F = append(F, append([]float64{1}, PeriodicFeatures([]float64{float64(v)})...))
			y = append(y, f(v))
		}
		theta, ok := leastSquares(F, y)
		if !ok {
			t.Fatalf("%s: least squares failed", name)
		}
		for v := 0; v <= 90; v++ {
			if got := dotRow(F[v], theta); math.Abs(got-y[v]) > 1e-6 {
				t.Errorf("%s at v=%d: fit %.9f, want %g", name, v, got, y[v])
				break
			}
		}
	}
}

func dotRow(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
