package task

import "math"

// IntRange returns the integers lo, lo+1, ..., hi-1 as values (an Alphabet).
func IntRange(lo, hi int) []float64 {
	vs := make([]float64, 0, max(hi-lo, 0))
	for v := lo; v < hi; v++ {
		vs = append(vs, float64(v))
	}
	return vs
}

// MaxEnumerated is the largest number of sequences Enumerable accepts: 2^20 + a little, so
// that two binary channels at length 10 (1,048,576 sequences) are checked exhaustively.
const MaxEnumerated = 1 << 20

// Enumerable returns how many input sequences of the given length the task can produce, and
// whether it is small enough (at most MaxEnumerated) to check every one of them: the task must
// declare its Alphabet (independent draws from a finite set of values).
func (t *Task) Enumerable(length int) (int, bool) {
	a := len(t.Alphabet)
	if a == 0 || length <= 0 {
		return 0, false
	}
	digits := float64(length * t.NumInputs())
	if digits*math.Log2(float64(a)) > 20+1e-9 {
		return 0, false
	}
	n := 1
	for i := 0; i < int(digits); i++ {
		n *= a
	}
	return n, n <= MaxEnumerated
}

// Enumerate calls visit with every input sequence of the given length over the task's
// alphabet, in chunks of at most chunk sequences, in lexicographic order (the first value of
// the alphabet first, the last channel of the last position fastest). It stops at the first
// error visit returns. The sequences of one chunk are fresh slices, which visit may keep.
func (t *Task) Enumerate(length, chunk int, visit func(xs [][][]float64) error) error {
	total, ok := t.Enumerable(length)
	if !ok {
		return errNotEnumerable(t, length)
	}
	C, a := t.NumInputs(), len(t.Alphabet)
	digits := make([]int, length*C)
	for start := 0; start < total; start += chunk {
		n := min(chunk, total-start)
		batch := make([][][]float64, n)
		positions := Rows(n*length, C) // the chunk's positions in one array
		for i := range batch {
			seq := positions[i*length : (i+1)*length : (i+1)*length]
			for p := range seq {
				for c := range seq[p] {
					seq[p][c] = t.Alphabet[digits[p*C+c]]
				}
			}
			batch[i] = seq
			for d := len(digits) - 1; d >= 0; d-- { // the next sequence: count in base a
				digits[d]++
				if digits[d] < a {
					break
				}
				digits[d] = 0
			}
		}
		if err := visit(batch); err != nil {
			return err
		}
	}
	return nil
}

type notEnumerable struct {
	task   string
	length int
}

func (e notEnumerable) Error() string {
	return "task " + e.task + ": its sequences of this length cannot be enumerated (no alphabet, or too many)"
}

func errNotEnumerable(t *Task, length int) error { return notEnumerable{t.Name, length} }
