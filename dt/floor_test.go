package dt

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestInformationFloorByHand: two sequences of length 3 with warm-up 1, one slot. Scored
// positions: slot values 1, 2 (targets 0, 4) and 1, 2 (targets 2, 4): the group of value 1 has
// targets 0 and 2 (sum of squares about their mean: 2), the group of 2 targets 4 and 4 (0). The
// floor averages over the 4 scored positions: 0.5. The warm-up position (value 1, target 100)
// counts for nothing; reading a second slot that splits the first group brings the floor to 0.
func TestInformationFloorByHand(t *testing.T) {
	stream := []float32{ // [B=2, T=3, S=2]
		1, 0, 1, 0, 2, 0,
		1, 0, 1, 1, 2, 0,
	}
	y := []float32{100, 0, 4, 100, 2, 4}
	if got := informationFloor(stream, 2, y, 1, 3, 1, []int{0}, 0); math.Abs(got-0.5) > 1e-12 {
		t.Errorf("floor of slot 0: %g, want 0.5", got)
	}
	if got := informationFloor(stream, 2, y, 1, 3, 1, []int{0, 1}, 0); got != 0 {
		t.Errorf("floor of slots 0 and 1: %g, want 0", got)
	}
	if got := informationFloor(stream, 2, y, 1, 3, 0, []int{1}, 0); got <= 0.5 {
		t.Errorf("floor of slot 1 without warm-up: %g, want the spread of 100 and the rest", got)
	}
}

// TestInformationFloorOfArity: one sequence of the 8 tuples (a, b, c) of bits, target a + b + c.
// Every slot explains it (floor 0); an output that reads two of them leaves the third's spread
// (0.25 for any pair: a sum of squares of 1/2 in each of the 4 groups of 2), one of them 0.5.
// With two channels, a and b + c, each channel takes its own subset: arity 2 explains both,
// arity 1 leaves half of c's spread in the second (2 over 16 position-channels).
func TestInformationFloorOfArity(t *testing.T) {
	var stream, sum3, two []float32
	for i := range 8 {
		a, b, c := float32(i>>2&1), float32(i>>1&1), float32(i&1)
		stream = append(stream, a, b, c)
		sum3 = append(sum3, a+b+c)
		two = append(two, a, b+c)
	}
	slots := []int{0, 1, 2}
	for _, c := range []struct {
		y     []float32
		K     int
		arity int
		want  float64
	}{
		{sum3, 1, 0, 0}, {sum3, 1, 3, 0}, {sum3, 1, 4, 0}, {sum3, 1, 2, 0.25}, {sum3, 1, 1, 0.5},
		{two, 2, 2, 0}, {two, 2, 1, 0.125},
	} {
		if got := informationFloor(stream, 3, c.y, c.K, 8, 0, slots, c.arity); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%d channels, arity %d: floor %g, want %g", c.K, c.arity, got, c.want)
		}
	}
}

// TestInformationFloorBoundsHardLoss trains a one-layer model with heads on a task whose
// targets need them (without the give-up check) and checks, at every record, that the floor
// is defined and does not exceed the hard model's loss: no function of what the heads read
// does better, and the hard model is one. The same for a model without heads, whose floor is
// the spread of the targets given x and t alone, and for two layers (a floor where the second
// layer's heads read no sub-MLP, none where they do). A learned head's read depends on its
// trained scores: no floor.
func TestInformationFloorBoundsHardLoss(t *testing.T) {
	const all, none, either = 1, 0, -1
	for _, c := range []struct {
		settings string
		defined  int
	}{
		{"steps=300;metrics_every=50", all},
		{"steps=200;metrics_every=50;heads=0;mlps=1", all},
		{"steps=200;metrics_every=50;layers=2;heads=1;families=mean", either},
		{"steps=100;metrics_every=50;heads=1;families=learned", none},
	} {
		var records, defined int
		var highest float64
		_, err := Train(TrainOptions{Task: mustTask("sum_last2"), Seed: 1, Settings: c.settings + ";batch_size=64;eval_size=100",
			OnMetric: func(m Metric) {
				records++
				if m.InfoFloor == nil {
					return
				}
				defined++
				highest = max(highest, *m.InfoFloor)
				if *m.InfoFloor > m.RelativeLossHard*(1+1e-4)+1e-6 {
					t.Errorf("%s, step %d: floor %g above the hard loss %g (heads %s)", c.settings, m.Step, *m.InfoFloor, m.RelativeLossHard, m.heads)
				}
			}})
		if err != nil {
			t.Fatal(err)
		}
		if c.defined == all && defined != records || c.defined == none && defined > 0 {
			t.Errorf("%s: floor defined at %d of %d records", c.settings, defined, records)
		}
		if strings.Contains(c.settings, "heads=0") && highest < 0.1 {
			t.Errorf("%s: floor at most %g; x and t alone leave most of x + x[t-1] unexplained", c.settings, highest)
		}
	}
}

