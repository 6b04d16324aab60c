package hypothesis

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/discretetransformer/w2c/extraction/program"
)

// RowRef names one row of the observation: position Pos of sequence Seq.
type RowRef struct{ Seq, Pos int }

// Candidate is one hypothesis's score on the observation.
type Candidate struct {
	Hypothesis  Hypothesis
	Description string          // Hypothesis.Describe()
	Pointer     program.Pointer // Hypothesis.Pointer()
	// Index is the hypothesis's position in the tested list: the simplicity order (lower is
	// simpler) that breaks ties.
	Index int
	// Rows is the number of rows tested (every row of every sequence), Agree how many agree,
	// Fraction = Agree/Rows (0 when Rows is 0).
	Rows, Agree int
	Fraction    float64
	// LowerBound is the one-sided lower confidence bound on the agreement rate (LowerBound).
	LowerBound float64
	// Disagreements are the first disagreeing rows, in sequence then position order (at most
	// Options.MaxCounterExamples).
	Disagreements []RowRef
}

// CounterExample is a row on which the best candidate disagrees with the observation.
type CounterExample struct {
	RowRef
	Observed []float64 // the observed row (a copy)
	Expected []float64 // the best hypothesis's row
}

// Result is the outcome of Test.
type Result struct {
	// Accepted says the best candidate's lower bound is at least Threshold.
	Accepted bool
	// Best is Candidates[0] (the zero Candidate when no hypothesis was tested).
	Best Candidate
	// Candidates are every hypothesis's score, best first: by lower bound, highest first, ties
	// by Index (simpler first).
	Candidates []Candidate
	// Threshold, Confidence and Tolerance are the values used (defaults filled in).
	Threshold, Confidence, Tolerance float64
	// Reason says why nothing was accepted; it is empty when Accepted.
	Reason string
	// MeanMap is the mean map over sequences, [T][T] with T the longest sequence: row t
	// averages the sequences that have a position t (entries beyond a sequence's length count
	// as 0).
	MeanMap [][]float64
	// CounterExamples are the first rows (at most Options.MaxCounterExamples) on which Best
	// disagrees, with the observed and the expected row.
	CounterExamples []CounterExample
	// Sequences and Rows count the sequences and the rows tested.
	Sequences, Rows int
}

