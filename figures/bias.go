package figures

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
	"gonum.org/v1/plot"
)

// Setting is one variation of the inductive-bias figure: a task trained and extracted under
// chosen architecture settings or operator sets.
type Setting struct {
	Label string // what varies, e.g. "one sub-MLP of arity 3"
	Name  string // the run folder's name
	Spec  RunSpec
}

// without returns the unary and binary operators of symbolic regression minus the named ones.
func without(names ...string) extraction.Options {
	opts := extraction.Options{Unary: []program.UnaryOp{}, Binary: []program.BinaryOp{}}
	for _, op := range program.UnaryOps() {
		if !slices.Contains(names, string(op)) {
			opts.Unary = append(opts.Unary, op)
		}
	}
	for _, op := range program.BinaryOps() {
		if !slices.Contains(names, string(op)) {
			opts.Binary = append(opts.Binary, op)
		}
	}
	return opts
}

// Settings are the default variations: the same task under different inductive biases, and
// the programs that come out (measured on seed 1 with the default 2,000 steps, at commit 41395a8;
// a change to training can change them, which the table then shows):
//   - sum_last3 with one sub-MLP of arity 3 reads x[t-1] and x[t-2] with two heads and adds
//     them in one formula; with two layers of one head each that only reaches one position back
//     (max_offset=1), the second layer's head must read the first's one step back: the program
//     composes pointers, prev1_prev1_x = prev1_x[t-1];
//   - parity_last3 with a sub-MLP of arity 3 computes the parity of three bits in one formula;
//     with two layers whose heads reach one position back, the second layer reads a sub-MLP's
//     output one step back and extraction finds an unexpected, verified, formula for it;
//   - abs_diff, one trained model, extracted with every operator (abs(x - prev1_x)), without
//     abs (sqrt(x - prev1_x)^2, since sqrt is sqrt(|x|) in the programs), without abs and sqrt
//     (max - min), and with only + - * (no formula within tolerance).
var Settings = []Setting{
	{"sum_last3, 1 layer, one sub-MLP of arity 3", "sum_last3_arity3", RunSpec{Task: "sum_last3", Seed: 1, Settings: "heads=2;mlps=1;arity=3"}},
	{"sum_last3, 2 layers of 1 head reaching back 1 step", "sum_last3_layers2_offset1_heads1", RunSpec{Task: "sum_last3", Seed: 1, Settings: "layers=2;max_offset=1;heads=1"}},
	{"parity_last3, 1 layer, arity 3", "parity_last3_arity3", RunSpec{Task: "parity_last3", Seed: 1, Settings: "arity=3"}},
	{"parity_last3, 2 layers, heads reach back 1 step", "parity_last3_layers2_offset1", RunSpec{Task: "parity_last3", Seed: 1, Settings: "layers=2;max_offset=1"}},
	{"abs_diff, every operator", "abs_diff_all_ops", RunSpec{Task: "abs_diff", Seed: 1, Settings: "relu_lr=1"}},
	{"abs_diff, operators without abs", "abs_diff_no_abs", RunSpec{Task: "abs_diff", Seed: 1, Settings: "relu_lr=1", Extract: without("abs")}},
	{"abs_diff, without abs and sqrt", "abs_diff_no_abs_sqrt", RunSpec{Task: "abs_diff", Seed: 1, Settings: "relu_lr=1", Extract: without("abs", "sqrt")}},
	{"abs_diff, only + - *", "abs_diff_arith", RunSpec{Task: "abs_diff", Seed: 1, Settings: "relu_lr=1",
		Extract: extraction.Options{Unary: []program.UnaryOp{}, Binary: []program.BinaryOp{program.Add, program.Sub, program.Mul}}}},
}

// LabeledRun is a run folder with a label for tables.
type LabeledRun struct {
	Label, Dir string
}

