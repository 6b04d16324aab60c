package dt

import (
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
)

// Learned-score attention (family "learned", opt-in: -set families=learned, or among others).
//
// Every other family is an exact pointer written down in advance; a learned head instead learns
// where to look from a score, as a Transformer's attention does, and extraction must then find
// out what it learnt by testing its maps against the hypothesis library (which can fail: a map
// that matches no hypothesis leaves the head unexplained). The head still only routes values:
// its map selects one earlier position, whose value slot it reads.
//
// The score of position j seen from position t (j <= t; j < t in an autoregressive model, see
// below) is a sum of terms, each a learnt scalar
// per head times a feature that the known pointers need, so that each of them is one setting of
// the scalars and the search can find it by gradient descent:
//
//	score(t, j) = rel[t-j]                   relative position, t-j = 0..max_offset (x[t-k])
//	            + recency·(j - t)            the latest (> 0) or the earliest (< 0) position
//	            + first·[j = 0]              position 0
//	            + rank·r_t(j)                the key's rank among the keys so far: the largest
//	                                         (> 0) or the smallest (< 0) key
//	            + equal·[k_j = k_t]          a position whose key equals the current one
//
// with k a key slot chosen like a value slot (Gumbel-softmax over the data slots, not an
// autoregressive model's outputs: see keySlot in model.go; the content terms of every candidate slot are
// mixed by its weights). The content features are scale-free,
// ranks and equalities rather than the keys themselves: with raw keys (0..99 for prev2's inputs)
// a content term dwarfs the position terms from the first steps, and prev2 was never learnt
// (hard loss 0.76 of the variance at the give-up check); with ranks it is.
//
// Beside the positions j <= t there is a null option with a learnt score of its own, which reads
// 0: a pointer with nowhere to point (x[t-2] at t = 1) reads 0, and a learned head must be able
// to as well (without it, prev2's head read x[t-1] at t = 1 and the model was never exact). The
// map is softmax(score/τ) over j <= t and the null option in the relaxed modes, with the
// choices' temperature τ, so that annealing sharpens it with them; the hard model takes the
// argmax (ties to the latest position, as the content pointers do; a zero row where the null
// option wins). Every scalar starts at 0 (but an autoregressive model's lag lean, below): the
// initial map is nearly the prefix mean, and each term must earn its weight.
//
// Measured (seed 1, one head, one sub-MLP, give_up=0, with the scalars at the choices' rate,
// before learned_lr below): prev2 verified through a head whose maps are x[t-2] (600 and 2,000
// steps), max_seen through one whose maps read x[argmax x[0..t]] (it took an earlier one of two
// equal maxima on 1.5% of rows, the same value: see the hypothesis package's ByValue; at
// learned_lr 1 and 800 steps its maps are x[argmax x[0..t]] on every row). With the give-up
// check at step 800 both stopped (hard loss 0.35 and 3.8 of the variance): a learned head
// settles later than a pointer family, which is why the family is not in the default ladder;
// bench.LearnedLadder searches with it.
//
// In an autoregressive model (autoregressive.go) learned heads look at earlier positions only,
// j < t, since the outputs the stream holds at t are the targets while training; and, like its
// pointer heads (lagPrior), each starts leaning to its own lag: its relative-position score at
// the lag's offset starts at lag_lean. Why: heads whose scores all start at 0 start alike and
// end alike. Measured (seed 1, three learned heads and one sub-MLP of arity 4, the learned
// ladder's l5_ar): with every score at 0, newton_spring's model was exact and newton_gravity's
// and newton_freebody's on 0% of sequences; with lag_lean 1, all three exact, with programs
// verified through heads identified as the output at t-1 and t-2 (lag_lean 2: the same on
// gravity). Random initial scores (learned_init 0.5) also gave the three, but on the one-layer
// rungs they lost diff_last2 (two learned heads: exact on 0% of sequences, 100% without), so
// learned_init stays 0 and the one-layer rungs train as before. newton_magnetic (four heads,
// two sub-MLPs) was exact on 0% with either.

// ParamLearnedLR is the learning rate of the learned scores' scalars, as a multiple of
// learning_rate (read as choice_lr is: the variable holds scalar/learned_lr, see choiceLogits).
var ParamLearnedLR = declare("learned_lr", 1.0, "Learning rate of learned-score heads' scalars, as a multiple of learning_rate (see dt/learned.go).", positive)

