package dt

import (
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
)

// Pointers are the exact attention patterns a head can become. Location-based ones depend only
// on positions and are constants of the graph; content-based ones depend on a key slot and are
// computed per sequence. Every map is a [T, T] matrix (row t: the weights over positions j) and
// is causal: row t only looks at j <= t. Rows of a pointer are one-hot, or zero when the
// pointer has nowhere to point (before the start): the head then reads 0, as MIPS's tasks
// read positions before the start.

// previousMaps returns [K][T][T]: map i has row t pointing at t-k for the offset k = i+1 (a
// zero row when t-k < 0). Offset 0 (the position itself) is left out on purpose: it only copies
// a slot that every module can read directly, and it is an attractor for learning (for
// y = x - x[t-1], pointing at x[t] first fits the part of y that correlates with x).
func previousMaps(K, T int) [][][]float32 {
	maps := make([][][]float32, K)
	for i := range maps {
		maps[i] = zeros(T, T)
		for t := i + 1; t < T; t++ {
			maps[i][t][t-i-1] = 1
		}
	}
	return maps
}

// firstMap points every position at position 0.
func firstMap(T int) [][]float32 {
	m := zeros(T, T)
	for t := range m {
		m[t][0] = 1
	}
	return m
}

// prefixMap is the mean (or the sum) over positions 0..t.
func prefixMap(T int, mean bool) [][]float32 {
	m := zeros(T, T)
	for t := range m {
		for j := 0; j <= t; j++ {
			m[t][j] = 1
			if mean {
				m[t][j] = 1 / float32(t+1)
			}
		}
	}
	return m
}

// causalMask is true where j <= t (inclusive) or j < t (strict).
func causalMask(T int, inclusive bool) [][]bool {
	m := make([][]bool, T)
	for t := range m {
		m[t] = make([]bool, T)
		for j := range m[t] {
			m[t][j] = j < t || (inclusive && j == t)
		}
	}
	return m
}

func zeros(r, c int) [][]float32 {
	m := make([][]float32, r)
	for i := range m {
		m[i] = make([]float32, c)
	}
	return m
}

// contentMaps returns the one-hot maps [B, S, T, T] of a content-based family for every
// candidate key slot: keys [B, S, T] are the slots' values. No gradient flows through them (a
// pointer is a discrete function of the keys); gradients reach the choice of key slot through
// the mixture weights over candidates.
//
// The StopGradient is on the result: GoMLX's autodiff walks back from the loss until it meets
// one, so a StopGradient on the keys alone would still differentiate the pointer's internals.
func contentMaps(family string, keys *Node) *Node {
	switch family {
	case FamilyArgMax:
		return StopGradient(extremePointer(keys))
	case FamilyArgMin:
		return StopGradient(extremePointer(Neg(keys)))
	default: // FamilyEqual
		return StopGradient(equalPointer(keys))
	}
}

// extremePointer points each position t at the latest j <= t whose key is the largest of
// keys[0..t] (keys [B, S, T]; maps [B, S, T, T]).
//
// It scans the positions once, keeping the running maximum and where it was last reached,
// instead of comparing every pair (j, t): T small operations on [B, S] instead of a dozen on
// [B, S, T, T], which made the content-based families three times the cost of the rest of a
// training step.
func extremePointer(keys *Node) *Node {
	d := keys.Shape().Dimensions
	T := d[2]
	var best, at *Node // [B, S]: the running maximum and the position it was last reached
	var index []*Node  // at, for every t
	for t := 0; t < T; t++ {
		k := Reshape(SliceAxis(keys, 2, AxisElem(t)), d[0], d[1])
		pos := MulScalar(OnesLike(k), float64(t))
		if t == 0 {
			best, at = k, pos
		} else {
			reached := GreaterOrEqual(k, best)
			best, at = Where(reached, k, best), Where(reached, pos, at)
		}
		index = append(index, at)
	}
	j := ConvertDType(Stack(index, 2), dtypes.Int32) // [B, S, T]
	return OneHot(j, T, dtypes.Float32)
}

// equalPointer points each t at the latest j < t with key[j] == key[t] (a zero row when there
// is none).
func equalPointer(keys *Node) *Node {
	g := keys.Graph()
	d := keys.Shape().Dimensions
	T := d[2]
	dims := []int{d[0], d[1], T, T}
	kj := BroadcastToDims(ExpandAxes(keys, 2), dims...)
	kt := BroadcastToDims(ExpandAxes(keys, 3), dims...)
	strict := BroadcastToDims(Reshape(Const(g, causalMask(T, false)), 1, 1, T, T), dims...)
	hit := LogicalAnd(strict, Equal(kj, kt))
	found := BroadcastToDims(ExpandAxes(ReduceMax(ConvertDType(hit, dtypes.Float32), 3), 3), dims...)
	return Mul(latestOneHot(hit), found)
}

// latestOneHot turns a boolean [..., T, T] into a one-hot row at the largest true j (a row of
// all false gives one-hot at 0; callers mask it when it matters).
func latestOneHot(hit *Node) *Node {
	T := hit.Shape().Dimensions[hit.Rank()-1]
	jPlus1 := AddScalar(Iota(hit.Graph(), shapeF(hit.Shape().Dimensions...), hit.Rank()-1), 1)
	score := Where(hit, jPlus1, ZerosLike(jPlus1))
	return OneHot(ArgMax(score, -1), T, dtypes.Float32)
}