// EnsureSettings trains and extracts every setting into dir/NAME (see Ensure), and returns
// the labelled run folders. Settings that differ only in their extraction options share one
// training: the first one's run folder is copied, without its extraction.
func EnsureSettings(settings []Setting, dir string, log io.Writer) ([]LabeledRun, error) {
	var runs []LabeledRun
	trained := map[string]string{} // training key -> run folder
	for _, s := range settings {
		out := filepath.Join(dir, s.Name)
		key := fmt.Sprintf("%s|%d|%s|%d", s.Spec.Task, s.Spec.Seed, s.Spec.Settings, s.Spec.Steps)
		if src, ok := trained[key]; ok && !Finished(out) {
			if err := copyTraining(src, out); err != nil {
				return nil, err
			}
		}
		if _, _, err := Ensure(s.Spec, out, log); err != nil {
			return nil, fmt.Errorf("%s: %w", s.Label, err)
		}
		trained[key] = out
		runs = append(runs, LabeledRun{Label: s.Label, Dir: out})
	}
	return runs, nil
}

// copyTraining copies a finished run folder without the files of its extraction.
func copyTraining(src, dst string) error {
	skip := map[string]bool{extraction.ExtractionFile: true, extraction.PseudoFile: true,
		extraction.PythonFile: true, extraction.GoFile: true}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if skip[rel] {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return dt.WriteFileAtomic(target, data)
	})
}

// BiasEntry is one row of the inductive-bias table: a setting and the program it gave.
type BiasEntry struct {
	Label    string
	Task     string
	Settings string // the run's non-default hyperparameters, as -set
	Code     string // the program ("" when extraction found none)
	Size     int
	Verified bool
	Failure  string
}

// LoadBias reads the settings and extraction of each labelled run folder.
func LoadBias(runs []LabeledRun) ([]BiasEntry, error) {
	var entries []BiasEntry
	for _, lr := range runs {
		res, err := LoadExtraction(lr.Dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", lr.Label, err)
		}
		var s dt.Settings
		if err := dt.ReadJSON(filepath.Join(lr.Dir, dt.SettingsFile), &s); err != nil {
			return nil, fmt.Errorf("%s: %w", lr.Label, err)
		}
		entries = append(entries, BiasEntry{Label: lr.Label, Task: res.Task, Settings: nonDefault(s.Params),
			Code: res.Code, Size: res.Size, Verified: res.Verified, Failure: res.Failure})
	}
	return entries, nil
}

// nonDefault lists the hyperparameters that differ from dt.Defaults, as a -set string.
func nonDefault(params map[string]string) string {
	var parts []string
	for k, v := range params {
		if d, ok := dt.Defaults()[k]; ok && fmt.Sprint(d) != v {
			parts = append(parts, k+"="+v)
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ";")
}

// BiasTable renders the entries as a Markdown table: setting, hyperparameters, program (on one
// line), size, verified.
func BiasTable(entries []BiasEntry) string {
	var b strings.Builder
	b.WriteString("| setting | -set | program | size | verified |\n|---|---|---|---|---|\n")
	for _, e := range entries {
		prog, size, ok := "`"+OneLine(e.Code)+"`", fmt.Sprint(e.Size), "✓"
		if e.Code == "" {
			prog, size = "none", ""
		}
		if !e.Verified {
			ok = "✗ " + strings.ReplaceAll(cut(e.Failure, 120), "|", `\|`)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", e.Label, dash(e.Settings), prog, size, ok)
	}
	return b.String()
}

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// BiasFigure shows each entry's program as a text panel, two panels per row, titled with the
// setting, the size and whether it is verified.
func BiasFigure(entries []BiasEntry) Grid {
	var panels []*plot.Plot
	for _, e := range entries {
		status := fmt.Sprintf("size %d, verified", e.Size)
		body := e.Code
		if !e.Verified {
			status = "not verified"
			body += "\n" + wrap(e.Failure, 70)
		}
		panels = append(panels, TextPanel(e.Label+" ("+status+")", body))
	}
	return Tile(2, panels...)
}

// wrap breaks text into lines of at most n runes, at spaces.
func wrap(text string, n int) string {
	var lines []string
	var cur string
	for _, w := range strings.Fields(text) {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > n {
			lines = append(lines, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}
