package hypothesis_test

import (
	"fmt"

	"github.com/discretetransformer/w2c/extraction/hypothesis"
)

// A head that reads the previous position, observed on 100 sequences of length 10.
func ExampleTest() {
	N, T := 100, 10
	obs := &hypothesis.Observation{}
	for range N {
		m := make([][]float64, T)
		for t := range m {
			m[t] = make([]float64, T)
			if t > 0 {
				m[t][t-1] = 1
			}
		}
		obs.Maps = append(obs.Maps, m)
	}
	res, err := hypothesis.Test(obs, hypothesis.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Summary())
	fmt.Printf("%+v\n", res.Best.Pointer)
	// Output:
	// explained by x[t-1]: 1000/1000 rows agree (100%), lower bound 99.5% >= 99% at 99% confidence
	// {Kind:previous Offset:1 Key:}
}
