// Package figures draws the figures and tables of the paper from saved runs (SVG and PNG, so
// they render offline and on code hosts), for `w2c figures` and for the notebooks.
//
// Every figure is a function of data that is already saved (metrics.jsonl, extraction.json,
// a run folder's checkpoint, a benchmark suite's outcomes) that returns a *plot.Plot or a Grid
// of plots; Save writes it as SVG and PNG, Render returns the bytes (for a notebook cell).
// Tables are Markdown strings.
//
//   - Pipeline (pipeline.go, attention.go, mlpfit.go): the paper's Figure 1 for one run, from
//     weights to code: each kept head's mean hard attention map (AttentionPlot), each kept
//     sub-MLP's outputs against its formula (MLPFitPlot) and the program (TextPanel).
//   - Main table (maintable.go): ours against MIPS and GPT-4 from a suite folder (MainTable,
//     Summarize) and the counts of solved tasks and their overlap (SolvedChart).
//   - Annealing (annealing.go): loss, choice entropy, argmax changes and tau of one run
//     (AnnealingPlot) and of several (AnnealingOverlay, TransitionsTable), with the
//     exploration-to-exploitation transition defined and found by dt.FindTransition.
//   - Physics (physics.go): roll-outs of the simulator, of a program and of the hard model fed
//     their own outputs (ProgramRollout, ModelRollout, Rollouts), plotted from plain
//     trajectories (RolloutPlot, DeviationPlot, OrbitPlot, InvariantPlot) beside the true law
//     and the recovered program (LawText, PhysicsFigure).
//   - Inductive bias (bias.go): one task under several settings and the programs that come out
//     (Settings, EnsureSettings, LoadBias, BiasTable, BiasFigure).
//
// Generate (generate.go) makes them all, training the small runs it needs when they are
// missing (runs.go: Ensure, EnsureTrained; a finished run is loaded, an unfinished one
// resumed), and writes an index of what exists (index.go: README.md). The main table and the
// physics figures are made from the benchmark suites' committed results (each task and seed's
// outcome.json and its chosen attempt's folder, without metrics.jsonl), so that a clone remakes
// every figure with one command. A figure whose suite folder is missing or partial (a task or
// a seed without an outcome) is skipped with a message, and its committed files are left as
// they are, never replaced by a partial figure (Options.Partial draws a partial suite on
// purpose, into another folder).
//
// The figures are deterministic: the same runs give the same bytes (SVG, PNG, Markdown), and the
// runs trained here are seeded. Compare (compare.go; `w2c figures -compare DIR`) checks a
// folder of figures against another, byte for byte but for the wall-clock times of the Markdown
// tables (MaskTimings); scripts/check-figures.sh remakes the figures in a fresh clone and
// compares them with the committed ones. Style helpers (colours, fonts, lines, vertical markers,
// text panels, grids of aligned plots) are in style.go, text.go and grid.go.
package figures
