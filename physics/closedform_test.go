package physics

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// The simulators are checked against what symplectic Euler must produce, in closed form where
// the discrete system has one, and through its invariants where it does not.

// near reports whether a and b agree to tol relative to their size (absolute below 1).
func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(1, math.Abs(a), math.Abs(b))
}

// drawn returns the initial state and inputs of sequence i of a system, and its simulation.
func drawn(s *System, i, n int) (State, [][]float64, []State) {
	init, u := s.Draw(task.RNG(7, task.StreamTest, int64(i)), n)
	return init, u, s.Simulate(init, u, n)
}

// rotationSolution is the solution of x[n+1] = 2·cos θ·x[n] − x[n−1] with the given x[0], x[1].
func rotationSolution(x0, x1, theta float64, n int) float64 {
	b := (x1 - x0*math.Cos(theta)) / math.Sin(theta)
	return x0*math.Cos(float64(n)*theta) + b*math.Sin(float64(n)*theta)
}

func TestFreeFallClosedForm(t *testing.T) {
	s := FreeFall()
	g, dt := s.Constant("g"), s.DT
	for i := range 5 {
		init, _, st := drawn(s, i, 1000)
		for n, x := range st {
			fn := float64(n)
			want := init.P[0] + fn*dt*init.V[0] - g*dt*dt*fn*(fn+1)/2
			if !near(x.P[0], want, 1e-10) {
				t.Fatalf("seq %d step %d: x = %v, closed form %v", i, n, x.P[0], want)
			}
			if !near(x.V[0], init.V[0]-fn*g*dt, 1e-10) {
				t.Fatalf("seq %d step %d: v = %v, want %v", i, n, x.V[0], init.V[0]-fn*g*dt)
			}
		}
	}
}

func TestSpringClosedForm(t *testing.T) {
	for _, s := range []*System{Spring(), SpringK()} {
		for i := range 5 {
			init, u, st := drawn(s, i, 1000)
			k := springK
			if s.Name == "spring_k" {
				k = u[0][0]
			}
			h := s.DT
			theta := math.Acos(1 - h*h*k/2) // cos(ω'·dt) = 1 − dt²k/2
			x1 := (1-h*h*k)*init.P[0] + h*init.V[0]
			for n, x := range st {
				if want := rotationSolution(init.P[0], x1, theta, n); !near(x.P[0], want, 1e-9) {
					t.Fatalf("%s seq %d step %d: x = %v, closed form %v", s.Name, i, n, x.P[0], want)
				}
			}
		}
	}
}

func TestDampedSpringClosedForm(t *testing.T) {
	s := DampedSpring()
	k, c, h := s.Constant("k"), s.Constant("c"), s.DT
	// x[n+1] = 2ρ·cos φ·x[n] − ρ²·x[n−1], ρ² = 1 − dt·c: x[n] = ρⁿ·(A·cos nφ + B·sin nφ).
	rho := math.Sqrt(1 - h*c)
	phi := math.Acos((2 - h*h*k - h*c) / (2 * rho))
	for i := range 5 {
		init, _, st := drawn(s, i, 1000)
		x1 := (1-h*h*k)*init.P[0] + h*(1-h*c)*init.V[0]
		for n, x := range st {
			want := math.Pow(rho, float64(n)) * rotationSolution(init.P[0], x1/rho, phi, n)
			if !near(x.P[0], want, 1e-9) {
				t.Fatalf("seq %d step %d: x = %v, closed form %v", i, n, x.P[0], want)
			}
		}
	}
}

func TestDrivenSpringClosedForm(t *testing.T) {
	s := DrivenSpring()
	k, h := s.Constant("k"), s.DT
	theta := math.Acos(1 - h*h*k/2)
	for i := range 3 {
		init, u, st := drawn(s, i, 300)
		x1 := (1-h*h*k)*init.P[0] + h*init.V[0]
		for n, x := range st {
			// Free oscillation plus the response to each push: F_j moves x[n] by
			// dt²·F_j·sin((n−j)θ)/sin θ for n > j (the discrete Green's function).
			want := rotationSolution(init.P[0], x1, theta, n)
			for j := 0; j < n; j++ {
				want += h * h * u[j][0] * math.Sin(float64(n-j)*theta) / math.Sin(theta)
			}
			if !near(x.P[0], want, 1e-9) {
				t.Fatalf("seq %d step %d: x = %v, closed form %v", i, n, x.P[0], want)
			}
		}
	}
}

