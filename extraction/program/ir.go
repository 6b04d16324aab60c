// Package program is the intermediate representation (IR) of an extracted program: the one
// typed form that every stage after extraction works from. The interpreter runs it, the
// simplifier rewrites it, and every printer (pseudo-code, Python, Go) walks it.
//
// A Program mirrors the Discrete Transformer it came from: a list of statements, each defining a
// new per-position variable (a residual-stream slot) for every position t of the sequence,
// either by an attention read through a pointer (Attend) or by an element-wise expression of
// variables at the same position (Assign). Outputs are expressions of variables at position t.
//
// This comment is the one statement of the semantics. The interpreter (interp.go, semantics.go),
// the validator (validate.go) and the emitters (emit_python.go, emit_go.go) implement it.
//
// # Execution order
//
// A program runs position by position: for t = 0, 1, ..., T-1 (the outer loop) it runs the body
// statements in order (the inner loop), each defining its variable at position t, and then
// evaluates the outputs at position t. All values are float64.
//
// # What a statement may read
//
// Var{x} in an expression at position t is x[t]. The variables are the inputs (the sequence's
// channels), the built-ins "pos" (the position index t, from 0) and "one" (the constant 1), and
// the body variables. At position t a statement may read
//   - any variable, itself included, at an earlier position s < t: through Previous(k) with
//     k >= 1, and the value of LastEqual. This is what makes a program recurrent: the
//     recurrence v[t] = v[t-1] + F[t] is the two statements
//     prev1_v = Attend{Previous(1), value v} (defined before v) and v = prev1_v + F;
//   - at position t itself, only the inputs, the built-ins and the body variables defined
//     earlier in the body: every Var of an Assign; the value of Previous(0) and of First (at
//     t = 0, First reads the current position); the value and the key of PrefixMean,
//     PrefixSum, ArgMax and ArgMin (they include t); the key of LastEqual.
//
// Outputs are evaluated after the body, so they may read every variable at t. Output names are
// channel names, not variables: nothing can read them.
//
// # Pointers
//
//   - Previous(k): value[t-k], or 0 when t-k < 0 (k = 0 is the position itself).
//   - First: value[0].
//   - PrefixSum: value[0] + value[1] + ... + value[t], summed left to right.
//     PrefixMean: that sum divided by t+1.
//   - ArgMax(key): value[j], where j is the latest position j <= t whose key is the largest of
//     key[0..t]: j starts at 0 and moves to every later s <= t with key[s] >= key[j] (so a NaN
//     key is never chosen after position 0). ArgMin(key) likewise with key[s] <= key[j].
//   - LastEqual(key): value[j] for the latest j < t with key[j] == key[t]; 0 when there is none
//     (NaN equals nothing).
//
// # Arithmetic
//
// The operators are IEEE-754 double precision, each result rounded on its own (no fused
// multiply-add), made total ("protected") so that a program never fails:
//   - x / 0 = 0 and x mod 0 = 0; mod is floored, the result takes the divisor's sign (Python's %
//     on floats: r = fmod(x, y), plus y when r != 0 and r, y differ in sign).
//   - sqrt(x) = sqrt(|x|); round(x) rounds half away from zero (Go's math.Round, not Python's
//     round); floor, abs, exp, sin, cos are the usual functions (exp overflows to +Inf,
//     sin(±Inf) = cos(±Inf) = NaN); square(x) = x*x.
//   - min and max are NaN when either operand is NaN.
//   - Comparisons (<, <=, >, >=, ==, !=) give 1 when true and 0 when false (false with NaN,
//     except !=).
//
// The sign of a zero is not part of the semantics: no operator, pointer or output tells -0 from
// +0 (x/-0 = 0, -0 == 0, both print as 0), so rewrites and emitters may change it. sin, cos and
// exp are those of the host language's library; they may differ from Go's in the last bit (all
// other operators give identical bits in the interpreter, in Go and in Python).
//
// # Names
//
// Every name is a non-empty string. Inputs, body variables and outputs have distinct names, none
// of them "pos" or "one". The task name (Program.Name) may be any string: the pseudo-code printer
// quotes names that are not plain identifiers, and the emitters turn names into identifiers
// of their language.
package program

