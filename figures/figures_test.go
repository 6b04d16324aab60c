package figures

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/bench"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/registry"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// checkRenders renders a figure as SVG and PNG and checks that both are non-empty images.
func checkRenders(t *testing.T, name string, d Drawer) {
	t.Helper()
	svg, err := Render(d, "svg", 6, 4)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || len(svg) < 500 {
		t.Errorf("%s: not an SVG (%d bytes)", name, len(svg))
	}
	png, err := Render(d, "png", 6, 4)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 1000 {
		t.Errorf("%s: not a PNG (%d bytes)", name, len(png))
	}
}

func TestAttentionPlot(t *testing.T) {
	m := make([][]float64, 10)
	for i := range m {
		m[i] = make([]float64, 10)
		if i > 0 {
			m[i][i-1] = 1
		}
	}
	checkRenders(t, "attention", AttentionPlot(m, "previous position"))
}

func TestMLPFitPlots(t *testing.T) {
	// A Boolean sub-MLP (four input pairs: one column each) and a real-valued one (scatter).
	var xor, lin MLPSamples
	xor = MLPSamples{Module: "L0.mlp0", Inputs: []string{"x", "att0_0"}, Formula: "x != att0_0"}
	lin = MLPSamples{Module: "L0.mlp1", Inputs: []string{"x", "y"}, Formula: "2*x - y"}
	for i := range 40 {
		a, b := float64(i%2), float64(i/2%2)
		xor.X = append(xor.X, []float64{a, b})
		xor.Y = append(xor.Y, math.Abs(a-b)+1e-7)
		u, v := float64(i)/7, math.Sin(float64(i))
		lin.X = append(lin.X, []float64{u, v})
		lin.Y = append(lin.Y, 2*u-v)
	}
	for _, s := range []*MLPSamples{&xor, &lin} {
		var err error
		if s.F, err = EvalFormula(s.Formula, s.Inputs, s.X); err != nil {
			t.Fatal(err)
		}
		if d := maxAbsDiff(s.F, s.Y); d > 1e-6 {
			t.Errorf("%s: formula off by %g", s.Formula, d)
		}
	}
	if n := len(categories(&xor)); n != 4 {
		t.Errorf("%d categories, want 4", n)
	}
	checkRenders(t, "mlp xor", MLPFitPlot(&xor))
	checkRenders(t, "mlp linear", MLPFitPlot(&lin))
	lin.F, lin.FErr = nil, os.ErrInvalid
	checkRenders(t, "mlp without formula", MLPFitPlot(&lin))
}

func TestEvalFormulaErrors(t *testing.T) {
	if _, err := EvalFormula("x +", []string{"x"}, [][]float64{{1}}); err == nil {
		t.Error("a malformed formula gave no error")
	}
	got, err := EvalFormula("max(x, y) - min(x, y)", []string{"x", "y"}, [][]float64{{3, 5}, {-1, -4}})
	if err != nil || got[0] != 2 || got[1] != 3 {
		t.Errorf("got %v, %v; want [2 3]", got, err)
	}
}

func TestAnnealingPlots(t *testing.T) {
	a := synthetic(1000, 20, 1.0, 100, 500, 800)
	b := synthetic(500, 20, 0.8, 60, 200, 400)
	b[3].LossHard = 0 // exact: drawn at the floor of the log scale
	checkRenders(t, "annealing", AnnealingPlot(a, "synthetic"))
	curves := []Curve{{"a seed 1", a}, {"b seed 1", b}}
	checkRenders(t, "overlay by step", AnnealingOverlay(curves, false))
	checkRenders(t, "overlay by tau", AnnealingOverlay(curves, true))
}

func rows(t *testing.T) []bench.Row {
	t.Helper()
	var rs []bench.Row
	for _, name := range []string{"parity_last2", "sum_last2", "max_seen"} {
		task, err := registry.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		o := bench.Outcome{Task: name, Seed: 1, Verified: name != "max_seen", Size: 4,
			Program: "program p(x) -> y:\n  for t:\n    prev1_x = x[t-1]  # 0 before the start\n    y = x | prev1_x\n"}
		rs = append(rs, bench.Row{Task: task, Outcomes: []bench.Outcome{o}})
	}
	return rs
}

