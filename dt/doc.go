// Package dt is the Discrete Transformer: a small Transformer whose every choice is discrete
// after training, so that its weights read as a program ("Weights to Code", Zhang et al. 2026,
// arXiv 2601.05770). It builds the model on GoMLX, trains it with temperature annealing from
// soft to hard choices, and reads the trained model back as a Structure for extraction.
//
// # The model
//
// The residual stream is a vector of named scalar slots at every position: the task's input
// channels, "pos" (the position index) and "one" (the constant 1), then one slot per module.
// Every module reads a few slots chosen by a learned selection and appends a new slot; nothing
// is ever added into an existing slot, which keeps the features disentangled and makes every
// slot a program variable. A layer has:
//
//   - Numerical Attention heads (attention.go, pointers.go). A head only routes values between
//     positions: it selects a value slot, becomes one pointer of a family and writes the value
//     it reads. Families: previous-k (k = 1..max_offset; before the start it reads 0, as the
//     MIPS tasks do), first position, and the aggregates prefix mean and prefix sum
//     (location-based, the default); largest / smallest key so far and last earlier equal key
//     (content-based, opt-in with -set families=...). Every candidate is an exact causal
//     pointer; the discrete choices are the family and its parameter (the offset, the key
//     slot), so heads snap to clean pointers instead of learning free attention scores. The
//     opt-in family "learned" (learned.go) is the exception: its map is the argmax of a learnt
//     score over relative positions, recency, the first position, and the rank and equality of
//     a key, and extraction identifies what it learnt by hypothesis testing.
//   - Numerical MLP layers of several sub-MLPs (mlp.go). A sub-MLP selects `arity` distinct
//     slots, computes a function R^arity -> R at every position and writes one slot. It is a
//     linear path plus a one-hidden-layer ReLU network on inputs scaled by the task's input
//     scale D: f(u) = w·u + b + D·relu_net(u/D). Opt-in (-set periodic=true), a third part
//     adds fixed Fourier features of each input (periodic.go), for the modular tasks. Arity
//     goes up to MaxArity (8): wide sub-MLPs sum windows of pointers (sum_last7).
//   - Opt-in (-set products=true), the products of a sub-MLP's inputs two by two
//     (products.go), for laws with a parameter channel (dt²·k·x).
//   - Opt-in (-set autoregressive=true), the outputs are read back as slots that heads read at
//     earlier positions (autoregressive.go): recursions such as p[t] = p[t-1] - p[t-2] + F[t].
//     Its heads are previous-k pointers, or learned heads that look at j < t (learned.go).
//
// The readout (readout.go) selects one slot per output channel, by default among the last
// layer's sub-MLPs.
//
// Every choice is a categorical distribution over its options, made three ways from the same
// weights (selection.go): Soft (Gumbel-softmax at temperature tau, for training), Expected
// (softmax at tau, no noise: the deterministic soft model of the metrics) and Hard (argmax
// everywhere: the model that becomes a program).
//
// # Training
//
// Adam on the MSE (or the MIPS loss 0.5*log(1+err^2)), with tau annealed in the graph from the
// global step (anneal.go: geometric by default, also linear, cosine, constant), so the graph is
// compiled once. After anneal_fraction of the steps tau stays at tau_end; the last
// hard_fraction of the steps trains in Hard mode with every choice frozen, while the learning
// rate decays (cosine, to lr_decay of its value) so that the sub-MLPs settle on exact values.
// Every run writes metrics.jsonl (loss soft and hard, tau, entropy of every group of choices and
// of the attention rows, fraction of argmaxes that changed, the information floor),
// checkpoints and report.json.
//
// A search stops hopeless attempts early. The give-up check (give_up) stops an attempt whose
// hard loss, two thirds into the annealing, is above a fraction of the targets' variance; the
// information floor (floor.go, give_up_floor) stops it sooner when its heads cannot work: the
// spread of the targets among positions where the inputs, the position and the heads' reads
// agree bounds the hard loss whatever the sub-MLPs learn.
//
// # Decisions the paper leaves open, and why (measured on parity_last2, current_number, prev1,
// prev3, sum_last2, diff_last2, bitwise_xor, 3 seeds each)
//
//   - One Gumbel sample per step for the whole batch (as in Learning Transformer Programs), so
//     a selection is one matrix product; the noise is annealed with tau (see choice.weights).
//   - tau from 1.0 to 0.01: starting at 3.0 the soft model settles in a blurred stationary
//     point where every sub-MLP reads a near-uniform mix of slots (diff_last2: 0 of 3 seeds).
//   - Choice logits learn choice_lr times faster than the weights and sub-MLP linear paths
//     linear_lr times faster (reparameterizations: under Adam a constant factor on a parameter
//     is a learning rate; relu_lr does the same for the ReLU output weights). The choices must
//     move before the temperature freezes them; the sub-MLPs must land within 0.5 of integers,
//     which a ReLU network that fits a linear law first never quite does.
//   - After the hard phase the output sub-MLPs' last layer is solved by least squares (refit.go):
//     exact where Adam leaves rare inputs off by one.
//   - The ReLU parts switch on over the first relu_warmup of the steps, so linear laws are
//     learnt by the linear paths, exactly.
//   - Priors (initial logit offsets): the readout reads the last layer's sub-MLPs; every
//     sub-MLP input but the first starts leaning to the layer's heads (mlp_head_prior), so a
//     head's correlation with the target, not the raw input's, sets the sign of the weight that
//     reads it; the previous-k family starts ahead of the aggregates (pointer_prior), which are
//     sharp from the first step while the offsets are still undecided.
//   - Excluded options (logit Forbidden, no gradient): heads do not read "pos" or "one", a
//     sub-MLP does not read "one" (it has a bias) nor the same slot twice, offset 0 is not a
//     previous-k offset (it only copies a slot every module can read).
//   - Residues (v mod m) come from fixed Fourier features with learned coefficients, not from
//     a wider ReLU network (which does not learn a sawtooth of period 5 over 0..70) nor from
//     learned frequencies (whose gradient oscillates): periodic.go.
//   - The pure-Go backend runs operations sequentially (backend.go) and matrix products get a
//     two-product gradient (matmul.go).
//
// # Files
//
// config.go (hyperparameters: declaration, -set, checks, help; each is declared in the file that
// reads it), model.go (the stream and the forward pass), selection.go,
// attention.go, pointers.go, mlp.go, periodic.go, autoregressive.go, readout.go, anneal.go, loss.go, train.go (the loop),
// metrics.go, floor.go (the information floor), report.go, predict.go, structure.go (the hard model read off the weights), run.go
// and files.go (run folders, atomic writes), progress.go, backend.go, matmul.go.
package dt
