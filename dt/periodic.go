package dt

import (
	"math"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
)

// The periodic path (opt-in, -set periodic=true) adds to every sub-MLP a third part: a linear
// combination of fixed Fourier features of its inputs,
//
//	f(u) = w·u + b + D * MLP(u / D) + Σ_p c_p φ_p(u)
//
// with φ the cosines and sines of 2π·(j/m)·v for every modulus m = 2..max_modulus, j = 1..m/2,
// where v is each input u_a, (arity ≥ 2) the sum of the inputs and, with periodic_differences,
// the difference of every two (see Periodicity): the parity of the zeros so far is
// (pos + 1 − S) mod 2 = (S + pos + 1) mod 2, the parity of the last four bits
// (x + x[t-1] + x[t-2] + x[t-3]) mod 2.
//
// Why: a great part of MIPS is modular arithmetic (parity_all, add_mod_3..8, evens_detector,
// bit_dot_prod_mod2, …), and a ReLU network of 16 units on a range of 0..70 does not learn a
// sawtooth of period 5: it has the spectral bias towards smooth functions that every gradient
// learner has. On integers, any function of v mod m is exactly a combination of these features
// (a discrete Fourier series), so the periodic path makes "mod m" as easy to learn as the linear
// path makes sums: the coefficients are linear parameters, which gradient descent finds and the
// refit (refit.go) solves exactly. Extraction does not look inside: symbolic regression sees
// only a sub-MLP's inputs and outputs, and writes mod(v, m) where that is the function.
//
// The frequencies are fixed, not learned: a learned frequency sees a gradient that oscillates
// with the data, and no optimizer follows it. Only reduced fractions j/m are kept (2/4 = 1/2), and
// no sin(πv), which is 0 on integers and would only add a useless, collinear column.
//
// Cost: 21 features per value (79 up to period 16), at every position of every sequence. The
// path evaluates few sines and cosines and writes its derivative out (see path); still, a
// periodic model's step costs about twice a plain one's, so the search uses the periodic path
// in small models: one sub-MLP of arity 1 reads a prefix sum and writes its residue.

// ParamPeriodic switches the periodic path on.
var ParamPeriodic = declare("periodic", false, "Sub-MLPs add fixed Fourier features of their inputs (periods 2 to max_modulus).")

// ParamMaxModulus is the largest period of the periodic features. The default, 8, covers the
// residues of bits and small digits (parity, add_mod_3..8); a quantity quantized in steps of up to
// 16 levels (decimal or hexadecimal digits, an error-diffusion dither of 16 levels: floor(S/15))
// needs up to 16. The number of features grows with its square (21 at 8, 79 at 16), and so does
// the periodic path's share of a training step, so the search raises it only where smaller
// moduli failed.
var ParamMaxModulus = declare("max_modulus", 8, "Largest period of the periodic features (2 to 32).", func(v int) string {
	if v < 2 || v > 32 {
		return "must be between 2 and 32"
	}
	return ""
})

// ParamPeriodicDifferences adds the features of the differences of a sub-MLP's inputs.
var ParamPeriodicDifferences = declare("periodic_differences", false, "The periodic features also read the difference of every two inputs.")

// Periodicity says which periodic features a sub-MLP has: the periods 2..MaxModulus of each
// input, of the sum of its inputs and, with Differences, of the difference of every two.
//
// Why differences: the carry out of adding x to a running total S kept mod m is
// floor(S/m) − floor((S − x)/m) = (x − S mod m + (S − x) mod m)/m, a residue of S − x, which
// the sum's features (S + x) do not give. With them a sub-MLP reading S and x writes the
// one-bit dither of MIPS (m = 15) or the overflow of any counter exactly, as it writes
// (x + x[t-1]) mod 3 with the sum's.
type Periodicity struct {
	MaxModulus  int
	Differences bool
}

// PeriodicityOf reads a model's periodicity from its hyperparameters.
func PeriodicityOf(ctx *context.Context) Periodicity {
	return Periodicity{MaxModulus: ParamMaxModulus.Get(ctx), Differences: ParamPeriodicDifferences.Get(ctx)}
}

// periodicFractions returns the reduced fractions j/m (m = 2..maxModulus, 2j <= m) whose
// cosines are features, as {j, m}, in the order of the features.
func periodicFractions(maxModulus int) [][2]int {
	var out [][2]int
	for m := 2; m <= maxModulus; m++ {
		for j := 1; 2*j <= m; j++ {
			if gcd(j, m) == 1 {
				out = append(out, [2]int{j, m})
			}
		}
	}
	return out
}

