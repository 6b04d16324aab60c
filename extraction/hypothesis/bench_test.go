package hypothesis

import (
	"math/rand/v2"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// benchObs is 10000 sequences of length 10 with 6 slots (30 library hypotheses: self, 8
// previous, first, mean, sum, and argmax, argmin, last equal for each slot), the maps those of
// argmax of slot "k" with 1% of the rows corrupted.
func benchObs() *Observation {
	r := rand.New(rand.NewPCG(10, 10))
	N, T := 10000, 10
	slots := randomSlots(r, N, T)
	for n := range slots {
		for t := range slots[n] {
			slots[n][t] = append(slots[n][t], float64(r.IntN(7)), r.Float64())
		}
	}
	maps := refMaps(ptr(program.ArgMax, 0, "k"), slots)
	corrupt(r, maps, N*T/100)
	return &Observation{Maps: maps, Slots: slots, SlotNames: append(testSlots[:4:4], "y", "z")}
}

func benchTest(b *testing.B, opts Options) {
	obs := benchObs()
	b.ReportAllocs()
	b.ResetTimer()
	var res *Result
	for b.Loop() {
		var err error
		if res, err = Test(obs, opts); err != nil {
			b.Fatal(err)
		}
	}
	if len(res.Candidates) != 30 || res.Best.Pointer != ptr(program.ArgMax, 0, "k") {
		b.Fatalf("%d candidates, best %s", len(res.Candidates), res.Best.Description)
	}
	b.ReportMetric(float64(res.Rows*len(res.Candidates))/b.Elapsed().Seconds()*float64(b.N)/1e6, "Mrow-hyps/s")
}

// 10000 sequences x 10 positions x 30 hypotheses.
func BenchmarkTest(b *testing.B) { benchTest(b, Options{}) }

// The same on one goroutine.
func BenchmarkTestSerial(b *testing.B) { benchTest(b, Options{Workers: 1}) }

// The same with a tolerance of 0.5, which turns off the one-hot fast path: every row of every
// hypothesis is materialized and compared entry by entry.
func BenchmarkTestDense(b *testing.B) {
	benchTest(b, Options{Workers: 1, Tolerance: 0.5, Threshold: 0.5})
}
