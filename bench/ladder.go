package bench

import (
	"fmt"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/task"
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
//     (the prefix sum of x mod 2), bit_dot_prod_mod2 (the prefix sum of a·b, mod 2);
//   - a9_ar and a10_ar_2d read back their own outputs at t-1 and t-2 (dt/autoregressive.go): the
//     recursions of Newton's laws, p[t] = p[t-1] - p[t-2] + F[t] for the spring, and the two
//     coupled coordinates of newton_magnetic (whose values grow as 2^(t/2): Adam approaches the
//     law slowly and only the refit makes it exact, so this rung never gives up early);
//   - a11_lag_mod and a12_lag4_mod are residues of lagged inputs: the periodic features of
//     previous-k pointers, of two inputs (x + x[t-1]) mod 3, or of four, parity_last4 =
//     (x + x[t-1] + x[t-2] + x[t-3]) mod 2, which extraction writes as a chain of equalities. The
//     periodic path reads the residue of the sum of a sub-MLP's inputs, not of a part of them, so
//     the number of inputs is the rung's: arity 4 does not learn (x + x[t-1]) mod 3 (at the
//     give-up check its loss was 2.7 times the targets' variance), arity 2 does. They come last:
//     every task an earlier rung verifies keeps its program and its time, and a task that none
//     does pays about 2 x 17 s more (measured on the extra suite, see bench/extra/profile.md);
//   - a13_overflow is the carry out of a running total kept mod m, for m up to 16: one prefix
//     sum S and a sub-MLP that reads S and x with the features of S − x = S[t-1] as well
//     (periodic_differences), so that floor(S/m) − floor(S[t-1]/m) = [x > S mod m] is a sum of
//     features. MIPS's dithering (m = 15, 16 brightness levels) is that law; m up to 16 covers
//     decimal and hexadecimal digits and a 12-hour clock. Last, and alone with max_modulus=16,
//     because those 79 features per value cost four times the 21 up to 8.
//
// Why prefix sums only with the periodic features: with every family, the heads settle on a
// prefix mean or a pointer before the periodic coefficients (which start at 0) can pull them to
// the sum, whose residue is the law (add_mod_5: 0 of 6 attempts; with sums only, 3 of 3).
// (Measured and left out: arity-1 periodic models, which pick the wrong slot more often; three
// layers, and content families in two layers, which solved no task that the rungs here do not;
// two layers of prefix means for balanced_parenthesis, the construction "the prefix mean of
// [mean(x[0..s]) > 1/2] is 0 until the balance goes negative": over 10 to 18 seeds each of four
// shapes (means only with two heads and two sub-MLPs of hidden 32, the same with arity 3, one
// head and one sub-MLP with argmax, and sub-MLPs that read no raw input), 6% to 10% of the
// attempts gave a verified program and 17% to 30% an exact model, most of them a construction
// that holds at length 10 only (a ramp whose level moves with x, or an edge between 4/9 and
// 1/2): too few to earn a rung.)
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
	{"a9_ar", "autoregressive=true;families=previous;heads=3;mlps=1;arity=4;max_offset=2"},
	{"a10_ar_2d", "autoregressive=true;families=previous;heads=4;mlps=2;arity=5;max_offset=2;give_up=0"},
	{"a11_lag_mod", "families=previous;periodic=true"},
	{"a12_lag4_mod", "families=previous;periodic=true;heads=3;arity=4;mlps=1"},
	{"a13_overflow", "heads=1;mlps=1;families=sum;periodic=true;max_modulus=16;periodic_differences=true"},
}

// PhysicsLadder is the search for the physical systems: one layer whose sub-MLPs read the
// current state, the state before it (heads: previous-1 pointers) and the force or parameter
// channels, smallest first. A 2-D law that couples the coordinates (magnetic: x[t+1] reads x,
// x[t−1], y and y[t−1]) needs arity 4, and more steps than give_up allows: at step 800 its loss
// is still 0.4 to 2.6 of the variance, at 2000 it is exact. A law that multiplies a parameter
// channel with the state (spring_k: dt²·k·x) needs the product path (dt/products.go). The
// integer-task rungs (content pointers, residues, windows) have nothing to find in a one-step
// law of real values.
var PhysicsLadder = []Arch{
	{"p1_h1", "heads=1;mlps=1"},
	{"p2_h2m2", ""},
	{"p3_h3a3", "heads=3;arity=3"},
	{"p4_h2a4", "heads=2;arity=4;give_up=0"},
	{"p5_h4a4", "heads=4;arity=4;give_up=0"},
	{"p6_products", "heads=1;arity=3;products=true;give_up=0"},
}

