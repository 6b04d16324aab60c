package program

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parse reads the pseudo-code that Format writes (see print.go for the notation) back into a
// program, and validates it. Indentation is free; blank lines and # comments are ignored.
func Parse(src string) (*Program, error) {
	var lines []*lineParser
	for i, text := range strings.Split(src, "\n") {
		toks, err := lex(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		if len(toks) > 0 {
			lines = append(lines, &lineParser{line: i + 1, toks: toks})
		}
	}
	p, err := parseProgram(lines)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("invalid program: %w", err)
	}
	return p, nil
}

// parseProgram reads the header, the loop line and the statements.
func parseProgram(lines []*lineParser) (*Program, error) {
	if len(lines) < 2 {
		return nil, fmt.Errorf("want a header \"program name(inputs) -> outputs:\" and a line \"for t:\"")
	}
	p, err := lines[0].header()
	if err != nil {
		return nil, err
	}
	if err := lines[1].loop(); err != nil {
		return nil, err
	}
	outputs := map[string]int{}
	for k, o := range p.Outputs {
		outputs[o.Name] = k
	}
	defined := make([]bool, len(p.Outputs))
	for _, l := range lines[2:] {
		if err := l.statement(p, outputs, defined); err != nil {
			return nil, err
		}
	}
	for k, ok := range defined {
		if !ok {
			return nil, fmt.Errorf("output %s is never defined", formatName(p.Outputs[k].Name))
		}
	}
	return p, nil
}

// token kinds.
const (
	tokName   = iota // an identifier or a keyword
	tokNumber        // an unsigned number
	tokString        // a quoted name
	tokPunct         // an operator or a bracket
)

type token struct {
	kind int
	text string // for tokString, the unquoted name
	col  int    // 1-based, in runes
}

// punctuation, longest first so that "<=" wins over "<".
var punctuation = []string{"..", "->", "<=", ">=", "==", "!=", "(", ")", "[", "]", ",", ":", "=",
	"+", "-", "*", "/", "^", "<", ">"}

// lex splits one line into tokens, up to a # comment.
func lex(line string) ([]token, error) {
	var toks []token
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		col := utf8.RuneCountInString(line[:i]) + 1
		switch {
		case r == '#':
			return toks, nil
		case unicode.IsSpace(r):
			i += size
		case r == '"':
			text, err := strconv.QuotedPrefix(line[i:])
			if err != nil {
				return nil, fmt.Errorf("column %d: unterminated or malformed quoted name", col)
			}
			name, _ := strconv.Unquote(text)
			toks, i = append(toks, token{tokString, name, col}), i+len(text)
		case r >= '0' && r <= '9':
			n := numberLength(line[i:])
			toks, i = append(toks, token{tokNumber, line[i : i+n], col}), i+n
		case r == '_' || unicode.IsLetter(r):
			n := identLength(line[i:])
			toks, i = append(toks, token{tokName, line[i : i+n], col}), i+n
		default:
			p := punctAt(line[i:])
			if p == "" {
				return nil, fmt.Errorf("column %d: unexpected character %q", col, r)
			}
			toks, i = append(toks, token{tokPunct, p, col}), i+len(p)
		}
	}
	return toks, nil
}

// numberLength measures digits, an optional fraction and an optional exponent; "0..t" is the
// number 0 followed by "..".
func numberLength(s string) int {
	digits := func(i int) int {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	i := digits(0)
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i = digits(i + 1)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if k := digits(j); k > j {
			i = k
		}
	}
	return i
}

// identLength measures letters, digits and underscores.
func identLength(s string) int {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return i
		}
	}
	return len(s)
}

