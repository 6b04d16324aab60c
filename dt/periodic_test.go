package dt

import (
	"math"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

func TestPeriodicFrequencies(t *testing.T) {
	cos, sin := periodicFreqs(8)
	// Reduced fractions j/m, m = 2..8, j <= m/2: 1/2 1/3 1/4 1/5 2/5 1/6 1/7 2/7 3/7 1/8 3/8.
	if len(cos) != 11 || len(sin) != 10 {
		t.Fatalf("got %d cosine and %d sine frequencies, want 11 and 10: %v %v", len(cos), len(sin), cos, sin)
	}
	if got := (Periodicity{MaxModulus: 8}).FeatureCount(2); got != 63 {
		t.Errorf("FeatureCount(2) up to 8 = %d, want 63", got)
	}
	// Up to 16: 40 reduced fractions j/m with j <= m/2, all but 1/2 with a sine.
	if got := (Periodicity{MaxModulus: 16}).FeatureCount(1); got != 79 {
		t.Errorf("FeatureCount(1) up to 16 = %d, want 79", got)
	}
	if got := (Periodicity{MaxModulus: 8, Differences: true}).FeatureCount(3); got != 7*21 {
		t.Errorf("FeatureCount(3) with differences = %d, want %d (3 inputs, their sum, 3 differences)", got, 7*21)
	}
}

// TestPeriodicFeaturesSpanResidues checks the claim the periodic path rests on: on integers, every
// function of v mod m (m <= max_modulus) is exactly a linear combination of the features (plus a
// bias), so the refit's least squares recovers it with no error.
func TestPeriodicFeaturesSpanResidues(t *testing.T) {
	targets := []struct {
		name       string
		maxModulus int
		f          func(v int) float64
	}{
		{"v mod 5", 8, func(v int) float64 { return float64(v % 5) }},
		{"v mod 8", 8, func(v int) float64 { return float64(v % 8) }},
		{"[v even]", 8, func(v int) float64 { return float64(1 - v%2) }},
		{"[v mod 7 = 3]", 8, func(v int) float64 { return map[bool]float64{true: 1}[v%7 == 3] }},
		{"v mod 15", 16, func(v int) float64 { return float64(v % 15) }},
		{"floor(v/15)", 16, func(v int) float64 { return float64(v / 15) }},
	}
	for _, tc := range targets {
		name, f := tc.name, tc.f
		var F [][]float64
		var y []float64
		for v := 0; v <= 90; v++ {
			F = append(F, append([]float64{1, float64(v)}, (Periodicity{MaxModulus: tc.maxModulus}).Features([]float64{float64(v)})...))
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

// TestPeriodicDifferencesSpanOverflow checks the construction of the overflow rung: the carry out
// of adding x (0..15) to a running total S kept mod 15, [x > S mod 15], is a linear combination
// of x and the features of S, S + x and S − x up to period 16 (exactly, by least squares on every
// pair), and is not without the differences or with periods up to 8 only.
func TestPeriodicDifferencesSpanOverflow(t *testing.T) {
	fit := func(p Periodicity) float64 {
		var F [][]float64
		var y []float64
		for S := 0; S <= 150; S++ {
			for x := 0; x <= min(S, 15); x++ {
				u := []float64{float64(S), float64(x)}
				F = append(F, append([]float64{1, u[0], u[1]}, p.Features(u)...))
				y = append(y, indicator(x > S%15))
			}
		}
		theta, ok := leastSquares(F, y)
		if !ok {
			t.Fatalf("%+v: least squares failed", p)
		}
		var worst float64
		for i := range F {
			worst = math.Max(worst, math.Abs(dotRow(F[i], theta)-y[i]))
		}
		return worst
	}
	if worst := fit(Periodicity{MaxModulus: 16, Differences: true}); worst > 1e-6 {
		t.Errorf("periods up to 16 with differences: largest error %g, want 0", worst)
	}
	for _, p := range []Periodicity{{MaxModulus: 16}, {MaxModulus: 8, Differences: true}} {
		if worst := fit(p); worst < 0.1 {
			t.Errorf("%+v: largest error %g, want the carry out of reach", p, worst)
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

// periodicFeaturesAutodiff is the plain definition of the features [M, N, P], differentiated by
// GoMLX: the reference for Periodicity.path and its hand-written derivative.
func periodicFeaturesAutodiff(u *Node, p Periodicity) *Node {
	g := u.Graph()
	dims := u.Shape().Dimensions
	M, N, A := dims[0], dims[1], dims[2]
	v := p.valuesGraph(u)
	cosF, sinF := periodicFreqs(p.MaxModulus)
	angles := func(freqs []float64) *Node {
		w := make([]float32, len(freqs))
		for i, f := range freqs {
			w[i] = float32(2 * math.Pi * f)
		}
		return Mul(ExpandAxes(v, 3), Reshape(Const(g, w), 1, 1, 1, len(freqs)))
	}
	parts := []*Node{Cos(angles(cosF))}
	if len(sinF) > 0 { // none up to period 2
		parts = append(parts, Sin(angles(sinF)))
	}
	feats := Concatenate(parts, 3)
	return Reshape(feats, M, N, p.groups(A)*(len(cosF)+len(sinF)))
}

// TestPeriodicGradient checks that the periodic path Σ c_p φ_p(u) and its gradients (with
// respect to the inputs and to the coefficients) equal the plain definition's, differentiated
// by GoMLX, and that the waves it is made of equal Periodicity.Features (extraction's copy).
func TestPeriodicGradient(t *testing.T) {
	backend, err := NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	const M, N, A = 2, 7, 3
	for _, p := range []Periodicity{{MaxModulus: 12, Differences: true}, {MaxModulus: 16}, {MaxModulus: 8}, {MaxModulus: 2}, {MaxModulus: 32}} {
		P := p.FeatureCount(A)
		exec := MustNewExec(backend, func(u *Node) []*Node {
			coef := Sin(Iota(u.Graph(), shapeF(M, P), 1))
			fast := p.path(u, coef)
			ref := batchMatMul(periodicFeaturesAutodiff(u, p), ExpandAxes(coef, 2))
			weights := Cos(Iota(u.Graph(), shapeF(M, N, 1), 1))
			gFast := Gradient(ReduceAllSum(Mul(fast, weights)), u, coef)
			gRef := Gradient(ReduceAllSum(Mul(ref, weights)), u, coef)
			return []*Node{fast, ref, gFast[0], gRef[0], gFast[1], gRef[1], p.waves(Transpose(p.valuesGraph(u), 1, 2), periodicFractions(p.MaxModulus))}
		})
		us := make([]float32, M*N*A)
		for i := range us {
			us[i] = float32(3 * math.Cos(float64(7*i)))
		}
		out := exec.MustExec(tensors.FromFlatDataAndDimensions(us, M, N, A))
		for i, what := range []string{"path", "gradient for the inputs", "gradient for the coefficients"} {
			a, b := tensors.MustCopyFlatData[float32](out[2*i]), tensors.MustCopyFlatData[float32](out[2*i+1])
			for j := range a {
				if math.Abs(float64(a[j]-b[j])) > 2e-4*(1+math.Abs(float64(b[j]))) {
					t.Fatalf("%+v: %s differ at %d: hand-written %v, autodiff %v", p, what, j, a[j], b[j])
				}
			}
		}
		// The waves [M, G, 2K, N] at the first sub-MLP's first position against Features.
		waves := tensors.MustCopyFlatData[float32](out[6])
		cosF, sinF := periodicFreqs(p.MaxModulus)
		K, G := len(cosF), p.groups(A)
		want := p.Features([]float64{float64(us[0]), float64(us[1]), float64(us[2])})
		for g := range G {
			at := func(k int) float64 { return float64(waves[(g*2*K+k)*N]) }
			feats := want[g*(K+len(sinF)) : (g+1)*(K+len(sinF))]
			for k := range K {
				if math.Abs(at(k)-feats[k]) > 2e-5 {
					t.Fatalf("%+v: cosine %d of value %d: graph %v, Features %v", p, k, g, at(k), feats[k])
				}
				if k > 0 && math.Abs(at(K+k)-feats[K+k-1]) > 2e-5 {
					t.Fatalf("%+v: sine %d of value %d: graph %v, Features %v", p, k, g, at(K+k), feats[K+k-1])
				}
			}
		}
	}
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
