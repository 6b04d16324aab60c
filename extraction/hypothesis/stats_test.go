package hypothesis

import (
	"math"
	"testing"
)

// Reference values: the Wilson formula by hand (90/100 at 95%: z = 1.644854, p̂ = 0.9,
// (0.9 + 0.013528 − 0.051166) / 1.027055 = 0.839644), the rest from the same formula with
// Python's statistics.NormalDist().inv_cdf for z.
func TestWilsonLower(t *testing.T) {
	for _, c := range []struct {
		k, n int
		conf float64
		want float64
	}{
		{90, 100, 0.95, 0.8396444903889079},
		{45, 50, 0.99, 0.7593646261348365},
		{9900, 10000, 0.99, 0.9874057711877003},
		{1, 2, 0.9, 0.1642517200298992},
		{99, 100, 0.975, 0.9455138038212947},
		{10, 10, 0.99, 0.6488495002827432}, // n/(n+z²)
		{0, 10, 0.99, 0},
		{0, 0, 0.99, 0},
	} {
		if got := WilsonLower(c.k, c.n, c.conf); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("WilsonLower(%d, %d, %g) = %.16g, want %.16g", c.k, c.n, c.conf, got, c.want)
		}
	}
	// z at the usual confidences.
	for conf, z := range map[float64]float64{0.95: 1.6448536269514722, 0.99: 2.3263478740408408, 0.975: 1.959963984540054} {
		if got := zScore(conf); math.Abs(got-z) > 1e-12 {
			t.Errorf("zScore(%g) = %.16g, want %.16g", conf, got, z)
		}
	}
}

func TestLowerBoundAllAgree(t *testing.T) {
	// Clopper–Pearson for k = n: (1-conf)^(1/n).
	if got, want := LowerBound(459, 459, 0.99), 0.9900171126338709; math.Abs(got-want) > 1e-14 {
		t.Errorf("LowerBound(459, 459, 0.99) = %.16g, want %.16g", got, want)
	}
	if got, want := ExactLowerAllAgree(100, 0.95), 0.9704869503929601; math.Abs(got-want) > 1e-14 {
		t.Errorf("ExactLowerAllAgree(100, 0.95) = %.16g, want %.16g", got, want)
	}
	// At 95% Wilson's n/(n+z²) = 100/102.7055 is the larger.
	if got, want := LowerBound(100, 100, 0.95), 100/(100+1.6448536269514722*1.6448536269514722); math.Abs(got-want) > 1e-14 {
		t.Errorf("LowerBound(100, 100, 0.95) = %.16g, want %.16g", got, want)
	}
	// 458 rows all agreeing are not enough for 0.99 at 99%; 459 are.
	if LowerBound(458, 458, 0.99) >= 0.99 || LowerBound(459, 459, 0.99) < 0.99 {
		t.Errorf("the smallest all-agree sample for 0.99 at 99%% should be 459")
	}
	if LowerBound(0, 0, 0.99) != 0 {
		t.Errorf("LowerBound with no rows should be 0")
	}
	if got, want := LowerBound(90, 100, 0.95), WilsonLower(90, 100, 0.95); got != want {
		t.Errorf("LowerBound(k < n) = %g, want Wilson %g", got, want)
	}
}

// LowerBound is increasing in k (the switch to the exact bound at k = n keeps it so) and lies
// below the observed fraction.
func TestLowerBoundMonotone(t *testing.T) {
	for _, conf := range []float64{0.5, 0.8, 0.9, 0.95, 0.99, 0.999} {
		for _, n := range []int{1, 2, 3, 5, 10, 50, 100, 459, 1000, 100000} {
			prev := -1.0
			for k := 0; k <= n; k++ {
				lb := LowerBound(k, n, conf)
				if !(lb > prev) && !(k == 0 && lb == 0) {
					t.Fatalf("conf %g n %d: LowerBound(%d) = %g <= LowerBound(%d) = %g", conf, n, k, lb, k-1, prev)
				}
				if lb > float64(k)/float64(n)+1e-15 {
					t.Fatalf("conf %g n %d k %d: bound %g above the fraction", conf, n, k, lb)
				}
				prev = lb
				if n > 1000 && k == 100 {
					k = n - 100 // skip the middle of large n
				}
			}
		}
	}
}