// Why learned_lr is below choice_lr: one scalar of a learned score moves a whole map (recency
// or rel[0] alone makes it read x[t]), where a choice logit moves one option among several. At
// the choices' rate (3), a head's maps were nearly hard within 100 steps (row entropy 0.04 at
// tau 0.68), before the sub-MLP had learnt what to do with the value read, and stayed on the
// pointer the target correlates with most at the start: diff_last2 and parity_last2 (one learned
// head, seed 1) were exact on 0% and 14% of sequences at rate 3, on 100% at rate 1; on 14 tasks
// with one learned head (seed 2), 9 models were exact at rate 1 and 6 at rate 3, none lost.
// (Measured and left out: Gumbel noise on the relative-position scores and the null option, as
// the choices explore: 18 exact of 28 runs with it and 18 without, over the same 14 tasks and
// seeds 1 and 2.)

// ParamLearnedInit is the standard deviation of the learned heads' initial relative-position
// scores (0: every score starts at 0).
var ParamLearnedInit = declare("learned_init", 0.0, "Standard deviation of learned-score heads' initial relative-position scores (see dt/learned.go).", atLeast(0.0))

// ParamLagLean is the initial relative-position score (at distance k) of a learned head of an
// autoregressive model on its lag's offset k (see lag): the learned counterpart of lagPrior.
var ParamLagLean = declare("lag_lean", 1.0, "Initial relative-position score of an autoregressive model's learned head at its lag (see dt/learned.go).", atLeast(0.0))

// relativeInit initializes the relative-position scores [H, R]: 0, plus in an autoregressive
// model lag_lean at each head's lag, plus normal noise of standard deviation learned_init. The
// variable holds score/lr (as the choice logits do, see priorInit).
func (m *Model) relativeInit(ctx *context.Context, H, R int, lr float64) initializers.VariableInitializer {
	lean, autoregressive := float32(ParamLagLean.Get(ctx)), ParamAutoregressive.Get(ctx)
	prior := func(h, k int) float32 {
		if !autoregressive {
			return 0
		}
		if _, lag := m.lag(h); k == lag {
			return lean
		}
		return 0
	}
	return priorInit(ctx, H, R, prior, ParamLearnedInit.Get(ctx), lr)
}

// learnedTieBreak is added to the score per position, so that ties go to the latest j (smaller
// than any learnt difference that matters: scores differ by O(1) at the end). It is added in
// every mode, so that the relaxed maps become the hard ones as the temperature goes to 0.
const learnedTieBreak = 1e-4

// learnedMaps returns the maps [B, H, T, T] of learned heads over the stream [B, T, S].
func (m *Model) learnedMaps(ctx *context.Context, c *choice, stream *Node) *Node {
	ctx = ctx.In("learned")
	g := stream.Graph()
	dims := stream.Shape().Dimensions
	B, T, S, H := dims[0], dims[1], dims[2], ParamHeads.Get(ctx)
	keyW := c.weights(ctx.Scope()+"/key", choiceLogits(ctx, g, "key_logits", H, S, m.keySlot))
	keys, kw := m.dataSlots(stream, keyW) // [B, S', T], [H, S']

	R := ParamMaxOffset.Get(ctx) + 1
	lr := ParamLearnedLR.Get(ctx)
	param := func(name string, n int, init initializers.VariableInitializer) *Node { // [H, n]
		v := ctx.WithInitializer(init).VariableWithShape(name, shapeF(H, n)).ValueGraph(g)
		return MulScalar(v, lr)
	}
	rel := param("relative", R, m.relativeInit(ctx, H, R, lr))
	scal := param("scalars", 5, initializers.Zero) // recency, first, rank, equal, null
	full := []int{B, H, T, T}
	at := func(i int) *Node { return BroadcastToDims(Reshape(column(scal, i), 1, H, 1, 1), full...) }
	constant := func(m [][]float32) *Node { return BroadcastToDims(Reshape(Const(g, m), 1, 1, T, T), full...) }

	// Position terms.
	score := BroadcastToDims(Reshape(matMul(rel, Reshape(Const(g, distanceMaps(R, T)), R, T*T)), 1, H, T, T), full...)
	score = Add(score, Mul(at(0), constant(offsetMap(T))))
	score = Add(score, Mul(at(1), constant(firstMap(T))))
	// Content terms, of every candidate key slot, mixed by the key weights (so that the choice
	// of key gets a gradient, as the content pointers' does).
	mix := func(f *Node) *Node { return Einsum("hs,bstj->bhtj", kw, f) }
	score = Add(score, Mul(at(2), mix(prefixRank(keys))))
	score = Add(score, Mul(at(3), mix(sameKey(keys))))

	// The null option: no position, value 0 (as the pointers read before the start), with a
	// learnt score of its own.
	null := BroadcastToDims(Reshape(column(scal, 4), 1, H, 1, 1), B, H, T, 1)
	// In an autoregressive model the stream holds the outputs, which may be read at earlier
	// positions only (autoregressive.go): every learned head looks at j < t there.
	mask := constantBool(g, causalMask(T, !ParamAutoregressive.Get(ctx)), full)
	off := Scalar(g, dtypes.Float32, -1e30)
	score = Add(score, BroadcastToDims(Reshape(Const(g, tieBreak(T)), 1, 1, 1, T), full...))
	if c.mode == Hard {
		score = Where(mask, score, off)
		best := ReduceAndKeep(score, ReduceMax, -1) // [B, H, T, 1]
		pick := OneHot(ArgMax(score, -1), T, dtypes.Float32)
		some := ConvertDType(GreaterOrEqual(best, null), dtypes.Float32) // the null option loses
		return StopGradient(Mul(pick, BroadcastToDims(some, full...)))
	}
	tau := BroadcastToDims(c.tau, full...)
	score = Where(mask, Div(score, tau), off)
	null = Div(null, BroadcastToDims(c.tau, B, H, T, 1))
	top := Max(ReduceAndKeep(score, ReduceMax, -1), null) // [B, H, T, 1]
	e := Where(mask, Exp(Sub(score, BroadcastToDims(top, full...))), ZerosLike(score))
	total := Add(ReduceAndKeep(e, ReduceSum, -1), Exp(Sub(null, top)))
	return Div(e, BroadcastToDims(total, full...))
}

