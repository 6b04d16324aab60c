package registry

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// identity is a small valid user task.
func identity(name string) *task.Task {
	return task.New(name, 5, true,
		func(rng *rand.Rand, n int) [][]float64 { return task.UniformInts(rng, n, 1, 0, 3) },
		func(xs [][]float64) [][]float64 { return task.Map(xs, func(x []float64) float64 { return x[0] }) })
}

func TestBuiltinsAreRegistered(t *testing.T) {
	mips := Group("mips")
	if len(mips) != 62 {
		t.Fatalf("%d tasks in group mips, want 62", len(mips))
	}
	for i, tk := range mips {
		if tk.Index != i+1 {
			t.Errorf("position %d holds %s with Index %d: All must order by Index", i+1, tk.Name, tk.Index)
		}
	}
	if !slices.Contains(Groups(), "mips") || len(Names()) != len(All()) {
		t.Errorf("groups %v, %d names for %d tasks", Groups(), len(Names()), len(All()))
	}
}

func TestLookupByNameAliasAndCase(t *testing.T) {
	for query, want := range map[string]string{
		"parity_last2":               "parity_last2",
		"Parity_Last2":               "parity_last2",
		"  PARITY_LAST2 ":            "parity_last2",
		"rnn_parity_last2_numerical": "parity_last2",
		"RNN_Unique2_Numerical":      "previous_equals_current",
		"bit_addition":               "binary_addition",
		"Newton_Magnetic":            "newton_magnetic",
	} {
		tk, err := Lookup(query)
		if err != nil || tk.Name != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", query, tk, err, want)
		}
	}
}

func TestLookupSuggestsNearestNames(t *testing.T) {
	_, err := Lookup("parity_lst2")
	if !errors.Is(err, ErrUnknownTask) {
		t.Fatalf("error %v does not wrap ErrUnknownTask", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, `unknown task "parity_lst2": did you mean parity_last2, parity_last3`) ||
		!strings.Contains(msg, "(w2c tasks lists all") {
		t.Errorf("message %q", msg)
	}
	for query, want := range map[string]string{
		"prev_5":          "prev5",
		"majority0_3":     "majority_0_3",
		"newton":          "newton_spring",
		"rnn_div_3":       "div_3", // part of an alias: suggests the task's name
		"balanced_parens": "balanced_parenthesis",
	} {
		_, err := Lookup(query)
		if err == nil || !strings.Contains(err.Error(), "did you mean "+want) {
			t.Errorf("Lookup(%q): %v; want the first suggestion %s", query, err, want)
		}
	}
	if _, err := Lookup("zzzzzzzzzzzz"); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("far name: %v, want no suggestion", err)
	}
}

func TestRegisterRejectsDuplicatesAndBadTasks(t *testing.T) {
	r := New()
	if err := r.Register(identity("copy")); err != nil {
		t.Fatal(err)
	}
	alias := identity("other")
	alias.Aliases = []string{"COPY"}
	bad := identity("broken")
	bad.Reference = nil
	noGroup := identity("lonely")
	noGroup.Group = ""
	repeated := identity("twice")
	repeated.Aliases = []string{"Twice"}
	for what, tk := range map[string]*task.Task{
		"same name":              identity("copy"),
		"alias taking a name":    alias,
		"upper case":             identity("Copy2"),
		"space in name":          identity("my task"),
		"failing Validate":       bad,
		"no group":               noGroup,
		"name repeated as alias": repeated,
		"nil":                    nil,
	} {
		if err := r.Register(tk); err == nil {
			t.Errorf("%s: registered", what)
		}
	}
	if got := r.Names(); !slices.Equal(got, []string{"copy"}) {
		t.Errorf("names %v after rejected registrations, want [copy]", got)
	}
	// The default registry rejects a second copy of a built-in task, by name or alias.
	dup := identity("parity_last2_again")
	dup.Aliases = []string{"rnn_parity_last2_numerical"}
	if err := Register(dup); err == nil || !strings.Contains(err.Error(), "already taken by task \"parity_last2\"") {
		t.Errorf("duplicate alias of a built-in task: %v", err)
	}
}

func TestAllOrdersByGroupIndexName(t *testing.T) {
	r := New()
	for _, tk := range []*task.Task{identity("b"), identity("a"), identity("c")} {
		r.MustRegister(tk)
	}
	x := identity("x")
	x.Group, x.Index = "aaa", 2
	y := identity("y")
	y.Group, y.Index = "aaa", 1
	r.MustRegister(x)
	r.MustRegister(y)
	if got := r.Names(); !slices.Equal(got, []string{"y", "x", "a", "b", "c"}) {
		t.Errorf("order %v", got)
	}
	if got := r.Group("USER"); len(got) != 3 {
		t.Errorf("group user has %d tasks, want 3", len(got))
	}
	if got := r.Groups(); !slices.Equal(got, []string{"aaa", "user"}) {
		t.Errorf("groups %v", got)
	}
}

func TestMustRegisterPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	New().MustRegister(identity("Bad Name"))
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"parity_lst2", "parity_last2", 1}, {"flaw", "lawn", 2}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
