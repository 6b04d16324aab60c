package symreg

import (
	"fmt"
	"time"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Options configure Fit. The zero value is usable: every zero field takes the default named in
// its comment.
type Options struct {
	// Unary and Binary are the operators the search may use. nil means DefaultUnary /
	// DefaultBinary; an empty non-nil slice means none. The final affine wrapper a*f + b (see
	// the package doc) uses *, + and − only where they are in Binary (neg may also come from
	// Unary).
	Unary  []program.UnaryOp
	Binary []program.BinaryOp

	// Constants are the constant leaves of the enumeration (other constants are fitted). nil
	// means DefaultConstants; an empty non-nil slice means none.
	Constants []float64

	// MaxComplexity bounds the complexity (node count, see Complexity) of any returned
	// expression. 0 means 12.
	MaxComplexity int

	// AbsTol and RelTol set the error tolerance: an expression is within tolerance when its
	// MSE <= max(AbsTol, RelTol*var(y)). When both are 0, RelTol is DefaultRelTol. A floor of
	// 1e-18*mean(y²) absorbs floating-point round-off.
	AbsTol float64
	RelTol float64

	// Integer says the targets are integers: fitted constants snap to simple rationals p/q
	// (q in 1,2,3,4,5,6,8,10,12) whenever that keeps the error within tolerance, and among
	// equally simple expressions within tolerance an integer-valued one is preferred.
	Integer bool
	// Laws turns on the sparse-law template (polynomial.go): sums of a few monomials and
	// periodic terms of the variables, as the one-step laws of mechanics are. Extraction sets
	// it for real-valued tasks; integer tasks' formulas do not need it, and it would only make
	// their searches longer.
	Laws bool

	// Seed drives the only random choice, the subsample used for the search when there are
	// more than SearchSamples distinct input rows. Same inputs and seed give the same Result.
	Seed uint64

	// MaxEvals bounds the effort, deterministically, in evaluations of a candidate on 256
	// distinct rows: a candidate evaluated on n rows counts max(n, 64)/256, so searches on few
	// distinct rows (small integer domains) go deeper for the same time. 0 means 400000
	// (roughly 0.3–1 s on one core).
	MaxEvals int

	// TimeLimit is a wall-clock safety stop. 0 means 20 s. When it fires the Result says so
	// (Stop == StopTime) and, unlike every other stop, may differ between runs.
	TimeLimit time.Duration

	// SearchSamples is the largest number of distinct input rows the enumeration works on; more
	// are subsampled (with Seed). Every reported MSE is measured on all samples. 0 means 256.
	SearchSamples int

	// MaxBank bounds how many distinct sub-expressions are kept as building blocks (memory is
	// MaxBank*SearchSamples*8 bytes). 0 means 20000.
	MaxBank int

	// MaxInnerInt is the largest integer tried as a fitted inner constant of mod(f, c),
	// floor(f/c) and round(f/c). 0 means 64.
	MaxInnerInt int
}

// Default operator sets and constants.
var (
	// DefaultUnary omits neg, which the affine wrapper and − already cover.
	DefaultUnary = []program.UnaryOp{
		program.Abs, program.Square, program.Sqrt, program.Floor, program.Round,
		program.Sin, program.Cos, program.Exp,
	}
	// DefaultBinary is every binary operator of the IR.
	DefaultBinary = []program.BinaryOp{
		program.Add, program.Sub, program.Mul, program.Div, program.Mod, program.Min, program.Max,
		program.Less, program.LessEq, program.Greater, program.GreaterEq, program.Equal, program.NotEqual,
	}
	// DefaultConstants are the enumeration's constant leaves.
	DefaultConstants = []float64{1, 2, 3}
)

// DefaultRelTol is the relative tolerance used when AbsTol and RelTol are both 0.
const DefaultRelTol = 1e-4

// Canonical operator orders (the enumeration order, hence part of determinism).
var (
	allUnary  = []program.UnaryOp{program.Neg, program.Abs, program.Square, program.Sqrt, program.Floor, program.Round, program.Sin, program.Cos, program.Exp}
	allBinary = DefaultBinary
)

// config is Options with defaults applied and operator sets as lookups.
type config struct {
	Options
	uops    []program.UnaryOp  // allowed unary, canonical order
	bops    []program.BinaryOp // allowed binary, canonical order
	hasU    map[program.UnaryOp]bool
	hasB    map[program.BinaryOp]bool
	enumB   []program.BinaryOp // binary ops enumerated (mirror images dropped)
	qs      []int              // denominators tried when snapping constants
	canMul  bool
	canAdd  bool // + or − available for an offset
	canNeg  bool
	canSub  bool
	canPlus bool
}

func newConfig(o Options) (*config, error) {
	c := &config{Options: o}
	if c.Unary == nil {
		c.Unary = DefaultUnary
	}
	if c.Binary == nil {
		c.Binary = DefaultBinary
	}
	if c.Constants == nil {
		c.Constants = DefaultConstants
	}
	if c.MaxComplexity == 0 {
		c.MaxComplexity = 12
	}
	if c.MaxComplexity < 1 {
		return nil, fmt.Errorf("symreg: MaxComplexity %d < 1", c.MaxComplexity)
	}
	if c.AbsTol < 0 || c.RelTol < 0 {
		return nil, fmt.Errorf("symreg: negative tolerance")
	}
	if c.AbsTol == 0 && c.RelTol == 0 {
		c.RelTol = DefaultRelTol
	}
	if c.MaxEvals == 0 {
		c.MaxEvals = 400000
	}
	if c.TimeLimit == 0 {
		c.TimeLimit = 20 * time.Second
	}
	if c.SearchSamples == 0 {
		c.SearchSamples = 256
	}
	if c.MaxBank == 0 {
		c.MaxBank = 20000
	}
	if c.MaxInnerInt == 0 {
		c.MaxInnerInt = 64
	}
	if c.MaxEvals < 0 || c.SearchSamples < 0 || c.MaxBank < 0 || c.MaxInnerInt < 0 || c.TimeLimit < 0 {
		return nil, fmt.Errorf("symreg: negative budget option")
	}
	c.hasU = map[program.UnaryOp]bool{}
	for _, op := range c.Unary {
		if _, ok := program.UnaryFunc(op); !ok {
			return nil, fmt.Errorf("symreg: unknown unary operator %q", op)
		}
		c.hasU[op] = true
	}
	c.hasB = map[program.BinaryOp]bool{}
	for _, op := range c.Binary {
		if _, ok := program.BinaryFunc(op); !ok {
			return nil, fmt.Errorf("symreg: unknown binary operator %q", op)
		}
		c.hasB[op] = true
	}
	for _, op := range allUnary {
		if c.hasU[op] {
			c.uops = append(c.uops, op)
		}
	}
	for _, op := range allBinary {
		if !c.hasB[op] {
			continue
		}
		c.bops = append(c.bops, op)
		// a > b is b < a and a >= b is b <= a: enumerate only one of each mirror pair.
		if (op == program.Greater && c.hasB[program.Less]) || (op == program.GreaterEq && c.hasB[program.LessEq]) {
			continue
		}
		c.enumB = append(c.enumB, op)
	}
	for _, v := range c.Constants {
		if v != v || v > 1e300 || v < -1e300 {
			return nil, fmt.Errorf("symreg: constant leaf %v is not finite", v)
		}
	}
	if c.Integer {
		c.qs = []int{1, 2, 3, 4, 5, 6, 8, 10, 12}
	} else {
		c.qs = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 25, 50, 100, 1000}
	}
	c.canMul = c.hasB[program.Mul]
	c.canPlus = c.hasB[program.Add]
	c.canSub = c.hasB[program.Sub]
	c.canAdd = c.canPlus || c.canSub
	c.canNeg = c.hasU[program.Neg]
	return c, nil
}

func commutative(op program.BinaryOp) bool {
	switch op {
	case program.Add, program.Mul, program.Min, program.Max, program.Equal, program.NotEqual:
		return true
	}
	return false
}
