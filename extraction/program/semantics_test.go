package program

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFmod: fmod gives math.Mod's bits on operands of every kind: reals of all magnitudes and
// signs, integers, exact and near multiples, quotients past 2^53, subnormals, signed zeros,
// the infinities and NaN.
func TestFmod(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	special := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, -0.3, 2.5, 3, -7, 1e-310, -5e-324,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 1 << 53, 1<<53 + 2, 1e300,
		math.Inf(1), math.Inf(-1), math.NaN(), math.Pi, 2 * math.Pi, 1.0 / 3}
	check := func(x, y float64) {
		t.Helper()
		got, want := fmod(x, y), math.Mod(x, y)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("fmod(%v, %v) = %v, math.Mod %v", x, y, got, want)
		}
	}
	for _, x := range special {
		for _, y := range special {
			check(x, y)
		}
	}
	draw := func() float64 {
		switch rng.IntN(5) {
		case 0:
			return float64(rng.IntN(200) - 100)
		case 1:
			return rng.NormFloat64()
		case 2:
			return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
		case 3:
			return float64(rng.IntN(50)-25) / float64(1+rng.IntN(12))
		default:
			return math.Float64frombits(rng.Uint64())
		}
	}
	for range 500_000 {
		x, y := draw(), draw()
		check(x, y)
		// Near multiples: x = k·y plus or minus a few units in the last place.
		k := float64(rng.IntN(2000) - 1000)
		m := k * y
		check(m, y)
		check(math.Nextafter(m, math.Inf(1)), y)
		check(math.Nextafter(m, math.Inf(-1)), y)
	}
}
