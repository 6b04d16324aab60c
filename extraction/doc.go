// Package extraction turns a trained Discrete Transformer into a program that provably does the
// same thing, in stages that each check the one before (in the spirit of Tracr's pipeline):
//
//  1. Structure (dt): the hard model read off its weights: which slots every module reads.
//  2. Backtrace (backtrace.go): keep only the modules the outputs depend on.
//  3. Observation (observe.go): run the hard model on held-out sequences and record every slot
//     and every attention map.
//  4. Heads (heads.go): test each kept head's maps against the hypotheses of package
//     hypothesis (previous-k, first, prefix mean, argmax of a key, ...); the accepted one
//     becomes an attention read of the program.
//  5. Sub-MLPs (mlps.go): symbolic regression (package symreg) on each kept sub-MLP's observed
//     inputs and output gives its formula.
//  6. Assembly (assemble.go): one program IR (package program) statement per kept module, the
//     readout as outputs, then the simplifier (dead code, copies, readable names).
//  7. Verification (verify.go): the program against the task's reference function on 10,000
//     new sequences at the training length and at 5x that length, and against the hard model;
//     exact for integer tasks, relative MSE for real-valued ones. A failure says why, with a
//     counter-example. Against the hard model of an integer task, the program may differ only
//     where the model slips (rounds 0.5 off) and the program equals the reference, on at most
//     1% of positions; the report counts these slips (Check.ModelErrors).
//
// Extract runs the stages; Write saves the program as pseudo-code, Python and Go, and the
// extraction report, in the run folder.
package extraction
