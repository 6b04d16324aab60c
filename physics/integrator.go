package physics

// SymplecticEuler advances one particle by one step of size dt under the acceleration a:
//
//	v += a * dt
//	p += v * dt
//
// in place, per coordinate. It is the semi-implicit (symplectic) Euler method: the position
// update uses the new velocity. With positions observed at every step, it makes the exact
// one-step law p[t+1] = 2 p[t] - p[t-1] + dt^2 a[t], because v[t] = (p[t] - p[t-1]) / dt.
// The MIPS Newton tasks are this method with dt = 1 ("v += a; p += v").
func SymplecticEuler(p, v, a []float64, dt float64) {
	for i := range p {
		v[i] += a[i] * dt
		p[i] += v[i] * dt
	}
}
