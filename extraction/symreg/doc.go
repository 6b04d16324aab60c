// Package symreg is symbolic regression for the Discrete Transformer's per-position sub-MLPs:
// given samples X [n][k] of k named variables (k = 1..3 typically) and targets y [n], Fit finds
// expressions (program.Expr, the program IR) that map X to y, returns the Pareto front
// (complexity vs. error) and chooses the simplest expression whose MSE is within tolerance, or
// reports that none is ("no expression within tolerance", Result.Found false) with the best
// one found.
//
// # Semantics
//
// Expressions are evaluated exactly as the IR defines (see the program package doc and
// program/semantics.go; a test checks bit-for-bit agreement with program.EvalExpr): x/0 = 0;
// mod is floored like Python's % (the result has the sign of the divisor) with mod(x, 0) = 0;
// sqrt(x) = sqrt(|x|); round is half away from zero; comparisons give 1 or 0; min and max are
// Go's built-in min and max (NaN when either operand is NaN); products are rounded (never
// fused into an FMA). The package's own evaluator (eval.go, unexported) is used for the search
// and for measuring every reported error. It never panics and errors only on malformed trees
// (nil node, unknown operator or node type, unbound variable).
//
// NaN and ±Inf: with finite inputs and constants, a node can only turn finite operands into a
// non-finite value by overflow to ±Inf in exp, square, *, /, + or − (never NaN, and never in
// mod, sqrt, sin, cos, floor, round, abs, neg, min, max or a comparison); NaN then arises only
// from ±Inf operands (Inf − Inf, 0·Inf, Inf/Inf, sin(±Inf), mod(±Inf, y), …) or NaN inputs;
// comparisons with NaN give 0 (!= gives 1). FuzzEval checks this node by node. The search
// itself drops every candidate that is non-finite, or larger than 1e12 × the data's scale, on
// the samples.
//
// # Complexity
//
// Complexity counts nodes, every node weighing 1: variables, constants, unary and binary
// operators (program.ExprSize). x+y is 3, |x−y| 4, (x+y) mod 2 5, 3.2x − 1.5 5, floor(x/15) 4,
// [x == y] 3. Expressions are the program IR's (program.Expr), printed by program.FormatExpr
// and read back by program.Parse: symbolic regression has no printer of its own.
//
// # Search
//
//  1. Data. Rows with equal inputs are merged (mean target, weight = count); the error no
//     function can remove (the within-row variance) is added back, so every reported MSE is the
//     exact MSE over all the samples given (the tolerance applies to that MSE, irreducible
//     noise included). The enumeration runs on at most SearchSamples distinct rows (a seeded
//     subsample beyond that); every candidate that may be chosen, and every one reported, is
//     measured on all rows.
//  2. Bottom-up enumeration by complexity L = 1, 2, …: variables and constant leaves
//     (Options.Constants), then unary operators on level L−1 and binary operators on pairs of
//     levels summing to L−1. Observational-equivalence pruning: a candidate whose value vector
//     on the sample (rounded to ~1e-10 relative) hashes like one already seen is dropped, as
//     are constant and non-finite vectors; commutative operators take one operand order, and
//     a > b, a >= b are built as b < a, b <= a.
//  3. Fitted constants. Every new vector f is offered as f, f + b, a*f and a*f + b, with a and
//     b from weighted least squares in closed form (O(1) per variant from f's moments).
//     Templates fit inner constants: on every sub-expression f of complexity <= 3, and on sums
//     and differences of variables (and of their residues v mod c) up to complexity 7, mod(f, c),
//     floor(f/c), round(f/c) over integers c; f > c (or <, <=, >=) as an exact regression stump, with c the simplest
//     rational in the split interval; f == c; min(f, c), max(f, c), abs(f − c) over values of
//     f; the saturation min(max(f, lo), hi) by coordinate descent from the one-sided fits.
//     On each variable x: g(c*x), g(x + d), g(c*x + d) for sin, cos, exp, square, sqrt (grid,
//     then golden-section search or Nelder–Mead, the outer a, b solved by least squares at
//     every step). Case splits "f1 if [v == c] (or [v > c]) else f0" on a variable with at
//     most 16 values, each leaf the bank node of complexity <= 3 that fits its side best
//     (cases.go). Linear combinations β·f + b: of all the variables, of every pair of
//     sub-expressions of complexity <= 2, and of each of the 12 best single sub-expressions of
//     complexity <= 3 with every other (forward stepwise). With Options.Laws (real-valued
//     tasks) and at most four variables, sparse laws: every monomial of degree <= 3 fitted together, then
//     backward elimination, each sparser sum offered on the way, with sin and cos of each
//     variable beside the monomials (polynomial.go: the one-step law of a polynomial force is a
//     polynomial in the observations). The best template
//     result of each kind also becomes a building block for the enumeration, and for mod, floor
//     and round the two inner constants whose fit dips most below both neighbours' as well.
//  4. Snapping. Every fitted constant is replaced by the simplest rational p/q within 5% of it
//     (q from a short list, smallest q first, then the nearest p) whose error is acceptable:
//     with Integer, any error within tolerance (so 0.49999 → 1/2 and 2.0000003 → 2); without,
//     a loss of at most a tenth of the headroom below the tolerance (exact data keeps its
//     exact constants: 3.2 stays 3.2).
//  5. Choice. A table keeps the 3 best candidates of each complexity that beat every simpler
//     one. A candidate that may be within tolerance is verified on all rows at once. Once one
//     of complexity C is verified, nothing more complex than C is searched, and nothing as
//     complex as C either when its MSE is <= tolerance/10 (and, with Integer, its values are
//     integers): after level L every candidate of complexity <= L has been tried, so the
//     search stops at level C (or C−1). The chosen expression is the simplest within
//     tolerance; ties go to an integer-valued one (with Integer), then to the lower MSE.
//
// Effort is bounded by MaxEvals (deterministic: evaluations weighted by the number of rows)
// and TimeLimit (a safety stop). The search is single-threaded, uses no global mutable state
// (concurrent Fits are safe: run sub-MLP fits in parallel for speed) and iterates slices in a
// fixed order, so equal inputs, options and seed give an identical Result unless the time
// limit fires (Result.Stop == StopTime). Memory is at most about MaxBank × SearchSamples × 8
// bytes (40 MB with the defaults; typical fits use a few MB).
//
// # Limitations
//
// The search is exhaustive only up to the complexity its budget reaches: about 8 for one
// input, 6–7 for two and 5–6 for three with the default budget; beyond that an expression is
// found only when a template supplies most of it (2x − y + 3z at 9 is found by the linear
// template but then not proven simplest, so the whole budget is spent). Inner constants are
// fitted only in the template shapes above: mod(x, 2.5), floor(x/c) with a non-integer c,
// floor((x + 1)/c) with c > 3, sin(c*f) for a compound f, min(x, y + c) or a product of two
// fitted shapes are not found, and the other constants come from the leaves in Constants
// (1, 2, 3 by default). Linear combinations have at most 2 sub-expressions (3 for the raw
// variables), except sums of monomials of degree <= 3 of real-valued targets. Functions that need a lookup table or a case split beyond a few comparisons
// (e.g. a 3-way conditional on integer inputs) are out of reach and come back as "no
// expression within tolerance" with the best approximation found.
package symreg