// Test tests the head's maps in obs against the hypotheses (the standard Library for
// obs.SlotNames, or opts.Hypotheses, then opts.Extra), and accepts the best if its lower bound
// reaches the threshold (see the package doc). It errors on malformed observations or options, a
// nil hypothesis, a built-in key hypothesis whose slot is out of range, or a hypothesis that
// panics.
func Test(obs *Observation, opts Options) (*Result, error) {
	o, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	maxT, err := obs.validate()
	if err != nil {
		return nil, err
	}
	hs := o.Hypotheses
	if hs == nil {
		if hs, err = Library(obs.SlotNames, opts); err != nil {
			return nil, err
		}
	}
	hs = append(slices.Clip(hs), o.Extra...)
	for i, h := range hs {
		if h == nil {
			return nil, fmt.Errorf("hypothesis: hypothesis %d is nil", i)
		}
		if k, ok := h.(keyed); ok && k.keySlot() >= len(obs.SlotNames) {
			return nil, fmt.Errorf("hypothesis: hypothesis %d reads key slot %d of %d", i, k.keySlot(), len(obs.SlotNames))
		}
	}

	if o.ByValue && (o.ValueSlot < 0 || o.ValueSlot >= len(obs.SlotNames)) {
		return nil, fmt.Errorf("hypothesis: value slot %d of %d", o.ValueSlot, len(obs.SlotNames))
	}
	e := &evaluator{obs: obs, tol: o.Tolerance, maxCE: o.maxCE, maxT: maxT, byValue: o.ByValue, vslot: o.ValueSlot}
	e.off = make([]int, len(obs.Maps)+1)
	for n, m := range obs.Maps {
		e.off[n+1] = e.off[n] + len(m)
	}
	rows := e.off[len(obs.Maps)]
	if o.Tolerance < 0.5 && slices.ContainsFunc(hs, func(h Hypothesis) bool { _, ok := h.(pointerHypothesis); return ok }) {
		e.classify()
	}

	cands := make([]Candidate, len(hs))
	errs := make([]error, len(hs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(o.Workers, len(hs)) {
		wg.Go(func() {
			sc := e.newScratch()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(hs) {
					return
				}
				cands[i], errs[i] = e.test(i, hs[i], sc, o.Confidence)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(cands, func(a, b Candidate) int {
		if a.LowerBound != b.LowerBound {
			if a.LowerBound > b.LowerBound {
				return -1
			}
			return 1
		}
		return a.Index - b.Index
	})

	res := &Result{
		Candidates: cands,
		Threshold:  o.Threshold,
		Confidence: o.Confidence,
		Tolerance:  o.Tolerance,
		MeanMap:    e.meanMap(),
		Sequences:  len(obs.Maps),
		Rows:       rows,
	}
	switch {
	case len(cands) == 0:
		res.Reason = "no hypotheses to test"
		return res, nil
	case rows == 0:
		res.Best = cands[0]
		res.Reason = "no rows to test"
		return res, nil
	}
	res.Best = cands[0]
	res.Accepted = res.Best.LowerBound >= o.Threshold
	if !res.Accepted {
		res.Reason = reason(res.Best, o.Threshold)
	}
	if res.CounterExamples, err = e.counterExamples(res.Best); err != nil {
		return nil, err
	}
	return res, nil
}

type evaluator struct {
	obs   *Observation
	tol   float64
	maxCE int
	maxT  int
	off   []int   // off[n] is the index of sequence n's first row in cls
	cls   []int32 // per row: j >= 0 if one-hot at j, -1 if zero, -2 otherwise; nil if unused
	// byValue and vslot: rows also agree when they read the same value of slot vslot.
	byValue bool
	vslot   int
}

// read returns what row reads from the value slot of sequence n.
func (e *evaluator) read(n int, row []float64) float64 { return e.obs.read(n, e.vslot, row) }

// readAt returns what a row of class c reads from the value slot of sequence n: the value at
// position c, 0 for a zero row, and for any other row (class notPointer) what row reads.
func (e *evaluator) readAt(n, c int, row []float64) float64 {
	switch {
	case c >= 0:
		return e.obs.Slots[n][c][e.vslot]
	case c == -1:
		return 0
	}
	return e.read(n, row)
}

type scratch struct {
	row []float64
	tg  []int
}

func (e *evaluator) newScratch() *scratch {
	return &scratch{row: make([]float64, e.maxT), tg: make([]int, e.maxT)}
}

const notPointer = -2

// classify classifies every observed row once (exact for tol < 0.5: a row agrees with a
// one-hot row at j iff its class is j, with the zero row iff its class is -1).
func (e *evaluator) classify() {
	e.cls = make([]int32, e.off[len(e.obs.Maps)])
	for n, m := range e.obs.Maps {
		for t, row := range m {
			c := int32(-1)
			for j, w := range row {
				if math.Abs(w) <= e.tol {
					continue
				}
				if c != -1 || !(math.Abs(w-1) <= e.tol) {
					c = notPointer
					break
				}
				c = int32(j)
			}
			e.cls[e.off[n]+t] = c
		}
	}
}

// test scores hypothesis i.
func (e *evaluator) test(i int, h Hypothesis, sc *scratch, conf float64) (c Candidate, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("hypothesis: hypothesis %d (%T) panicked: %v", i, h, p)
		}
	}()
	c = Candidate{Hypothesis: h, Description: h.Describe(), Pointer: h.Pointer(), Index: i}
	ph, fast := h.(pointerHypothesis)
	fast = fast && e.cls != nil
	for n, m := range e.obs.Maps {
		T := len(m)
		if fast {
			tg := sc.tg[:T]
			ph.targets(e.obs, n, tg)
			cls := e.cls[e.off[n] : e.off[n]+T]
			for t, j := range tg {
				same := int(cls[t]) == j
				if !same && e.byValue {
					same = math.Abs(e.readAt(n, int(cls[t]), m[t])-e.readAt(n, j, nil)) <= e.tol
				}
				if same {
					c.Agree++
				} else if len(c.Disagreements) < e.maxCE {
					c.Disagreements = append(c.Disagreements, RowRef{n, t})
				}
			}
		} else {
			row := sc.row[:T:T]
			for t := range T {
				clear(row)
				h.Row(e.obs, n, t, row)
				if agrees(m[t], row, e.tol) || e.byValue && math.Abs(e.read(n, m[t])-e.read(n, row)) <= e.tol {
					c.Agree++
				} else if len(c.Disagreements) < e.maxCE {
					c.Disagreements = append(c.Disagreements, RowRef{n, t})
				}
			}
		}
		c.Rows += T
	}
	if c.Rows > 0 {
		c.Fraction = float64(c.Agree) / float64(c.Rows)
	}
	c.LowerBound = LowerBound(c.Agree, c.Rows, conf)
	return c, nil
}

// agrees reports whether every entry of got is within tol of want (NaN never is).
func agrees(got, want []float64, tol float64) bool {
	for j, w := range want {
		if !(math.Abs(got[j]-w) <= tol) {
			return false
		}
	}
	return true
}

func (e *evaluator) meanMap() [][]float64 {
	mean := make([][]float64, e.maxT)
	cnt := make([]int, e.maxT)
	for t := range mean {
		mean[t] = make([]float64, e.maxT)
	}
	for _, m := range e.obs.Maps {
		for t, row := range m {
			cnt[t]++
			for j, w := range row {
				mean[t][j] += w
			}
		}
	}
	for t, row := range mean {
		if cnt[t] > 0 {
			for j := range row {
				row[j] /= float64(cnt[t])
			}
		}
	}
	return mean
}

func (e *evaluator) counterExamples(c Candidate) (ces []CounterExample, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("hypothesis: hypothesis %d (%T) panicked: %v", c.Index, c.Hypothesis, p)
		}
	}()
	for _, r := range c.Disagreements {
		obs := e.obs.Maps[r.Seq][r.Pos]
		want := make([]float64, len(obs))
		c.Hypothesis.Row(e.obs, r.Seq, r.Pos, want)
		ces = append(ces, CounterExample{RowRef: r, Observed: slices.Clone(obs), Expected: want})
	}
	return ces, nil
}
