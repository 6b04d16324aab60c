package extraction

import (
	"math"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/registry"
)

// ramp is what a ReLU sub-MLP of balanced_parenthesis wrote for "the balance went negative"
// (measured on a trained model): about -0.13 up to a prefix mean of 1/2, then falling, faster at
// later positions (-2.7 at a mean of 1 at t = 0, -5.1 at t = 9), with a little noise.
func ramp(mean, pos float64, i int) float64 {
	v := -0.13 + 0.02*math.Sin(float64(7*i))
	if mean > 0.5 {
		v -= 0.6 + (mean-0.5)*(3.5+0.5*pos)
	}
	return v
}

// prefixMeans returns every mean k/n of n <= 10 bits (the values a prefix mean of bits takes at
// length 10), each repeated for a few positions.
func prefixMeans() (means []float64) {
	for n := 1; n <= 10; n++ {
		for k := 0; k <= n; k++ {
			means = append(means, float64(k)/float64(n), float64(k)/float64(n))
		}
	}
	return means
}

// rampSamples returns positions, prefix means and the ramp's outputs there.
func rampSamples() (pos, means, y []float64) {
	means = prefixMeans()
	pos = make([]float64, len(means))
	y = make([]float64, len(means))
	for i, m := range means {
		pos[i] = float64(i % 10)
		y[i] = ramp(m, pos[i], i)
	}
	return pos, means, y
}

// The step of a ramp sits where the flat side ends, at the simplest threshold: v > 1/2.
func TestStepOfRamp(t *testing.T) {
	pos, means, y := rampSamples()
	c, ok := stepOf([][]float64{pos, means}, y, []string{"pos", "mean_x"})
	if !ok {
		t.Fatal("no step found")
	}
	got := program.FormatExpr(c.Expr)
	if !strings.Contains(got, "(mean_x > 0.5)") {
		t.Errorf("step %s, want a multiple of (mean_x > 0.5)", got)
	}
	for i, m := range means { // the step separates the two sides like the ramp
		v := program.EvalExpr(c.Expr, func(name string) float64 {
			if name == "mean_x" {
				return m
			}
			return pos[i]
		})
		if (v < -0.5) != (m > 0.5) {
			t.Fatalf("at mean %g the step gives %g", m, v)
		}
	}
}

// Outputs that no threshold of an input separates (their ranges overlap on every split) have
// no step.
func TestStepOfNone(t *testing.T) {
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7}
	y := []float64{0, 1, 0, 1, 0, 1, 0, 1}
	if c, ok := stepOf([][]float64{x}, y, []string{"x"}); ok {
		t.Errorf("found %s for an alternating output", program.FormatExpr(c.Expr))
	}
}

func TestThreshold(t *testing.T) {
	cases := []struct {
		lo, hi float64
		c      float64
		op     program.BinaryOp
	}{
		{0.5, 5.0 / 9, 0.5, program.Greater},            // lo is the simplest: v > 1/2
		{4.0 / 9, 0.5, 0.5, program.GreaterEq},          // hi is: v >= 1/2
		{0.3, 0.7, 0.5, program.Greater},                // a simpler number between them
		{20, 21, 20, program.Greater},                   // integers: v > 20
		{0.123456, 0.123457, 0.123456, program.Greater}, // none simple: lo
	}
	for _, c := range cases {
		got, op := threshold(c.lo, c.hi)
		if got != c.c || op != c.op {
			t.Errorf("threshold(%g, %g) = %s %g, want %s %g", c.lo, c.hi, op, got, c.op, c.c)
		}
	}
}

// fitValues takes the step only for an intermediate sub-MLP of an integer task that no formula
// fits even loosely, and says so.
func TestFitValuesStep(t *testing.T) {
	tk, err := registry.Lookup("balanced_parenthesis")
	if err != nil {
		t.Fatal(err)
	}
	pos, means, y := rampSamples()
	cols, vars := [][]float64{pos, means}, []string{"pos", "mean_x"}
	r := &dt.Run{Task: tk, Seed: 1}
	opts := Options{}.withDefaults()
	_, rep, err := fitValues(r, "L0.mlp0", append([]float64{}, y...), cols, vars, true, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Found || !rep.Step || !strings.Contains(rep.Formula, "(mean_x > 0.5)") {
		t.Errorf("intermediate: %q (found %v, step %v), want the step (mean_x > 0.5)", rep.Formula, rep.Found, rep.Step)
	}
	_, rep, err = fitValues(r, "L0.mlp0", append([]float64{}, y...), cols, vars, false, opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Step || rep.Found {
		t.Errorf("read by an output: %q (found %v, step %v), want no formula", rep.Formula, rep.Found, rep.Step)
	}
}

// TestThirdOpinionEndToEnd extracts a committed model: balanced_parenthesis trained with two
// layers of prefix means (-set "layers=2;hidden=32;families=mean", seed 5, 2000 steps), exact
// on every held-out sequence. Its first-layer sub-MLP writes "the balance is negative" as a ramp
// that a loose formula fits (max(exp(mean_x), 5/3), whose edge at mean_x = 0.511 no mean at
// length 10 falls near); that program fails at 10x the length (50/99 falls past the edge), the
// knees of the second opinion too, and the third opinion's step, mean_x > 1/2, verifies.
func TestThirdOpinionEndToEnd(t *testing.T) {
	res := extractVerified(t, "testdata/balanced_parenthesis_l2")
	if !strings.Contains(res.SecondOpinion, "steps passed") {
		t.Errorf("second opinion %q, want the third opinion's steps", res.SecondOpinion)
	}
	var step *MLPReport
	for i := range res.MLPs {
		if res.MLPs[i].Step {
			step = &res.MLPs[i]
		}
	}
	if step == nil || !strings.Contains(step.Formula, "> 0.5)") {
		t.Fatalf("no step intermediate at mean 1/2 in %+v", res.MLPs)
	}
	t.Log(program.Format(res.Program))
}
