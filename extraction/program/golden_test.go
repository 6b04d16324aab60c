package program

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update rewrites the golden files from the current printer and emitters:
//
//	go test ./extraction/program -run TestGolden -update
//
// then review the diff (git diff extraction/program/testdata) like any other change of output.
var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenPrograms are the programs whose printed form and emitted Python and Go are kept as golden
// files: one per kind of statement the printers and emitters know (a previous pointer and a
// residue; a content pointer; outputs read back at t-1; every pointer family and a
// transcendental expression).
func goldenPrograms() []*Program {
	return []*Program{parityLast2(), maxSeen(), integrator(), pointerZoo()}
}

// TestGolden compares the printer's, the Python emitter's and the Go emitter's output on
// goldenPrograms with testdata/NAME.{txt,py,go}.golden, so that a change of any output is a
// reviewed diff, not a surprise to the users of committed programs. The printed form must also
// read back as the same program.
func TestGolden(t *testing.T) {
	for _, p := range goldenPrograms() {
		outputs := map[string]func(*Program) (string, error){
			"txt": func(p *Program) (string, error) { return Format(p), nil },
			"py":  EmitPython,
			"go":  EmitGo,
		}
		for ext, emit := range outputs {
			got, err := emit(p)
			if err != nil {
				t.Fatalf("%s.%s: %v", p.Name, ext, err)
			}
			compareGolden(t, filepath.Join("testdata", p.Name+"."+ext+".golden"), got)
		}
		back, err := Parse(Format(p))
		if err != nil {
			t.Fatalf("%s: the printed program does not parse: %v", p.Name, err)
		}
		if Format(back) != Format(p) {
			t.Errorf("%s: printing the parsed program changed it:\n%s\nvs\n%s", p.Name, Format(back), Format(p))
		}
	}
}

// compareGolden checks got against the golden file at path (or rewrites it with -update).
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the current output (if the change is intended, run go test -run TestGolden -update and review the diff):\n--- want\n%s\n--- got\n%s",
			path, want, got)
	}
}
