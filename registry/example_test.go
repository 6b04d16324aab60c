package registry_test

import (
	"fmt"
	"log"
	"math/rand/v2"

	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// A user task: y_t is the running maximum of the inputs, mod 3. It is defined from a generator
// and a reference function with task.New, registered once, and then found by name like the
// built-in tasks (by the command line, the tests and the notebooks alike).
func Example() {
	gen := func(rng *rand.Rand, n int) [][]float64 {
		return task.UniformInts(rng, n, 1, 0, 10) // one channel, integers in [0, 10)
	}
	ref := func(xs [][]float64) [][]float64 {
		ys := make([][]float64, len(xs))
		best := 0
		for t, x := range xs {
			best = max(best, int(x[0]))
			ys[t] = []float64{float64(best % 3)}
		}
		return ys
	}
	t := task.New("running_max_mod3", 10, true, gen, ref)
	t.Description = "largest input so far, mod 3"
	if err := registry.Register(t); err != nil {
		log.Fatal(err)
	}

	found, err := registry.Lookup("Running_Max_Mod3") // case does not matter
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(found.Name, found.Group, found.InputNames, found.OutputNames)
	fmt.Println(found.Reference([][]float64{{4}, {2}, {8}, {9}}))
	// Output:
	// running_max_mod3 user [x] [y]
	// [[1] [1] [2] [0]]
}
