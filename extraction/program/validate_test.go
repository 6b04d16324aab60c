package program

import (
	"strings"
	"testing"
)

func TestValidateAcceptsExamples(t *testing.T) {
	for _, p := range []*Program{parityLast2(), maxSeen(), integrator(), pointerZoo()} {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
}

func TestValidateErrors(t *testing.T) {
	base := func(body []Stmt, outs ...Output) *Program {
		if len(outs) == 0 {
			outs = []Output{{"y", v("x")}}
		}
		return &Program{Name: "p", Inputs: []string{"x"}, Body: body, Outputs: outs}
	}
	ptr := func(kind PointerKind, key string) Pointer { return Pointer{Kind: kind, Key: key} }
	cases := []struct {
		name string
		p    *Program
		want string
	}{
		{"undefined in formula", base([]Stmt{Assign{"h", v("nope")}}), `"nope" is not defined`},
		{"undefined in output", base(nil, Output{"y", v("nope")}), `output 0 (y): "nope" is not defined`},
		{"undefined earlier read", base([]Stmt{prev("a", "nope", 1)}), `"nope" is not defined`},
		{"later read at t", base([]Stmt{Assign{"a", v("b")}, Assign{"b", v("x")}}),
			`reads "b" at position t, but it is defined later, by statement 1`},
		{"self read at t", base([]Stmt{Assign{"a", bin(Add, v("a"), c(1))}}), "reads itself at position t"},
		{"previous 0 of itself", base([]Stmt{prev("a", "a", 0)}), "reads itself"},
		{"first of later", base([]Stmt{Attend{"a", ptr(First, ""), "b"}, Assign{"b", v("x")}}), "defined later"},
		{"sum of later", base([]Stmt{Attend{"a", ptr(PrefixSum, ""), "b"}, Assign{"b", v("x")}}), "defined later"},
		{"argmax key later", base([]Stmt{Attend{"a", ptr(ArgMax, "b"), "x"}, Assign{"b", v("x")}}), "defined later"},
		{"last_equal key later", base([]Stmt{Attend{"a", ptr(LastEqual, "b"), "x"}, Assign{"b", v("x")}}), "defined later"},
		{"duplicate", base([]Stmt{Assign{"a", v("x")}, Assign{"a", v("x")}}), `defines "a", already defined by statement 0`},
		{"redefines input", base([]Stmt{Assign{"x", c(1)}}), `defines "x", which is an input`},
		{"redefines builtin", base([]Stmt{Assign{"pos", c(1)}}), `defines "pos", which is a built-in`},
		{"input builtin", &Program{Inputs: []string{"one"}, Outputs: []Output{{"y", c(1)}}}, "which is a built-in"},
		{"input twice", &Program{Inputs: []string{"x", "x"}, Outputs: []Output{{"y", c(1)}}}, "like an earlier input"},
		{"empty name", base([]Stmt{Assign{"", v("x")}}), "empty name"},
		{"output collides", base([]Stmt{Assign{"h", v("x")}}, Output{"h", v("h")}), "named like an input, a built-in or a body variable"},
		{"output twice", base(nil, Output{"y", v("x")}, Output{"y", v("x")}), "named like an earlier output"},
		{"no outputs", &Program{Inputs: []string{"x"}}, "no outputs"},
		{"negative offset", base([]Stmt{prev("a", "x", -1)}), "negative offset"},
		{"unknown pointer", base([]Stmt{Attend{"a", ptr("sideways", ""), "x"}}), `unknown pointer kind "sideways"`},
		{"missing key", base([]Stmt{Attend{"a", ptr(ArgMax, ""), "x"}}), "without a key"},
		{"stray key", base([]Stmt{Attend{"a", ptr(First, "x"), "x"}}), "only argmax, argmin and last_equal take one"},
		{"stray offset", base([]Stmt{Attend{"a", Pointer{Kind: First, Offset: 2}, "x"}}), "only previous takes one"},
		{"no value", base([]Stmt{Attend{"a", ptr(First, ""), ""}}), "without a value"},
		{"unknown unary", base([]Stmt{Assign{"a", un("tan", v("x"))}}), `unknown unary operator "tan"`},
		{"unknown binary", base([]Stmt{Assign{"a", bin("**", v("x"), c(2))}}), `unknown binary operator "**"`},
		{"nil expression", base([]Stmt{Assign{"a", nil}}), "missing expression"},
		{"pointer expression", base([]Stmt{Assign{"a", &Var{"x"}}}), "unsupported expression type *program.Var"},
		{"pointer statement", base([]Stmt{&Assign{"a", v("x")}}), "unsupported type *program.Assign"},
		{"nil statement", base([]Stmt{nil}), "statement 0 is nil"},
	}
	for _, tc := range cases {
		err := tc.p.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
	var nilProgram *Program
	if nilProgram.Validate() == nil {
		t.Error("nil program accepted")
	}
}

// TestValidateRecurrence checks what a statement may read at earlier positions: later
// variables and itself, through Previous(k >= 1) and the value of LastEqual.
func TestValidateRecurrence(t *testing.T) {
	ok := []*Program{
		integrator(),
		{Inputs: []string{"x"}, Body: []Stmt{prev("a", "a", 1)}, Outputs: []Output{{"y", v("a")}}},
		{Inputs: []string{"x"}, Body: []Stmt{Attend{"a", Pointer{Kind: LastEqual, Key: "x"}, "b"}, Assign{"b", v("a")}},
			Outputs: []Output{{"y", v("b")}}},
		{Inputs: []string{"x"}, Body: []Stmt{prev("a", "b", 3), Assign{"b", v("x")}}, Outputs: []Output{{"y", v("a")}}},
	}
	for i, p := range ok {
		if err := p.Validate(); err != nil {
			t.Errorf("program %d: %v", i, err)
		}
	}
}
