package program

import (
	"embed"
	"regexp"
	"sort"
	"strings"
)

// The emitters copy code from package emitted, where it is compiled and tested: this file reads
// it, and finds the helpers a program calls.

// runtimeCall is the filter's call of the emitted function, which package emitted names compute.
const runtimeCall = "compute(xs)"

// runtimeFiles are the sources of package emitted that the emitters copy, for each language a
// file of helpers and one of the filter.
//
//go:embed emitted/helpers.go emitted/filter.go emitted/helpers.py emitted/filter.py
var runtimeFiles embed.FS

// runtime is a language's code in package emitted: the helpers, each copied into a program that
// calls it, and the filter, copied into every program with its imports (which serve the
// helpers too).
type runtime struct {
	helpers map[string]string // name -> source, with its comment
	filter  string            // the filter's functions, as in its file
	imports string            // the paragraph of the filter's imports
	names   []string          // the names of all these functions
}

// newRuntime splits the sources of the helpers and of the filter, emitted/helpers.EXT and
// emitted/filter.EXT, into top-level functions (declared by keyword, commented by comment
// lines).
func newRuntime(ext, keyword, comment string) runtime {
	read := func(name string) string {
		src, err := runtimeFiles.ReadFile("emitted/" + name + "." + ext)
		if err != nil {
			panic(err)
		}
		return string(src)
	}
	rt := runtime{helpers: map[string]string{}}
	names, funcs, _ := topFuncs(read("helpers"), keyword, comment)
	for i, name := range names {
		rt.helpers[name] = funcs[i]
	}
	filter := read("filter")
	filterNames, _, start := topFuncs(filter, keyword, comment)
	rt.filter, rt.names = filter[start:], append(names, filterNames...)
	if strings.Count(rt.filter, runtimeCall) != 1 {
		panic("program: the filter of package emitted must call " + runtimeCall + " once")
	}
	rt.imports = imports.FindString(filter[:start])
	return rt
}

// imports finds a paragraph that begins with an import.
var imports = regexp.MustCompile(`(?m)^import[^\n]*\n(?:[^\n]+\n)*`)

// topFuncs splits src into its top-level functions: each begins with the comment lines right
// above its declaration (a line keyword NAME(...) and runs to the next one, blank lines
// excepted. start is the offset of the first.
func topFuncs(src, keyword, comment string) (names, funcs []string, start int) {
	lines := strings.SplitAfter(src, "\n")
	var starts []int // line numbers
	for i, line := range lines {
		if rest, ok := strings.CutPrefix(line, keyword+" "); ok {
			s := i
			for s > 0 && strings.HasPrefix(lines[s-1], comment) {
				s--
			}
			names, starts = append(names, rest[:strings.IndexByte(rest, '(')]), append(starts, s)
		}
	}
	if len(starts) == 0 {
		panic("program: no function in a source of package emitted")
	}
	for k, s := range starts {
		end := len(lines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		funcs = append(funcs, strings.TrimRight(strings.Join(lines[s:end], ""), "\n")+"\n")
	}
	return names, funcs, len(strings.Join(lines[:starts[0]], ""))
}

// callee finds the function a call names, with its package or object if any.
var callee = regexp.MustCompile(`[\w.]+\(`)

// needed returns the helpers that code calls, and those they call, sorted by name.
func (rt runtime) needed(code string) []string {
	need := map[string]bool{}
	var scan func(code string)
	scan = func(code string) {
		for _, call := range callee.FindAllString(code, -1) {
			name := strings.TrimSuffix(call, "(")
			if src, ok := rt.helpers[name]; ok && !need[name] {
				need[name] = true
				scan(src)
			}
		}
	}
	scan(code)
	var out []string
	for _, name := range sortedKeys(need) {
		out = append(out, rt.helpers[name])
	}
	return out
}

// sortedKeys returns the keys of a set in order, for a deterministic file.
func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
