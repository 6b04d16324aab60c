// Package registry is the one registry of tasks that the command line, the tests and the
// notebooks share: every task, built in or defined by a user, is found here by name.
//
// The built-in tasks are registered when the package loads: the 62 MIPS tasks of package
// algorithmic (group "mips"), and the other built-in sets listed in builtins. Lookup is case-insensitive and accepts aliases (the MIPS
// repository's directory names, e.g. "rnn_parity_last2_numerical"); an unknown name gives an
// error that suggests the nearest names.
//
// # Defining a task
//
// A task is a generator of input sequences and a reference function that computes the targets
// (see package task). Define it with task.New, adjust its fields, and register it:
//
//	t := task.New("double", 10, true,
//		func(rng *rand.Rand, n int) [][]float64 { return task.UniformInts(rng, n, 1, 0, 10) },
//		func(xs [][]float64) [][]float64 { return task.Map(xs, func(x []float64) float64 { return 2 * x[0] }) })
//	t.Description = "twice the input"
//	if err := registry.Register(t); err != nil { ... }
//
// It can then be trained and verified by name like any built-in task. The generator must draw
// only from the rng it is given (a seed then fixes the data) and, like the reference, accept any
// length: verification runs on sequences longer than the training ones.
package registry

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/discretetransformer/w2c/task"
)

// ErrUnknownTask is wrapped by the error that Lookup returns for a name it does not know.
var ErrUnknownTask = errors.New("unknown task")

// validName is the form of a task name: lower case letters, digits and underscores.
var validName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Registry is a set of tasks addressed by name or alias, case-insensitively. The package-level
// functions use the default registry, which holds the built-in tasks; New makes an empty one
// (for tests, or a tool that wants its own set). A Registry is safe for concurrent use.
type Registry struct {
	mu     sync.RWMutex
	tasks  []*task.Task
	byName map[string]*task.Task // lower-cased names and aliases
}

// New returns an empty registry.
func New() *Registry { return &Registry{byName: map[string]*task.Task{}} }

// Register adds t. It returns an error, and adds nothing, when t has no valid lower-case name
// (letters, digits, underscores) or no group, when t.Validate fails, or when its name or one of
// its aliases is already taken (names and aliases share one case-insensitive space).
// The registry keeps t itself: t must not be modified afterwards.
func (r *Registry) Register(t *task.Task) error {
	if t == nil {
		return errors.New("register: nil task")
	}
	if !validName.MatchString(t.Name) {
		return fmt.Errorf("register: task name %q must be lower case letters, digits and underscores, starting with a letter", t.Name)
	}
	if t.Group == "" {
		return fmt.Errorf("register: task %q has no group", t.Name)
	}
	if err := t.Validate(); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	keys, err := keysOf(t)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range keys {
		if other, taken := r.byName[k]; taken {
			return fmt.Errorf("register: task %q: name %q is already taken by task %q", t.Name, k, other.Name)
		}
	}
	for _, k := range keys {
		r.byName[k] = t
	}
	r.tasks = append(r.tasks, t)
	return nil
}

// keysOf returns the lower-cased name and aliases of t, checking that the aliases are words
// (no spaces) and that t does not repeat itself.
func keysOf(t *task.Task) ([]string, error) {
	keys := []string{t.Name}
	for _, a := range t.Aliases {
		k := strings.ToLower(a)
		if k == "" || strings.ContainsFunc(k, func(c rune) bool { return c <= ' ' }) {
			return nil, fmt.Errorf("register: task %q: alias %q must be a non-empty word", t.Name, a)
		}
		if slices.Contains(keys, k) {
			return nil, fmt.Errorf("register: task %q: name %q given twice", t.Name, k)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// MustRegister is Register for tasks that are known to be valid, such as built-in ones: it
// panics on error.
func (r *Registry) MustRegister(t *task.Task) {
	if err := r.Register(t); err != nil {
		panic(err)
	}
}

// Lookup returns the task with the given name or alias, ignoring case and surrounding spaces.
// For an unknown name the error (which wraps ErrUnknownTask) suggests the nearest names, e.g.
//
//	unknown task "parity_lst2": did you mean parity_last2, parity_last3, parity_last4? (w2c tasks lists all 62)
//
// The task returned is the registered one, shared by every caller: copy it (c := *t) before
// changing a field, e.g. the length of a run.
func (r *Registry) Lookup(name string) (*task.Task, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	r.mu.RLock()
	defer r.mu.RUnlock()
	if t, ok := r.byName[key]; ok {
		return t, nil
	}
	hint := fmt.Sprintf("(w2c tasks lists all %d)", len(r.tasks))
	if near := r.nearest(key, 3); len(near) > 0 {
		return nil, fmt.Errorf("%w %q: did you mean %s? %s", ErrUnknownTask, name, strings.Join(near, ", "), hint)
	}
	return nil, fmt.Errorf("%w %q %s", ErrUnknownTask, name, hint)
}

// All returns the registered tasks ordered by group, then Index, then name.
func (r *Registry) All() []*task.Task {
	r.mu.RLock()
	all := slices.Clone(r.tasks)
	r.mu.RUnlock()
	slices.SortFunc(all, func(a, b *task.Task) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(a.Index, b.Index), cmp.Compare(a.Name, b.Name))
	})
	return all
}

// Names returns the names of the registered tasks, in the order of All.
func (r *Registry) Names() []string {
	var names []string
	for _, t := range r.All() {
		names = append(names, t.Name)
	}
	return names
}

// Group returns the tasks of one group (e.g. "mips", "physics", "user"; case-insensitive), in
// the order of All.
func (r *Registry) Group(group string) []*task.Task {
	var ts []*task.Task
	for _, t := range r.All() {
		if strings.EqualFold(t.Group, group) {
			ts = append(ts, t)
		}
	}
	return ts
}

// Groups returns the names of the groups that hold at least one task, sorted.
func (r *Registry) Groups() []string {
	var groups []string
	for _, t := range r.All() {
		if len(groups) == 0 || groups[len(groups)-1] != t.Group {
			groups = append(groups, t.Group)
		}
	}
	return groups
}
