package dt

import (
	"fmt"
	"math"
	"slices"

	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Structure is the hard model read off its weights: which pointer every head became, which
// slots every sub-MLP reads, which slot every output is. It is the starting point of
// extraction, and of the report's one-line description of a run.
type Structure struct {
	SlotNames []string
	Heads     []Head
	MLPs      []SubMLP
	Readout   []Readout
}

// Head is one attention head in hard mode.
type Head struct {
	Layer, Index int
	Family       string
	Offset       int // for FamilyPrevious
	Key          int // key slot, for the content-based families and learned scores
	Value        int // value slot
	Slot         int // the slot it writes
}

// SubMLP is one sub-MLP in hard mode, with its weights (to evaluate it exactly in Go).
type SubMLP struct {
	Layer, Index int
	Inputs       []int // the slots it reads
	Slot         int   // the slot it writes
	Linear       []float64
	Bias         float64
	Hidden       []Dense // the ReLU layers
	Out          []float64
	Scale        float64
	Periodic     []float64   // coefficients of Periodicity.Features (nil without the periodic path)
	Periodicity  Periodicity // which features Periodic weighs
	Products     []float64   // coefficients of ProductFeatures (nil without the product path)
}

// Dense is one ReLU layer: W[i][h], B[h].
type Dense struct {
	W [][]float64
	B []float64
}

// Readout maps one slot to one output channel: A*slot + B.
type Readout struct {
	Slot int
	A, B float64
}

// Eval computes the sub-MLP at one input vector, as the graph does (in float64).
func (s *SubMLP) Eval(u []float64) float64 {
	out := s.Bias
	for i, v := range u {
		out += s.Linear[i] * v
	}
	var nl float64
	for j, v := range s.Features(u) {
		nl += v * s.Out[j]
	}
	if s.Periodic != nil {
		for j, v := range s.Periodicity.Features(u) {
			out += v * s.Periodic[j]
		}
	}
	if s.Products != nil {
		for j, v := range ProductFeatures(u) {
			out += v * s.Products[j]
		}
	}
	return out + nl*s.Scale
}

// Features returns the last hidden layer of the ReLU network at an input vector: the sub-MLP is
// Linear·u + Bias + Scale·(Out·Features(u)).
func (s *SubMLP) Features(u []float64) []float64 {
	h := make([]float64, len(u))
	for i, v := range u {
		h[i] = v / s.Scale
	}
	for _, d := range s.Hidden {
		next := make([]float64, len(d.B))
		for j := range next {
			z := d.B[j]
			for i, v := range h {
				z += v * d.W[i][j]
			}
			next[j] = math.Max(z, 0)
		}
		h = next
	}
	return h
}

// Structure reads the hard structure from the current weights.
func (r *Run) Structure() (*Structure, error) {
	m, ctx := r.Model, r.Ctx
	st := &Structure{SlotNames: m.SlotNames()}
	vr := &varReader{ctx: ctx}
	S := m.FirstModuleSlot()
	heads, mlps, families := ParamHeads.Get(ctx), ParamMLPs.Get(ctx), familiesOf(ctx)
	for l := range ParamLayers.Get(ctx) {
		att := fmt.Sprintf("/layer%d/attention", l)
		for h := range heads {
			head := Head{Layer: l, Index: h, Slot: S + h}
			head.Family = families[vr.argmax(att, "family_logits", h)]
			head.Value = vr.argmax(att, "value_logits", h)
			if ParamRecurrent.Get(ctx) && head.Value >= S {
				// A recurrent layer's heads choose among the stream and the layer's own sub-MLP
				// outputs (see recurrentLayer), which come after its heads in the stream.
				head.Value += heads
			}
			switch head.Family {
			case FamilyPrevious:
				head.Offset = vr.argmax(att, "offset_logits", h) + 1 // offsets start at 1
			case FamilyArgMax, FamilyArgMin, FamilyEqual:
				head.Key = vr.argmax(att, "key_logits_"+head.Family, h)
			case FamilyLearned:
				head.Key = vr.argmax(att+"/learned", "key_logits", h)
			}
			st.Heads = append(st.Heads, head)
		}
		S += heads
		scope := fmt.Sprintf("/layer%d/mlp", l)
		for i := range mlps {
			st.MLPs = append(st.MLPs, vr.subMLP(scope, l, i, S+i, m.Scale))
		}
		S += mlps
	}
	for k := range m.Outputs {
		ro := Readout{Slot: vr.argmax("/readout", "logits", k), A: 1}
		if ParamReadoutAffine.Get(ctx) {
			ro.A, ro.B = vr.flat("/readout", "scale")[k], vr.flat("/readout", "offset")[k]
		}
		st.Readout = append(st.Readout, ro)
	}
	return st, vr.err
}

// subMLP reads sub-MLP i of a layer.
func (vr *varReader) subMLP(scope string, layer, i, slot int, scale float64) SubMLP {
	ctx := vr.ctx
	A, Hd, linearLR := ParamArity.Get(ctx), ParamHidden.Get(ctx), ParamLinearLR.Get(ctx)
	s := SubMLP{Layer: layer, Index: i, Slot: slot, Scale: scale}
	for a := 0; a < A; a++ { // distinct slots: each input avoids those taken before (see distinctWeights)
		s.Inputs = append(s.Inputs, vr.argmaxExcept(scope, "input_logits", i*A+a, s.Inputs))
	}
	s.Linear = slices.Clone(vr.flat(scope, "linear")[i*A : (i+1)*A])
	for j := range s.Linear {
		s.Linear[j] *= linearLR // the variable holds linear/linear_lr (see subMLPs)
	}
	s.Bias = vr.flat(scope, "bias")[i]
	in := A
	for d := range ParamMLPDepth.Get(ctx) {
		w := vr.flat(scope, fmt.Sprintf("w%d", d))
		b := vr.flat(scope, fmt.Sprintf("b%d", d))
		dense := Dense{B: b[i*Hd : (i+1)*Hd]}
		for r := 0; r < in; r++ {
			off := (i*in + r) * Hd
			dense.W = append(dense.W, w[off:off+Hd])
		}
		s.Hidden = append(s.Hidden, dense)
		in = Hd
	}
	s.Out = slices.Clone(vr.flat(scope, "w_out")[i*Hd : (i+1)*Hd])
	for j := range s.Out {
		s.Out[j] *= ParamReluLR.Get(ctx) // the variable holds w_out/relu_lr (see subMLPs)
	}
	if ParamPeriodic.Get(ctx) {
		s.Periodicity = PeriodicityOf(ctx)
		P := s.Periodicity.FeatureCount(A)
		s.Periodic = slices.Clone(vr.flat(scope, "periodic_out")[i*P : (i+1)*P])
		for j := range s.Periodic {
			s.Periodic[j] *= linearLR // the variable holds c/linear_lr (see periodicPath)
		}
	}
	if ParamProducts.Get(ctx) && A > 1 {
		P := ProductFeatureCount(A)
		s.Products = slices.Clone(vr.flat(scope, "product_out")[i*P : (i+1)*P])
		for j := range s.Products {
			s.Products[j] *= linearLR // the variable holds c/linear_lr (see productPath)
		}
	}
	return s
}

// varReader reads variables from a context, keeping the first error.
type varReader struct {
	ctx   *context.Context
	err   error
	cache map[string][]float64
	lastN map[string]int
}

// flat returns a variable's values, flattened.
func (vr *varReader) flat(scope, name string) []float64 {
	key := scope + "/" + name
	if v, ok := vr.cache[key]; ok {
		return v
	}
	if vr.cache == nil {
		vr.cache, vr.lastN = map[string][]float64{}, map[string]int{}
	}
	v := vr.ctx.GetVariableByScopeAndName(scope, name)
	if v == nil || !v.HasValue() {
		if vr.err == nil {
			vr.err = fmt.Errorf("the model has no variable %s/%s: is it trained with these settings?", scope, name)
		}
		vr.cache[key] = make([]float64, 1<<16)
		vr.lastN[key] = 1
		return vr.cache[key]
	}
	t := v.MustValue()
	dims := t.Shape().Dimensions
	vals := tensors.MustCopyFlatData[float32](t)
	out := make([]float64, len(vals))
	for i, x := range vals {
		out[i] = float64(x)
	}
	vr.cache[key], vr.lastN[key] = out, dims[len(dims)-1]
	return out
}

// argmax returns the argmax of row `row` of a logits variable (rows along its last axis).
func (vr *varReader) argmax(scope, name string, row int) int {
	return vr.argmaxExcept(scope, name, row, nil)
}

// argmaxExcept is argmax among the options not in taken (the first one on ties, as ArgMax).
func (vr *varReader) argmaxExcept(scope, name string, row int, taken []int) int {
	vals := vr.flat(scope, name)
	n := vr.lastN[scope+"/"+name]
	best := -1
	for i := 0; i < n; i++ {
		if !slices.Contains(taken, i) && (best < 0 || vals[row*n+i] > vals[row*n+best]) {
			best = i
		}
	}
	return best
}

// Describe renders the structure as one line per module, e.g. "L0.att0 = x[t-1]".
func (st *Structure) Describe() []string {
	name := func(s int) string { return st.SlotNames[s] }
	var lines []string
	for _, h := range st.Heads {
		lines = append(lines, fmt.Sprintf("%s = %s", name(h.Slot), h.describe(name)))
	}
	for _, m := range st.MLPs {
		args := ""
		for i, s := range m.Inputs {
			if i > 0 {
				args += ", "
			}
			args += name(s)
		}
		lines = append(lines, fmt.Sprintf("%s = mlp(%s)", name(m.Slot), args))
	}
	for k, ro := range st.Readout {
		if ro.A == 1 && ro.B == 0 {
			lines = append(lines, fmt.Sprintf("out%d = %s", k, name(ro.Slot)))
		} else {
			lines = append(lines, fmt.Sprintf("out%d = %.4g*%s + %.4g", k, ro.A, name(ro.Slot), ro.B))
		}
	}
	return lines
}

func (h Head) describe(name func(int) string) string {
	v := name(h.Value)
	switch h.Family {
	case FamilyPrevious:
		if h.Offset == 0 {
			return v + "[t]"
		}
		return fmt.Sprintf("%s[t-%d]", v, h.Offset)
	case FamilyFirst:
		return v + "[0]"
	case FamilyMean:
		return fmt.Sprintf("mean(%s[0..t])", v)
	case FamilySum:
		return fmt.Sprintf("sum(%s[0..t])", v)
	case FamilyArgMax:
		return fmt.Sprintf("%s[argmax %s[0..t]]", v, name(h.Key))
	case FamilyArgMin:
		return fmt.Sprintf("%s[argmin %s[0..t]]", v, name(h.Key))
	case FamilyLearned:
		return fmt.Sprintf("%s[argmax_j learned score(t, j; key %s)]", v, name(h.Key))
	default:
		return fmt.Sprintf("%s[last j<t: %s[j]==%s[t]]", v, name(h.Key), name(h.Key))
	}
}
