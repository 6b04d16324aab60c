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
// Cost: the sines and cosines are most of the time of a step (21 per input, position and
// sequence, and as many again in the backward pass), so the search uses the periodic path in
// small models: one sub-MLP of arity 1 reads a prefix sum and writes its residue.

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

// periodicFreqs returns the frequencies of the cosine features and of the sine features of
// the periods 2..maxModulus.
func periodicFreqs(maxModulus int) (cos, sin []float64) {
	seen := map[[2]int]bool{}
	for m := 2; m <= maxModulus; m++ {
		for j := 1; 2*j <= m; j++ {
			g := gcd(j, m)
			key := [2]int{j / g, m / g}
			if seen[key] {
				continue
			}
			seen[key] = true
			f := float64(j) / float64(m)
			cos = append(cos, f)
			if 2*j != m {
				sin = append(sin, f)
			}
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

// periodicPath computes the periodic part of M sub-MLPs from their features [M, N, P]: [M, N, 1].
func (m *Model) periodicPath(ctx *context.Context, feats *Node) *Node {
	g := feats.Graph()
	dims := feats.Shape().Dimensions
	M, P := dims[0], dims[2]
	zero := ctx.WithInitializer(initializers.Zero)
	coef := MulScalar(zero.VariableWithShape("periodic_out", shapeF(M, P)).ValueGraph(g), ParamLinearLR.Get(ctx)) // holds c/linear_lr
	return batchMatMul(feats, ExpandAxes(coef, 2))
}

// periodicFeatures computes the periodic features of M sub-MLPs' inputs u [M, N, A]: [M, N, P].
// (Mixing the features of every slot by the input selection instead, so that in Soft mode the
// periodic path pulls the selection towards the slot whose residue fits, was measured: twice
// the time, and no better on add_mod_5.)
//
// The derivative is written out, not left to automatic differentiation: d cos(a)/da = −sin(a)
// and d sin(a)/da = cos(a) are features the forward pass has already computed, whereas the
// automatic backward pass evaluates every sine and cosine a second time (the trigonometric
// functions were 42% of a periodic model's training step). Each feature is written as
//
//	φ = c + (a − stop(a))·stop(c′)
//
// whose value is exactly c (the second term is 0·c′) and whose gradient is exactly c′·da: the
// same values and gradients as before, half the sines and cosines (TestPeriodicGradient).
func (p Periodicity) features(u *Node) *Node {
	g := u.Graph()
	dims := u.Shape().Dimensions
	M, N, A := dims[0], dims[1], dims[2]
	v := p.valuesGraph(u) // [M, N, G]
	cosF, sinF := periodicFreqs(p.MaxModulus)
	angles := func(freqs []float64) *Node {
		w := make([]float32, len(freqs))
		for i, f := range freqs {
			w[i] = float32(2 * math.Pi * f)
		}
		return Mul(ExpandAxes(v, 3), Reshape(Const(g, w), 1, 1, 1, len(freqs))) // [M, N, G, F]
	}
	// sinF is cosF without its first frequency, 1/2 (sin(πv) = 0 on integers): the sines of the
	// sine features are a slice of the sines the cosines' derivative needs. (The
	// stops keep automatic differentiation out of the constant parts: simplego has no Pad, which
	// a slice's gradient needs.)
	a, aSin := angles(cosF), angles(sinF)
	frozen := StopGradient(a)
	c, s := StopGradient(Cos(frozen)), StopGradient(Sin(frozen))
	skip := len(cosF) - len(sinF)
	cSin := StopGradient(SliceAxis(c, 3, AxisRangeToEnd(skip)))
	sSin := StopGradient(SliceAxis(s, 3, AxisRangeToEnd(skip)))
	cosFeats := Add(c, Mul(Sub(a, frozen), Neg(s)))
	sinFeats := Add(sSin, Mul(Sub(aSin, StopGradient(aSin)), cSin))
	feats := Concatenate([]*Node{cosFeats, sinFeats}, 3)
	return Reshape(feats, M, N, p.groups(A)*(len(cosF)+len(sinF)))
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
