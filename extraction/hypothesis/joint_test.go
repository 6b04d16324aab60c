package hypothesis

import (
	"math/rand/v2"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Two heads that read x[t-1] and x[t-2] everywhere but swap roles at t = 1 (the first reads
// nothing, the second x[0]): each alone is rejected, jointly they are accepted; a head that
// reads elsewhere keeps the pair rejected.
func TestJointSwappedHeads(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	slots := randomSlots(r, 500, 10)
	a := refMaps(program.Pointer{Kind: program.Previous, Offset: 1}, slots)
	b := refMaps(program.Pointer{Kind: program.Previous, Offset: 2}, slots)
	for n := range a {
		a[n][1], b[n][1] = b[n][1], a[n][1] // at t = 1: a reads nothing, b reads x[0]
	}
	for _, m := range [][][][]float64{a, b} {
		res, err := Test(obsOf(m, slots), Options{ByValue: true, ValueSlot: 0})
		if err != nil {
			t.Fatal(err)
		}
		if res.Accepted {
			t.Fatalf("a swapping head accepted alone: %s", res.Best.Description)
		}
	}
	heads := []JointHead{{obsOf(a, slots), 0, Previous(1)}, {obsOf(b, slots), 0, Previous(2)}}
	res, err := Joint(heads, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || res.Fraction != 1 || res.Rows != 5000 {
		t.Errorf("swapped heads jointly: %+v, want accepted on all 5000 rows", res)
	}
	// Against the wrong pair of pointers, or with a head that reads x[t-3], the values differ.
	heads[1].Hypothesis = Previous(3)
	if res, err := Joint(heads, Options{}); err != nil || res.Accepted {
		t.Errorf("x[t-1] and x[t-3] for heads reading x[t-1] and x[t-2]: %+v, %v; want rejected", res, err)
	}
	heads[1] = JointHead{obsOf(refMaps(program.Pointer{Kind: program.Previous, Offset: 3}, slots), slots), 0, Previous(2)}
	if res, err := Joint(heads, Options{}); err != nil || res.Accepted {
		t.Errorf("a head reading x[t-3] tested as x[t-2]: %+v, %v; want rejected", res, err)
	}
	if _, err := Joint(heads[:1], Options{}); err == nil {
		t.Error("one head: no error")
	}
	heads[0].ValueSlot = 9
	if _, err := Joint(heads, Options{}); err == nil {
		t.Error("value slot out of range: no error")
	}
}
