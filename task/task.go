// Package task defines what a task is for the Discrete Transformer: a seeded generator of input
// sequences and a reference function that maps a sequence to its target outputs.
//
// Every task, algorithmic (package algorithmic) or physical (package physics), is a *Task, and
// all of them live in one registry (package registry) that the command line, the tests and the
// notebooks share. A user defines a new task with New, and registers it with registry.Register.
//
// Sequences are [][]float64 indexed xs[t][c] (position t, input channel c); outputs likewise
// ys[t][k]. Values are raw numbers, not tokens, as in MIPS.
package task

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Generator draws one input sequence of the given length, xs[t][c], from rng.
// It must only use rng for randomness, so that a seed fixes the data.
type Generator func(rng *rand.Rand, length int) [][]float64

// Reference computes the target outputs ys[t][k] of an input sequence. It is the ground truth
// that trained models and extracted programs are verified against. It must accept any length.
type Reference func(xs [][]float64) [][]float64

// Task is one learning problem: sequences in, one output vector per position out.
type Task struct {
	// Name is the registry key: lower case, words separated by underscores (e.g. "parity_last2").
	Name string
	// Aliases are other accepted names (e.g. the MIPS repository directory name).
	Aliases []string
	// Group is "mips" (the MIPS benchmark), "physics", "data" (FromFile) or a user's own
	// ("user" from New).
	Group string
	// Description says in one line what the output is.
	Description string
	// InputNames and OutputNames name the channels (e.g. ["x"], ["y"]); their lengths are the
	// number of input and output channels. Names are valid identifiers.
	InputNames, OutputNames []string
	// Length is the sequence length used for training.
	Length int
	// Integer is true when the targets are integers: accuracy is then exact match after rounding.
	Integer bool
	// Warmup is the number of leading positions whose targets are not scored (in the loss, the
	// accuracy or verification), e.g. 1 for a second-order physical system whose first step
	// needs a velocity that no earlier observation gives. Zero for all MIPS tasks.
	Warmup int
	// Generate draws input sequences.
	Generate Generator
	// Alphabet, when not nil, says that Generate draws every input value, at every position and
	// on every channel, independently from these values, each with positive probability: every
	// sequence over the alphabet can occur. Certification then checks a program on all of them
	// at the training length when there are few enough (see Enumerable). Leave it nil when the
	// draws are not independent (e.g. a planted palindrome) or not from a finite set.
	Alphabet []float64
	// Reference computes the targets.
	Reference Reference
	// Data, when not nil, is the file of recorded sequences the task was read from (FromFile):
	// Draw then takes each stream's sequences from its own part of the file.
	Data *Dataset
	// MIPS and GPT4 record the published baseline on this task ("✓", "✗", "" when not part of
	// the MIPS benchmark). Index is the task's number in the MIPS table (0 when none).
	MIPS, GPT4 string
	Index      int
}

// New returns a task from a generator and a reference function, with one input channel "x" and
// one output channel "y" unless changed afterwards. It is the public way to define a new task:
//
//	t := task.New("double", 10, true,
//		func(rng *rand.Rand, n int) [][]float64 { return task.UniformInts(rng, n, 1, 0, 10) },
//		func(xs [][]float64) [][]float64 { return task.Map(xs, func(x []float64) float64 { return 2 * x[0] }) })
//	registry.Register(t)
func New(name string, length int, integer bool, gen Generator, ref Reference) *Task {
	return &Task{Name: name, Group: "user", InputNames: []string{"x"}, OutputNames: []string{"y"},
		Length: length, Integer: integer, Generate: gen, Reference: ref}
}

// NumInputs is the number of input channels.
func (t *Task) NumInputs() int { return len(t.InputNames) }

// NumOutputs is the number of output channels.
func (t *Task) NumOutputs() int { return len(t.OutputNames) }

// Validate checks that the task is well formed and that its generator and reference agree on
// shapes, by drawing one sequence. It returns an error that names what is wrong.
func (t *Task) Validate() error {
	switch {
	case t.Name == "":
		return fmt.Errorf("task has no name")
	case t.Length <= 0:
		return fmt.Errorf("task %q: length must be positive, got %d", t.Name, t.Length)
	case t.NumInputs() == 0 || t.NumOutputs() == 0:
		return fmt.Errorf("task %q: needs at least one input and one output channel name", t.Name)
	case t.Generate == nil || t.Reference == nil:
		return fmt.Errorf("task %q: needs both a generator and a reference function", t.Name)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	xs := t.Generate(rng, t.Length)
	if len(xs) != t.Length {
		return fmt.Errorf("task %q: generator returned %d positions, want %d", t.Name, len(xs), t.Length)
	}
	for _, x := range xs {
		if len(x) != t.NumInputs() {
			return fmt.Errorf("task %q: generator returned %d channels, want %d", t.Name, len(x), t.NumInputs())
		}
	}
	ys := t.Reference(xs)
	if len(ys) != t.Length {
		return fmt.Errorf("task %q: reference returned %d positions, want %d", t.Name, len(ys), t.Length)
	}
	for _, y := range ys {
		if len(y) != t.NumOutputs() {
			return fmt.Errorf("task %q: reference returned %d channels, want %d", t.Name, len(y), t.NumOutputs())
		}
		for _, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("task %q: reference returned a non-finite value", t.Name)
			}
		}
	}
	return nil
}
