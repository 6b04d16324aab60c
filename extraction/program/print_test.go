package program

import (
	"math"
	"strings"
	"testing"
)

func TestFormatExpr(t *testing.T) {
	x, y, z := v("x"), v("y"), v("z")
	cases := []struct {
		e    Expr
		want string
	}{
		{bin(Sub, x, bin(Sub, y, z)), "x - (y - z)"},
		{bin(Sub, bin(Sub, x, y), z), "x - y - z"},
		{bin(Add, x, bin(Add, y, z)), "x + (y + z)"},
		{bin(Mul, bin(Add, x, y), z), "(x + y) * z"},
		{bin(Mod, bin(Mod, x, c(2)), c(3)), "x mod 2 mod 3"},
		{bin(Mod, x, bin(Mod, c(2), c(3))), "x mod (2 mod 3)"},
		{un(Neg, c(2)), "-(2)"},
		{c(-2), "-2"},
		{un(Square, c(-2)), "(-2)^2"},
		{un(Neg, un(Square, x)), "-x^2"},
		{un(Square, un(Neg, x)), "(-x)^2"},
		{un(Neg, un(Neg, x)), "-(-x)"},
		{bin(Add, x, c(-2)), "x + (-2)"},
		{bin(Mul, c(-2), x), "-2 * x"},
		{bin(Add, bin(Less, x, y), c(1)), "(x < y) + 1"},
		{bin(Less, bin(Add, x, y), z), "x + y < z"},
		{bin(Equal, bin(Less, x, y), z), "(x < y) == z"},
		{bin(Min, x, c(1)), "min(x, 1)"},
		{un(Sqrt, un(Abs, x)), "sqrt(abs(x))"},
		{c(math.NaN()), "nan"},
		{c(math.Inf(-1)), "-inf"},
		{c(1e100), "1e+100"},
		{c(0.1), "0.1"},
		{c(math.Copysign(0, -1)), "-0"},
		{v("my var"), `"my var"`},
		{v("mod"), `"mod"`},
		{v("π"), "π"},
	}
	for _, tc := range cases {
		if got := FormatExpr(tc.e); got != tc.want {
			t.Errorf("FormatExpr = %s, want %s", got, tc.want)
		}
		p := &Program{Name: "e", Inputs: []string{"x", "y", "z", "my var", "mod", "π"}, Outputs: []Output{{"out", tc.e}}}
		q, err := Parse(Format(p))
		if err != nil || !q.Equal(p) {
			t.Errorf("%s does not read back: %v", tc.want, err)
		}
	}
}

func TestParseHandWritten(t *testing.T) {
	src := `
# parity of the last two values
program parity_last2( x ) -> y :
    for t:
        prev1_x = x[ t - 1 ]   # the previous value
        y = (x + prev1_x)mod 2  # comment
`
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Equal(parityLast2()) {
		t.Errorf("got\n%s", Format(p))
	}
}

// TestParseOlderSpellings: reports written before symbolic regression printed with FormatExpr
// spell x^2 and x mod y as square(x) and mod(x, y); the parser reads both, and a variable may
// still be called square.
func TestParseOlderSpellings(t *testing.T) {
	src := "program f(x, square) -> y:\n  for t:\n    y = mod(square(x) + square, 3)\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	got := FormatExpr(p.Outputs[0].Expr)
	if want := "(x^2 + square) mod 3"; got != want {
		t.Errorf("read %q, want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		src, want string
	}{
		{"program p(x) -> y:\n  for t:\n    y = x +\n", "line 3, at the end of the line: want a number"},
		{"program p(x) -> y:\n  for t:\n    y = x ** 2\n", "line 3, column 12: want a number"},
		{"program p(x) -> y:\n  for t:\n    h = x[t+1]\n    y = h\n", "line 3, column 12: want \"]\""},
		{"program p(x) -> y:\n  for t:\n    mod = x\n    y = x\n", `"mod" is a keyword; write it "\"mod\""`},
		{"program p(x) -> y:\n  for t:\n", "output y is never defined"},
		{"program p(x) -> y:\n  for t:\n    y = x\n    y = x\n", "output y is defined twice"},
		{"program p(x) -> y:\n  for t:\n    y = x[t-1]\n", "an output is a formula"},
		{"program p(x) -> y:\n  for t:\n    y = z\n", `invalid program: output 0 (y): "z" is not defined`},
		{"program p(x) -> y:\n  for t:\n    y = x^3\n", "only ^2"},
		{"program p(x) -> y:\n  for t:\n    y = \"x\n", "line 3: column 9: unterminated"},
		{"program p(x) -> y:\n  for t:\n    y = x < x < x\n", "unexpected \"<\""},
		{"program p(x) -> y:\n  for t:\n    h = x[last j < t: x[j] == y[t]]\n    y = h\n", "the key must be the same"},
		{"program p(x) -> y:\n", "want a header"},
		{"prog p(x) -> y:\n  for t:\n    y = x\n", `want "program"`},
		{"program p(x) -> y:\n  for s:\n    y = x\n", `want "t"`},
		{"program p(x) -> y:\n  for t:\n    y = x ; 1\n", "unexpected character ';'"},
		{"program p(x) -> y:\n  for t:\n    y = t\n", `"t" is a keyword, not a function`},
	}
	for _, tc := range cases {
		_, err := Parse(tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q): got %v, want an error containing %q", tc.src, err, tc.want)
		}
	}
}

// FuzzRoundTrip generates a random valid program from the fuzz bytes, with arbitrary names,
// prints it, parses it back and checks that the program is the same, and prints the same.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("parity"))
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{255, 254, 253, 252, 251, 250, 249, 248, 247, 246, 245, 244, 243, 242, 241, 240})
	f.Add([]byte("\x02\x03\x01\x00\x07\x01\x05\x06\x01\x02\x00\x03\x03\x01\x02\x00\x01\x01\x02\x01\x00\x09"))
	for i := range 64 {
		seed := make([]byte, 96)
		for j := range seed {
			seed[j] = byte((i*131 + j*j*7 + j*29) % 251)
		}
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := randomProgram(&byteChooser{data: data}, genOptions{transcendental: true, weirdNames: true, arbitraryNames: true})
		text := Format(p)
		q, err := Parse(text)
		if err != nil {
			t.Fatalf("%v\n%s", err, text)
		}
		if !q.Equal(p) {
			t.Fatalf("the program read back differs:\n%s\n%s", text, Format(q))
		}
		if again := Format(q); again != text {
			t.Fatalf("prints differently:\n%s\n%s", text, again)
		}
	})
}
