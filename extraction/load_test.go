package extraction

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

const loadTestProgram = `program spring(x) -> next_x:
  for t:
    prev1_x = x[t-1]
    next_x = 1.96 * x - prev1_x
`

// TestLoadWithoutAssembled: an extraction.json written before the assembled program was kept
// (no assembled_program) still loads, with its program and no weights' program.
func TestLoadWithoutAssembled(t *testing.T) {
	dir := t.TempDir()
	old := `{"task":"spring","seed":1,"program":"...","program_size":5,"kept_modules":["L0.mlp0"],"dropped_modules":null,` +
		`"heads":null,"mlps":null,"checks":null,"correct":true,"verified":true,"seconds":{}}`
	if err := os.WriteFile(filepath.Join(dir, ExtractionFile), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, PseudoFile), []byte(loadTestProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Program == nil || res.Weights != nil || !res.Verified {
		t.Errorf("loaded %+v: want a program and no weights' program", res)
	}
}

// TestLoadAssembled: Write then Load gives back the assembled program (the weights' constants)
// exactly, beside the final one.
func TestLoadAssembled(t *testing.T) {
	dir := t.TempDir()
	final, err := program.Parse(loadTestProgram)
	if err != nil {
		t.Fatal(err)
	}
	assembled := `program spring(x) -> next_x:
  for t:
    prev1_x = x[t-1]
    next_x = 1.9600123456789 * x - 0.99998765 * prev1_x + 1.5e-7
`
	weights, err := program.Parse(assembled)
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{Task: "spring", Seed: 1, Program: final, Code: program.Format(final), Size: final.Size(),
		Assembled: program.Format(weights), Weights: weights, Verified: true, Correct: true, Seconds: map[string]float64{}}
	if err := Write(dir, res); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Program == nil || !got.Program.Equal(final) {
		t.Errorf("program: %v", got.Program)
	}
	if got.Weights == nil || !got.Weights.Equal(weights) {
		t.Errorf("weights' program: %v, want\n%s", got.Weights, assembled)
	}
}
