package extraction

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// trained trains a short run of a task (shared by the tests of this file).
func trained(t *testing.T, name, settings string) *dt.Run {
	t.Helper()
	if testing.Short() {
		t.Skip("trains a model")
	}
	tk, err := registry.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := dt.Train(dt.TrainOptions{Task: tk, Seed: 1, Dir: t.TempDir(), Settings: settings})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestParityLast2EndToEnd: train, extract, verify, write, and run the emitted Python and Go
// programs on new sequences against the task's reference.
func TestParityLast2EndToEnd(t *testing.T) {
	r := trained(t, "parity_last2", "steps=1000")
	res, err := Extract(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("not verified: %s\n%s", res.Failure, res.Code)
	}
	if !strings.Contains(res.Code, "x[t-1]") || len(res.Program.Body) != 1 {
		t.Errorf("want one read of x[t-1] and a formula, got:\n%s", res.Code)
	}
	for _, c := range res.Checks {
		if c.Positions == 0 || c.Agree != c.Positions {
			t.Errorf("check against the %s at length %d: %d/%d", c.Against, c.Length, c.Agree, c.Positions)
		}
	}
	if err := Write(r.Dir, res); err != nil {
		t.Fatal(err)
	}
	var report map[string]any
	if err := dt.ReadJSON(filepath.Join(r.Dir, dt.ReportFile), &report); err != nil || report["extraction"] == nil {
		t.Fatalf("report.json lacks the extraction (%v)", err)
	}
	runEmitted(t, r.Task, r.Dir)
}

// runEmitted pipes sequences of length 10 and 50 through program.py and program.go and compares
// their outputs with the task's reference.
func runEmitted(t *testing.T, tk *task.Task, dir string) {
	rng := rand.New(rand.NewPCG(9, 9))
	var input strings.Builder
	var want [][][]float64
	for i := 0; i < 200; i++ {
		xs := tk.Generate(rng, []int{10, 50}[i%2])
		line, _ := json.Marshal(xs)
		input.Write(append(line, '\n'))
		want = append(want, tk.Reference(xs))
	}
	commands := map[string][]string{"python3": {"python3", PythonFile}, "go": {"go", "run", GoFile}}
	for name, argv := range commands {
		if _, err := exec.LookPath(argv[0]); err != nil {
			t.Logf("%s not installed: not running %s", argv[0], argv[1])
			continue
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(input.String())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) != len(want) {
			t.Fatalf("%s: %d output lines for %d sequences", name, len(lines), len(want))
		}
		for i, line := range lines {
			var got [][]float64
			if err := json.Unmarshal([]byte(line), &got); err != nil {
				t.Fatalf("%s line %d: %v", name, i+1, err)
			}
			if fmt.Sprint(got) != fmt.Sprint(want[i]) {
				t.Fatalf("%s, sequence %d: got %v, want %v", name, i+1, got, want[i])
			}
		}
	}
}

// TestVerificationCatchesAWrongProgram: a program that is not the task's fails verification,
// with a counter-example.
func TestVerificationCatchesAWrongProgram(t *testing.T) {
	r := trained(t, "parity_last2", "steps=300")
	wrong := &program.Program{Name: "parity_last2", Inputs: []string{"x"},
		Outputs: []program.Output{{Name: "y", Expr: program.Var{Name: "x"}}}}
	checks, err := verify(r, wrong, Options{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	ref := checks[0]
	if ref.Passed || ref.Counter == nil || ref.Agreement < 0.4 || ref.Agreement > 0.6 {
		t.Errorf("y = x against parity_last2: passed %v, agreement %.3f, counter-example %v", ref.Passed, ref.Agreement, ref.Counter)
	}
	res := &Result{Checks: checks}
	res.judge()
	if res.Verified || res.Correct || !strings.Contains(res.Failure, "want [") {
		t.Errorf("judge: verified %v correct %v failure %q", res.Verified, res.Correct, res.Failure)
	}
}

// TestAutoregressiveSpring: an autoregressive model of newton_spring reads its own output back
// and becomes the recursion p = F + p[t-1] - p[t-2], verified at five times the length (which
// no window of F gives), with the program reading its own output at earlier positions.
func TestAutoregressiveSpring(t *testing.T) {
	r := trained(t, "newton_spring", "autoregressive=true;families=previous;heads=3;mlps=1;arity=4;max_offset=2")
	if r.Report.HardSequenceAccuracy != 1 {
		t.Fatalf("the free-running hard model is exact on %.4f of sequences, want 1", r.Report.HardSequenceAccuracy)
	}
	res, err := Extract(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("not verified: %s\n%s", res.Failure, res.Code)
	}
	out := res.Program.Outputs[0].Expr.(program.Var).Name
	for _, lag := range []string{out + "[t-1]", out + "[t-2]"} {
		if !strings.Contains(res.Code, lag) {
			t.Errorf("the program does not read its output at %s:\n%s", lag, res.Code)
		}
	}
}
