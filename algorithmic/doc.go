// Package algorithmic holds the 62 tasks of the MIPS algorithmic benchmark ("Opening the AI black
// box: program synthesis via mechanistic interpretability", Michaud et al., 2024), the discrete
// tasks on which the Discrete Transformer is compared with MIPS and with GPT-4.
//
// Tasks returns them in the order of the MIPS table (Index 1..62). Each task is also available
// from its own constructor (e.g. ParityLast(2), Div(3)), grouped by family, one file per family:
//
//	addition.go     Binary_Addition, Base_k_Addition
//	bitwise.go      Bitwise_Xor/Or/And/Not
//	parity.go       Parity_Last2/3/4, Parity_All, Parity_Zeros, Parity_Bits_Mod2, Bit_Dot_Prod_Mod2
//	sums.go         Sum_All, Sum_Last2..7
//	copying.go      Current_Number, Prev1..5, Bit_Shift_Right
//	differences.go  Previous_Equals_Current, Diff_Last2, Abs_Diff, Abs_Current, Diff_Abs_Values
//	extremes.go     Min_Seen, Max_Seen
//	majority.go     Majority_0_1/2/3
//	detectors.go    Evens_Detector, Perfect_Square_Detector, Evens_Counter
//	patterns.go     Bit_Palindrome, Balanced_Parenthesis, Alternating_Last3/4
//	arithmetic.go   Div_3/5/7, Add_Mod_3..8, Dithering
//	newton.go       Newton_Freebody/Gravity/Spring/Magnetic (through physics.SymplecticEuler)
//
// Conventions, as in the MIPS generators: inputs are raw integers (one channel, or two for the
// two-string tasks and Newton_Magnetic), one output per position (two for Newton_Magnetic),
// ranges are half-open [lo, hi), positions before the start read as 0, and the training length
// is 10 (20 for Sum_Last5..7 and Prev5). Every generator and reference accepts any length.
//
// Sources. The definitions follow the task table in shared/reference/mips-tasks.md and, where it
// is silent or ambiguous, the MIPS code (github.com/ejmichaud/neural-verification,
// tasks/<dir>/create_dataset.py). Where two versions of a generator disagree, the data the
// paper actually used decides: the first ten training rows of each task's data.pt are recorded
// in the repository's GPT-4 prompts (gpt4/<Task>/0/output_conversation.txt, written by
// gpt4/prompt.py from data.pt). Each constructor's doc comment states what it follows.
package algorithmic
