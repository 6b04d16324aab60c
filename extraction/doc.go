// Package extraction turns a trained Discrete Transformer into a program that is checked, not
// proven, to do the same thing. Extract's own verification (step 8) selects: the program must
// equal the task's reference on 10,000 new sampled sequences at the training length and at 10x
// that length (5x for real-valued tasks), and the hard model at the training length. The
// reported verdict comes from Certify (step 9), on data no selection step saw. It runs in
// stages that each check the one before (in the spirit of Tracr's pipeline):
//
//  1. Structure (dt): the hard model read off its weights: which slots every module reads.
//  2. Backtrace (backtrace.go): keep only the modules the outputs depend on.
//  3. Observation (observe.go): run the hard model on held-out sequences and record every slot
//     and every attention map.
//  4. Heads (heads.go): test each kept head's maps against the hypotheses of package
//     hypothesis (previous-k, first, prefix mean, argmax of a key, ...); the accepted one
//     becomes an attention read of the program. A learned head (dt's learned scores) is judged
//     by the values it reads, and one that no hypothesis explains blocks the program only if a
//     formula of step 5 reads it: a sub-MLP reading it is first fitted without it (the head is
//     then dropped), and heads that a formula reads and that fail one by one are tested
//     together (hypothesis.Joint: heads that swap roles at the first positions).
//  5. Sub-MLPs (mlps.go): symbolic regression (package symreg) on each kept sub-MLP's observed
//     inputs and output gives its formula. When none fits an output sub-MLP of an almost-right
//     model (right inputs, a function off on some inputs), its formula is fitted to the
//     task's targets instead, on the same extraction-stream sequences (targets.go): such a
//     program can at best be certified corrected, and its report says so. When still none
//     fits and the sub-MLP's inputs take few values, finite-domain synthesis (synthesis.go,
//     package truthtable) reads the formula off the table of its outputs (or of the targets)
//     by functional decomposition: a carry, then a digit sum mod b.
//  6. Assembly (assemble.go): one program IR (package program) statement per kept module, the
//     readout as outputs, then the simplifier (dead code, copies, readable names). The result
//     is kept as Result.Assembled (and Result.Weights).
//  7. Constants (polish.go): the constants, never the structure, are refitted by least
//     squares: to the hard model's rounded outputs for integer tasks, to the task's data (the
//     simulator's outputs) for real-valued ones, then snapped to simple values (for real-valued
//     tasks only within 1e-9 relative). So a physical law's printed constants come from the
//     data, its terms from the weights; the physics evaluation (physics/evaluation) reports
//     beside them the constants the weights give: the hard model's outputs regressed by least
//     squares on the terms of the program before this step (Result.Weights).
//  8. Verification (verify.go), on the selection stream (task.StreamVerify): the program
//     against the task's reference function on 10,000 new sequences at the training length and
//     at 10x that length (5x for real-valued tasks, as certification), and against the hard
//     model; exact for integer tasks, relative MSE (≤ 1e-9) for real-valued ones. A failure says why, with a counter-example. Against the
//     hard model of an integer task, the program may differ only where the model slips (rounds
//     0.5 off) and the program equals the reference, on at most 1% of positions; the report
//     counts these slips (Check.ModelErrors). Against the hard model of a real-valued task, its
//     relative MSE must be at most DefaultModelTolerance (1e-4), a fixed bound, whatever the
//     model's own error. This verdict decides which attempt a search keeps, and which loose
//     formulas stay: when a program with loose intermediate formulas fails it, Extract runs a
//     second opinion with the knees of their fronts, and a third with their steps (see Extract).
//  9. Certification (certify.go), on sealed data (task.StreamCertify), once a program has been
//     chosen: the same comparisons, on every input sequence at the training length when the
//     task's alphabet makes them at most 2^20 (task.Task.Enumerable), else on 10,000 sampled
//     ones, and on 10,000 sampled at 10x the training length (5x for real-valued tasks). Its
//     level is the reported verdict: verified (program = reference = hard model), corrected
//     (program = reference, the hard model differs), or neither.
//
// Extract runs stages 1 to 8; Write saves the program as pseudo-code, Python and Go, and the
// extraction report, in the run folder; Certify runs stage 9 (w2c run and w2c bench call it).
package extraction
