package physics

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// TestRecord checks that noiseless recordings follow each system's law exactly, and that the
// noise of a noisy one has the standard deviation asked for, relative to the positions' spread.
func TestRecord(t *testing.T) {
	for _, s := range Systems() {
		xs, ys := s.Record(rand.New(rand.NewPCG(1, 2)), 30, TrainLength, 0)
		for i := range xs {
			want := s.Reference(xs[i])
			for p := range xs[i] {
				if p < Warmup {
					if ys[i][p] != nil {
						t.Fatalf("%s: a target at warm-up position %d", s.Name, p)
					}
					continue
				}
				for c := range want[p] {
					if math.Abs(ys[i][p][c]-want[p][c]) > 1e-9*(1+math.Abs(want[p][c])) {
						t.Fatalf("%s: sequence %d position %d: recorded %v, law %v", s.Name, i, p, ys[i][p], want[p])
					}
				}
			}
		}
	}
	s := Spring()
	clean, _ := s.Record(rand.New(rand.NewPCG(3, 4)), 400, TrainLength, 0)
	noisy, _ := s.Record(rand.New(rand.NewPCG(3, 4)), 400, TrainLength, 1e-2)
	var diff, sum, sumSq, n float64
	for i := range clean {
		for p := range clean[i] {
			d := noisy[i][p][0] - clean[i][p][0]
			diff += d * d
			sum, sumSq, n = sum+clean[i][p][0], sumSq+clean[i][p][0]*clean[i][p][0], n+1
		}
	}
	ratio := math.Sqrt(diff/n) / math.Sqrt(sumSq/n-(sum/n)*(sum/n))
	if ratio < 0.0095 || ratio > 0.0105 {
		t.Errorf("noise 1e-2 gave a noise of %.4g of the positions' spread", ratio)
	}
}

// TestNoiseTasks: every system at every noise level is a recorded task (group "noise") whose
// name gives back its system and level, and at noise 0 its targets are the law's.
func TestNoiseTasks(t *testing.T) {
	tasks := NoiseTasks()
	if len(tasks) != len(Systems())*len(NoiseLevels) {
		t.Fatalf("%d noise tasks", len(tasks))
	}
	for _, tk := range tasks {
		s, noise := NoiseSystem(tk.Name)
		if s == nil || NoiseName(s.Name, noise) != tk.Name || tk.Group != "noise" || tk.Data == nil || tk.Integer {
			t.Fatalf("%s: system %v noise %g group %s", tk.Name, s, noise, tk.Group)
		}
		if err := tk.Validate(); err != nil {
			t.Error(err)
		}
		if noise != 0 {
			continue
		}
		b := tk.Draw(1, task.StreamVerify, 0, 5, 0)
		for i, xs := range b.Xs {
			want := s.Reference(xs)
			for p := Warmup; p < len(xs); p++ {
				for c := range want[p] {
					if math.Abs(b.Ys[i][p][c]-want[p][c]) > 1e-9*(1+math.Abs(want[p][c])) {
						t.Fatalf("%s: recorded target %v, law %v", tk.Name, b.Ys[i][p], want[p])
					}
				}
			}
		}
	}
	if got := NoiseName("spring", 1e-3); got != "spring_noise_1em3" {
		t.Errorf("NoiseName = %s", got)
	}
}
