package bench

import "testing"

// TestFloorSearch: on recorded data the search does not stop at the first attempt that passes
// against its own model: a later model that fits much better lowers the floor, and the first
// attempt within the factor of it is chosen; it stops early only at an exact program.
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
	// A later attempt as good, and exact, is not chosen over the cheaper p2; a search whose
	// chosen program is exact may stop.
	f.add(Attempt{Arch: "p3", Verified: true, SelectionMSE: 0.99e-5, ModelMSE: 1.0e-5, Exact: true}, nil)
	if a, _, _ := f.choice(); a.Arch != "p2" || f.done() {
		t.Fatalf("after p3: chosen %s, done %v", a.Arch, f.done())
	}
	g := newFloorSearch()
	g.add(Attempt{Arch: "p1", Verified: true, SelectionMSE: 1e-30, ModelMSE: 1e-6, Exact: true}, nil)
	if a, _, _ := g.choice(); a.Arch != "p1" || !g.done() {
		t.Fatalf("an exact first program: chosen %s, done %v", a.Arch, g.done())
	}
}