// LadderFor is the default search for a task: PhysicsLadder for the physical systems and for
// real-valued recordings (task.FromFile: measured trajectories, whose laws are one-step laws
// like the simulators'), Ladder for the rest (the MIPS tasks, Newton's four among them).
func LadderFor(t *task.Task) []Arch {
	if t.Group == "physics" || t.Data != nil && !t.Integer {
		return PhysicsLadder
	}
	return Ladder
}

// GiveUp is the give_up setting of every attempt: an attempt whose hard model, when annealing
// ends, still leaves a fifth of the targets' variance unexplained stops there (its choices are
// frozen; the hard phase only tunes the sub-MLPs).
const GiveUp = 0.2

// SearchDefaults are the settings every attempt of a search starts from, before its rung's: the
// give-up check, the early give-up of attempts whose heads cannot work at the same bar (the
// information floor, dt/floor.go), which rungs that turn the check off (give_up=0) keep, since
// it does not depend on how fast their loss falls, the give-up at any step of an integer task's
// attempts whose heads make an exact model impossible (give_up_inexact: a search wants an exact
// model, and their training, evaluation and extraction buy nothing), and batches of
// SearchBatch sequences.
var SearchDefaults = fmt.Sprintf("give_up=%g;give_up_floor=%g;give_up_inexact=true;batch_size=%d", GiveUp, GiveUp, SearchBatch)

// SearchBatch is the batch size of a search's attempts: a quarter of train's default (128). Why:
// a step of these small models costs a fixed part and a part per sequence (0.46 ms + 0.021 ms
// per sequence for the default shape, bench/speed.md), so 32 sequences take 35% of the time of
// 128, and a search is mostly training steps. The steps, the schedule and the records'
// batch (512 held-out sequences, which the give-up check and the floor judge) stay as they are.
// Measured before adopting it, one seed each, the same code otherwise, batches of 128 -> 64 ->
// 32: 10 MIPS tasks 304 -> 167 -> 82 s, 8 extra tasks 469 -> 281 -> 217 s, 6 physical systems
// 221 -> 168 -> 126 s, with the same verdicts (one more verified at 64 and 32: max_last3, by a
// retry); the suites' tables made with it are the measurement on every task (bench/speed.md).
const SearchBatch = 32

// LearnedLadder is the search with learned-score heads (dt/learned.go) instead of the pointer
// families, to compare what attention finds by itself with what the families give (w2c bench
// -ladder learned): the shapes of the default ladder's rungs of one layer of location heads
// (one head and one sub-MLP; two and two; three heads and sub-MLPs of arity 3; six heads and one
// wide sub-MLP), then the two autoregressive ones (a9_ar, a10_ar_2d: heads that read the
// model's own outputs and inputs at earlier positions), every head learned. No give-up check:
// at step 800 a learned head has not settled yet (prev2's hard loss was 0.35 of the variance
// there, and its model was exact at step 600 without the check; newton_gravity's and
// newton_spring's autoregressive models, exact at step 2,000, were at 0.20 and 0.30 there).
var LearnedLadder = []Arch{
	{"l1_h1", "heads=1;mlps=1;families=learned;give_up=0"},
	{"l2_h2m2", "families=learned;give_up=0"},
	{"l3_h3a3", "heads=3;arity=3;families=learned;give_up=0"},
	{"l4_window", "heads=6;mlps=1;arity=7;families=learned;give_up=0"},
	{"l5_ar", "autoregressive=true;families=learned;heads=3;mlps=1;arity=4;max_offset=2;give_up=0"},
	{"l6_ar_2d", "autoregressive=true;families=learned;heads=4;mlps=2;arity=5;max_offset=2;give_up=0"},
}

// PointerLadder is LearnedLadder's counterpart with the pointer families (w2c bench -ladder
// pointers): the default ladder's rungs of the same shapes, as the default search trains them,
// so that the two can be compared rung for rung (steps to the transition, seconds).
var PointerLadder = []Arch{Ladder[1], Ladder[2], Ladder[3], Ladder[6], Ladder[9], Ladder[10]}

// QuickLadder is a short search for quick runs (CI): the three smallest candidates.
var QuickLadder = Ladder[:3]
