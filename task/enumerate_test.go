package task

import (
	"fmt"
	"testing"
)

func TestEnumerable(t *testing.T) {
	bits := &Task{Name: "b", InputNames: []string{"x"}, Alphabet: IntRange(0, 2)}
	two := &Task{Name: "b2", InputNames: []string{"a", "b"}, Alphabet: IntRange(0, 2)}
	digits := &Task{Name: "d", InputNames: []string{"x"}, Alphabet: IntRange(0, 10)}
	free := &Task{Name: "f", InputNames: []string{"x"}}
	for _, c := range []struct {
		t      *Task
		length int
		n      int
		ok     bool
	}{
		{bits, 10, 1024, true},
		{two, 10, 1 << 20, true},
		{two, 11, 0, false},
		{digits, 6, 1000000, true},
		{digits, 7, 0, false},
		{free, 10, 0, false},
	} {
		n, ok := c.t.Enumerable(c.length)
		if n != c.n || ok != c.ok {
			t.Errorf("%s at length %d: got (%d, %v), want (%d, %v)", c.t.Name, c.length, n, ok, c.n, c.ok)
		}
	}
}

// TestEnumerate checks that every sequence comes exactly once, across chunk boundaries.
func TestEnumerate(t *testing.T) {
	tk := &Task{Name: "t", InputNames: []string{"a", "b"}, Alphabet: []float64{-1, 0, 1}}
	seen := map[string]bool{}
	chunks := 0
	err := tk.Enumerate(3, 100, func(xs [][][]float64) error {
		chunks++
		for _, x := range xs {
			k := fmt.Sprint(x)
			if seen[k] {
				t.Fatalf("%s twice", k)
			}
			seen[k] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 729 || chunks != 8 {
		t.Errorf("%d sequences in %d chunks, want 729 in 8", len(seen), chunks)
	}
	if err := (&Task{Name: "f", InputNames: []string{"x"}}).Enumerate(3, 10, nil); err == nil {
		t.Error("a task without an alphabet enumerated")
	}
}
