package extra_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/extra"
	"github.com/discretetransformer/w2c/registry"
)

// The registry holds the extra tasks in group "extra", and their names do not collide with
// any other built-in task's name or alias.
func TestRegisteredInGroupExtra(t *testing.T) {
	var want []string
	for _, tk := range extra.Tasks() {
		want = append(want, tk.Name)
	}
	var got []string
	for _, tk := range registry.Group(extra.Group) {
		got = append(got, tk.Name)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) { // the registry orders a group by name (Index is 0)
		t.Errorf("registry group %q holds %v, want %v", extra.Group, got, want)
	}
	for _, tk := range registry.All() {
		if tk.Group == extra.Group {
			continue
		}
		for _, n := range append([]string{tk.Name}, tk.Aliases...) {
			if _, clash := slices.BinarySearch(want, strings.ToLower(n)); clash {
				t.Errorf("%s (group %s) collides with an extra task", n, tk.Group)
			}
		}
	}
	for _, name := range want {
		tk, err := registry.Lookup(name)
		if err != nil || tk.Group != extra.Group {
			t.Errorf("Lookup(%q) = %v, %v", name, tk, err)
		}
	}
}