func TestProjectileDragClosedForm(t *testing.T) {
	s := ProjectileDrag()
	g, gamma, h := s.Constant("g"), s.Constant("gamma"), s.DT
	d := 1 - h*gamma // the velocity relaxes geometrically toward (0, −g/γ)
	for i := range 5 {
		init, _, st := drawn(s, i, 1000)
		vx0, vy0 := init.V[0], init.V[1]
		for n, x := range st {
			dn := math.Pow(d, float64(n))
			wantVx := dn * vx0
			wantVy := dn*vy0 - g/gamma*(1-dn)
			wantX := init.P[0] + vx0/gamma*d*(1-dn)
			wantY := init.P[1] + (vy0+g/gamma)/gamma*d*(1-dn) - g/gamma*float64(n)*h
			if !near(x.V[0], wantVx, 1e-9) || !near(x.V[1], wantVy, 1e-9) ||
				!near(x.P[0], wantX, 1e-9) || !near(x.P[1], wantY, 1e-9) {
				t.Fatalf("seq %d step %d: state %v, closed form p=(%v, %v) v=(%v, %v)", i, n, x, wantX, wantY, wantVx, wantVy)
			}
		}
	}
}

func TestMagneticClosedForm(t *testing.T) {
	s := Magnetic()
	omega, h := s.Constant("omega"), s.DT
	// V = v_x + i·v_y: each step V ← λ·V with λ = 1 − i·ω·dt, and P ← P + dt·V, so
	// V[n] = λⁿ·V0 and P[n] = P0 + dt·V0·λ·(λⁿ − 1)/(λ − 1): a spiral, |λ| = √(1 + (ω·dt)²) > 1.
	lambda := complex(1, -omega*h)
	for i := range 5 {
		init, _, st := drawn(s, i, 1000)
		p0, v0 := complex(init.P[0], init.P[1]), complex(init.V[0], init.V[1])
		for n, x := range st {
			ln := cmplx.Pow(lambda, complex(float64(n), 0))
			wantV := ln * v0
			wantP := p0 + complex(h, 0)*v0*lambda*(ln-1)/(lambda-1)
			if !near(x.P[0], real(wantP), 1e-9) || !near(x.P[1], imag(wantP), 1e-9) ||
				!near(x.V[0], real(wantV), 1e-9) || !near(x.V[1], imag(wantV), 1e-9) {
				t.Fatalf("seq %d step %d: state %v, closed form p=%v v=%v", i, n, x, wantP, wantV)
			}
		}
	}
}

// TestShadowEnergies checks the exactly conserved quadratic invariants of symplectic Euler for
// the quadratic potentials: E − (dt/2)·v·∇U, with ∇U = g (free fall) or k·x (springs), while the
// plain energy of free fall drifts by exactly −g²dt²/2 per step.
func TestShadowEnergies(t *testing.T) {
	ff := FreeFall()
	g, h := ff.Constant("g"), ff.DT
	_, _, st := drawn(ff, 0, 1000)
	e0 := ff.Invariants[0].Eval(st[0], nil)
	for n, x := range st {
		e := ff.Invariants[0].Eval(x, nil)
		if !near(e-h/2*g*x.V[0], e0-h/2*g*st[0].V[0], 1e-9) {
			t.Fatalf("free_fall step %d: shadow energy not conserved", n)
		}
		if !near(e, e0-float64(n)*g*g*h*h/2, 1e-9) {
			t.Fatalf("free_fall step %d: energy %v, want drift to %v", n, e, e0-float64(n)*g*g*h*h/2)
		}
	}
	for _, s := range []*System{Spring(), SpringK()} {
		for i := range 3 {
			_, u, st := drawn(s, i, 10000)
			k := springK
			if u != nil {
				k = u[0][0]
			}
			shadow := func(x State) float64 { return springEnergy(x, k) - h/2*k*x.P[0]*x.V[0] }
			want := shadow(st[0])
			for n, x := range st {
				if !near(shadow(x), want, 1e-9) {
					t.Fatalf("%s seq %d step %d: shadow energy %v, want %v", s.Name, i, n, shadow(x), want)
				}
			}
		}
	}
}

// TestMagneticKineticEnergyGrowth checks the exact discrete law of the magnetic system's
// kinetic energy: multiplied by 1 + (ω·dt)² each step, where the continuous one is constant.
func TestMagneticKineticEnergyGrowth(t *testing.T) {
	s := Magnetic()
	f := 1 + math.Pow(s.Constant("omega")*s.DT, 2)
	for i := range 5 {
		_, _, st := drawn(s, i, 1000)
		ke := s.Invariants[0]
		for n := 1; n < len(st); n++ {
			if !near(ke.Eval(st[n], nil), f*ke.Eval(st[n-1], nil), 1e-12) {
				t.Fatalf("seq %d step %d: kinetic energy %v, want %v", i, n, ke.Eval(st[n], nil), f*ke.Eval(st[n-1], nil))
			}
		}
	}
}

