package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exampleData is the example recording the README's data command runs on.
const exampleData = "../../examples/noisy_spring.csv"

// w2cStdout runs the command line in-process and returns its exit code, and what it printed
// on stdout and stderr together.
func w2cStdout(t *testing.T, args ...string) (int, string) {
	t.Helper()
	return capture(t, true, args)
}

// TestBadDataFiles checks that a bad data file stops a run with a message naming the file,
// the line and the problem, before any run folder is made.
func TestBadDataFiles(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ content, want string }{
		"ragged.csv":   {"id,x,y\n0,1,2\n0,1\n", "ragged.csv:3"},
		"nan.csv":      {"id,x,y\n0,1,2\n0,NaN,2\n", "nan.csv:3"},
		"words.csv":    {"id,x,y\n0,1,two\n", "words.csv:2"},
		"few.csv":      {"id,x,y\n0,1,2\n1,1,2\n", "few.csv"},
		"order.csv":    {"id,x,y\n0,1,2\n1,1,2\n0,1,2\n", "order.csv:4"},
		"missing.json": {`{"x": [[1]], "z": [[2]]}` + "\n", "missing.json:1"},
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "run-"+name)
		expect(t, 1, c.want, "run", "-data", path, "-out", out)
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: the run folder %s was made", name, out)
		}
	}
	expect(t, 2, "not both", "run", "-task", "prev1", "-data", exampleData)
	expect(t, 1, "no such file", "train", "-data", filepath.Join(dir, "absent.csv"))
	expect(t, 2, "unknown system", "record", "-system", "warp_drive", "-out", filepath.Join(dir, "w.csv"))
}

// TestExampleDataIsReproducible regenerates the example recording with the command its README
// gives and checks that the same bytes come out.
func TestExampleDataIsReproducible(t *testing.T) {
	out := filepath.Join(t.TempDir(), "noisy_spring.csv")
	if code, text := w2cStdout(t, "record", "-system", "spring", "-noise", "1e-3", "-sequences", "100", "-out", out); code != 0 {
		t.Fatalf("record: exit %d: %s", code, text)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(exampleData)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("w2c record wrote %d bytes that differ from %s (%d bytes): regenerate the example, or find what changed the simulator", len(got), exampleData, len(want))
	}
}

// TestRunFromData is the README's data command on its first rung: a noisy recorded spring
// gives the law with its constants and their standard errors, verified on the file's sealed
// sequences.
func TestRunFromData(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	dir := t.TempDir()
	// One rung: the whole ladder (what the README's command runs) takes a minute or more.
	code, text := w2cStdout(t, "run", "-data", exampleData, "-arch", "p1_h1", "-out", dir)
	if code != 0 {
		t.Fatalf("run -data: exit %d: %s", code, text)
	}
	for _, want := range []string{"60 to train on, 20 to select with, 20 sealed to certify", "next_x = 1.9", "* prev1_x", "±", "VERIFIED on sealed data (recorded (20))"} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%s", want, text)
		}
	}
}

// TestRunFromIntegerData: integer recordings are detected as such and checked exactly, as a
// task with a reference would be: y = x + x[t-1] from 100 recorded sequences.
func TestRunFromIntegerData(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("id,x,y\n")
	for i := range 100 {
		prev := 0
		for p := range 10 {
			x := (7*i + 3*p*p + p) % 10
			fmt.Fprintf(&csv, "%d,%d,%d\n", i, x, x+prev)
			prev = x
		}
	}
	path := filepath.Join(dir, "sum2.csv")
	if err := os.WriteFile(path, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, text := w2cStdout(t, "run", "-data", path, "-arch", "a1_h1", "-steps", "600", "-out", filepath.Join(dir, "run"))
	if code != 0 {
		t.Fatalf("run -data: exit %d: %s", code, text)
	}
	for _, want := range []string{"integer targets recorded in sum2.csv", "y = x + prev1_x", "VERIFIED on sealed data (recorded (20)): the program equals the reference and the hard model"} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%s", want, text)
		}
	}
}