// periodicFreqs returns the frequencies of the cosine features and of the sine features of
// the periods 2..maxModulus: the sines are the cosines' frequencies without the first, 1/2.
func periodicFreqs(maxModulus int) (cos, sin []float64) {
	for _, f := range periodicFractions(maxModulus) {
		cos = append(cos, float64(f[0])/float64(f[1]))
		if 2*f[0] != f[1] {
			sin = append(sin, float64(f[0])/float64(f[1]))
		}
	}
	return cos, sin
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// groups is the number of values a sub-MLP of arity A takes features of: each input, their sum
// when there are several and, with Differences, the difference of every two.
func (p Periodicity) groups(A int) int {
	if A == 1 {
		return 1
	}
	if p.Differences {
		return A + 1 + A*(A-1)/2
	}
	return A + 1
}

// values returns the values an input vector's features are taken of, in the graph's order.
func (p Periodicity) values(u []float64) []float64 {
	vals := append([]float64{}, u...)
	if len(u) == 1 {
		return vals
	}
	var s float64
	for _, x := range u {
		s += x
	}
	vals = append(vals, s)
	if p.Differences {
		for i := range u {
			for j := i + 1; j < len(u); j++ {
				vals = append(vals, u[i]-u[j])
			}
		}
	}
	return vals
}

// FeatureCount is the number of periodic features of a sub-MLP of arity A.
func (p Periodicity) FeatureCount(A int) int {
	cos, sin := periodicFreqs(p.MaxModulus)
	return p.groups(A) * (len(cos) + len(sin))
}

// periodicPath computes the periodic part of M sub-MLPs from their inputs u [M, N, A]: [M, N, 1].
// (Mixing the features of every slot by the input selection instead, so that in Soft mode the
// periodic path pulls the selection towards the slot whose residue fits, was measured: twice
// the time, and no better on add_mod_5.)
func (m *Model) periodicPath(ctx *context.Context, p Periodicity, u *Node) *Node {
	dims := u.Shape().Dimensions
	zero := ctx.WithInitializer(initializers.Zero)
	coef := zero.VariableWithShape("periodic_out", shapeF(dims[0], p.FeatureCount(dims[2]))).ValueGraph(u.Graph())
	return p.path(u, MulScalar(coef, ParamLinearLR.Get(ctx))) // the variable holds c/linear_lr
}

// path is Σ_p c_p φ_p(u) for M sub-MLPs' inputs u [M, N, A] and coefficients c [M, P] (in the
// order of Features): [M, N, 1].
//
// Its derivative is written out, not left to automatic differentiation, which would evaluate
// every sine and cosine again, and route the gradient through a [M, N, P] tensor of features
// in four layouts (the periodic path was 72% of a periodic model's training step). With X the
// cosines and sines of every frequency at each value v (held constant), the path is
//
//	value = Σ_k X_k·c'_k,   slope = Σ_k X_k·d_k   (d/dv cos(ωv) = −ω sin(ωv), d/dv sin(ωv) = ω cos(ωv)),
//	path  = Σ_v value + (v − stop(v))·stop(slope)
//
// whose value is exactly Σ c_p φ_p (the second term is 0·slope) and whose gradients are
// exactly the definition's: φ for c, slope for v (TestPeriodicGradient). Both sums are one
// product of X with two rows of weights. X is made with few sines and cosines (see waves).
func (p Periodicity) path(u, coef *Node) *Node {
	g := u.Graph()
	dims := u.Shape().Dimensions
	M, N, A := dims[0], dims[1], dims[2]
	G := p.groups(A)
	fracs := periodicFractions(p.MaxModulus)
	K := len(fracs)
	F := 2*K - 1 // coefficients per value: K cosines, the sines but sin(πv)
	valueW, slopeW := p.pathWeights(fracs)
	c := Reshape(coef, M*G, F)
	w := Concatenate([]*Node{
		Reshape(matMul(c, Const(g, valueW)), M*G, 1, 2*K),
		StopGradient(Reshape(matMul(c, Const(g, slopeW)), M*G, 1, 2*K)),
	}, 1) // [M*G, 2, 2K]
	v := Transpose(p.valuesGraph(u), 1, 2)                     // [M, G, N]
	x := StopGradient(Reshape(p.waves(v, fracs), M*G, 2*K, N)) // [M*G, 2K, N]
	both := batchMatMul(w, x)                                  // [M*G, 2, N]: value, slope
	// row r of both, as [M*G, N] (a product, not a slice: see column).
	row := func(r int) *Node {
		sel := []float32{0, 0}
		sel[r] = 1
		return ReduceSum(Mul(both, Reshape(Const(g, sel), 1, 2, 1)), 1)
	}
	flat := Reshape(v, M*G, N)
	out := Add(row(0), Mul(Sub(flat, StopGradient(flat)), StopGradient(row(1))))
	return Reshape(ReduceSum(Reshape(out, M, G, N), 1), M, N, 1)
}

// pathWeights returns the matrices [F, 2K] that turn a value's coefficients (K cosines, then
// the K−1 sines but sin(πv), as in Features) into the weights of the waves (K cosines, then K
// sines, as in waves): of the value, and of its derivative.
func (p Periodicity) pathWeights(fracs [][2]int) (value, slope [][]float32) {
	K := len(fracs)
	value, slope = zeros(2*K-1, 2*K), zeros(2*K-1, 2*K)
	row := 0
	for k, f := range fracs { // cosine coefficients
		omega := float32(2 * math.Pi * float64(f[0]) / float64(f[1]))
		value[row][k], slope[row][K+k] = 1, -omega
		row++
	}
	for k, f := range fracs { // sine coefficients
		if 2*f[0] == f[1] {
			continue
		}
		omega := float32(2 * math.Pi * float64(f[0]) / float64(f[1]))
		value[row][K+k], slope[row][k] = 1, omega
		row++
	}
	return value, slope
}

// waves returns the cosines and then the sines of 2π·(j/m)·v for every fraction j/m, at every
// value v [M, G, N]: [M, G, 2K, N]. Sines and cosines are evaluated only at the fractions 1/m
// with 2m > MaxModulus (4 of 11 fractions up to 8, 8 of 40 up to 16); the others follow by
// the double angle (1/m from 1/(2m)) and the sum of angles (j/m from (j−1)/m and 1/m), products
// that cost a tenth of a sine each. (The features agree with Features to about 1e-6.)
func (p Periodicity) waves(v *Node, fracs [][2]int) *Node {
	type wave struct{ cos, sin *Node }
	memo := map[[2]int]wave{}
	var at func(j, m int) wave
	at = func(j, m int) wave {
		d := gcd(j, m)
		key := [2]int{j / d, m / d}
		if w, ok := memo[key]; ok {
			return w
		}
		j, m = key[0], key[1]
		var w wave
		switch {
		case j == 1 && 2*m > p.MaxModulus:
			a := MulScalar(v, 2*math.Pi/float64(m))
			w = wave{Cos(a), Sin(a)}
		case j == 1:
			h := at(1, 2*m)
			w = wave{AddScalar(MulScalar(Mul(h.cos, h.cos), 2), -1), MulScalar(Mul(h.sin, h.cos), 2)}
		default:
			a, b := at(j-1, m), at(1, m)
			w = wave{Sub(Mul(a.cos, b.cos), Mul(a.sin, b.sin)), Add(Mul(a.sin, b.cos), Mul(a.cos, b.sin))}
		}
		memo[key] = w
		return w
	}
	dims := v.Shape().Dimensions
	var cosines, sines []*Node
	for _, f := range fracs {
		w := at(f[0], f[1])
		cosines = append(cosines, Reshape(w.cos, dims[0], dims[1], 1, dims[2]))
		sines = append(sines, Reshape(w.sin, dims[0], dims[1], 1, dims[2]))
	}
	return Concatenate(append(cosines, sines...), 2)
}

// valuesGraph is values in the graph: u [M, N, A] gives [M, N, G].
func (p Periodicity) valuesGraph(u *Node) *Node {
	A := u.Shape().Dimensions[2]
	if A == 1 {
		return u
	}
	parts := []*Node{u, ReduceAndKeep(u, ReduceSum, 2)}
	if p.Differences {
		// u·D with D's columns e_i − e_j: a product, since simplego cannot differentiate a slice.
		pairs := A * (A - 1) / 2
		d := make([]float32, A*pairs) // [A, pairs], pairs in the order of values
		k := 0
		for i := range A {
			for j := i + 1; j < A; j++ {
				d[i*pairs+k], d[j*pairs+k] = 1, -1
				k++
			}
		}
		dims := u.Shape().Dimensions
		D := Reshape(Const(u.Graph(), d), A, pairs)
		diffs := Reshape(Dot(Reshape(u, dims[0]*dims[1], A), D), dims[0], dims[1], pairs)
		parts = append(parts, diffs)
	}
	return Concatenate(parts, 2)
}

// Features returns the periodic features at an input vector, in the graph's order.
func (p Periodicity) Features(u []float64) []float64 {
	cosF, sinF := periodicFreqs(p.MaxModulus)
	var out []float64
	for _, v := range p.values(u) {
		for _, f := range cosF {
			out = append(out, math.Cos(2*math.Pi*f*v))
		}
		for _, f := range sinF {
			out = append(out, math.Sin(2*math.Pi*f*v))
		}
	}
	return out
}
