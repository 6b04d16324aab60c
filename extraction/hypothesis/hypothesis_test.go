package hypothesis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Every pointer of the library, built on random integer sequences, is accepted as itself (or,
// where the data cannot tell it from a simpler one, as the simpler one), with every row agreeing.
func TestKnownPointers(t *testing.T) {
	for _, T := range []int{10, 50} {
		N := 10000 / T // 10000 rows
		r := rand.New(rand.NewPCG(1, uint64(T)))
		slots := randomSlots(r, N, T)
		self, prev1, first := ptr(program.Previous, 0, ""), ptr(program.Previous, 1, ""), ptr(program.First, 0, "")
		cases := []struct{ truth, want program.Pointer }{
			{self, self},
			{prev1, prev1},
			{ptr(program.Previous, 3, ""), ptr(program.Previous, 3, "")},
			{ptr(program.Previous, 8, ""), ptr(program.Previous, 8, "")},
			{first, first},
			{ptr(program.PrefixMean, 0, ""), ptr(program.PrefixMean, 0, "")},
			{ptr(program.PrefixSum, 0, ""), ptr(program.PrefixSum, 0, "")},
			{ptr(program.ArgMax, 0, "x"), ptr(program.ArgMax, 0, "x")},
			{ptr(program.ArgMin, 0, "x"), ptr(program.ArgMin, 0, "x")},
			{ptr(program.ArgMax, 0, "k"), ptr(program.ArgMax, 0, "k")},
			{ptr(program.ArgMin, 0, "k"), ptr(program.ArgMin, 0, "k")},
			{ptr(program.LastEqual, 0, "x"), ptr(program.LastEqual, 0, "x")},
			{ptr(program.LastEqual, 0, "k"), ptr(program.LastEqual, 0, "k")},
			{ptr(program.LastEqual, 0, "pos"), ptr(program.LastEqual, 0, "pos")}, // always a zero row
			// Indistinguishable on any data: resolve to the simpler.
			{ptr(program.ArgMax, 0, "pos"), self},
			{ptr(program.ArgMin, 0, "pos"), first},
			{ptr(program.ArgMax, 0, "one"), self}, // latest among ties
			{ptr(program.ArgMin, 0, "one"), self},
			{ptr(program.LastEqual, 0, "one"), prev1},
		}
		for _, c := range cases {
			res, err := Test(obsOf(refMaps(c.truth, slots), slots), Options{})
			if err != nil {
				t.Fatal(err)
			}
			b := res.Best
			if !res.Accepted || b.Pointer != c.want || b.Agree != 10000 || b.Rows != 10000 || b.LowerBound < 0.99 || res.Reason != "" {
				t.Errorf("T=%d truth %+v: accepted %v best %+v (%s) %d/%d lb %g, want %+v\n%s",
					T, c.truth, res.Accepted, b.Pointer, b.Description, b.Agree, b.Rows, b.LowerBound, c.want, res)
			}
			if len(res.CounterExamples) != 0 || len(b.Disagreements) != 0 {
				t.Errorf("T=%d truth %+v: counter-examples %v", T, c.truth, res.CounterExamples)
			}
			if b.Fraction != 1 || b.LowerBound != LowerBound(10000, 10000, 0.99) {
				t.Errorf("T=%d truth %+v: fraction %g lower bound %g", T, c.truth, b.Fraction, b.LowerBound)
			}
			// The truth itself agrees everywhere too.
			for _, cand := range res.Candidates {
				if cand.Pointer == c.truth && cand.Agree != cand.Rows {
					t.Errorf("T=%d truth %+v: agrees on %d/%d", T, c.truth, cand.Agree, cand.Rows)
				}
			}
		}
	}
}

// Argmax with the earliest position among ties (not the IR's semantics) is not argmax: with
// keys in 0..4 ties are frequent, so it is unexplained.
func TestEarliestTieRejected(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	N, T := 1000, 10
	slots := randomSlots(r, N, T)
	maps := make([][][]float64, N)
	for n := range maps {
		maps[n] = make([][]float64, T)
		for t := range T {
			j := 0
			for s := 1; s <= t; s++ {
				if slots[n][s][0] > slots[n][j][0] { // strict: the earliest of the ties
					j = s
				}
			}
			maps[n][t] = make([]float64, T)
			maps[n][t][j] = 1
		}
	}
	res, err := Test(obsOf(maps, slots), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Accepted || res.Best.Pointer != ptr(program.ArgMax, 0, "x") {
		t.Fatalf("earliest-tie argmax: %s", res)
	}
	if !strings.HasPrefix(res.Reason, "best hypothesis x[argmax x[0..t]] agrees on ") {
		t.Errorf("reason %q", res.Reason)
	}
	// A counter-example is a tie: the observed row points earlier than the expected one.
	for _, ce := range res.CounterExamples {
		o, e := argOne(ce.Observed), argOne(ce.Expected)
		if !(o < e) || slots[ce.Seq][o][0] != slots[ce.Seq][e][0] {
			t.Errorf("counter-example %+v is not an earlier tie", ce)
		}
	}

	// By value (a learned head): reading x, the earlier tie reads the same value, and the
	// argmax is accepted; reading another slot (k), the two positions read different values.
	res, err = Test(obsOf(maps, slots), Options{ByValue: true, ValueSlot: 0})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || res.Best.Pointer != ptr(program.ArgMax, 0, "x") || res.Best.Fraction != 1 {
		t.Errorf("earliest-tie argmax read by value: %s", res)
	}
	res, err = Test(obsOf(maps, slots), Options{ByValue: true, ValueSlot: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Accepted {
		t.Errorf("earliest-tie argmax reading another slot, by value: accepted %s", res.Best.Description)
	}
	if _, err := Test(obsOf(maps, slots), Options{ByValue: true, ValueSlot: 9}); err == nil {
		t.Error("value slot out of range: no error")
	}
}

func argOne(row []float64) int {
	for j, w := range row {
		if w == 1 {
			return j
		}
	}
	return -1
}

// corrupt replaces m of the rows of maps (chosen at random) by a one-hot row (or a zero row) that
// disagrees with the original, and returns the corrupted rows in sequence, position order.
func corrupt(r *rand.Rand, maps [][][]float64, m int) []RowRef {
	T := len(maps[0])
	perm := r.Perm(len(maps) * T)[:m]
	bad := make([]bool, len(maps)*T)
	for _, i := range perm {
		bad[i] = true
		n, t := i/T, i%T
		old := argOne(maps[n][t])
		row := make([]float64, T)
		maps[n][t] = row
		if t == 0 && old == 0 {
			continue // the zero row disagrees
		}
		j := r.IntN(t + 1)
		for j == old {
			j = r.IntN(t + 1)
		}
		row[j] = 1
	}
	var refs []RowRef
	for i, b := range bad {
		if b {
			refs = append(refs, RowRef{i / T, i % T})
		}
	}
	return refs
}

// Noisy maps: previous-1 with a fraction of rows corrupted, on 100000 rows.
func TestNoisy(t *testing.T) {
	N, T := 10000, 10
	prev1 := ptr(program.Previous, 1, "")
	for _, c := range []struct {
		frac      float64
		threshold float64
		accept    bool
		reason    string
	}{
		{0.005, 0, true, ""},
		{0.01, 0, false, "best hypothesis x[t-1] agrees on 99.0% of rows (lower bound 98.9% < 99%)"},
		{0.02, 0, false, "best hypothesis x[t-1] agrees on 98.0% of rows (lower bound 97.9% < 99%)"},
		{0.02, 0.95, true, ""},
		{0.069, 0.93, false, "best hypothesis x[t-1] agrees on 93.1% of rows (lower bound 92.9% < 93%)"},
		{0.3, 0, false, "best hypothesis x[t-1] agrees on 70.0% of rows (lower bound 69.7% < 99%)"},
	} {
		r := rand.New(rand.NewPCG(3, uint64(c.frac*1000)))
		slots := randomSlots(r, N, T)
		maps := refMaps(prev1, slots)
		m := int(math.Round(c.frac * float64(N*T)))
		bad := corrupt(r, maps, m)
		res, err := Test(obsOf(maps, slots), Options{Threshold: c.threshold})
		if err != nil {
			t.Fatal(err)
		}
		b := res.Best
		if b.Pointer != prev1 || b.Agree != N*T-m || res.Accepted != c.accept || res.Reason != c.reason {
			t.Errorf("frac %g threshold %g: accepted %v reason %q best %s %d/%d lb %.5f\n%s",
				c.frac, c.threshold, res.Accepted, res.Reason, b.Description, b.Agree, b.Rows, b.LowerBound, res)
		}
		if want := WilsonLower(N*T-m, N*T, 0.99); b.LowerBound != want {
			t.Errorf("frac %g: lower bound %g, want %g", c.frac, b.LowerBound, want)
		}
		if len(res.CounterExamples) != DefaultMaxCounterExamples {
			t.Fatalf("frac %g: %d counter-examples", c.frac, len(res.CounterExamples))
		}
		for i, ce := range res.CounterExamples {
			if ce.RowRef != bad[i] || !reflect.DeepEqual(ce.Observed, maps[ce.Seq][ce.Pos]) {
				t.Errorf("frac %g: counter-example %d at %v, want %v", c.frac, i, ce.RowRef, bad[i])
			}
			want := make([]float64, T)
			if ce.Pos >= 1 {
				want[ce.Pos-1] = 1
			}
			if !reflect.DeepEqual(ce.Expected, want) {
				t.Errorf("frac %g: expected row %v, want %v", c.frac, ce.Expected, want)
			}
		}
	}
}

// A head attending to random positions is unexplained: the reason names the best hypothesis and
// the mean map is returned.
func TestUnexplained(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	N, T := 2000, 10
	slots := randomSlots(r, N, T)
	maps := make([][][]float64, N)
	for n := range maps {
		maps[n] = make([][]float64, T)
		for t := range T {
			maps[n][t] = make([]float64, T)
			maps[n][t][r.IntN(t+1)] = 1
		}
	}
	res, err := Test(obsOf(maps, slots), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Accepted || res.Best.Fraction > 0.5 {
		t.Fatalf("random head accepted:\n%s", res)
	}
	// Reading by value (a learned head) does not rescue it: random positions read other values.
	if byValue, err := Test(obsOf(maps, slots), Options{ByValue: true, ValueSlot: 0}); err != nil || byValue.Accepted || byValue.Best.Fraction > 0.6 {
		t.Fatalf("random head accepted by value (err %v):\n%s", err, byValue)
	}
	want := fmt.Sprintf("best hypothesis %s agrees on ", res.Best.Description)
	if !strings.HasPrefix(res.Reason, want) || !strings.HasSuffix(res.Reason, " < 99%)") {
		t.Errorf("reason %q", res.Reason)
	}
	if len(res.MeanMap) != T {
		t.Fatalf("mean map has %d rows", len(res.MeanMap))
	}
	for t0, row := range res.MeanMap {
		for j, w := range row {
			exp := 0.0
			if j <= t0 {
				exp = 1 / float64(t0+1)
			}
			if math.Abs(w-exp) > 0.05 {
				t.Errorf("mean map [%d][%d] = %.3f, want about %.3f", t0, j, w, exp)
			}
		}
	}
	if len(res.Candidates) != 1+8+3+3*len(testSlots) {
		t.Errorf("%d candidates", len(res.Candidates))
	}
	for i := 1; i < len(res.Candidates); i++ {
		a, b := res.Candidates[i-1], res.Candidates[i]
		if a.LowerBound < b.LowerBound || (a.LowerBound == b.LowerBound && a.Index > b.Index) {
			t.Errorf("candidates %d, %d out of order", i-1, i)
		}
	}
	s := res.String()
	for _, part := range []string{"unexplained: best hypothesis", "mean map", "counter-examples to", "t=9"} {
		if !strings.Contains(s, part) {
			t.Errorf("report lacks %q:\n%s", part, s)
		}
	}
}

// Indistinguishable hypotheses have the same counts and bound; the simpler comes first.
func TestIndistinguishableResolveToSimpler(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	slots := randomSlots(r, 500, 10)
	// Built as last-equal of the constant slot: previous-1 wins, last-equal(one) right after.
	res, err := Test(obsOf(refMaps(ptr(program.LastEqual, 0, "one"), slots), slots), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c0, c1 := res.Candidates[0], res.Candidates[1]
	if !res.Accepted || c0.Pointer != ptr(program.Previous, 1, "") || c1.Pointer != ptr(program.LastEqual, 0, "one") ||
		c0.Agree != c1.Agree || c0.LowerBound != c1.LowerBound || c0.Index >= c1.Index {
		t.Errorf("last-equal(one): %+v then %+v", c0, c1)
	}
	// The tie break does not depend on the input order of equal candidates: with the two given
	// in the other order, the list order is the simplicity order, so the first listed wins.
	res, err = Test(obsOf(refMaps(ptr(program.Previous, 1, ""), slots), slots),
		Options{Hypotheses: []Hypothesis{LastEqual(3, "one"), Previous(1)}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Best.Pointer != ptr(program.LastEqual, 0, "one") {
		t.Errorf("custom order: best %s", res.Best.Description)
	}
	// Previous-k beyond the sequence length are all zero rows: the smallest such k wins.
	short := randomSlots(r, 500, 4)
	res, err = Test(obsOf(refMaps(ptr(program.Previous, 6, ""), short), short), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || res.Best.Pointer != ptr(program.Previous, 4, "") {
		t.Errorf("zero maps of length 4: best %s", res.Best.Description)
	}
}

// half is a user hypothesis: x[floor(t/2)].
type half struct{}

func (half) Pointer() program.Pointer { return program.Pointer{} }
func (half) Describe() string         { return "x[t/2]" }
func (half) Row(_ *Observation, _, t int, row []float64) {
	row[t/2] = 1
}

func TestCustomHypothesis(t *testing.T) {
	N, T := 1000, 10
	maps := make([][][]float64, N)
	for n := range maps {
		maps[n] = make([][]float64, T)
		for t := range T {
			maps[n][t] = make([]float64, T)
			maps[n][t][t/2] = 1
		}
	}
	obs := &Observation{Maps: maps} // no slots: no key hypotheses
	res, err := Test(obs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Accepted {
		t.Fatalf("x[t/2] accepted without the custom hypothesis:\n%s", res)
	}
	res, err = Test(obs, Options{Extra: []Hypothesis{half{}}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || res.Best.Description != "x[t/2]" || res.Best.Index != 12 || res.Best.Pointer != (program.Pointer{}) {
		t.Errorf("custom: %s", res)
	}
	if !strings.HasPrefix(res.Summary(), "explained by x[t/2]: 10000/10000 rows agree (100%), lower bound 99.95") {
		t.Errorf("summary %q", res.Summary())
	}
	// Alone.
	res, err = Test(obs, Options{Hypotheses: []Hypothesis{half{}}})
	if err != nil || !res.Accepted || len(res.Candidates) != 1 {
		t.Errorf("custom alone: %v %v", err, res)
	}
}

// The one-hot fast path (classified rows) and the dense path (Row compared entry by entry) give
// identical candidates, on rows near the tolerance and with NaN keys and weights.
func TestFastPathMatchesDense(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	N, T := 300, 12
	slots := randomSlots(r, N, T)
	for n := range slots {
		for t := range T {
			if r.IntN(20) == 0 {
				slots[n][t][0] = math.NaN()
			}
		}
	}
	hs, err := Library(testSlots, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for trial := range 10 {
		// Odd trials use a tolerance with exact boundary values (|w - want| == tol agrees).
		tol := 1e-3
		if trial%2 == 1 {
			tol = 0.25
		}
		vals := []float64{0, 1, tol / 2, -tol / 2, 2 * tol, 1 + tol/2, 1 - 2*tol, 0.5, math.NaN(),
			tol, -tol, 1 + tol, 1 - tol, math.Inf(1)}
		truth := hs[r.IntN(len(hs))]
		maps := make([][][]float64, N)
		for n := range maps {
			maps[n] = make([][]float64, T)
			for t := range T {
				row := make([]float64, T)
				truth.Row(&Observation{Slots: slots}, n, t, row)
				for j := range row {
					if r.IntN(8) == 0 {
						row[j] = vals[r.IntN(len(vals))]
					}
				}
				maps[n][t] = row
			}
		}
		obs := obsOf(maps, slots)
		e := &evaluator{obs: obs, tol: tol, maxCE: 3, maxT: T, off: make([]int, N+1)}
		hs := append(hs, half{}) // a custom hypothesis takes the dense path in both
		for n := range N {
			e.off[n+1] = e.off[n] + T
		}
		dense := e.newScratch()
		var fastC []Candidate
		e.classify()
		for i, h := range hs {
			c, err := e.test(i, h, dense, 0.99)
			if err != nil {
				t.Fatal(err)
			}
			fastC = append(fastC, c)
		}
		e.cls = nil
		for i, h := range hs {
			c, err := e.test(i, h, dense, 0.99)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c, fastC[i]) {
				t.Errorf("trial %d %s: dense %+v, fast %+v", trial, h.Describe(), c, fastC[i])
			}
		}
	}
}

// targets and Row of the built-in pointers agree, NaN keys included, and both match the test's
// independent reference where keys are not NaN.
func TestTargetsMatchRow(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	N, T := 200, 15
	slots := randomSlots(r, N, T)
	for n := range slots {
		for t := range T {
			if r.IntN(10) == 0 {
				slots[n][t][1] = math.NaN()
			}
		}
	}
	obs := &Observation{Slots: slots, SlotNames: testSlots}
	hs, err := Library(testSlots, Options{MaxOffset: 20})
	if err != nil {
		t.Fatal(err)
	}
	tg := make([]int, T)
	row := make([]float64, T)
	for _, h := range hs {
		ph, ok := h.(pointerHypothesis)
		if !ok {
			continue
		}
		for n := range N {
			ph.targets(obs, n, tg)
			for p := range T {
				clear(row)
				h.Row(obs, n, p, row)
				if argOne(row) != tg[p] {
					t.Fatalf("%s n %d t %d: Row %v, targets %d", h.Describe(), n, p, row, tg[p])
				}
				hp := h.Pointer()
				if slot := obs.SlotIndex(hp.Key); slot != 1 {
					if ref := refTarget(hp, slots[n], slot, p); ref != tg[p] {
						t.Fatalf("%s n %d t %d: %d, reference %d", h.Describe(), n, p, tg[p], ref)
					}
				}
			}
		}
	}
	// NaN keys: argmax never moves onto or away from... a NaN at position 0 pins it there.
	keys := [][]float64{{math.NaN()}, {5}, {7}}
	nanObs := &Observation{Slots: [][][]float64{keys}, SlotNames: []string{"a"}}
	ArgMax(0, "a").(pointerHypothesis).targets(nanObs, 0, tg[:3])
	if tg[0] != 0 || tg[1] != 0 || tg[2] != 0 {
		t.Errorf("argmax with NaN at 0: %v", tg[:3])
	}
	keys[0][0], keys[1][0] = 1, math.NaN() // a later NaN is skipped
	ArgMax(0, "a").(pointerHypothesis).targets(nanObs, 0, tg[:3])
	if tg[0] != 0 || tg[1] != 0 || tg[2] != 2 {
		t.Errorf("argmax with NaN at 1: %v", tg[:3])
	}
	keys[2][0] = math.NaN() // NaN equals nothing, itself included
	LastEqual(0, "a").(pointerHypothesis).targets(nanObs, 0, tg[:3])
	if tg[2] != -1 {
		t.Errorf("last equal of NaN: %v", tg[:3])
	}
}

func TestDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	slots := randomSlots(r, 2000, 10)
	maps := refMaps(ptr(program.ArgMax, 0, "k"), slots)
	corrupt(r, maps, 300)
	obs := obsOf(maps, slots)
	var first *Result
	for _, w := range []int{1, 2, 3, 7, 0} {
		res, err := Test(obs, Options{Workers: w, Extra: []Hypothesis{half{}}})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
		} else if !reflect.DeepEqual(res, first) {
			t.Errorf("workers %d: result differs", w)
		}
	}
}

func TestOptionsAndLibrary(t *testing.T) {
	hs, err := Library(testSlots, Options{MaxOffset: 2, KeySlots: []int{2, 0, 2}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		got = append(got, h.Describe())
	}
	want := []string{"x[t]", "x[t-1]", "x[t-2]", "x[0]", "mean x[0..t]", "sum x[0..t]",
		"x[argmax x[0..t]]", "x[argmax pos[0..t]]", "x[argmin x[0..t]]", "x[argmin pos[0..t]]",
		"x[last j<t: x[j]==x[t]]", "x[last j<t: pos[j]==pos[t]]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("library:\n%q\nwant\n%q", got, want)
	}
	if hs, _ := Library(testSlots, Options{MaxOffset: -1, KeySlots: []int{}}); len(hs) != 4 {
		t.Errorf("no offsets, no keys: %d hypotheses", len(hs))
	}
	if hs[7].Pointer() != ptr(program.ArgMax, 0, "pos") || hs[2].Pointer() != ptr(program.Previous, 2, "") {
		t.Errorf("pointers %+v %+v", hs[7].Pointer(), hs[2].Pointer())
	}
	res, err := Test(&Observation{}, Options{})
	if err != nil || res.Accepted || res.Reason != "no rows to test" || len(res.Candidates) != 12 {
		t.Errorf("empty observation: %v %+v", err, res)
	}
	res, err = Test(&Observation{}, Options{Hypotheses: []Hypothesis{}})
	if err != nil || res.Accepted || res.Reason != "no hypotheses to test" {
		t.Errorf("no hypotheses: %v %+v", err, res)
	}
	if res.Threshold != 0.99 || res.Confidence != 0.99 || res.Tolerance != 1e-4 {
		t.Errorf("defaults %g %g %g", res.Threshold, res.Confidence, res.Tolerance)
	}
}

type panicky struct{ half }

func (panicky) Row(*Observation, int, int, []float64) { panic("boom") }

func TestErrors(t *testing.T) {
	good := func() *Observation {
		return &Observation{
			Maps:      [][][]float64{{{1, 0}, {0, 1}}},
			Slots:     [][][]float64{{{1}, {2}}},
			SlotNames: []string{"a"},
		}
	}
	if _, err := Test(good(), Options{}); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		obs  func(o *Observation)
		opts Options
	}{
		"nil obs":        {obs: nil, opts: Options{}},
		"row length":     {obs: func(o *Observation) { o.Maps[0][1] = []float64{1} }},
		"slot positions": {obs: func(o *Observation) { o.Slots[0] = o.Slots[0][:1] }},
		"slot count":     {obs: func(o *Observation) { o.Slots[0][1] = []float64{1, 2} }},
		"sequences":      {obs: func(o *Observation) { o.Slots = append(o.Slots, nil) }},
		"no slots":       {obs: func(o *Observation) { o.Slots = nil }},
		"key slot":       {opts: Options{KeySlots: []int{1}}},
		"key slot hyp":   {opts: Options{Extra: []Hypothesis{ArgMin(3, "z")}}},
		"nil hyp":        {opts: Options{Extra: []Hypothesis{nil}}},
		"panic":          {opts: Options{Extra: []Hypothesis{panicky{}}}},
		"tolerance":      {opts: Options{Tolerance: -1}},
		"confidence":     {opts: Options{Confidence: 1}},
		"low confidence": {opts: Options{Confidence: 0.3}},
		"threshold":      {opts: Options{Threshold: 1.5}},
	} {
		var obs *Observation
		if name != "nil obs" {
			obs = good()
			if c.obs != nil {
				c.obs(obs)
			}
		}
		if _, err := Test(obs, c.opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Sequences of different lengths: every row is tested and the mean map averages the sequences
// that reach each row.
func TestRaggedSequences(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	var slots [][][]float64
	for n := range 300 {
		slots = append(slots, randomSlots(r, 1, 2+n%5)[0])
	}
	maps := refMaps(ptr(program.Previous, 1, ""), slots)
	res, err := Test(obsOf(maps, slots), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || res.Best.Pointer != ptr(program.Previous, 1, "") || res.Rows != 300*4 || len(res.MeanMap) != 6 {
		t.Errorf("ragged: %s", res)
	}
	if res.MeanMap[5][4] != 1 || res.MeanMap[1][0] != 1 || res.MeanMap[0][0] != 0 {
		t.Errorf("mean map %v", res.MeanMap)
	}
}
