package algorithmic

import "github.com/discretetransformer/w2c/task"

// Tasks returns the 62 MIPS benchmark tasks in the order of the MIPS table, numbered 1..62 in
// Index, with the published outcome of MIPS and of GPT-4 on each ("✓" solved, "✗" not). The
// per-task outcomes are those of the reference table (shared/reference/mips-tasks.md), which
// reconstructs them so that every published total holds: MIPS 32, GPT-4 30, MIPS only 13, GPT-4
// only 11. Each call returns new values, which the caller may modify.
func Tasks() []*task.Task {
	return numbered(
		// task, outcome of MIPS, outcome of GPT-4; the trailing comments count rows
		solved(BinaryAddition(), "✓", "✗"), // 1
		solved(BaseAddition(3), "✗", "✗"),
		solved(BaseAddition(4), "✗", "✗"),
		solved(BaseAddition(5), "✗", "✗"),
		solved(BaseAddition(6), "✗", "✓"), // 5
		solved(BaseAddition(7), "✗", "✗"),
		solved(BitwiseXor(), "✓", "✓"),
		solved(BitwiseOr(), "✓", "✓"),
		solved(BitwiseAnd(), "✓", "✓"),
		solved(BitwiseNot(), "✓", "✓"), // 10
		solved(ParityLast(2), "✓", "✓"),
		solved(ParityLast(3), "✓", "✗"),
		solved(ParityLast(4), "✗", "✗"),
		solved(ParityAll(), "✓", "✗"),
		solved(ParityZeros(), "✓", "✗"), // 15
		solved(EvensCounter(), "✗", "✗"),
		solved(SumAll(), "✓", "✓"),
		solved(SumLast(2), "✓", "✗"),
		solved(SumLast(3), "✓", "✗"),
		solved(SumLast(4), "✓", "✓"), // 20
		solved(SumLast(5), "✓", "✓"),
		solved(SumLast(6), "✓", "✓"),
		solved(SumLast(7), "✓", "✓"),
		solved(CurrentNumber(), "✓", "✓"),
		solved(Prev(1), "✓", "✓"), // 25
		solved(Prev(2), "✓", "✓"),
		solved(Prev(3), "✓", "✓"),
		solved(Prev(4), "✓", "✓"),
		solved(Prev(5), "✓", "✓"),
		solved(PreviousEqualsCurrent(), "✓", "✗"), // 30
		solved(DiffLast2(), "✓", "✗"),
		solved(AbsDiff(), "✓", "✗"),
		solved(AbsCurrent(), "✓", "✓"),
		solved(DiffAbsValues(), "✗", "✓"),
		solved(MinSeen(), "✗", "✓"), // 35
		solved(MaxSeen(), "✗", "✓"),
		solved(Majority(1), "✗", "✓"),
		solved(Majority(2), "✗", "✗"),
		solved(Majority(3), "✗", "✗"),
		solved(EvensDetector(), "✗", "✓"), // 40
		solved(PerfectSquareDetector(), "✗", "✗"),
		solved(BitPalindrome(), "✗", "✓"),
		solved(BalancedParenthesis(), "✗", "✗"),
		solved(ParityBitsMod2(), "✗", "✓"),
		solved(AlternatingLast(3), "✗", "✗"), // 45
		solved(AlternatingLast(4), "✗", "✓"),
		solved(BitShiftRight(), "✓", "✓"),
		solved(BitDotProdMod2(), "✓", "✗"),
		solved(Div(3), "✗", "✓"),
		solved(Div(5), "✗", "✗"), // 50
		solved(Div(7), "✗", "✗"),
		solved(AddMod(3), "✓", "✓"),
		solved(AddMod(4), "✗", "✗"),
		solved(AddMod(5), "✗", "✗"),
		solved(AddMod(6), "✗", "✗"), // 55
		solved(AddMod(7), "✗", "✗"),
		solved(AddMod(8), "✗", "✗"),
		solved(Dithering(), "✗", "✓"),
		solved(NewtonFreebody(), "✓", "✗"),
		solved(NewtonGravity(), "✓", "✗"), // 60
		solved(NewtonSpring(), "✓", "✗"),
		solved(NewtonMagnetic(), "✗", "✗"),
	)
}

// solved records the published outcomes of MIPS and GPT-4 on t.
func solved(t *task.Task, mips, gpt4 string) *task.Task {
	t.MIPS, t.GPT4 = mips, gpt4
	return t
}

// numbered sets Index to the position in the MIPS table, from 1.
func numbered(ts ...*task.Task) []*task.Task {
	for i, t := range ts {
		t.Index = i + 1
	}
	return ts
}