// TestGiveUpFloor: a model without heads on sum_last2 (x + x[t-1]) cannot explain the targets
// from x and t, so with give_up_floor it stops at its first record, saying why, with or without
// the give-up check; without give_up_floor it trains on to the check. A model without heads on a
// task of x alone (abs_current) trains to the end.
func TestGiveUpFloor(t *testing.T) {
	base := "steps=300;metrics_every=20;heads=0;mlps=1;batch_size=32;eval_size=100"
	var last int
	onMetric := func(m Metric) { last = m.Step }
	for _, set := range []string{"give_up=0.2;give_up_floor=0.2", "give_up=0;give_up_floor=0.2"} {
		_, err := Train(TrainOptions{Task: mustTask("sum_last2"), Seed: 1, Settings: base + ";" + set, OnMetric: onMetric})
		var g *GaveUpError
		if !errors.As(err, &g) || !g.Floor || g.Step != 20 || g.Loss <= 0.2 || !strings.Contains(err.Error(), "information floor") || last != 20 {
			t.Errorf("no heads on sum_last2, %s: stopped at step %d with %v (%+v); want the floor's give-up at step 20, above 0.2", set, last, err, g)
		}
	}
	_, err := Train(TrainOptions{Task: mustTask("sum_last2"), Seed: 1, Settings: base + ";give_up=0.2", OnMetric: onMetric})
	var g *GaveUpError
	if !errors.As(err, &g) || g.Floor || g.Loss <= 0.2 || !errors.Is(err, ErrGaveUp) || strings.Contains(err.Error(), "information floor") || last != 120 {
		t.Errorf("without give_up_floor: stopped at step %d with %v; want the check's give-up at step 120", last, err)
	}
	if _, err = Train(TrainOptions{Task: mustTask("abs_current"), Seed: 1, Settings: base + ";give_up=0.2;give_up_floor=0.2", OnMetric: onMetric}); err != nil || last != 300 {
		t.Errorf("no heads on abs_current: stopped at step %d with %v; want all 300 steps", last, err)
	}
}

// TestInexactBar: the floor of integer targets is exactly 0 when the slots determine them,
// whatever their size, and above inexactBar (by far) when one pair of the 5,120 positions of a
// records' batch disagrees by 1 among targets of variance about 3·10^13.
func TestInexactBar(t *testing.T) {
	const n = 5120
	rng := rand.New(rand.NewPCG(1, 2))
	stream, y := make([]float32, n), make([]float32, n)
	var sum, sumSq float64
	for p := range n {
		stream[p] = float32(p % 1000)         // 1000 groups
		y[p] = float32(p%1000*10_000 - 4_999) // one integer per group, up to 10^7
		if rng.IntN(2) == 0 {
			y[p] = -y[p]
			stream[p] += 1000 // the sign is read too: still a function
		}
		sum, sumSq = sum+float64(y[p]), sumSq+float64(y[p])*float64(y[p])
	}
	variance := sumSq/n - (sum/n)*(sum/n)
	if got := informationFloor(stream, 1, y, 1, 10, 0, []int{0}, 0); got != 0 {
		t.Errorf("targets determined by the slot: floor %g, want exactly 0", got)
	}
	y[0]++ // position 0 now disagrees by 1 with the others of its group
	got := informationFloor(stream, 1, y, 1, 10, 0, []int{0}, 0) / variance
	if got <= inexactBar*1e6 {
		t.Errorf("one pair off by 1 (variance %.3g): relative floor %g, want far above %g", variance, got, inexactBar)
	}
}

