// Package physics holds the simulators of physical systems, registered as tasks like the
// algorithmic ones, and the integrator they all share (SymplecticEuler, also used by the integer
// Newton tasks of the MIPS benchmark, which are the same integrator with unit time step and
// integer forces).
//
// # Why these tasks
//
// The Discrete Transformer claims that, unlike MIPS, it can extract programs for tasks whose
// intermediate quantities are continuous: velocities, accelerations, forces. A physical system
// observed one time step at a time is the simplest such task. Its one-step law is short enough to
// read, its constants are known exactly (so a recovered constant can be compared with the truth),
// and it has invariants (energy, angular momentum) that show whether a learned program behaves
// like the physics over long roll-outs, not just over one step.
//
// # Framing
//
// Every system is a particle (1-D or 2-D; the pendulum's coordinate is its angle) simulated with
// symplectic Euler at a fixed time step dt:
//
//	v[t+1] = v[t] + dt·a(p[t], v[t], u[t])
//	p[t+1] = p[t] + dt·v[t+1]
//
// where u[t] are the external inputs at step t (a force F_t, or a per-sequence parameter such as
// the spring constant k). A task's input sequence is what is observed at each step: the
// position(s) p[t] followed by the external inputs u[t]. The velocity is NOT observed. The target
// at position t is the next position p[t+1] (output channels "next_x", "next_y", ...).
//
// Under this integrator the velocity is exactly the backward difference of the observed
// positions, v[t] = (p[t] − p[t−1])/dt, so the exact one-step law in observables is
//
//	p[t+1] = 2·p[t] − p[t−1] + dt²·a(p[t], (p[t] − p[t−1])/dt, u[t])
//
// To compute it a model must fetch p[t−1] with attention (a previous-1 pointer) and compute a
// velocity and an acceleration as real-valued intermediate quantities in its MLPs. Position 0 has
// no earlier observation, so its target cannot be known: every physics task has Warmup = 1 (the
// target at t = 0 is not scored). The reference still returns a finite value there, the law with
// p[−1] taken equal to p[0] (zero velocity), so that shapes and finiteness checks are uniform.
//
// The reference function computes from the observations alone (it does not peek at a longer
// simulation): at the last position it gives p[T] by the same law. It equals the simulator's next
// position up to floating-point rounding (about 1e-13), because it reconstructs v[t] from the
// positions and then calls SymplecticEuler exactly as the simulator does.
//
// # Units, time step and lengths
//
// All quantities are nondimensional: a time unit and a length unit in which the physical
// constants are of order one, so that positions stay of order 1–10 over the training length and
// over five times that length (verification runs longer sequences). The time step is dt = 0.1
// for every system, so dt² = 0.01 multiplies every acceleration in the one-step laws. The
// training length is TrainLength = 20 positions.
//
// Initial conditions (and forces and parameters) are drawn per sequence, only from the generator's
// rng, in a fixed order: initial state first, then one input vector per step. Hence a sequence of
// length n drawn from a seed is a prefix of the sequence of length n+1 drawn from the same seed.
//
// # Systems
//
// free_fall, spring, damped_spring, driven_spring, spring_k, pendulum, projectile_drag, magnetic
// and kepler; then the nonlinear oscillators duffing (a cubic spring), double_well and
// van_der_pol (a cubic damping: a limit cycle), driven_pendulum (damped, driven by an observed
// torque) and coupled_springs (two masses, 2 × 1-D); see Systems for their order and each
// constructor for its constants, ranges and law. Each System records its true one-step law as text, its constants, the true coefficients of
// the law written in observables (for comparison with recovered constants), and the invariants of
// the continuous system together with what of them survives discretisation.
//
// # Recordings
//
// Record simulates an experiment: the same trajectories with Gaussian observation noise on the
// positions (relative to their spread), the targets the next noisy observations. NoiseTask makes
// a task of such recordings (task.FromSequences: trained, selected and certified on separate
// recorded sequences, with no reference function), and NoiseTasks every system at every level
// of NoiseLevels: the noise study (w2c bench -suite noise, w2c figures).
//
// Two facts about symplectic Euler matter for the invariants, and the tests check both:
//
//   - For conservative forces a = −∇U(p) the method is symplectic: energy is not conserved but
//     oscillates without drift (for quadratic U the shadow energy E − (dt/2)·v·∇U is conserved
//     exactly). For central forces (Kepler) angular momentum p × v is conserved exactly.
//   - For forces that depend on the velocity (drag, damping, the magnetic force) the method uses
//     the old velocity, so it is no longer a rotation for the magnetic force: each step multiplies
//     the speed by sqrt(1 + (ω·dt)²), and the orbit is a slowly widening spiral rather than a
//     circle. This is the system being learned (the simulator is the ground truth), so it is kept,
//     with ω·dt small enough that the spiral widens by 13% over five training lengths.
package physics
