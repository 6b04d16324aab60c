// Package hypothesis identifies an attention head's pattern by hypothesis testing: given the
// head's hard attention maps observed on held-out sequences, it tests them against a library of
// hypotheses (the pointers of the program IR, and any the caller adds) and accepts the best one
// that agrees within a stated threshold, with a lower confidence bound; otherwise it reports the
// head as unexplained, with the reason and the head's mean map.
//
// # Data
//
// An Observation holds, for N sequences, the head's maps Maps[n] ([T][T]: row t is the weight
// over positions j that position t reads) and the residual-stream values Slots[n] ([T][S]),
// which content hypotheses use as keys; SlotNames names the S slots. Sequences may differ in
// length T (the mean map averages row t over the sequences that have it).
//
// # Hypotheses
//
// A Hypothesis gives the row it expects for (sequence n, position t), the program.Pointer it
// stands for and a description. Library builds the standard ones, in simplicity order (the maps
// are those of the program package doc and of dt/pointers.go: one-hot rows, a zero row when a
// pointer has nowhere to point):
//
//   - self, "x[t]" (Previous 0);
//   - previous-k, "x[t-k]", k = 1..MaxOffset (Previous k): a zero row for t < k;
//   - first, "x[0]" (First);
//   - prefix mean, "mean x[0..t]" (PrefixMean): 1/(t+1) on j = 0..t;
//   - prefix sum, "sum x[0..t]" (PrefixSum): 1 on j = 0..t;
//   - argmax of key slot a, "x[argmax a[0..t]]" (ArgMax a): the latest j <= t whose key is the
//     largest of a[0..t] (j starts at 0 and moves to every later s <= t with a[s] >= a[j]);
//   - argmin of key slot a, "x[argmin a[0..t]]" (ArgMin a): likewise with a[s] <= a[j];
//   - last equal of key slot a, "x[last j<t: a[j]==a[t]]" (LastEqual a): the latest j < t with
//     a[j] == a[t], a zero row when there is none;
//
// for every key slot in Options.KeySlots (default: all), slots by index within each family.
// Callers add their own hypotheses through Options.Extra (after the library, so least simple)
// or replace the list with Options.Hypotheses; the order of the list is the simplicity order.
//
// # Test
//
// Every row (n, t) of every sequence is tested against every hypothesis: it agrees when every
// entry is within Options.Tolerance (default 1e-4, absolute) of the hypothesis's row (a NaN
// never agrees). For each hypothesis the Result gives the rows tested, the rows agreeing, the
// fraction, and a one-sided lower confidence bound on the true agreement rate at
// Options.Confidence (default 99%): the Wilson score bound, and when every row agrees the larger
// of Wilson's n/(n+z²) and the exact Clopper–Pearson bound (1-conf)^(1/n) (see LowerBound).
// Note what that implies: at the defaults, accepting needs at least 459 rows even when every one
// agrees, since 0.01^(1/n) >= 0.99 needs n >= 458.2 (Wilson's alone would need 536).
//
// The candidates are sorted by lower bound, highest first, and ties by the simplicity order
// (their index in the hypothesis list). The best is accepted when its lower bound is at least
// Options.Threshold (default 0.99).
//
// Options.ByValue judges a learned head by the values it reads (see Options), and Joint tests
// several heads together, by the multiset of values they read row by row (joint.go): learned
// heads that swap roles at the first positions fail one by one and pass together.
//
// Indistinguishable hypotheses resolve to the simpler one. Two hypotheses that give the same row
// on every row of the data (previous-1 and last-equal of a constant slot; self and argmax of the
// position slot, or of a constant slot; first and argmin of the position slot) agree on exactly
// the same rows, so they have the same counts and the same lower bound (the bound depends only
// on the counts), and the tie goes to the one earlier in the simplicity order. The data cannot
// tell them apart; the simpler program is the one reported. To tell them apart, test on data
// where they differ.
//
// # Determinism and speed
//
// Test is deterministic: hypotheses are tested in parallel (Options.Workers), each by one
// goroutine over the sequences in order, and results are gathered by index. The built-in
// pointers are tested without materializing rows: each observed row is classified once (one-hot
// at j, zero, or neither, which is exact for tolerances below 0.5), and a pointer agrees with a
// row when it points where the row is one-hot (or nowhere, for a zero row). Custom hypotheses
// and the prefix mean and sum are compared entry by entry.
package hypothesis