// TestGiveUpInexact: with give_up_inexact, a model without heads on sum_last2 (whose targets x
// and t do not determine) stops at its first record, below no bar but 0, with neither give-up
// check nor floor bar set; without it, it trains to the end. A model without heads on
// abs_current (|x|, a function of x) trains to the end with it.
func TestGiveUpInexact(t *testing.T) {
	base := "steps=200;metrics_every=20;heads=0;mlps=1;batch_size=32;eval_size=100;give_up=0;give_up_floor=0"
	var last int
	onMetric := func(m Metric) { last = m.Step }
	_, err := Train(TrainOptions{Task: mustTask("sum_last2"), Seed: 1, Settings: base + ";give_up_inexact=true", OnMetric: onMetric})
	var g *GaveUpError
	if !errors.As(err, &g) || !g.Floor || g.Step != 20 || g.Loss <= 0 || !strings.Contains(err.Error(), "give_up_inexact") || last != 20 {
		t.Errorf("no heads on sum_last2: stopped at step %d with %v; want give_up_inexact's stop at step 20", last, err)
	}
	if _, err := Train(TrainOptions{Task: mustTask("sum_last2"), Seed: 1, Settings: base, OnMetric: onMetric}); err != nil || last != 200 {
		t.Errorf("no heads on sum_last2 without give_up_inexact: stopped at step %d with %v; want all 200 steps", last, err)
	}
	if _, err := Train(TrainOptions{Task: mustTask("abs_current"), Seed: 1, Settings: base + ";give_up_inexact=true", OnMetric: onMetric}); err != nil || last != 200 {
		t.Errorf("no heads on abs_current: stopped at step %d with %v; want all 200 steps", last, err)
	}
}

// TestFloorWatch: the watch gives up when the floor has been above the bar with the same heads
// for 100 steps, or at once without heads; a change of heads or a floor at or below the bar
// starts the count again, and a bar of 0 never gives up.
func TestFloorWatch(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	w := &floorWatch{bar: 0.2}
	steps := []struct {
		step  int
		floor *float64
		heads string
		want  bool
	}{
		{100, f(0.5), "a", false},
		{200, f(0.5), "b", false}, // other heads: the count starts again
		{300, f(0.1), "b", false}, // below the bar
		{400, f(0.5), "b", false},
		{500, nil, "b", false}, // no floor
		{520, f(0.5), "b", false},
		{600, f(0.3), "b", false}, // 80 steps
		{620, f(0.3), "b", true},
	}
	for _, s := range steps {
		if got := w.update(s.step, s.floor, s.heads, 1); got != s.want {
			t.Errorf("step %d: %v, want %v", s.step, got, s.want)
		}
	}
	unsettled := &floorWatch{bar: 0.2}
	for step := 100; step <= 400; step += 100 {
		if unsettled.update(step, f(0.5), "a", 0.4) {
			t.Errorf("step %d: gave up with heads whose hard read weighs 0.4 in the soft model", step)
		}
	}
	if unsettled.update(500, f(0.5), "a", 0.95) || !unsettled.update(600, f(0.5), "a", 0.95) {
		t.Error("settled from step 500: want to give up at step 600, not before")
	}
	if !(&floorWatch{bar: 0.2}).update(20, f(0.5), "", 1) {
		t.Error("a model without heads above the bar: want to give up at once")
	}
	if (&floorWatch{}).update(20, f(0.5), "", 1) {
		t.Error("give_up_floor=0: want no give-up")
	}
}

// BenchmarkInformationFloor: the floor of a records' batch (512 sequences of length 10) over
// four slots of digits, as a model with two heads reads them; it runs at every record. With
// sub-MLPs of arity 2 it is the least over the 6 pairs of slots.
func BenchmarkInformationFloor(b *testing.B) {
	const B, T, S, K = 512, 10, 7, 1
	rng := rand.New(rand.NewPCG(1, 2))
	stream, y := make([]float32, B*T*S), make([]float32, B*T*K)
	for i := range stream {
		stream[i] = float32(rng.IntN(10))
	}
	for i := range y {
		y[i] = float32(rng.IntN(19))
	}
	for _, arity := range []int{0, 2} {
		b.Run(fmt.Sprintf("arity=%d", arity), func(b *testing.B) {
			for b.Loop() {
				informationFloor(stream, S, y, K, T, 0, []int{0, 1, 3, 4}, arity)
			}
		})
	}
}

