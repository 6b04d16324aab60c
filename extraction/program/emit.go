package program

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/template"
	"unicode"
)

// This file is the emitters' skeleton: turning names into safe identifiers, the facts about a
// program that shape the emitted loop (which variables keep a history, which are read at all),
// and the file written from them through one language's templates, spelling (emit_body.go) and
// runtime (package emitted, read by emit_runtime.go). emit_python.go and emit_go.go define the
// two languages.

// language is one target language of the emitters: what defines it, then what newLanguage makes
// of that.
type language struct {
	spelling
	words            string                           // keywords, built-ins, imports and other names the file uses
	templates        string                           // "function" computes one sequence; "file" is all
	ext              string                           // the extension of its runtime's files (see runtime)
	keyword, comment string                           // how those declare a function and begin a comment
	finish           func(src string) (string, error) // the last touch to the file (gofmt), or nil

	reserved map[string]bool    // what an identifier must not be: words and the runtime's functions
	files    *template.Template // the parsed templates
	runtime  runtime            // the parsed runtime
}

// newLanguage parses what defines a language.
func newLanguage(lang language) *language {
	lang.files = template.Must(template.New("").Funcs(template.FuncMap{"comment": commentLines}).Parse(lang.templates))
	lang.runtime = newRuntime(lang.ext, lang.keyword, lang.comment)
	lang.reserved = map[string]bool{}
	for _, w := range append(strings.Fields(lang.words), lang.runtime.names...) {
		lang.reserved[w] = true
	}
	return &lang
}

// view is what the templates of a language fill in.
type view struct {
	Func, Into, Buffers string    // the function computing one sequence; Go's variant writing into buffers, and their type
	Task                string    // the task's name, safe in a comment
	Pseudo              string    // the program in pseudo-code under its emitted identifiers
	Inputs, Outputs     string    // identifiers, comma-separated
	Channels            int       // the number of inputs
	ChannelList         string    // Inputs, or "none"
	Width               int       // the number of outputs
	Histories           []history // the variables read at earlier positions
	Carried             []string  // the variables carried from one position to the next
	Body                string    // the loop body, indented twice
	Function            string    // the function(s), for "file"
	Helpers             []string  // the helpers the function calls, for "file"
	Filter              string    // the filter around the function, for "file"
	Imports             string    // what the filter and the helpers import, for "file"
}

// history is a variable's history: its identifier, and that of the variable.
type history struct{ Name, Of string }

// emit writes p in lang.
func emit(p *Program, lang *language) (string, error) {
	pl, err := newPlan(p, lang.reserved)
	if err != nil {
		return "", err
	}
	v := view{Func: pl.funcName, Into: pl.into, Buffers: pl.buffers, Task: displayName(p.Name),
		Pseudo: pl.pseudoCode(), Inputs: pl.names(pl.p.Inputs), Outputs: pl.names(pl.outputNames()),
		Channels: len(pl.p.Inputs), ChannelList: pl.channelList(), Width: len(pl.p.Outputs)}
	for _, name := range pl.orderedNames() {
		if h := pl.hist[name]; h != "" {
			v.Histories = append(v.Histories, history{h, pl.id[name]})
		}
	}
	w := &bodyWriter{plan: pl, sp: lang.spelling, isCarried: map[string]bool{}}
	for _, a := range pl.carried() {
		w.isCarried[a.Name] = true
		v.Carried = append(v.Carried, pl.id[a.Name])
		if s := pl.state[a.Name]; s != "" {
			v.Carried = append(v.Carried, s)
		}
	}
	v.Body = w.bodyLines(strings.Repeat(lang.indent, 2))
	var b bytes.Buffer
	if err := lang.files.ExecuteTemplate(&b, "function", v); err != nil {
		return "", fmt.Errorf("program: internal error: %w", err)
	}
	v.Function = b.String()
	v.Helpers = lang.runtime.needed(v.Function)
	v.Filter = strings.Replace(lang.runtime.filter, runtimeCall, pl.funcName+"(xs)", 1)
	v.Imports = lang.runtime.imports
	b.Reset()
	if err := lang.files.ExecuteTemplate(&b, "file", v); err != nil {
		return "", fmt.Errorf("program: internal error: %w", err)
	}
	if lang.finish != nil {
		return lang.finish(b.String())
	}
	return b.String(), nil
}

// Names come from tasks and from users, so they are untrusted: an identifier is made of ASCII
// letters, digits and underscores only, is not a keyword or a name the emitted file uses, and is
// unique. The task name appears only in comments, escaped to printable ASCII on one line.

// sanitize turns any string into a lower-risk identifier stem: ASCII letters, digits and single
// underscores; other ASCII characters become underscores and other characters their code point
// (π becomes u03c0). Leading and trailing underscores go (no dunder names), a leading digit
// gets a "v", and an empty result becomes fallback.
func sanitize(name, fallback string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < unicode.MaxASCII && (r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r < unicode.MaxASCII:
			b.WriteByte('_')
		default:
			fmt.Fprintf(&b, "_u%04x_", r)
		}
	}
	s := b.String()
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	s = strings.Trim(s, "_")
	switch {
	case s == "":
		return fallback
	case s[0] >= '0' && s[0] <= '9':
		return "v" + s
	}
	return s
}

// displayName writes the task name for a comment: as is when it is a plain ASCII identifier,
// else as a Go string literal in ASCII (so no newline, quote or control character gets
// through).
func displayName(name string) string {
	if sanitize(name, "") == name {
		return name
	}
	return strconv.QuoteToASCII(name)
}

