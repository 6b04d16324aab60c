package dt

import "fmt"

// PredictEnumerated runs the hard model on every input sequence of the given length over the
// task's alphabet, and calls visit with each chunk of at most chunk sequences (in
// task.Enumerate's order) and the model's outputs on them: what Predict(xs, Hard, false) gives
// for each chunk, computed more cheaply for a free-running autoregressive model.
//
// Why: such a model makes one pass per position (autoregressive.go), and the exhaustive checks
// of certification run it on every sequence: 2^20 of them for binary_addition, 55 positions a
// sequence with prefix passes, about a minute a program. But its output at position t depends
// only on the inputs up to t and on its own outputs before t, so the outputs of all sequences
// are those of all their prefixes: the A^L distinct prefixes of length L (A input tuples a
// position) need one forced pass each (the model reading back the outputs found for the shorter
// prefixes, PredictForced), whose last position is the free-running output there. Over the
// lengths 1..T that is about A/(A−1) times the positions of one pass over every sequence,
// instead of (T+1)/2 times: 13.4 million positions instead of 57.7 million for binary_addition.
// The outputs are the same bit for bit (TestPredictEnumerated): a pass over a prefix gives the
// prefix's outputs of a pass over the whole sequence (see autoregressive.go), and the model
// reading back its free-running outputs gives them again (TestAutoregressiveFixedPoint).
func (r *Run) PredictEnumerated(length, chunk int, visit func(xs, model [][][]float64) error) error {
	if !ParamAutoregressive.Get(r.Ctx) {
		return r.Task.Enumerate(length, chunk, func(xs [][][]float64) error {
			p, err := r.Predict(xs, Hard, false)
			if err != nil {
				return err
			}
			return visit(xs, p.Y)
		})
	}
	outs, err := r.prefixOutputs(length, chunk)
	if err != nil {
		return err
	}
	K, S := len(r.Model.Outputs), r.tuples()
	q := 0
	return r.Task.Enumerate(length, chunk, func(xs [][][]float64) error {
		model := make([][][]float64, len(xs))
		for i := range xs {
			model[i] = make([][]float64, length)
			prefix := q // the index of the prefix of length t+1, from t = length-1 down
			for t := length - 1; t >= 0; t-- {
				model[i][t] = append([]float64(nil), outs[t][prefix*K:prefix*K+K]...)
				prefix /= S
			}
			q++
		}
		return visit(xs, model)
	})
}

// tuples is the number of distinct input tuples a position can hold (the sequences of length 1).
func (r *Run) tuples() int {
	S, _ := r.Task.Enumerable(1)
	return S
}

// prefixOutputs returns, for each t < length, the free-running model's output at position t of
// every prefix of length t+1 (in task.Enumerate's order, K values each).
func (r *Run) prefixOutputs(length, chunk int) ([][]float64, error) {
	if _, ok := r.Task.Enumerable(length); !ok {
		return nil, fmt.Errorf("task %s: its sequences of length %d are too many to enumerate", r.Task.Name, length)
	}
	K, S := len(r.Model.Outputs), r.tuples()
	outs := make([][]float64, length)
	count := 1
	for t := range length {
		count *= S // prefixes of length t+1
		outs[t] = make([]float64, count*K)
		start := 0 // the index of the chunk's first prefix
		err := r.Task.Enumerate(t+1, chunk, func(xs [][][]float64) error {
			fb := make([][][]float64, len(xs))
			for i := range xs {
				fb[i] = make([][]float64, t+1)
				fb[i][t] = make([]float64, K)                    // not read at t
				for p, prefix := t-1, (start+i)/S; p >= 0; p-- { // prefix: the index of positions 0..p
					fb[i][p] = outs[p][prefix*K : prefix*K+K : prefix*K+K]
					prefix /= S
				}
			}
			pred, err := r.PredictForced(xs, fb, Hard, false)
			if err != nil {
				return err
			}
			for i := range xs {
				copy(outs[t][(start+i)*K:], pred.Y[i][t])
			}
			start += len(xs)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return outs, nil
}
