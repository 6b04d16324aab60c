package dt

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/discretetransformer/w2c/registry"
)

// TestTry is a developer's experiment: TRY="task1,task2" SEEDS=3 SET="k=v" go test ./dt -run TestTry -v
func TestTry(t *testing.T) {
	names := os.Getenv("TRY")
	if names == "" {
		t.Skip("set TRY to a list of tasks")
	}
	seeds, _ := strconv.Atoi(os.Getenv("SEEDS"))
	seeds = max(seeds, 1)
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan bool, 2)
	for _, name := range strings.Split(names, ",") {
		tk, err := registry.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		for seed := 1; seed <= seeds; seed++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- true
				defer func() { <-sem }()
				r, err := Train(TrainOptions{Task: tk, Seed: int64(seed), Settings: os.Getenv("SET")})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Error(err)
					return
				}
				rep := r.Report
				fmt.Printf("%-16s seed %d: hard pos %.4f seq %.4f soft pos %.4f  %.1fs  %s\n", name, seed, rep.HardPositionAccuracy,
					rep.HardSequenceAccuracy, rep.SoftPositionAccuracy, rep.TrainSeconds, strings.Join(rep.Structure, "; "))
			}()
		}
	}
	wg.Wait()
}
