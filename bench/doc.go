// Package bench runs the benchmark suites: every task of a suite, for several seeds, with a small
// search over architectures (smallest first, stopping at the first that yields a verified
// program, in the spirit of MIPS's search for the smallest RNN), and writes the results as CSV
// and as a Markdown table beside the MIPS and GPT-4 baselines.
//
// A suite's folder holds one run folder per attempt, runs/TASK/seedN/ARCH/ (a w2c run folder:
// checkpoint, metrics, report, program), and one outcome.json per task and seed once its search
// is over. Re-running skips finished searches and reuses finished attempts, so an interrupted
// suite resumes where it stopped. A suite can be split into shards (-shard i/n) that run on
// different machines (a Slurm array job, Kubernetes indexed jobs); copying their runs/ folders
// into one and running Table rebuilds the tables of the whole suite.
package bench
