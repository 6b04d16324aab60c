package dt

import "testing"

func TestProductFeatures(t *testing.T) {
	got := ProductFeatures([]float64{2, 3, 5})
	want := []float64{6, 10, 15} // ab, ac, bc: the graph's order
	if len(got) != ProductFeatureCount(3) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("ProductFeatures(2, 3, 5) = %v, want %v", got, want)
	}
}
