package emitted

import "math"

// The helpers of emitted Go programs, each copied into a program that calls it (see the package
// doc). They transcribe program/semantics.go and the pointer definitions; helpers_test.go checks
// that they agree.

// at returns hist[i], or 0 before the start of the sequence (i < 0).
func at(hist []float64, i int) float64 {
	if i < 0 {
		return 0
	}
	return hist[i]
}

// div returns a / b, and 0 when b is 0.
func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// grow returns a history of n values, reusing s when it is large enough.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// indicator returns 1 when b is true, 0 otherwise.
func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// lastEqual returns values[j] for the latest j < t with keys[j] == keys[t], or 0 when there
// is none.
func lastEqual(keys, values []float64, t int) float64 {
	for j := t - 1; j >= 0; j-- {
		if keys[j] == keys[t] {
			return values[j]
		}
	}
	return 0
}

// mod returns the floored remainder of a / b, with the sign of b (as Python's %), and 0 when
// b is 0.
func mod(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	r := math.Mod(a, b)
	if r == 0 {
		return math.Copysign(0, b)
	}
	if (b < 0) != (r < 0) {
		r += b
	}
	return r
}

// square returns a * a, rounded on its own.
func square(a float64) float64 {
	return float64(a * a)
}