func TestKeplerState(t *testing.T) {
	s := Kepler()
	L, E := s.Invariants[0], s.Invariants[1]
	for _, c := range []struct{ a, e, varpi, nu float64 }{{3, 0, 0, 0}, {2.5, 0.29, 1, 2}, {4, 0.1, 5, 4}} {
		for _, retro := range []bool{false, true} {
			st := KeplerState(c.a, c.e, c.varpi, c.nu, retro)
			wantL := math.Sqrt(GMValue * c.a * (1 - c.e*c.e))
			if retro {
				wantL = -wantL
			}
			if !near(E.Eval(st, nil), -GMValue/(2*c.a), 1e-12) || !near(L.Eval(st, nil), wantL, 1e-12) {
				t.Errorf("KeplerState%v retro=%v: E=%v L=%v, want %v %v", c, retro,
					E.Eval(st, nil), L.Eval(st, nil), -GMValue/(2*c.a), wantL)
			}
		}
	}
}

// TestKeplerInvariants: angular momentum is conserved exactly by symplectic Euler for a central
// force, the energy only oscillates (bounded, no drift over 10⁴ steps, about 60 orbits), and the
// orbit stays bound.
func TestKeplerInvariants(t *testing.T) {
	s := Kepler()
	L, E := s.Invariants[0], s.Invariants[1]
	const steps, window = 10000, 1000
	for i := range 20 {
		_, _, st := drawn(s, i, steps)
		l0 := L.Eval(st[0], nil)
		var first, last float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for n, x := range st {
			if l := L.Eval(x, nil); !near(l, l0, 1e-11) {
				t.Fatalf("seq %d step %d: angular momentum %v, initially %v", i, n, l, l0)
			}
			if r := math.Hypot(x.P[0], x.P[1]); r < 1.5 || r > 6 {
				t.Fatalf("seq %d step %d: r = %v outside [1.5, 6]", i, n, r)
			}
			e := E.Eval(x, nil)
			lo, hi = min(lo, e), max(hi, e)
			if n < window {
				first += e / window
			} else if n >= steps+1-window {
				last += e / window
			}
		}
		e0 := E.Eval(st[0], nil)
		if e0 >= 0 || (hi-lo) > 0.15*math.Abs(e0) {
			t.Errorf("seq %d: energy %v, band [%v, %v] too wide", i, e0, lo, hi)
		}
		if math.Abs(last-first) > 0.01*math.Abs(e0) {
			t.Errorf("seq %d: energy drifts: mean %v over the first %d steps, %v over the last", i, first, window, last)
		}
	}
}

// TestPendulumInvariants: the energy stays in a bounded band without drift, and the pendulum
// swings without going over the top, over 10⁴ steps.
func TestPendulumInvariants(t *testing.T) {
	s := Pendulum()
	E := s.Invariants[0]
	w2 := s.Constant("g") / s.Constant("L")
	const steps, window = 10000, 1000
	for i := range 20 {
		_, _, st := drawn(s, i, steps)
		var first, last float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for n, x := range st {
			if math.Abs(x.P[0]) > 2.5 {
				t.Fatalf("seq %d step %d: θ = %v, pendulum should swing below 2.5 rad", i, n, x.P[0])
			}
			e := E.Eval(x, nil)
			lo, hi = min(lo, e), max(hi, e)
			if n < window {
				first += e / window
			} else if n >= steps+1-window {
				last += e / window
			}
		}
		if hi-lo > 0.5*w2 { // energies range over [−g/L, g/L]; the band is a small part of it
			t.Errorf("seq %d: energy band [%v, %v] too wide", i, lo, hi)
		}
		if math.Abs(last-first) > 0.01*w2 {
			t.Errorf("seq %d: energy drifts: mean %v over the first %d steps, %v over the last", i, first, window, last)
		}
	}
}

// TestPendulumSmallAngles: for small swings the pendulum is the spring with k = g/L.
func TestPendulumSmallAngles(t *testing.T) {
	p, sp := Pendulum(), Spring()
	init := State{P: []float64{1e-3}, V: []float64{0}}
	a, b := p.Simulate(init, nil, 100), sp.Simulate(init, nil, 100)
	for n := range a {
		if math.Abs(a[n].P[0]-b[n].P[0]) > 1e-8 {
			t.Fatalf("step %d: pendulum %v, spring %v", n, a[n].P[0], b[n].P[0])
		}
	}
}
