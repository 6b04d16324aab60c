// Package truthtable is finite-domain synthesis for the Discrete Transformer's sub-MLPs: when
// every input of a sub-MLP takes few values (bits, digits, a carry, a pointer into a short
// window), its function is a finite table, and Synthesize finds an expression that reproduces
// that table exactly, even when symbolic regression over all the inputs at once cannot reach it.
//
// # Why a second search
//
// Symbolic regression (package symreg) enumerates expressions bottom-up by size. With five
// inputs its budget reaches about size 5, while the laws of carries and of patterns over a
// window are larger: the next digit of a base-b addition that reads its own previous output is
// (a + b + [y₁ < a₁ + b₁]) mod b (size 11), and "the last four bits alternate" is
// [(p₂ − p₃)·(x − p₁) == 1] (size 9). Both are compositions of small pieces, and a finite table
// shows which pieces: that is the classical functional decomposition of switching theory
// (Ashenhurst 1957, Curtis 1962).
//
// # The construction
//
// A table T over inputs V decomposes through a subset S ⊂ V when T(v) = F(v∖S, g(v_S)) for some
// g with few values. Write T as a chart: one column per assignment of S, one row per assignment
// of the rest. T decomposes through S with a g of μ values exactly when the chart has μ
// distinct columns (the column multiplicity); g is then the class of v_S's column, and F reads
// the rest and that class. For the addition, S = {a₁, b₁, y₁} has μ = 2 (the carry) and F is
// (a + b + carry) mod b; for the alternating window, S = {p₂, p₃} has μ = 3 (p₂ − p₃) and F is
// again a table over three inputs, which decomposes once more.
//
// # The search
//
//  1. Table. The samples become one row per distinct input tuple with its target; if two
//     samples with equal inputs have different targets, the inputs do not determine the output
//     and there is no table to synthesize (Result.Reason says so).
//  2. Support. Inputs the table does not depend on are dropped first, one at a time in input
//     order (an input is irrelevant when every two rows that differ only in it agree).
//  3. Direct fit. Symbolic regression on the distinct rows, with an exact tolerance.
//  4. Decomposition. Every proper subset S of the remaining inputs whose chart has
//     2 <= μ <= MaxClasses columns, fewer than S's assignments, is a candidate: fewest classes
//     first, then the larger S. For a candidate, each labelling of the μ classes by 0..μ−1 is a
//     target for symbolic regression over S alone; an exact g (an affine wrapper a·h + b
//     removed, since it keeps the classes apart) becomes a new input of the table over
//     V∖S ∪ {g}, which is solved by the same search (steps 2–4), up to MaxDepth nested
//     decompositions. The first candidate that yields an exact F ends the search at its
//     level; among its labellings the simplest whole expression is kept.
//  5. Check. The expression, with every g substituted, is evaluated on every row of the
//     original table and must equal it exactly.
//
// With a partial table (some input tuples never observed), two columns are merged when they
// agree wherever both are defined (greedily, in row order), so the expression is exact on every
// observed row and free elsewhere: the verification of the whole program judges it.
//
// Effort is bounded by MaxFits symbolic regressions of FitEvals evaluations each, so the search
// is deterministic and takes a few seconds at most. It uses no global state.
//
// # Limitations
//
// Only tables with integer targets (within 1e-9) are synthesized. A function that does not
// decompose into pieces symbolic regression finds over at most three inputs (a general
// five-input lookup table) is not found; the search then reports the reason and the caller keeps
// symbolic regression's verdict.
package truthtable
