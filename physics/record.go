package physics

import (
	"math"
	"math/rand/v2"
)

// Record simulates what an experiment on the system records: n sequences of the given length,
// each from a random initial state (Generate's), with Gaussian observation noise on the
// positions of standard deviation noise times the positions' standard deviation over all the
// sequences (noise 1e-3: a measurement error of 0.1% of the signal's spread). The external
// inputs (forces, parameters) are set by the experimenter and recorded exactly.
//
// The targets are the next recorded positions, noisy like the inputs (ys[t] = the positions of
// xs[t+1]: the same measurement, not a second one), so the law holds only up to the noise, on
// both sides. The first Warmup positions have no target (nil): no earlier observation gives
// the velocity there. With noise 0 the targets are the system's law exactly.
func (s *System) Record(rng *rand.Rand, n, length int, noise float64) (xs, ys [][][]float64) {
	clean := make([][][]float64, n)
	var sum, sumSq float64
	count := 0
	for i := range clean {
		clean[i] = s.Generate(rng, length+1)
		for _, x := range clean[i] {
			for _, v := range x[:s.Dim] {
				sum, sumSq, count = sum+v, sumSq+v*v, count+1
			}
		}
	}
	mean := sum / float64(count)
	sigma := noise * math.Sqrt(math.Max(sumSq/float64(count)-mean*mean, 0))
	xs, ys = make([][][]float64, n), make([][][]float64, n)
	for i, seq := range clean {
		observed := make([][]float64, len(seq))
		for t, x := range seq {
			observed[t] = append([]float64(nil), x...)
			for c := range s.Dim {
				observed[t][c] += sigma * rng.NormFloat64()
			}
		}
		xs[i], ys[i] = observed[:length], make([][]float64, length)
		for t := Warmup; t < length; t++ {
			ys[i][t] = append([]float64(nil), observed[t+1][:s.Dim]...)
		}
	}
	return xs, ys
}
