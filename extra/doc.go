// Package extra holds the "extra" suite (registry group "extra"): 30 small sequence tasks
// beyond the 62 MIPS tasks of package algorithmic, on which the architecture search and the
// extraction are measured on problems they were not designed for.
//
// # Why
//
// The search over architectures and the extraction were developed, tuned and debugged on the
// MIPS benchmark. Results on those 62 tasks alone cannot tell a method that generalizes from one
// that has been fitted, knowingly or not, to them. These tasks are a held-out check: natural
// operations on short sequences (windows, thresholds, products, signs, selection, running
// statistics, lagged linear combinations, residues, several outputs, real values), chosen for
// being ordinary, not for being easy or hard for the model. The search must never look at these
// names (no per-task rule, default or special case keyed on them); a task that fails here is a
// result to report, not a reason to change the task.
//
// # Tasks
//
// Conventions: one input channel "x" and one output "y" unless stated; a, b, c are input
// channels; "digits" are integers uniform in 0..9, each value drawn independently; x_{-k} = 0
// (zero padding, as in MIPS) unless the definition says that positions before the start do not
// count; the training length is 10 for every task, and every reference accepts any length.
// Integer tasks declare their input alphabet (task.Task.Alphabet); real-valued ones draw reals
// uniform in [-1, 1) and declare none.
//
//	kind                  name                   inputs      definition
//	windowed extremes     max_last3              digits      max(x_{t-2}, x_{t-1}, x_t), existing positions only
//	                      min_last2              digits      min(x_{t-1}, x_t); y_0 = x_0
//	                      max_last2_real         reals       max(x_{t-1}, x_t); y_0 = x_0
//	thresholds, counts    above5                 digits      1 if x_t > 5
//	                      count_above5           digits      #{s <= t : x_s > 5}
//	                      sum_passed20           digits      1 if x_0 + ... + x_t > 20
//	                      sum_crosses20          digits      1 only where the running sum first exceeds 20
//	products, ratios      prod_prev              -5..5       x_t · x_{t-1}
//	                      sign_prod_prev         -5..5       sign(x_t · x_{t-1})
//	                      prod_prev_real         reals       x_t · x_{t-1}
//	                      half_floor             0..99       floor(x_t / 2)
//	                      third_floor            -9..9       floor(x_t / 3), towards minus infinity
//	comparisons, signs    sign                   -5..5       sign(x_t)
//	                      greater_prev           digits      1 if x_t > x_{t-1}
//	                      sign_change            -5..5       1 if sign(x_t) != sign(x_{t-1}), sign(0) = 0
//	conditional selection prev_if_odd            digits      x_{t-1} if x_t is odd, else x_t
//	                      last_nonzero           0..3        most recent nonzero input, 0 if none
//	running statistics    range_seen             digits      max(x_0..x_t) - min(x_0..x_t)
//	                      mean_floor             digits      floor(mean(x_0..x_t))
//	                      mean_round             digits      mean(x_0..x_t) rounded half up
//	linear, with lags     a_plus_2b_prev         a, b digits a_t + 2·b_{t-1}
//	                      a_minus_b_plus_c_lag2  a, b, c     a_t - b_t + c_{t-2}
//	residues and sums     sum_prev_mod3          digits      (x_t + x_{t-1}) mod 3
//	                      pair_sum_mod4          a, b digits (sum of a_s + b_s for s <= t) mod 4
//	two outputs           min_max_seen           0..99       (lo, hi) = (min, max) of x_0..x_t
//	                      prev2_prev1            0..99       (p2, p1) = (x_{t-2}, x_{t-1})
//	                      sum_diff               a, b digits (s, d) = (a_t + b_t, a_t - b_t)
//	real-valued           ema_half               reals       y_t = 0.5·y_{t-1} + 0.5·x_t, y_{-1} = 0
//	                      blend_prev             reals       0.3·x_t + 0.7·x_{t-1}
//	                      clip_half              reals       min(max(x_t, -0.5), 0.5)
//
// Each task has its own constructor (e.g. MaxLast3, SumCrosses20), whose doc comment gives the
// exact definition; Tasks returns them all in the order above, one file per kind.
package extra
