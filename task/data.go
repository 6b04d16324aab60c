package task

import "math/rand/v2"

// Streams separate the random numbers used for different purposes, so that training data never
// overlaps held-out data for the same seed.
const (
	StreamTrain uint64 = 0x7261696e // "rain"
	StreamEval  uint64 = 0x6576616c // "eval"
	StreamTest  uint64 = 0x74657374 // "test"
	// StreamExtract feeds the held-out sequences that extraction observes the model on
	// (hypothesis tests, symbolic regression); StreamVerify those it verifies the program on.
	StreamExtract uint64 = 0x78747263 // "xtrc"
	StreamVerify  uint64 = 0x76726679 // "vrfy"
	// StreamCertify feeds the sealed certification (extraction.Certify): sequences that no
	// selection step sees (not the architecture search's stop rule, not the choice of a
	// formula), drawn only once a program has been chosen, to give the reported verdict.
	StreamCertify uint64 = 0x63727466 // "crtf"
)

// RNG returns the deterministic random source for a seed, a stream and an index (e.g. the
// training step), so that any batch can be regenerated on its own (resumed runs see the same data).
func RNG(seed int64, stream uint64, index int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed)*0x9e3779b97f4a7c15^stream, uint64(index)))
}

// Batch is a set of sequences of one length, flattened row-major for the model:
// X has shape [N, T, C] and Y has shape [N, T, K].
type Batch struct {
	N, T, C, K int
	X, Y       []float32
	Xs, Ys     [][][]float64 // the same sequences, unflattened
}

// Sample draws n sequences of the given length (the task's length when length <= 0) from rng
// and computes their targets. A data task's Generate draws from its training part: use Draw,
// which knows the stream, to reach held-out sequences.
func (t *Task) Sample(rng *rand.Rand, n, length int) *Batch {
	if length <= 0 {
		length = t.Length
	}
	xs, ys := make([][][]float64, n), make([][][]float64, n)
	for i := range xs {
		xs[i] = t.Generate(rng, length)
		ys[i] = t.Reference(xs[i])
	}
	return t.batch(xs, ys)
}

// Draw is the n sequences of the given length (the task's when length <= 0) of a seed, a
// stream and an index: Sample(RNG(seed, stream, index), n, length) for a task with a
// generator. A data task draws from the part of its file that the stream may see (see
// Dataset): it may return fewer sequences, and shorter ones when its part has none that long.
func (t *Task) Draw(seed int64, stream uint64, index int64, n, length int) *Batch {
	if t.Data == nil {
		return t.Sample(RNG(seed, stream, index), n, length)
	}
	if length <= 0 {
		length = t.Length
	}
	return t.batch(t.Data.draw(seed, stream, index, n, length))
}

// batch flattens sequences of one length and their targets.
func (t *Task) batch(xs, ys [][][]float64) *Batch {
	b := &Batch{N: len(xs), C: t.NumInputs(), K: t.NumOutputs(), Xs: xs, Ys: ys}
	if len(xs) > 0 {
		b.T = len(xs[0])
	}
	b.X = make([]float32, 0, b.N*b.T*b.C)
	b.Y = make([]float32, 0, b.N*b.T*b.K)
	for i := range xs {
		for _, x := range xs[i] {
			for _, v := range x {
				b.X = append(b.X, float32(v))
			}
		}
		for _, y := range ys[i] {
			for _, v := range y {
				b.Y = append(b.Y, float32(v))
			}
		}
	}
	return b
}

// UniformInts draws a sequence of n positions with c channels of integers uniform in [lo, hi).
func UniformInts(rng *rand.Rand, n, c, lo, hi int) [][]float64 {
	xs := Rows(n, c)
	for t := range xs {
		for k := range xs[t] {
			xs[t][k] = float64(lo + rng.IntN(hi-lo))
		}
	}
	return xs
}

// Map applies f to every position, giving one output channel.
func Map(xs [][]float64, f func(x []float64) float64) [][]float64 {
	ys := Rows(len(xs), 1)
	for t, x := range xs {
		ys[t][0] = f(x)
	}
	return ys
}

// Rows returns n rows of c zeros, cut from one array: a sequence's positions in one
// allocation instead of n (drawing training batches allocated one small slice per position,
// and allocating was half of the drawing's time in a suite's profile). Each row's capacity is
// its length, so an append to one row never writes into the next.
func Rows(n, c int) [][]float64 {
	flat := make([]float64, n*c)
	rows := make([][]float64, n)
	for t := range rows {
		rows[t] = flat[t*c : (t+1)*c : (t+1)*c]
	}
	return rows
}
