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
// arity, layers) or the content-based attention families.
var Ladder = []Arch{
	{"a0_mlp", "heads=0;mlps=1"},
	{"a1_h1", "heads=1;mlps=1"},
	{"a2_h2m2", ""},
	{"a3_h3a3", "heads=3;arity=3"},
	{"a4_content", contentFamilies},
	{"a5_l2", "layers=2;hidden=32"},
	{"a6_l2_content", "layers=2;hidden=32;" + contentFamilies},
	{"a7_l3_content", "layers=3;hidden=32;" + contentFamilies},
}

// GiveUp is the give_up setting of every attempt: an attempt whose hard model, when annealing
// ends, still leaves a fifth of the targets' variance unexplained stops there (its choices are
// frozen; the hard phase only tunes the sub-MLPs).
const GiveUp = 0.2

// QuickLadder is a short search for quick runs (CI): the three smallest candidates.
var QuickLadder = Ladder[:3]
