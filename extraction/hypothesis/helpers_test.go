package hypothesis

import (
	"math/rand/v2"
	"slices"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Test slots: x random in 0..4 (ties for argmax/argmin), k random in 0..2 (repeated keys for
// last equal), pos = t, one = 1.
var testSlots = []string{"x", "k", "pos", "one"}

// randomSlots returns [N][T][4] slot values as described above.
func randomSlots(r *rand.Rand, N, T int) [][][]float64 {
	slots := make([][][]float64, N)
	for n := range slots {
		slots[n] = make([][]float64, T)
		for t := range slots[n] {
			slots[n][t] = []float64{float64(r.IntN(5)), float64(r.IntN(3)), float64(t), 1}
		}
	}
	return slots
}

// refTarget is an independent reading of the program package doc: where row t of pointer p
// points (-1: a zero row), for a location or content pointer; PrefixMean/PrefixSum are handled
// by refMaps.
func refTarget(p program.Pointer, keys [][]float64, slot, t int) int {
	switch p.Kind {
	case program.Previous:
		if t-p.Offset < 0 {
			return -1
		}
		return t - p.Offset
	case program.First:
		return 0
	case program.ArgMax, program.ArgMin:
		best := keys[0][slot]
		for j := 0; j <= t; j++ {
			if (p.Kind == program.ArgMax && keys[j][slot] > best) || (p.Kind == program.ArgMin && keys[j][slot] < best) {
				best = keys[j][slot]
			}
		}
		for j := t; j >= 0; j-- { // the latest among ties
			if keys[j][slot] == best {
				return j
			}
		}
	case program.LastEqual:
		for j := t - 1; j >= 0; j-- {
			if keys[j][slot] == keys[t][slot] {
				return j
			}
		}
		return -1
	}
	panic("refTarget: " + string(p.Kind))
}

// refMaps builds the [N][T][T] maps of pointer p on the slots.
func refMaps(p program.Pointer, slots [][][]float64) [][][]float64 {
	slot := slices.Index(testSlots, p.Key)
	maps := make([][][]float64, len(slots))
	for n, keys := range slots {
		T := len(keys)
		maps[n] = make([][]float64, T)
		for t := range T {
			row := make([]float64, T)
			switch p.Kind {
			case program.PrefixMean, program.PrefixSum:
				for j := 0; j <= t; j++ {
					row[j] = 1
					if p.Kind == program.PrefixMean {
						row[j] = float64(float32(1) / float32(t+1)) // as the model's float32 maps
					}
				}
			default:
				if j := refTarget(p, keys, slot, t); j >= 0 {
					row[j] = 1
				}
			}
			maps[n][t] = row
		}
	}
	return maps
}

func obsOf(maps, slots [][][]float64) *Observation {
	return &Observation{Maps: maps, Slots: slots, SlotNames: testSlots}
}

func ptr(kind program.PointerKind, offset int, key string) program.Pointer {
	return program.Pointer{Kind: kind, Offset: offset, Key: key}
}
