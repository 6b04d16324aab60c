package algorithmic

import (
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/task"
)

// The Newton tasks (MIPS 59-62) integrate a unit mass from rest at the origin under integer
// forces F_t uniform in [-10, 10] (inclusive: the MIPS generators draw torch.randint(-10, 11)),
// with unit time step, and output the position after each step. The acceleration a_t is computed
// from F_t and the state BEFORE the step, then
//
//	v += a; p += v
//
// which is physics.SymplecticEuler(p, v, a, 1), the integrator that the physics tasks share.
// Follows tasks/rnn_newton_<name>_numerical/create_dataset.py; positions stay integers.

// NewtonFreebody is MIPS task 59 (Newton_Freebody, rnn_newton_freebody_numerical): a_t = F_t, so
// the position is the double prefix sum of the forces (cumsum(cumsum(x)) in the MIPS code).
func NewtonFreebody() *task.Task {
	return newton("newton_freebody", "rnn_newton_freebody_numerical",
		"position of a unit mass pushed by force F_t (v += F; p += v)",
		func(a, f, _, _ []float64) { a[0] = f[0] })
}

// NewtonGravity is MIPS task 60 (Newton_Gravity, rnn_newton_gravity_numerical): a_t = F_t - 1, a
// unit gravity pulling towards negative positions (cumsum(cumsum(x - 1)) in the MIPS code).
func NewtonGravity() *task.Task {
	return newton("newton_gravity", "rnn_newton_gravity_numerical",
		"position of a unit mass under force F_t and unit gravity (a = F - 1; v += a; p += v)",
		func(a, f, _, _ []float64) { a[0] = f[0] - 1 })
}

// NewtonSpring is MIPS task 61 (Newton_Spring, rnn_newton_spring_numerical): a_t = F_t - p_{t-1},
// a spring of stiffness 1 towards the origin, acting on the position before the step (MIPS:
// acceleration = x[:, i] - position, then velocity and position are updated). The paper's first
// training row (gpt4/Newton_Spring/0/output_conversation.txt) checks it: F = 5,-8,-6,9,... gives
// p = 5,-3,-14,-2,...
func NewtonSpring() *task.Task {
	return newton("newton_spring", "rnn_newton_spring_numerical",
		"position of a unit mass on a unit spring under force F_t (a = F - p; v += a; p += v)",
		func(a, f, p, _ []float64) { a[0] = f[0] - p[0] })
}

// NewtonMagnetic is MIPS task 62 (Newton_Magnetic, rnn_newton_magnetic_numerical): a charged unit
// mass in the plane, with a unit magnetic field perpendicular to it, under a 2-D force (Fx, Fy):
// a = F + v·R with the row vector v = (vx, vy) and R = [[0, 1], [-1, 0]], that is
//
//	ax = Fx - vy,  ay = Fy + vx,
//
// using the velocity before the step (MIPS: F + torch.matmul(velocity, rotation)). Two inputs,
// two outputs (px, py). The paper's first training row (gpt4/Newton_Magnetic/0/
// output_conversation.txt) checks it: F = (5,-8), (-6,9), (8,7) gives p = (5,-8), (12,-2), (21,18).
func NewtonMagnetic() *task.Task {
	t := newton("newton_magnetic", "rnn_newton_magnetic_numerical",
		"2-D position of a unit charge in a unit magnetic field under force (Fx, Fy) (a = F + v·R; v += a; p += v)",
		func(a, f, _, v []float64) { a[0], a[1] = f[0]-v[1], f[1]+v[0] })
	t.InputNames, t.OutputNames = []string{"Fx", "Fy"}, []string{"px", "py"}
	gen := ints(2, -10, 11)
	t.Generate, t.Alphabet = gen.Generate, gen.Alphabet
	return t
}

// accelerate writes into a the acceleration under force f at position p and velocity v.
type accelerate func(a, f, p, v []float64)

// newton makes a one-dimensional Newton task ("F" in, "p" out) from its law of acceleration.
func newton(name, alias, description string, law accelerate) *task.Task {
	t := mips(name, alias, description, shortLength, ints(1, -10, 11), simulate(law))
	t.InputNames, t.OutputNames = []string{"F"}, []string{"p"}
	return t
}

// simulate makes the reference that integrates the law from rest at the origin, in as many
// dimensions as the input has channels, and outputs the position after every step.
func simulate(law accelerate) task.Reference {
	return func(xs [][]float64) [][]float64 {
		ys := make([][]float64, len(xs))
		if len(xs) == 0 {
			return ys
		}
		d := len(xs[0])
		p, v, a := make([]float64, d), make([]float64, d), make([]float64, d)
		for t, f := range xs {
			law(a, f, p, v)
			physics.SymplecticEuler(p, v, a, 1)
			ys[t] = append([]float64(nil), p...)
		}
		return ys
	}
}