// Expr is an element-wise expression, evaluated at one position.
type Expr interface{ isExpr() }

// Var reads a variable at the current position.
type Var struct{ Name string }

// Const is a real constant.
type Const struct{ Value float64 }

// Unary applies a one-argument operator.
type Unary struct {
	Op UnaryOp
	X  Expr
}

// Binary applies a two-argument operator.
type Binary struct {
	Op   BinaryOp
	X, Y Expr
}

func (Var) isExpr()    {}
func (Const) isExpr()  {}
func (Unary) isExpr()  {}
func (Binary) isExpr() {}

// UnaryOp names a one-argument operator.
type UnaryOp string

// The unary operators.
const (
	Neg    UnaryOp = "neg"
	Abs    UnaryOp = "abs"
	Square UnaryOp = "square"
	Sqrt   UnaryOp = "sqrt"
	Sin    UnaryOp = "sin"
	Cos    UnaryOp = "cos"
	Exp    UnaryOp = "exp"
	Floor  UnaryOp = "floor"
	Round  UnaryOp = "round" // half away from zero
)

// BinaryOp names a two-argument operator.
type BinaryOp string

// The binary operators. Comparisons are indicators: 1 when true, 0 when false.
const (
	Add       BinaryOp = "+"
	Sub       BinaryOp = "-"
	Mul       BinaryOp = "*"
	Div       BinaryOp = "/"
	Mod       BinaryOp = "mod"
	Min       BinaryOp = "min"
	Max       BinaryOp = "max"
	Less      BinaryOp = "<"
	LessEq    BinaryOp = "<="
	Greater   BinaryOp = ">"
	GreaterEq BinaryOp = ">="
	Equal     BinaryOp = "=="
	NotEqual  BinaryOp = "!="
)

// PointerKind names an attention pattern: which earlier position a position reads from.
type PointerKind string

// The pointer kinds (see the package doc for their semantics).
const (
	Previous   PointerKind = "previous"
	First      PointerKind = "first"
	PrefixMean PointerKind = "prefix_mean"
	PrefixSum  PointerKind = "prefix_sum"
	ArgMax     PointerKind = "argmax"
	ArgMin     PointerKind = "argmin"
	LastEqual  PointerKind = "last_equal"
)

// Pointer is an attention pattern with its parameter: Offset for Previous, Key (a variable
// name) for ArgMax, ArgMin and LastEqual.
type Pointer struct {
	Kind   PointerKind
	Offset int
	Key    string
}

// Stmt defines one new variable for every position.
type Stmt interface{ Defines() string }

// Assign defines Name[t] = Expr evaluated at t.
type Assign struct {
	Name string
	Expr Expr
}

// Attend defines Name[t] = Value[j] where j is chosen by Pointer (an attention head's read).
type Attend struct {
	Name    string
	Pointer Pointer
	Value   string
}

// Defines returns the variable the statement defines.
func (s Assign) Defines() string { return s.Name }

// Defines returns the variable the statement defines.
func (s Attend) Defines() string { return s.Name }

// Output is one output channel: its name and its expression at position t.
type Output struct {
	Name string
	Expr Expr
}

// Program is an extracted program over sequences.
type Program struct {
	// Name is the task's name (it may contain any characters; emitters sanitize it).
	Name string
	// Inputs are the input channel names, in channel order.
	Inputs []string
	// Body defines the intermediate variables in order; at position t a statement may read the
	// inputs, the built-ins and the variables defined before it, and any variable at earlier
	// positions (see the package doc).
	Body []Stmt
	// Outputs are the output channels, in channel order.
	Outputs []Output
}
