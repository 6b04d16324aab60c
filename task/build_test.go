package task

import (
	"math"
	"testing"
)

// TestReferenceShapes checks the reference builders on a hand-made sequence: a running sum, a
// local difference with zero padding, and a product whose negative zero prints as 0.
func TestReferenceShapes(t *testing.T) {
	xs := [][]float64{{3}, {-1}, {0}, {4}}
	sum := Running(func() func(x []float64) float64 {
		s := 0.0
		return func(x []float64) float64 { s += x[0]; return s }
	})(xs)
	diff := Local(func(xs [][]float64, t int) float64 { return xs[t][0] - Prev(xs, t, 1, 0) })(xs)
	neg := Pointwise(func(x []float64) float64 { return -3 * x[0] })(xs)
	for i, want := range [][3]float64{{3, 3, -9}, {2, -4, 3}, {2, 1, 0}, {6, 4, -12}} {
		if sum[i][0] != want[0] || diff[i][0] != want[1] || neg[i][0] != want[2] {
			t.Errorf("t=%d: sum %v diff %v neg %v, want %v", i, sum[i][0], diff[i][0], neg[i][0], want)
		}
	}
	if math.Signbit(neg[2][0]) {
		t.Error("-3·0 kept its negative sign")
	}
	if Mod(-7, 3) != 2 || Mod(7, 3) != 1 || Indicator(true) != 1 || Indicator(false) != 0 {
		t.Error("Mod or Indicator")
	}
	s := Ints(2, -1, 2)
	if len(s.Alphabet) != 3 || s.Alphabet[0] != -1 || Reals(1, 0, 1).Alphabet != nil {
		t.Errorf("alphabets: %v", s.Alphabet)
	}
}

// TestRows: rows of one array, each of its own length and capacity, so that appending to one
// does not overwrite the next.
func TestRows(t *testing.T) {
	rows := Rows(3, 2)
	rows[0][1], rows[1][0] = 5, 7
	grown := append(rows[0], 9)
	grown[1] = 6
	if len(rows) != 3 || len(rows[2]) != 2 || cap(rows[0]) != 2 {
		t.Fatalf("Rows(3, 2): %d rows, lengths %d and capacity %d, want 3, 2 and 2", len(rows), len(rows[2]), cap(rows[0]))
	}
	if rows[0][1] != 5 || rows[1][0] != 7 || rows[1][1] != 0 {
		t.Errorf("an append to row 0 wrote into another row: %v", rows)
	}
}
