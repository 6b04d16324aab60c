package bench

import "testing"

// TestFloorSearch: on recorded data the search does not stop at the first attempt that passes
// against its own model: a later model that fits much better lowers the floor, and the first
// attempt within the factor of it is chosen once the floor has stopped falling.
func TestFloorSearch(t *testing.T) {
	f := newFloorSearch()
	// p1 passes on its own (program = its model), but both miss a term: MSE 1e-3.
	f.add(Attempt{Arch: "p1", Verified: true, SelectionMSE: 1.0e-3, ModelMSE: 1.0e-3}, nil)
	if f.chosen != 0 || f.done() {
		t.Fatalf("after p1: chosen %d, done %v", f.chosen, f.done())
	}
	// p2's model has the term: the floor falls 100-fold, p1 is no longer within the factor.
	f.add(Attempt{Arch: "p2", Verified: true, SelectionMSE: 1.02e-5, ModelMSE: 1.0e-5}, nil)
	if a, _, ok := f.choice(); !ok || a.Arch != "p2" || f.done() {
		t.Fatalf("after p2: chosen %v %v, done %v", a.Arch, ok, f.done())
	}
	// Two attempts that do no better: the search may stop, with p2.
	f.add(Attempt{Arch: "p3", Verified: false, ModelMSE: 0.98e-5}, nil)
	if f.done() {
		t.Fatal("done after one attempt without progress")
	}
	f.add(Attempt{Arch: "p4", Verified: true, SelectionMSE: 1.0e-5, ModelMSE: 1.0e-5}, nil)
	if a, _, _ := f.choice(); !f.done() || a.Arch != "p2" {
		t.Fatalf("after p4: done %v, chosen %s", f.done(), a.Arch)
	}
}
