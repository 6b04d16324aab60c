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

// Ladder is the architecture search, cheapest model first. Each rung adds capacity (heads,
// arity, layers), the content-based attention families, or the periodic features of the
// sub-MLPs (dt/periodic.go; costly, so in small models only):
//
//   - a5_mod has prefix sums for heads and periodic features: a prefix sum (or an input, or the
//     position) and its residue, for parity_all, parity_zeros, add_mod_m, evens_detector,
//     parity_bits_mod2;
//   - a6_window is one wide linear sub-MLP over six pointers: sum_last4 to sum_last7;
//   - a8_l2_mod is a residue or a count of something a first layer computes: evens_counter
//     (the prefix sum of x mod 2), bit_dot_prod_mod2 (the prefix sum of a·b, mod 2).
//
// Why prefix sums only with the periodic features: with every family, the heads settle on a
// prefix mean or a pointer before the periodic coefficients (which start at 0) can pull them to
// the sum, whose residue is the law (add_mod_5: 0 of 6 attempts; with sums only, 3 of 3).
// (Measured and left out: arity-1 periodic models, which pick the wrong slot more often; three
// layers, and content families in two layers, which solved no task that the rungs here do not.)
var Ladder = []Arch{
	{"a0_mlp", "heads=0;mlps=1"},
	{"a1_h1", "heads=1;mlps=1"},
	{"a2_h2m2", ""},
	{"a3_h3a3", "heads=3;arity=3"},
	{"a4_content", contentFamilies},
	{"a5_mod", "families=sum;periodic=true"},
	{"a6_window", "heads=6;mlps=1;arity=7"},
	{"a7_l2", "layers=2;hidden=32"},
	{"a8_l2_mod", "layers=2;heads=1;families=sum;periodic=true"},
}

// GiveUp is the give_up setting of every attempt: an attempt whose hard model, when annealing
// ends, still leaves a fifth of the targets' variance unexplained stops there (its choices are
// frozen; the hard phase only tunes the sub-MLPs).
const GiveUp = 0.2

// QuickLadder is a short search for quick runs (CI): the three smallest candidates.
var QuickLadder = Ladder[:3]
