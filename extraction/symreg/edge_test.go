package symreg

import (
	"math"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// TestEdgeCases: degenerate inputs give a sensible result, never an error or a panic.
func TestEdgeCases(t *testing.T) {
	cases := []struct {
		name  string
		X     [][]float64
		y     []float64
		found bool
		want  string
	}{
		{"one sample", [][]float64{{3}}, []float64{5}, true, "5"},
		{"same input, different targets", [][]float64{{1}, {1}, {1}, {1}}, []float64{0, 1, 0, 1}, false, "0.5"},
		{"constant input", [][]float64{{2}, {2}, {2}}, []float64{4, 4, 4}, true, "4"},
		{"huge values", [][]float64{{1e8}, {2e8}, {3e8}, {5e8}}, []float64{2e16, 4e16, 6e16, 1e17}, true, "2e+08 * x"},
		{"tiny values", [][]float64{{1e-8}, {2e-8}, {3e-8}, {5e-8}}, []float64{3e-8, 6e-8, 9e-8, 15e-8}, true, "3 * x"},
		{"negative zero", [][]float64{{math.Copysign(0, -1)}, {0}, {1}, {2}}, []float64{0, 0, 1, 4}, true, "x^2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Fit(c.X, c.y, []string{"x"}, Options{MaxEvals: 20000})
			if err != nil {
				t.Fatal(err)
			}
			got := program.FormatExpr(res.Best.Expr)
			t.Logf("%s found %v MSE %v stop %s", got, res.Found, res.Best.MSE, res.Stop)
			if res.Found != c.found || got != c.want {
				t.Errorf("got %s (found %v), want %s (found %v)", got, res.Found, c.want, c.found)
			}
			checkResult(t, res, c.X, c.y, []string{"x"}, 12)
		})
	}
}
