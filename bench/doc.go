// Package bench runs the benchmark suites: every task of a suite, for several seeds, with a small
// search over architectures (smallest first, stopping at the first that yields a verified
// program, in the spirit of MIPS's search for the smallest RNN), and writes the results as CSV
// and as a Markdown table beside the MIPS and GPT-4 baselines. When no rung verifies, the search
// retries its near misses (models within the give-up bar) with fresh seeds (retry.go): a rung's
// discrete choices come from its initialization, and one wrong choice is otherwise final.
//
// Selection and certification use different data. The search stops at the first attempt whose
// program extraction verifies on the selection stream (task.StreamVerify), which also chooses
// among loose formulas. The chosen program is then certified once, on sealed data that nothing
// before has seen (extraction.Certify: task.StreamCertify, or every input sequence at the
// training length when the task's alphabet makes them at most about a million), at the training
// length and at 10x (5x for real-valued tasks). The tables' verdicts are the certificate's:
// verified (program = reference = hard model) or corrected (program = reference, the hard model
// differs on some positions).
//
// A suite's folder holds one run folder per attempt, runs/TASK/seedN/ARCH/ (a w2c run folder:
// checkpoint, metrics, report, program, and attempt.json), and one outcome.json per task and
// seed once its search is over. Every attempt and outcome is stamped with the code that made it
// (CodeVersion: a git revision) and its settings; re-running reuses only what carries the
// current stamp and redoes the rest, so an interrupted suite resumes where it stopped and a
// suite run after a code change redoes everything the change may affect. Table refuses to mix
// stamps unless asked, and names the commit in results.md. A suite can be split into shards
// (-shard i/n) that run on different machines (a Slurm array job, Kubernetes indexed jobs);
// copying their runs/ folders into one and running Table rebuilds the tables of the whole suite.
//
// KeptFiles lists the small per-task files (outcomes and each chosen attempt, without training
// curves) that are committed, so that the tables and figures can be remade from a clone.
package bench
