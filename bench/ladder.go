package bench

import (
	"strings"

	"github.com/discretetransformer/w2c/dt"
)

// Arch is one candidate of the architecture search: a name (the attempt's folder) and the
// settings it adds to the defaults.
type Arch struct {
	Name     string
	Settings string
}

// contentFamilies adds the largest and smallest key so far to the location families. (The last
// equal key is left out of the search: no MIPS task needs it, and it costs the most.)
var contentFamilies = "families=" + strings.Join(append(append([]string{}, dt.LocationFamilies...), dt.FamilyArgMax, dt.FamilyArgMin), ",")

// Ladder is the architecture search, smallest model first. Each rung adds capacity (heads,
// sub-MLPs, arity, layers), then the content-based attention families, then a variant whose
// ReLU parts learn as fast as its linear paths (for laws with no linear part, such as
// |x - x[t-1]|, whose gradient would otherwise vanish: see dt's package doc).
var Ladder = []Arch{
	{"a0_mlp", "heads=0;mlps=1"},
	{"a1_h1", "heads=1;mlps=1"},
	{"a2_h2m2", ""},
	{"a3_h2m2_relu", "relu_lr=1"},
	{"a4_h3m2a3", "heads=3;arity=3"},
	{"a5_l2", "layers=2"},
	{"a6_content", contentFamilies},
	{"a7_l2_relu", "layers=2;relu_lr=1;hidden=32"},
	{"a8_l2_content", "layers=2;" + contentFamilies},
	{"a9_l3_content", "layers=3;" + contentFamilies},
}

// QuickLadder is a short search for quick runs (CI): the three smallest candidates.
var QuickLadder = Ladder[:3]
