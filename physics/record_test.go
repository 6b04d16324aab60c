package physics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRecord checks that noiseless recordings follow each system's law exactly, and that the
// noise of a noisy one has the standard deviation asked for, relative to the positions' spread.
func TestRecord(t *testing.T) {
	for _, s := range Systems() {
		xs, ys := s.Record(rand.New(rand.NewPCG(1, 2)), 30, TrainLength, 0)
		for i := range xs {
			want := s.Reference(xs[i])
			for p := range xs[i] {
				if p < Warmup {
					if ys[i][p] != nil {
						t.Fatalf("%s: a target at warm-up position %d", s.Name, p)
					}
					continue
				}
				for c := range want[p] {
					if math.Abs(ys[i][p][c]-want[p][c]) > 1e-9*(1+math.Abs(want[p][c])) {
						t.Fatalf("%s: sequence %d position %d: recorded %v, law %v", s.Name, i, p, ys[i][p], want[p])
					}
				}
			}
		}
	}
	s := Spring()
	clean, _ := s.Record(rand.New(rand.NewPCG(3, 4)), 400, TrainLength, 0)
	noisy, _ := s.Record(rand.New(rand.NewPCG(3, 4)), 400, TrainLength, 1e-2)
	var diff, sum, sumSq, n float64
	for i := range clean {
		for p := range clean[i] {
			d := noisy[i][p][0] - clean[i][p][0]
			diff += d * d
			sum, sumSq, n = sum+clean[i][p][0], sumSq+clean[i][p][0]*clean[i][p][0], n+1
		}
	}
	ratio := math.Sqrt(diff/n) / math.Sqrt(sumSq/n-(sum/n)*(sum/n))
	if ratio < 0.0095 || ratio > 0.0105 {
		t.Errorf("noise 1e-2 gave a noise of %.4g of the positions' spread", ratio)
	}
}