// punctAt returns the punctuation s starts with, or "".
func punctAt(s string) string {
	for _, p := range punctuation {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

// lineParser reads the tokens of one line.
type lineParser struct {
	line int
	toks []token
	pos  int
}

// errorf reports a problem at the current token.
func (l *lineParser) errorf(format string, args ...any) error {
	where := "at the end of the line"
	if l.pos < len(l.toks) {
		where = fmt.Sprintf("column %d", l.toks[l.pos].col)
	}
	return fmt.Errorf("line %d, %s: %s", l.line, where, fmt.Sprintf(format, args...))
}

// peek returns the token i ahead, or a zero token past the end.
func (l *lineParser) peek(i int) token {
	if l.pos+i < len(l.toks) {
		return l.toks[l.pos+i]
	}
	return token{kind: -1}
}

// is reports whether the current token is the punctuation or keyword text.
func (l *lineParser) is(text string) bool {
	t := l.peek(0)
	return (t.kind == tokPunct || t.kind == tokName) && t.text == text
}

// expect consumes the punctuation or keyword text.
func (l *lineParser) expect(text string) error {
	if !l.is(text) {
		return l.errorf("want %q, found %s", text, l.found())
	}
	l.pos++
	return nil
}

// expectAll consumes a fixed sequence of punctuation and keywords.
func (l *lineParser) expectAll(texts ...string) error {
	for _, text := range texts {
		if err := l.expect(text); err != nil {
			return err
		}
	}
	return nil
}

// found describes the current token for error messages.
func (l *lineParser) found() string {
	t := l.peek(0)
	switch t.kind {
	case -1:
		return "the end of the line"
	case tokString:
		return strconv.Quote(t.text)
	}
	return "\"" + t.text + "\""
}

// end checks that the line is over.
func (l *lineParser) end() error {
	if l.pos < len(l.toks) {
		return l.errorf("unexpected %s", l.found())
	}
	return nil
}

// isName reports whether the current token is a name: a plain identifier or a quoted string.
func (l *lineParser) isName() bool {
	t := l.peek(0)
	return t.kind == tokString || (t.kind == tokName && !keywords[t.text])
}

// name consumes a name.
func (l *lineParser) name() (string, error) {
	t := l.peek(0)
	if !l.isName() {
		if t.kind == tokName {
			return "", l.errorf("%q is a keyword; write it %q to use it as a name", t.text, strconv.Quote(t.text))
		}
		return "", l.errorf("want a name, found %s", l.found())
	}
	l.pos++
	return t.text, nil
}

// names consumes a comma-separated list of names, up to the token stop.
func (l *lineParser) names(stop string) ([]string, error) {
	var names []string
	for !l.is(stop) {
		if len(names) > 0 {
			if err := l.expect(","); err != nil {
				return nil, err
			}
		}
		name, err := l.name()
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// header reads "program name(inputs) -> outputs:".
func (l *lineParser) header() (*Program, error) {
	if err := l.expect("program"); err != nil {
		return nil, err
	}
	name, err := l.name()
	if err != nil {
		return nil, err
	}
	if err := l.expect("("); err != nil {
		return nil, err
	}
	inputs, err := l.names(")")
	if err != nil {
		return nil, err
	}
	if err := l.expectAll(")", "->"); err != nil {
		return nil, err
	}
	outs, err := l.names(":")
	if err != nil {
		return nil, err
	}
	if err := l.expect(":"); err != nil {
		return nil, err
	}
	p := &Program{Name: name, Inputs: inputs}
	for _, o := range outs {
		p.Outputs = append(p.Outputs, Output{Name: o})
	}
	return p, l.end()
}

// loop reads "for t:".
func (l *lineParser) loop() error {
	if err := l.expectAll("for", "t", ":"); err != nil {
		return err
	}
	return l.end()
}

// statement reads "name = right-hand side" into the body, or into an output when the name is
// an output's.
func (l *lineParser) statement(p *Program, outputs map[string]int, defined []bool) error {
	name, err := l.name()
	if err != nil {
		return err
	}
	if err := l.expect("="); err != nil {
		return err
	}
	if k, ok := outputs[name]; ok {
		if defined[k] {
			return l.errorf("output %s is defined twice", formatName(name))
		}
		if l.attentionAhead() {
			return l.errorf("an output is a formula; read attention into a variable first")
		}
		e, err := l.expr()
		if err != nil {
			return err
		}
		p.Outputs[k].Expr, defined[k] = e, true
		return l.end()
	}
	var s Stmt
	if l.attentionAhead() {
		s, err = l.attend(name)
	} else {
		var e Expr
		e, err = l.expr()
		s = Assign{name, e}
	}
	if err != nil {
		return err
	}
	p.Body = append(p.Body, s)
	return l.end()
}

// attentionAhead reports whether the right-hand side is an attention read: a name indexed by
// [, or sum( or mean(.
func (l *lineParser) attentionAhead() bool {
	next := l.peek(1)
	if l.is("sum") || l.is("mean") {
		return next.kind == tokPunct && next.text == "("
	}
	return l.isName() && next.kind == tokPunct && next.text == "["
}

// attend reads the right-hand side of an attention read.
func (l *lineParser) attend(name string) (Stmt, error) {
	if l.is("sum") || l.is("mean") {
		kind := PrefixSum
		if l.is("mean") {
			kind = PrefixMean
		}
		v, err := l.prefixCall()
		return Attend{name, Pointer{Kind: kind}, v}, err
	}
	v, _ := l.name()
	if err := l.expect("["); err != nil {
		return nil, err
	}
	ptr, err := l.pointer()
	if err != nil {
		return nil, err
	}
	return Attend{name, ptr, v}, l.expect("]")
}

// prefixCall reads "f(k[0..t])", f being the current token, and returns k.
func (l *lineParser) prefixCall() (string, error) {
	l.pos++
	if err := l.expect("("); err != nil {
		return "", err
	}
	k, err := l.prefix()
	if err != nil {
		return "", err
	}
	return k, l.expect(")")
}

// prefix reads "k[0..t]" and returns k.
func (l *lineParser) prefix() (string, error) {
	k, err := l.name()
	if err != nil {
		return "", err
	}
	if err := l.expect("["); err != nil {
		return "", err
	}
	if t := l.peek(0); t.kind != tokNumber || t.text != "0" {
		return "", l.errorf("want 0, found %s", l.found())
	}
	l.pos++
	return k, l.expectAll("..", "t", "]")
}

// pointer reads what is inside v[...]: t, t-k, 0, argmax(k[0..t]), argmin(k[0..t]) or
// last j < t: k[j] == k[t].
func (l *lineParser) pointer() (Pointer, error) {
	switch t := l.peek(0); {
	case t.kind == tokNumber && t.text == "0":
		l.pos++
		return Pointer{Kind: First}, nil
	case l.is("t"):
		l.pos++
		if !l.is("-") {
			return Pointer{Kind: Previous}, nil
		}
		l.pos++
		k, err := strconv.Atoi(l.peek(0).text)
		if l.peek(0).kind != tokNumber || err != nil || k < 0 {
			return Pointer{}, l.errorf("want an offset (a whole number), found %s", l.found())
		}
		l.pos++
		return Pointer{Kind: Previous, Offset: k}, nil
	case l.is("argmax") || l.is("argmin"):
		k, err := l.prefixCall()
		return Pointer{Kind: PointerKind(t.text), Key: k}, err
	case l.is("last"):
		return l.lastEqual()
	}
	return Pointer{}, l.errorf("want t, t-k, 0, argmax(, argmin( or last, found %s", l.found())
}

// lastEqual reads "last j < t: k[j] == k[t]".
func (l *lineParser) lastEqual() (Pointer, error) {
	if err := l.expectAll("last", "j", "<", "t", ":"); err != nil {
		return Pointer{}, err
	}
	k, err := l.name()
	if err != nil {
		return Pointer{}, err
	}
	if err := l.expectAll("[", "j", "]", "=="); err != nil {
		return Pointer{}, err
	}
	k2, err := l.name()
	if err != nil {
		return Pointer{}, err
	}
	if k2 != k {
		return Pointer{}, l.errorf("the key must be the same on both sides of ==")
	}
	return Pointer{Kind: LastEqual, Key: k}, l.expectAll("[", "t", "]")
}

// expr reads a formula: sums and differences, optionally compared with another.
func (l *lineParser) expr() (Expr, error) {
	x, err := l.additive()
	if err != nil {
		return nil, err
	}
	for _, op := range []BinaryOp{LessEq, GreaterEq, Equal, NotEqual, Less, Greater} {
		if l.is(binaryInfix[op].text) {
			l.pos++
			y, err := l.additive()
			if err != nil {
				return nil, err
			}
			return Binary{op, x, y}, nil
		}
	}
	return x, nil
}

// additive reads terms joined by + and -, grouping to the left.
func (l *lineParser) additive() (Expr, error) {
	return l.leftAssoc(l.multiplicative, map[string]BinaryOp{"+": Add, "-": Sub})
}

// multiplicative reads factors joined by *, / and mod, grouping to the left.
func (l *lineParser) multiplicative() (Expr, error) {
	return l.leftAssoc(func() (Expr, error) { e, _, err := l.unary(); return e, err },
		map[string]BinaryOp{"*": Mul, "/": Div, "mod": Mod})
}

// leftAssoc reads operands joined by the operators ops.
func (l *lineParser) leftAssoc(operand func() (Expr, error), ops map[string]BinaryOp) (Expr, error) {
	x, err := operand()
	if err != nil {
		return nil, err
	}
	for {
		op, ok := ops[l.peek(0).text]
		if !ok || l.peek(0).kind == tokString || l.peek(0).kind == tokNumber {
			return x, nil
		}
		l.pos++
		y, err := operand()
		if err != nil {
			return nil, err
		}
		x = Binary{op, x, y}
	}
}

// unary reads an optionally negated factor. A minus directly before a number is the negative
// number (-2), not the negation of a number (written -(2)); literal reports a bare number.
func (l *lineParser) unary() (e Expr, literal bool, err error) {
	if !l.is("-") {
		return l.postfix()
	}
	l.pos++
	x, literal, err := l.unary()
	if err != nil {
		return nil, false, err
	}
	if c, ok := x.(Const); ok && literal {
		return Const{-c.Value}, false, nil
	}
	return Unary{Neg, x}, false, nil
}

// postfix reads a primary followed by any number of ^2.
func (l *lineParser) postfix() (Expr, bool, error) {
	e, literal, err := l.primary()
	if err != nil {
		return nil, false, err
	}
	for l.is("^") {
		l.pos++
		if t := l.peek(0); t.kind != tokNumber || t.text != "2" {
			return nil, false, l.errorf("only ^2 (square) is supported, found ^%s", l.found())
		}
		l.pos++
		e, literal = Unary{Square, e}, false
	}
	return e, literal, nil
}

// primary reads a number, nan, inf, a name, a function call or a parenthesized formula.
func (l *lineParser) primary() (Expr, bool, error) {
	t := l.peek(0)
	switch {
	case t.kind == tokNumber:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return nil, false, l.errorf("bad number %q", t.text)
		}
		l.pos++
		return Const{v}, true, nil
	case l.is("nan"):
		l.pos++
		return Const{math.NaN()}, true, nil
	case l.is("inf"):
		l.pos++
		return Const{math.Inf(1)}, true, nil
	case l.isName() && !(t.text == "square" && l.peek(1).text == "("):
		name, _ := l.name()
		return Var{name}, false, nil
	case l.is("("):
		l.pos++
		e, err := l.expr()
		if err != nil {
			return nil, false, err
		}
		return e, false, l.expect(")")
	case t.kind == tokName:
		e, err := l.call(t.text)
		return e, false, err
	}
	return nil, false, l.errorf("want a number, a name, a function or (, found %s", l.found())
}

// call reads f(x) or min(x, y), max(x, y); also square(x) and mod(x, y), the spellings of
// x^2 and x mod y in reports written before symbolic regression printed with FormatExpr.
func (l *lineParser) call(fn string) (Expr, error) {
	op, isUnary := UnaryOp(""), false
	for u, name := range unaryFuncNames {
		if name == fn {
			op, isUnary = u, true
		}
	}
	if fn == "square" {
		op, isUnary = Square, true
	}
	if !isUnary && fn != "min" && fn != "max" && fn != "mod" {
		return nil, l.errorf("%q is a keyword, not a function; write it %q to use it as a name", fn, strconv.Quote(fn))
	}
	l.pos++
	if err := l.expect("("); err != nil {
		return nil, err
	}
	x, err := l.expr()
	if err != nil {
		return nil, err
	}
	if isUnary {
		return Unary{op, x}, l.expect(")")
	}
	if err := l.expect(","); err != nil {
		return nil, err
	}
	y, err := l.expr()
	if err != nil {
		return nil, err
	}
	return Binary{BinaryOp(fn), x, y}, l.expect(")")
}