// plan is what an emitter needs to know about a program.
type plan struct {
	p        *Program          // validated, constants folded
	funcName string            // the function computing one sequence
	into     string            // Go: the same writing into the caller's outputs (see EmitGo)
	buffers  string            // Go: the type of into's reusable history buffers
	id       map[string]string // variable or output name -> identifier
	hist     map[string]string // variable read at earlier positions -> identifier of its history
	state    map[string]string // attention read -> identifier of its running value (mean, argmax)
	used     map[string]bool   // variables read by something (an expression, a pointer, a history)
}

// newPlan validates p and names everything, avoiding reserved, the target language's keywords
// and the names its emitted file uses.
func newPlan(p *Program, reserved map[string]bool) (*plan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	// Constant subexpressions folded: Go would evaluate them as exact untyped constants, not in
	// float64, and reject a constant division by zero.
	q := p.MapExprs(FoldConstants)
	taken := nameTaker{}
	for w := range reserved {
		taken[w] = true
	}
	pl := &plan{p: q, id: map[string]string{}, hist: map[string]string{}, state: map[string]string{},
		used: map[string]bool{}}
	pl.funcName = taken.take(sanitize(p.Name, "program"))
	pl.into, pl.buffers = taken.take(pl.funcName+"Into"), taken.take(pl.funcName+"Buffers")
	for _, name := range append(append(append([]string{}, q.Inputs...), BuiltinPos, BuiltinOne), bodyNames(q)...) {
		pl.id[name] = taken.take(sanitize(name, "v"))
	}
	for _, o := range q.Outputs {
		pl.id[o.Name] = taken.take(sanitize(o.Name, "y"))
	}
	pl.findUses()
	for _, name := range pl.orderedNames() {
		if pl.hist[name] != "" {
			pl.hist[name] = taken.take(pl.id[name] + "_hist")
		}
	}
	for _, s := range q.Body {
		if a, ok := s.(Attend); ok {
			switch {
			case a.Pointer.Kind == PrefixMean:
				pl.state[a.Name] = taken.take(pl.id[a.Name] + "_total")
			case (a.Pointer.Kind == ArgMax || a.Pointer.Kind == ArgMin) && a.Value != a.Pointer.Key:
				pl.state[a.Name] = taken.take(pl.id[a.Name] + "_key")
			}
		}
	}
	return pl, nil
}

// findUses marks the variables that are read, and those read at earlier positions, which keep
// a history (a placeholder until named).
func (pl *plan) findUses() {
	use := func(name string) { pl.used[name] = true }
	for _, s := range pl.p.Body {
		switch s := s.(type) {
		case Assign:
			ExprVars(s.Expr, use)
		case Attend:
			stmtReads(s, use)
			switch {
			case s.Pointer.Kind == LastEqual:
				pl.hist[s.Value], pl.hist[s.Pointer.Key] = "?", "?"
			case s.Pointer.Kind == First || (s.Pointer.Kind == Previous && s.Pointer.Offset > 0):
				pl.hist[s.Value] = "?"
			}
		}
	}
	for _, o := range pl.p.Outputs {
		ExprVars(o.Expr, use)
	}
}

// orderedNames lists inputs, built-ins and body variables in definition order.
func (pl *plan) orderedNames() []string {
	return append(append(append([]string{}, pl.p.Inputs...), BuiltinPos, BuiltinOne), bodyNames(pl.p)...)
}

// carried lists the attention reads whose values carry over from one position to the
// next, declared before the loop.
func (pl *plan) carried() []Attend {
	var out []Attend
	for _, s := range pl.p.Body {
		if a, ok := s.(Attend); ok {
			switch a.Pointer.Kind {
			case PrefixSum, PrefixMean, ArgMax, ArgMin:
				out = append(out, a)
			}
		}
	}
	return out
}

// pseudoCode is the program in pseudo-code under its emitted identifiers, for the header
// comment: safe in a comment, since identifiers are plain ASCII.
func (pl *plan) pseudoCode() string {
	q := renameProgram(pl.p, pl.id)
	q.Name = pl.funcName
	return Format(q)
}

// names lists identifiers of the names, comma-separated, for comments.
func (pl *plan) names(names []string) string {
	ids := make([]string, len(names))
	for i, name := range names {
		ids[i] = pl.id[name]
	}
	return strings.Join(ids, ", ")
}

// channelList names the input channels for a comment.
func (pl *plan) channelList() string {
	if len(pl.p.Inputs) == 0 {
		return "none"
	}
	return pl.names(pl.p.Inputs)
}

// outputNames lists the outputs' names.
func (pl *plan) outputNames() []string {
	names := make([]string, len(pl.p.Outputs))
	for k, o := range pl.p.Outputs {
		names[k] = o.Name
	}
	return names
}

// isSafeDivisor reports whether e is a constant that the plain / and % of the target language
// can divide by: finite and not zero.
func isSafeDivisor(e Expr) bool {
	c, ok := e.(Const)
	return ok && c.Value != 0 && !math.IsInf(c.Value, 0) && !math.IsNaN(c.Value)
}

// commentLines prefixes every line of text with prefix, trimming trailing spaces.
func commentLines(prefix, text string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		b.WriteString(strings.TrimRight(prefix+line, " ") + "\n")
	}
	return b.String()
}