func TestMainTableAndChart(t *testing.T) {
	rs := rows(t)
	s := bench.Summarize(rs)
	if s.Tasks != 3 || s.Ours != 2 || s.MIPS != 2 || s.Both != 2 || s.MIPSOnly != 0 || s.OursOnly != 0 {
		t.Errorf("summary %+v", s)
	}
	table := MainTable(rs)
	for _, want := range []string{"| 11 | parity_last2 | ✓ | ✓ | ✓ | 1/1 | `prev1_x = x[t-1]; y = x \\| prev1_x` | 4 |", "| max_seen | ✗ | ✓ | ✗ | 0/1 |  |  |", "**Totals** over 3 tasks: ours 2"} {
		if !contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	checkRenders(t, "solved chart", SolvedChart(s))
}

// springProgram is spring's exact one-step law as a program.
const springProgram = "program spring(x) -> next_x:\n  for t:\n    prev1_x = x[t-1]\n    next_x = 1.96 * x - prev1_x\n"

func TestPhysicsFigures(t *testing.T) {
	p, err := program.Parse(springProgram)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"spring", "kepler"} {
		sys := physics.Find(name)
		var prog *program.Program
		if name == "spring" {
			prog = p
		}
		trajs, err := Rollouts(sys, prog, nil, 300, 1)
		if err != nil {
			t.Fatal(err)
		}
		if name == "spring" {
			// The exact law rolled out on its own outputs stays on the simulator.
			if d := maxAbsDiff(trajs[0].Channel(0), trajs[1].Channel(0)); d > 1e-9 {
				t.Errorf("program roll-out drifts by %g", d)
			}
		}
		checkRenders(t, name, PhysicsFigure(sys, springProgram, trajs))
	}
	sys := physics.Find("spring")
	trajs := []Trajectory{{"a", [][]float64{{0}, {1}, {2}}}, {"b", [][]float64{{0}, {1}, {2.5}}}}
	checkRenders(t, "roll-out", RolloutPlot("r", "x", 0, 1, trajs))
	checkRenders(t, "deviation", DeviationPlot("d", 0, trajs[0], trajs[1:]))
	checkRenders(t, "orbit", OrbitPlot("o", trajs, 0, 0, "x", "x"))
	checkRenders(t, "invariant", InvariantPlot(sys, sys.Invariants[0], trajs))
	if !contains(LawText(sys, springProgram), "1.96 * x - prev1_x") {
		t.Error("the law text lacks the program")
	}
}

func TestBiasTableAndFigure(t *testing.T) {
	entries := []BiasEntry{
		{Label: "arity 3", Task: "sum_last3", Settings: "arity=3", Code: springProgram, Size: 5, Verified: true},
		{Label: "only + - *", Task: "abs_diff", Failure: "sub-MLP L0.mlp0: no expression | within tolerance"},
	}
	table := BiasTable(entries)
	for _, want := range []string{"| arity 3 | arity=3 | `prev1_x = x[t-1]; next_x = 1.96 * x - prev1_x` | 5 | ✓ |", "| only + - * | - | none |  | ✗ sub-MLP L0.mlp0: no expression \\| within"} {
		if !contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	checkRenders(t, "bias", BiasFigure(entries))
	checkRenders(t, "text", TextPanel("title", "line 1\n\tline 2"))
	checkRenders(t, "grid with a hole", Grid{{TextPanel("a", "a")}, {nil, TextPanel("b", "b")}})
}

func TestIndexListsExistingFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"annealing.svg", "annealing.png", "main_table.md", "physics_spring.svg"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path, err := WriteIndex(dir, Catalogue(dir))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	index := string(data)
	for _, want := range []string{"## annealing.svg, annealing.png\n", "![annealing](annealing.svg)", "## main_table.md\n", "## physics_spring.svg\n", "Physics, spring:"} {
		if !contains(index, want) {
			t.Errorf("index lacks %q:\n%s", want, index)
		}
	}
	for _, absent := range []string{"pipeline", "main_solved", "physics_spring.png", "inductive_bias", "main_table_full"} {
		if contains(index, absent) {
			t.Errorf("index lists %q, which does not exist", absent)
		}
	}
}

func TestOneLine(t *testing.T) {
	if got, want := OneLine(springProgram), "prev1_x = x[t-1]; next_x = 1.96 * x - prev1_x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTile(t *testing.T) {
	a, b, c := TextPanel("a", ""), TextPanel("b", ""), TextPanel("c", "")
	g := Tile(2, a, b, c)
	if len(g) != 2 || len(g[0]) != 2 || len(g[1]) != 1 || g[1][0] != c {
		t.Errorf("Tile(2, a, b, c) = %v", g)
	}
	checkRenders(t, "ragged grid", g)
}
