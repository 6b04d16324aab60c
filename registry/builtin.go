package registry

import (
	"github.com/discretetransformer/w2c/algorithmic"
	"github.com/discretetransformer/w2c/extra"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/task"
)

// std is the default registry, used by the package-level functions.
var std = New()

// builtins returns the sets of tasks registered when the package loads. This is the one place
// where a package of built-in tasks is added (e.g. physics.Tasks()).
func builtins() [][]*task.Task {
	return [][]*task.Task{
		algorithmic.Tasks(),  // the 62 MIPS tasks, group "mips"
		physics.Tasks(),      // the physical systems, group "physics"
		extra.Tasks(),        // tasks beyond MIPS that the search was not designed on, group "extra"
		physics.NoiseTasks(), // the physical systems recorded with observation noise, group "noise"
	}
}

func init() {
	for _, set := range builtins() {
		for _, t := range set {
			std.MustRegister(t)
		}
	}
}

// Register adds a task to the default registry (see Registry.Register).
func Register(t *task.Task) error { return std.Register(t) }

// MustRegister adds a task to the default registry and panics on error (see Registry.Register).
func MustRegister(t *task.Task) { std.MustRegister(t) }

// Lookup finds a task of the default registry by name or alias, case-insensitively, and
// suggests the nearest names when there is none (see Registry.Lookup).
func Lookup(name string) (*task.Task, error) { return std.Lookup(name) }

// All returns the tasks of the default registry ordered by group, then Index, then name.
func All() []*task.Task { return std.All() }

// Names returns the names of the tasks of the default registry, in the order of All.
func Names() []string { return std.Names() }

// Group returns the tasks of one group of the default registry, in the order of All.
func Group(group string) []*task.Task { return std.Group(group) }

// Groups returns the groups of the default registry, sorted.
func Groups() []string { return std.Groups() }