// constantBool is a [T, T] mask broadcast to dims.
func constantBool(g *Graph, m [][]bool, dims []int) *Node {
	return BroadcastToDims(Reshape(Const(g, m), 1, 1, len(m), len(m)), dims...)
}

// readLearned reads value [B, T, H] through per-sequence maps [B, H, T, T]:
// read[b, t, h] = sum_j maps[b, h, t, j] * value[b, j, h].
func readLearned(value, maps *Node) *Node {
	return Einsum("bhtj,bjh->bth", maps, value)
}

// prefixRank returns, for keys [B, S, T], the rank of key j among the keys so far,
// [B, S, T(t), T(j)]: the fraction of positions i <= t with key[i] < key[j]. It is scale-free
// (keys of 0..99 and of 0..1 give the same ranks) and causal; the largest key so far has the
// largest rank, the smallest the smallest. No gradient flows through it: it is a discrete
// function of the keys, as the content pointers are.
func prefixRank(keys *Node) *Node {
	d := keys.Shape().Dimensions
	B, S, T := d[0], d[1], d[2]
	ki := BroadcastToDims(Reshape(keys, B, S, T, 1), B, S, T, T)
	kj := BroadcastToDims(Reshape(keys, B, S, 1, T), B, S, T, T)
	less := ConvertDType(LessThan(ki, kj), dtypes.Float32)        // [B, S, T(i), T(j)]
	flat := Reshape(TransposeAllAxes(less, 2, 0, 1, 3), T, B*S*T) // [T(i), B·S·T(j)]
	rank := matMul(Const(keys.Graph(), prefixMap(T, true)), flat) // [T(t), B·S·T(j)]
	return StopGradient(TransposeAllAxes(Reshape(rank, T, B, S, T), 1, 2, 0, 3))
}

// sameKey returns, for keys [B, S, T], [B, S, T(t), T(j)]: 1 where key[j] == key[t].
func sameKey(keys *Node) *Node {
	d := keys.Shape().Dimensions
	B, S, T := d[0], d[1], d[2]
	kt := BroadcastToDims(Reshape(keys, B, S, T, 1), B, S, T, T)
	kj := BroadcastToDims(Reshape(keys, B, S, 1, T), B, S, T, T)
	return StopGradient(ConvertDType(Equal(kt, kj), dtypes.Float32))
}

// distanceMaps returns [R][T][T]: map d is 1 where t - j = d.
func distanceMaps(R, T int) [][][]float32 {
	maps := make([][][]float32, R)
	for d := range maps {
		maps[d] = zeros(T, T)
		for t := d; t < T; t++ {
			maps[d][t][t-d] = 1
		}
	}
	return maps
}

// offsetMap is j - t at every (t, j).
func offsetMap(T int) [][]float32 {
	m := zeros(T, T)
	for t := range m {
		for j := range m[t] {
			m[t][j] = float32(j - t)
		}
	}
	return m
}

// tieBreak is learnedTieBreak·j, [T].
func tieBreak(T int) []float32 {
	v := make([]float32, T)
	for j := range v {
		v[j] = learnedTieBreak * float32(j)
	}
	return v
}
