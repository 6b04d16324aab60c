// Package program is the intermediate representation (IR) of an extracted program: the one
// typed form that every stage after extraction works from. The interpreter runs it, the
// simplifier rewrites it, and every printer (pseudo-code, Python, Go) walks it.
//
// A Program mirrors the Discrete Transformer it came from: a list of statements, each defining a
// new per-position variable (a residual-stream slot) for every position t of the sequence,
// either by an attention read through a pointer (Attend) or by an element-wise expression of
// variables at the same position (Assign). Outputs are expressions of variables at position t.
//
// Semantics (shared by the interpreter and every emitter; see semantics.go):
//   - Var{x} at position t is x[t]. Inputs are the sequence's channels; the built-ins "pos" (the
//     position index t, from 0) and "one" (the constant 1) are always defined.
//   - Previous(k): value[t-k], or 0 when t-k < 0 (k = 0 is the position itself).
//   - First: value[0]. PrefixMean: mean of value[0..t]. PrefixSum: sum of value[0..t].
//   - ArgMax(key) / ArgMin(key): value[j] for the latest j <= t whose key[j] is the largest
//     (smallest) of key[0..t].
//   - LastEqual(key): value[j] for the latest j < t with key[j] == key[t]; 0 when there is none.
//   - Protected arithmetic: x/0 = 0; mod(x, 0) = 0; mod is floored (Python's %); sqrt(x) =
//     sqrt(|x|); comparison operators give 1 or 0.
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
	// Body defines the intermediate variables in order; a statement may use the inputs, the
	// built-ins and variables defined before it.
	Body []Stmt
	// Outputs are the output channels, in channel order.
	Outputs []Output
}
