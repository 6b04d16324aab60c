package dt

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// ParamAutoregressive makes a model autoregressive.
var ParamAutoregressive = declare("autoregressive", false, "Heads may read the model's own outputs at earlier positions (see autoregressive.go).")

// An autoregressive model (-set autoregressive=true) reads its own outputs back: the stream has,
// after "pos" and "one", one slot per output channel holding the model's output, which heads may
// read at earlier positions only (families=previous, offsets k >= 1, or families=learned, whose
// maps look at j < t and whose keys are never outputs, see learned.go; no sub-MLP nor the
// readout reads them at t). It is how a state that the outputs carry forward is computed by a fixed
// number of layers for every length: the position of a mass on a spring is
// p[t] = p[t-1] - p[t-2] + F[t], which no window of F of fixed width gives, and the carry of an
// addition is known from the digits and the output bit before it. The program then reads its
// own output at t-1, as an RNN reads its state (MIPS's models are RNNs).
//
// Training uses teacher forcing: the slots hold the targets, so a step is one pass and the model
// learns a law of its inputs and past outputs like any other. Without targets (prediction,
// metrics of the free-running model, extraction) the model runs T passes, each reading the
// outputs of the one before from 0: pass i makes positions < i exact, so T passes compute the
// recursion everywhere (the same weights and choices each time).
//
// Pass i runs on the first i+1 positions only. Why it is the same model: every family reads
// positions at or before t (the maps are causal, the position slot counts from 0, a prefix mean
// divides by t+1), so a pass over a prefix gives the prefix's outputs of a pass over the whole
// sequence; and pass i+1 reads back only positions <= i (offsets k >= 1). The positions after
// the prefix, which the full pass would fill with outputs computed from outputs not yet exact,
// hold 0 and are read by nothing. It costs the sum of the prefixes, T(T+1)/2 positions instead
// of T^2 (55% at T = 10). TestAutoregressiveFixedPoint checks the result: the model reading back
// its own free-running outputs (teacher forcing) gives them again.
func (m *Model) autoregressive(ctx *context.Context, x *Node, pass Pass) *Outputs {
	if pass.Targets != nil {
		return m.forward(ctx, x, pass.Targets, pass)
	}
	d := x.Shape().Dimensions
	B, T, K := d[0], d[1], len(m.Outputs)
	feedback := Zeros(x.Graph(), shapeF(B, T, K))
	c := ctx
	for i := 0; i < T-1; i++ {
		prefix := AxisRange(0, i+1)
		out := m.forward(c, SliceAxis(x, 1, prefix), SliceAxis(feedback, 1, prefix), pass)
		feedback = Concatenate([]*Node{out.Y, Zeros(x.Graph(), shapeF(B, T-i-1, K))}, 1)
		c = ctx.Checked(false) // every pass after the first reads the variables it made
	}
	return m.forward(c, x, feedback, pass)
}

// lagPrior is the initial logit offset that puts an autoregressive model's heads on distinct
// lags (see lag). It is large: the heads stay on their lags, and what is learnt is which lags the
// sub-MLPs read, and their law. (With offsets of 1.5 and 4, measured: the second head of
// newton_gravity drifts from p[t-2] to p[t-1], whose correlation with p[t] is larger, in 3 of 3
// seeds, and the law is lost; with 20, 3 of 3 exact.)
const lagPrior = 20.0

// lag is the (slot, offset) that head h of an autoregressive model starts leaning to: the
// outputs read back at offsets 1, 2, … first, then the inputs at offsets 1, 2, …, one head each,
// in that order (newton_spring, 3 heads: p[t-1], p[t-2], F[t-1]). Why: the law of a recursion
// reads several lags of the same few slots, and heads that start alike end alike (measured on
// newton_spring: two heads on F[t-1], or on p[t-1], in 2 of 3 seeds without it); and among the
// lags of an output the most correlated one is rarely the law's (p[t-6] for the spring, whose
// discrete period is 6). Keep max_offset small with it: the lags run through the offsets first.
func (m *Model) lag(h int) (slot, offset int) {
	var order []int
	for k := range m.Outputs {
		order = append(order, len(m.Inputs)+2+k)
	}
	for i := range m.Inputs {
		order = append(order, i)
	}
	K := ParamMaxOffset.Get(m.Ctx)
	outs := len(m.Outputs) * K
	if h < outs {
		return order[h%len(m.Outputs)], h/len(m.Outputs) + 1
	}
	h = (h - outs) % (len(m.Inputs) * K)
	return order[len(m.Outputs)+h%len(m.Inputs)], h/len(m.Inputs) + 1
}

// valuePrior is the prior of head h's value slot: data slots only, and in an autoregressive model
// the slot of its lag ahead by lagPrior.
func (m *Model) valuePrior(h, s int) float32 {
	p := m.dataSlot(s)
	if p > Forbidden && ParamAutoregressive.Get(m.Ctx) {
		if slot, _ := m.lag(h); slot == s {
			p += lagPrior
		}
	}
	return p
}

// offsetPrior is the prior of head h's offset k+1: none, but in an autoregressive model the
// offset of its lag, ahead by lagPrior.
func (m *Model) offsetPrior(h, k int) float32 {
	if ParamAutoregressive.Get(m.Ctx) {
		if _, off := m.lag(h); off == k+1 {
			return lagPrior
		}
	}
	return 0
}
