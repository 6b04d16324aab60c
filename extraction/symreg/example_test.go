package symreg_test

import (
	"fmt"

	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/extraction/symreg"
)

func ExampleFit() {
	// Samples of an integer sub-MLP: y = x mod 3 for x in 0..30.
	var X [][]float64
	var y []float64
	for x := 0; x <= 30; x++ {
		X = append(X, []float64{float64(x)})
		y = append(y, float64(x%3))
	}
	res, err := symreg.Fit(X, y, []string{"x"}, symreg.Options{Integer: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Found, program.FormatExpr(res.Best.Expr), res.Best.Complexity, res.Best.MSE)
	for _, c := range res.Front {
		fmt.Printf("  %d %-17s MSE %.3g\n", c.Complexity, program.FormatExpr(c.Expr), c.MSE)
	}
	// Output:
	// true x mod 3 3 0
	//   1 0.967741935483871 MSE 0.676
	//   3 x mod 3           MSE 0
}
