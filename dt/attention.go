package dt

import (
	"strings"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck // GoMLX's idiom for graph code.
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Hyperparameters of the attention heads.
var (
	ParamHeads        = declare("heads", 2, "Numerical Attention heads per layer.")
	ParamFamilies     = declare("families", strings.Join(LocationFamilies, ","), "Attention score families a head chooses from (comma separated).")
	ParamMaxOffset    = declare("max_offset", 8, "Largest k of the previous-k pointer.", atLeast(1))
	ParamPointerPrior = declare("pointer_prior", 2.0, "Initial logit offset of the previous-k family.")
)

// Families of attention scores. Each names a pointer (or aggregate) that a head can become.
const (
	FamilyPrevious = "previous" // position t-k, k in 1..max_offset
	FamilyFirst    = "first"    // position 0
	FamilyMean     = "mean"     // mean over positions 0..t
	FamilySum      = "sum"      // sum over positions 0..t
	FamilyArgMax   = "argmax"   // latest position with the largest key so far
	FamilyArgMin   = "argmin"   // latest position with the smallest key so far
	FamilyEqual    = "equal"    // latest earlier position whose key equals the current key
	FamilyLearned  = "learned"  // the argmax of a learnt score (learned.go)
)

// LocationFamilies are the families whose maps depend only on positions: the default. The
// content-based ones are opt-in (-set families=...): on tasks that do not need them they are
// strong distractors (the argmax of bits, "a 1 so far", is sharp from the first step and wins
// the early race against x[t-1] on parity_last2) and they cost more than the rest of a step.
var LocationFamilies = []string{FamilyPrevious, FamilyFirst, FamilyMean, FamilySum}

// AllFamilies lists the attention families in their canonical order.
var AllFamilies = []string{FamilyPrevious, FamilyFirst, FamilyMean, FamilySum, FamilyArgMax, FamilyArgMin, FamilyEqual, FamilyLearned}

// familiesOf returns the families setting of ctx as a list.
func familiesOf(ctx *context.Context) []string { return splitList(ParamFamilies.Get(ctx)) }

// Numerical Attention only routes values between positions: each head selects a value slot,
// becomes one pointer (or aggregate) of a small family, and writes the value it reads to a new
// slot. It does no arithmetic.
//
// The discrete choices are the family and its parameter (the offset k of previous-k, the key
// slot of the content-based pointers), each annealed with Gumbel-softmax. Every candidate is
// itself an exact pointer, a one-hot (or aggregate) row per position; gradients reach the
// choices through the mixture weights. This is why heads snap to clean pointers: at low
// temperature the mixture is a single candidate.

// isLocation reports whether a family's map depends only on positions (not on slot values).
func isLocation(family string) bool {
	return family == FamilyPrevious || family == FamilyFirst || family == FamilyMean || family == FamilySum
}

// attentionHeads computes the heads of one layer from the stream [B, T, S]: the new slots
// [B, T, H] and, when c.maps is set, the effective attention maps [B, H, T, T].
func (m *Model) attentionHeads(ctx *context.Context, c *choice, stream *Node) (read, maps *Node) {
	g := stream.Graph()
	dims := stream.Shape().Dimensions
	B, T, S, H := dims[0], dims[1], dims[2], ParamHeads.Get(ctx)
	families := familiesOf(ctx)
	famW := c.weights(ctx.Scope()+"/family", choiceLogits(ctx, g, "family_logits", H, len(families), familyPrior(ctx, families)))
	valueW := c.weights(ctx.Scope()+"/value", choiceLogitsRows(ctx, g, "value_logits", H, S, m.valuePrior))
	value := selectSlots(stream, valueW) // [B, T, H]

	loc := m.locationMap(ctx, c, families, famW, T) // [H, T, T]
	read = readThrough(value, loc)
	if c.maps {
		maps = BroadcastToDims(ExpandAxes(loc, 0), B, H, T, T)
	}
	for f, family := range families {
		if isLocation(family) {
			continue
		}
		if family == FamilyLearned {
			lm := m.learnedMaps(ctx, c, stream)                              // [B, H, T, T]
			w := BroadcastToDims(Reshape(column(famW, f), 1, 1, H), B, T, H) // weight of the family
			read = Add(read, Mul(w, readLearned(value, lm)))
			if c.maps {
				maps = Add(maps, Mul(BroadcastToDims(Reshape(column(famW, f), 1, H, 1, 1), B, H, T, T), lm))
			}
			continue
		}
		keyW := c.weights(ctx.Scope()+"/key_"+family, choiceLogits(ctx, g, "key_logits_"+family, H, S, m.keySlot))
		keys, keyW := m.dataSlots(stream, keyW)
		pointers := contentMaps(family, keys)                                        // [B, S', T, T] for the S' data slots
		w := Mul(BroadcastToDims(column(famW, f), keyW.Shape().Dimensions...), keyW) // [H, S']: weight of (family, key)
		read = Add(read, readContent(value, pointers, w))
		if c.maps {
			maps = Add(maps, Einsum("hs,bstj->bhtj", w, pointers))
		}
	}
	if c.entropies != nil && maps != nil {
		c.entropies[ctx.Scope()+"/rows"] = ReduceAllMean(entropy(maps))
	}
	return read, maps
}

// familyPrior favours the previous-k pointer by pointer_prior (a logit offset). Why: at the
// start the offsets are undecided, so a previous-k head reads a blur of the last positions,
// while the aggregates (mean, sum) and the first position are already sharp; an aggregate
// then wins the early race on tasks it only roughly fits (y = x - x[t-1] against mean(x)).
func familyPrior(ctx *context.Context, families []string) func(f int) float32 {
	prior := float32(ParamPointerPrior.Get(ctx))
	return func(f int) float32 {
		if families[f] == FamilyPrevious {
			return prior
		}
		return 0
	}
}

// dataSlots returns the keys a content pointer may use, the data slots (all but "pos" and
// "one"), as [B, S', T], and the key weights [H, S] restricted to them, [H, S'].
func (m *Model) dataSlots(stream, keyW *Node) (keys, w *Node) {
	S := stream.Shape().Dimensions[2]
	var parts []*Node
	sel := zeros(S, S-2)
	col := 0
	for s := 0; s < S; s++ {
		if m.isBuiltin(s) {
			continue
		}
		parts = append(parts, SliceAxis(stream, 2, AxisElem(s))) // no gradient: pointers stop it
		sel[s][col] = 1
		col++
	}
	keys = Transpose(Concatenate(parts, 2), 1, 2)
	return keys, matMul(keyW, Const(stream.Graph(), sel))
}

// locationMap mixes the location-based families into one map per head [H, T, T], weighted by
// the family weights famW [H, F] (content families contribute nothing here).
func (m *Model) locationMap(ctx *context.Context, c *choice, families []string, famW *Node, T int) *Node {
	g := famW.Graph()
	H := ParamHeads.Get(ctx)
	var perFamily []*Node // each [H, T*T]
	for _, family := range families {
		var mp *Node
		switch family {
		case FamilyPrevious:
			K := ParamMaxOffset.Get(ctx)
			offW := c.weights(ctx.Scope()+"/offset", choiceLogitsRows(ctx, g, "offset_logits", H, K, m.offsetPrior))
			mp = matMul(offW, Reshape(Const(g, previousMaps(K, T)), K, T*T))
		case FamilyFirst:
			mp = constantRows(g, firstMap(T), H)
		case FamilyMean:
			mp = constantRows(g, prefixMap(T, true), H)
		case FamilySum:
			mp = constantRows(g, prefixMap(T, false), H)
		default:
			mp = ZerosLike(constantRows(g, firstMap(T), H))
		}
		perFamily = append(perFamily, mp)
	}
	stacked := Stack(perFamily, 1)                                           // [H, F, T*T]
	w := BroadcastToDims(ExpandAxes(famW, 2), stacked.Shape().Dimensions...) // [H, F, T*T]
	return Reshape(ReduceSum(Mul(stacked, w), 1), H, T, T)
}

// constantRows repeats a constant [T, T] map for H heads, as [H, T*T].
func constantRows(g *Graph, m [][]float32, H int) *Node {
	T := len(m)
	return BroadcastToDims(Reshape(Const(g, m), 1, T*T), H, T*T)
}

// readThrough reads value [B, T, H] through one map per head [H, T, T]:
// read[b, t, h] = sum_j map[h, t, j] * value[b, j, h].
func readThrough(value, maps *Node) *Node {
	v := Transpose(value, 0, 2) // [H, T(j), B]
	out := batchMatMul(maps, v) // [H, T(t), B]
	return Transpose(out, 0, 2) // [B, T, H]
}

// readContent reads value [B, T, H] through content pointers [B, S, T, T] (one per candidate
// key slot), mixed by w [H, S]: read[b,t,h] = sum_s w[h,s] sum_j p[b,s,t,j] value[b,j,h].
func readContent(value, pointers, w *Node) *Node {
	d := pointers.Shape().Dimensions
	B, S, T, H := d[0], d[1], d[2], value.Shape().Dimensions[2]
	perSlot := batchMatMul(Reshape(pointers, B, S*T, T), value)          // [B, S*T, H]
	perSlot = TransposeAllAxes(Reshape(perSlot, B, S, T, H), 3, 0, 2, 1) // [H, B, T, S]
	mixed := batchMatMul(Reshape(perSlot, H, B*T, S), ExpandAxes(w, 2))  // [H, B*T, 1]
	return TransposeAllAxes(Reshape(mixed, H, B, T), 1, 2, 0)            // [B, T, H]
}

// column returns column f of x [H, F] as [H, 1]. (A product with a one-hot vector, not a
// slice: the pure-Go backend cannot differentiate Slice.)
func column(x *Node, f int) *Node {
	F := x.Shape().Dimensions[1]
	oneHot := make([]float32, F)
	oneHot[f] = 1
	return matMul(x, Reshape(Const(x.Graph(), oneHot), F, 1))
}