// TestWithinGroupsOrder: withinGroups, which sorts rows of tuples copied out of the stream,
// gives the same sums bit for bit as sorting the positions by their values in place (the
// implementation before it, kept here as the reference), for one to five slots (packed in one
// word, in two, and as rows), with many ties,
// -0 beside 0, and real-valued targets whose sums depend on their order.
func TestWithinGroupsOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const S, K = 5, 2
	for trial := range 20 {
		n := 50 + rng.IntN(3000)
		stream := make([]float32, n*S)
		for i := range stream {
			stream[i] = float32(rng.IntN(3 + trial%4))
			if stream[i] == 0 && rng.IntN(2) == 0 {
				stream[i] = float32(math.Copysign(0, -1))
			}
		}
		y := make([]float32, n*K)
		for i := range y {
			y[i] = float32(rng.NormFloat64() * 1e3)
		}
		var positions []int
		for p := range n {
			if p%7 != 0 {
				positions = append(positions, p)
			}
		}
		for _, slots := range [][]int{{0}, {1, 3}, {4, 0, 2}, {0, 1, 2, 3}, {3, 1, 4, 0, 2}} {
			got, want := withinGroups(stream, S, y, K, positions, slots), withinGroupsInPlace(stream, S, y, K, positions, slots)
			if !slices.Equal(got, want) {
				t.Fatalf("trial %d, slots %v: %v, in place %v", trial, slots, got, want)
			}
		}
	}
}

func withinGroupsInPlace(stream []float32, S int, y []float32, K int, positions, slots []int) []float64 {
	order := slices.Clone(positions)
	compare := func(p, q int) int {
		for _, s := range slots {
			if c := cmp.Compare(math.Float32bits(stream[p*S+s]), math.Float32bits(stream[q*S+s])); c != 0 {
				return c
			}
		}
		return 0
	}
	slices.SortFunc(order, compare)
	within := make([]float64, K)
	for start, end := 0, 0; start < len(order); start = end {
		for end = start + 1; end < len(order) && compare(order[start], order[end]) == 0; end++ {
		}
		group := order[start:end]
		for k := range K {
			var mean float64
			for _, p := range group {
				mean += float64(y[p*K+k])
			}
			mean /= float64(len(group))
			for _, p := range group {
				d := float64(y[p*K+k]) - mean
				within[k] += d * d
			}
		}
	}
	return within
}

// TestFloorMemo: the memo returns informationFloor's own number, recomputes it when a value
// of the slots, the slots or the arity changes, and ignores values of slots the floor does not
// read.
func TestFloorMemo(t *testing.T) {
	const B, T, S, K = 16, 10, 5, 1
	rng := rand.New(rand.NewPCG(7, 8))
	stream := make([]float32, B*T*S)
	for i := range stream {
		stream[i] = float32(rng.IntN(3))
	}
	y := make([]float32, B*T*K)
	for i := range y {
		y[i] = float32(rng.IntN(4))
	}
	var fm floorMemo
	check := func(what string, slots []int, arity int, wantRecompute bool) {
		t.Helper()
		before := fm.values
		got := fm.floor(stream, S, y, K, T, 1, slots, arity)
		want := informationFloor(stream, S, y, K, T, 1, slots, arity)
		if got != want {
			t.Errorf("%s: memo %v, informationFloor %v", what, got, want)
		}
		if recomputed := before == nil || &before[0] != &fm.values[0]; recomputed != wantRecompute { // a new computation stores new values
			t.Errorf("%s: recomputed %v, want %v", what, recomputed, wantRecompute)
		}
	}
	check("first", []int{0, 2, 3}, 2, true)
	check("same values", []int{0, 2, 3}, 2, false)
	stream[1] = 9 // slot 1, not read
	check("a slot not read changed", []int{0, 2, 3}, 2, false)
	stream[5*S+2]++ // slot 2 at position 5
	check("a value changed", []int{0, 2, 3}, 2, true)
	check("another arity", []int{0, 2, 3}, 0, true)
	check("other slots", []int{0, 2, 4}, 0, true)
}
