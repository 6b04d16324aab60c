package evaluation

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/physics"
)

func mustParse(t *testing.T, src string) *program.Program {
	t.Helper()
	p, err := program.Parse(src)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return p
}

// springData is n random sequences of x and, as a stand-in for the hard model's outputs, the
// outputs of model on them.
func springData(t *testing.T, model *program.Program, n, length int) (xs, ys [][][]float64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		x := make([][]float64, length)
		for k := range x {
			x[k] = []float64{rng.Float64()*2 - 1}
		}
		y, err := model.Run(x)
		if err != nil {
			t.Fatal(err)
		}
		xs, ys = append(xs, x), append(ys, y)
	}
	return xs, ys
}

// TestConstantsTwoWays builds an extraction by hand: the assembled program (the weights' terms,
// composed of two formulas, its constants snapped by symbolic regression) and the final one
// (refitted: exact), with a "hard model" whose constants are slightly off. Both readings of
// every constant, and their errors, must be reported: the weights' ones measured on the
// model's outputs, not copied from either program.
func TestConstantsTwoWays(t *testing.T) {
	sys := physics.Find("spring")
	if sys == nil {
		t.Fatal("no spring system")
	}
	final := mustParse(t, `program spring(x) -> next_x:
  for t:
    prev1_x = x[t-1]
    next_x = 1.96 * x - prev1_x
`)
	assembled := `program spring(x) -> next_x:
  for t:
    prev1_x = x[t-1]
    h = 0.98 * x - 0.5 * prev1_x
    next_x = h + 0.98 * x - 0.5 * prev1_x
`
	model := mustParse(t, `program spring(x) -> next_x:
  for t:
    prev1_x = x[t-1]
    next_x = 1.9600003 * x - 0.9999 * prev1_x
`)
	res := &extraction.Result{Program: final, Code: program.Format(final), Assembled: assembled, Weights: mustParse(t, assembled)}
	xs, ys := springData(t, model, 50, 20)
	fromWeights, err := fitLaw(res.Weights, xs, ys, physics.Warmup)
	if err != nil {
		t.Fatal(err)
	}
	ev := &Result{}
	ev.compareConstants(sys, res.Program, fromWeights)

	want := map[string][2]float64{ // term -> (weights, refit)
		"next_x: x[t]":   {1.9600003, 1.96},
		"next_x: x[t−1]": {-0.9999, -1},
	}
	if len(ev.Constants) != len(want) {
		t.Fatalf("constants %+v, want %d", ev.Constants, len(want))
	}
	maxW := 0.0
	for _, c := range ev.Constants {
		w, ok := want[c.Term]
		if !ok {
			t.Fatalf("unexpected term %q", c.Term)
		}
		if c.Missing || c.Recovered != w[1] || c.RelativeError > 1e-15 {
			t.Errorf("%s after the refit: %+v, want %g exactly", c.Term, c, w[1])
		}
		if c.Weights == nil || c.Weights.Missing {
			t.Fatalf("%s: no weights' constant: %+v", c.Term, c)
		}
		if math.Abs(c.Weights.Value-w[0]) > 1e-12 {
			t.Errorf("%s from the weights: %.12g, want %g", c.Term, c.Weights.Value, w[0])
		}
		rel := math.Abs(w[0]-c.True) / math.Abs(c.True)
		if math.Abs(c.Weights.RelativeError-rel) > 1e-9 || c.Weights.RelativeError == 0 {
			t.Errorf("%s: weights' relative error %g, want %g", c.Term, c.Weights.RelativeError, rel)
		}
		maxW = math.Max(maxW, rel)
	}
	if ev.MaxConstantError > 1e-15 || math.Abs(ev.MaxWeightsConstantError-maxW) > 1e-9 {
		t.Errorf("max errors: refit %g, weights %g (want %g)", ev.MaxConstantError, ev.MaxWeightsConstantError, maxW)
	}
	if len(ev.ExtraTerms) != 0 || len(ev.WeightsExtraTerms) != 0 {
		t.Errorf("extra terms: refit %v, weights %v", ev.ExtraTerms, ev.WeightsExtraTerms)
	}
	if len(ev.RecoveredWeights) != 1 || !strings.Contains(ev.RecoveredWeights[0], "1.9600003") {
		t.Errorf("recovered from the weights: %v", ev.RecoveredWeights)
	}

	// The JSON keeps the old fields and adds the weights' ones.
	data, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"max_constant_error"`, `"max_weights_constant_error"`, `"recovered_weights"`, `"weights":{"value":`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("JSON lacks %s: %s", key, data)
		}
	}
}

// TestConstantsWeightsMissingTerm: a term the weights' program lacks is reported missing, not
// given a value; a term it has and the true law lacks is an extra term; without a weights'
// reading there is none in the result.
func TestConstantsWeightsMissingTerm(t *testing.T) {
	sys := physics.Find("pendulum")
	if sys == nil {
		t.Fatal("no pendulum system")
	}
	final := mustParse(t, `program pendulum(theta) -> next_theta:
  for t:
    prev1_theta = theta[t-1]
    next_theta = 2 * theta - prev1_theta - 0.04 * sin(theta)
`)
	weights := mustParse(t, `program pendulum(theta) -> next_theta:
  for t:
    prev1_theta = theta[t-1]
    next_theta = 1.96 * theta - prev1_theta + 0.001
`)
	xs, ys := springData(t, final, 50, 20)
	fromWeights, err := fitLaw(weights, xs, ys, physics.Warmup)
	if err != nil {
		t.Fatal(err)
	}
	ev := &Result{}
	ev.compareConstants(sys, final, fromWeights)
	if ev.MaxConstantError > 1e-15 || ev.TermMissing {
		t.Errorf("refit: %+v", ev.Constants)
	}
	if !ev.WeightsTermMissing || ev.MaxWeightsConstantError != 1 || len(ev.WeightsExtraTerms) != 1 {
		t.Errorf("weights: missing %v, max error %g, extra terms %v", ev.WeightsTermMissing, ev.MaxWeightsConstantError, ev.WeightsExtraTerms)
	}
	for _, c := range ev.Constants {
		if c.Weights == nil {
			t.Fatalf("%s: no weights' reading", c.Term)
		}
		if got := c.Weights.Missing; got != (c.Term == "next_theta: sin(theta[t])") {
			t.Errorf("%s: weights' Missing = %v", c.Term, got)
		}
	}

	old := &Result{}
	old.compareConstants(sys, final, nil)
	for _, c := range old.Constants {
		if c.Weights != nil {
			t.Errorf("%s: a weights' reading without one: %+v", c.Term, c.Weights)
		}
	}
	if old.MaxWeightsConstantError != 0 || len(old.RecoveredWeights) != 0 || len(old.WeightsExtraTerms) != 0 {
		t.Errorf("weights' fields set without a weights' reading: %+v", old)
	}
}

// TestLeastSquaresCollinear: nearly collinear columns (x[t] and x[t−1] of a slow signal) still
// give their coefficients to ~1e-10, and dependent ones are refused.
func TestLeastSquaresCollinear(t *testing.T) {
	var a, b, y []float64
	for i := 0; i < 1000; i++ {
		u, v := math.Sin(0.01*float64(i)), math.Sin(0.01*float64(i-1))
		a, b, y = append(a, u), append(b, v), append(y, 1.96000001*u-v)
	}
	beta, ok := leastSquares([][]float64{a, b}, y)
	if !ok || math.Abs(beta[0]-1.96000001) > 1e-10 || math.Abs(beta[1]+1) > 1e-10 {
		t.Errorf("beta %v, ok %v", beta, ok)
	}
	c := []float64{1, 2, 3}
	if _, ok := leastSquares([][]float64{c, append([]float64(nil), c...)}, []float64{1, 1, 1}); ok {
		t.Error("dependent columns accepted")
	}
}

// TestLawExpandsProducts: a law written with products of sums (van der Pol's damping read from
// two observations) is read as the true law's monomials, with powers, and every true
// coefficient is found.
func TestLawExpandsProducts(t *testing.T) {
	p := mustParse(t, `program van_der_pol(x) -> next_x:
  for t:
    prev1_x = x[t-1]  # 0 before the start
    next_x = 1.99 * x - prev1_x + 0.1 * (1 - square(x)) * (x - prev1_x)
`)
	law, lines := readLaw(p)
	want := map[string]float64{"x[t]": 2.09, "x[t−1]": -1.1, "x[t]³": -0.1, "x[t]²·x[t−1]": 0.1}
	got := law["next_x"]
	for term, v := range want {
		if math.Abs(got[term]-v) > 1e-12 {
			t.Errorf("%s: %v, want %v (law %s)", term, got[term], v, lines)
		}
	}
	ev := &Result{}
	ev.compareConstants(physics.VanDerPol(), p, nil)
	if ev.TermMissing || ev.MaxConstantError > 1e-9 || len(ev.ExtraTerms) != 0 {
		t.Errorf("van der Pol's law not read back: missing %v, error %g, extra %v", ev.TermMissing, ev.MaxConstantError, ev.ExtraTerms)
	}
}
