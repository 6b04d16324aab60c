// Package polish refines the constants of an extracted program against data, so that a
// program that is right in structure but slightly off in its numbers becomes exactly right.
//
// # Why this stage exists
//
// Extraction fits every sub-MLP of a trained Discrete Transformer on its own, by symbolic
// regression (package symreg), and composes the formulas. Each fit is within its own
// tolerance, but the composition carries redundant and slightly-off constants: a two-layer
// model of y = x + x[t-1] + x[t-2] comes out as
//
//	y = prev2_x + 1.23 * (0.8125 * (prev1_x + x) - 32.333333333333336) + 40
//
// which is 0.999375·(prev1_x + x) + prev2_x + 0.23: close, but verification against the task
// fails. The model itself computes in float32, so even a perfect fit of what it computes is
// off by ~1e-7 relative, while real-valued (physics) tasks need their constants to ~1e-6
// relative or better (x_next = 1.96*x - prev1_x).
//
// # What it does
//
// Program runs, on a program and sequences with their targets:
//
//  1. Normalize (affine.go): every formula is rewritten into the affine normal form
//     c0 + Σ ci·atom_i, atoms normalized recursively, which merges the redundant constants of a
//     composition (1.23·0.8125 = 0.999375) and collects like terms; then program.Simplify with
//     the input's names kept, repeated until both are stable.
//  2. Refine (refine.go): every finite constant is fitted by Levenberg–Marquardt least squares
//     on the outputs minus the targets at the scored positions (t >= Warmup), on a
//     deterministic subsample of at most MaxResiduals outputs.
//  3. Snap (snap.go): constants become simple values — for integer-valued tasks, rationals p/q
//     (q <= 12) kept only when the program then reproduces the targets exactly, or does not
//     get worse; for real-valued tasks, only cosmetic snaps within 1e-9 relative.
//  4. Normalize and simplify again (snapped coefficients 1 and 0 disappear), coefficients that
//     are simple fractions written as quotients (x/3).
//
// The result is measured on all the data and returned only when it is not worse than the
// input (its MSE is not higher, up to 1e-9 relative and 1e-18 of the targets' mean square, and
// for integer tasks it stays exact when the input was); otherwise the refined program without
// snapping, and failing that the input itself, is returned. The Report says which.
//
// # What it may and may not change
//
// Only constants. The structure — which variables are read, the operators, the statements and
// their pointers — is never changed, except by exact rewrites: normalization (distributing and
// collecting constants, which may change results in the last bits, see NormalizeExpr) and
// program.Simplify (which keeps outputs exactly). A constant that snaps to 0 or 1 makes its
// term or factor disappear in the final simplification, which is the point. A program whose
// structure is wrong stays wrong; it only gets the best constants for that structure.
//
// Everything is deterministic for given inputs and options (the subsample is seeded, budgets
// count evaluations), unless Options.TimeLimit fires.
package polish
