package polish

import (
	"fmt"
	"math"

	"github.com/discretetransformer/w2c/extraction/program"
)

// The parameters of a program are its finite Const leaves, in a fixed order: the Assign
// statements in body order, then the outputs, each expression in pre-order (operator, then
// left, then right operand). Non-finite constants (nan, inf) are not parameters. A parameter
// vector is put back into the same template program by withConsts, so the structure never
// changes while constants are fitted.

// constSite says where a parameter is, for the report.
type constSite struct {
	owner  string       // the statement's variable or the output's name
	output bool         // owner is an output
	index  int          // the constant's number within its expression, from 1
	parent program.Expr // the smallest expression around the constant, nil when it is the whole
}

// where describes the site in words.
func (s constSite) where() string {
	kind := "statement"
	if s.output {
		kind = "output"
	}
	return fmt.Sprintf("%s %s, constant %d", kind, s.owner, s.index)
}

// collectConsts lists the parameters of p and where they are.
func collectConsts(p *program.Program) ([]float64, []constSite) {
	var vals []float64
	var sites []constSite
	visit := func(owner string, output bool, e program.Expr) {
		index := 0
		var walk func(e, parent program.Expr)
		walk = func(e, parent program.Expr) {
			switch n := e.(type) {
			case program.Const:
				if isFinite(n.Value) {
					index++
					vals = append(vals, n.Value)
					sites = append(sites, constSite{owner, output, index, parent})
				}
			case program.Unary:
				walk(n.X, n)
			case program.Binary:
				walk(n.X, n)
				walk(n.Y, n)
			}
		}
		walk(e, nil)
	}
	for _, s := range p.Body {
		if a, ok := s.(program.Assign); ok {
			visit(a.Name, false, a.Expr)
		}
	}
	for _, o := range p.Outputs {
		visit(o.Name, true, o.Expr)
	}
	return vals, sites
}

// withConsts returns a copy of p with its parameters replaced by vals, in collectConsts order.
func withConsts(p *program.Program, vals []float64) *program.Program {
	i := 0
	return p.MapExprs(func(e program.Expr) program.Expr {
		return program.Rewrite(e, func(n program.Expr) program.Expr {
			if c, ok := n.(program.Const); ok && isFinite(c.Value) {
				i++
				return program.Const{Value: vals[i-1]}
			}
			return n
		})
	})
}

func isFinite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }
