package task

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvOf writes a CSV data file of n sequences of length 3 (id, x, y with y = 2x) plus extra rows.
func csvOf(t *testing.T, n int, extra string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,x,y\n")
	for i := 0; i < n; i++ {
		for p := 0; p < 3; p++ {
			fmt.Fprintf(&b, "s%d,%d,%d\n", i, i+p, 2*(i+p))
		}
	}
	b.WriteString(extra)
	return write(t, "data.csv", b.String())
}

func write(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFromFileCSV(t *testing.T) {
	path := csvOf(t, 30, "")
	tk, err := FromFile(DataSpec{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Name != "data" || tk.Length != 3 || !tk.Integer || tk.Warmup != 0 || tk.Group != "data" {
		t.Fatalf("task %+v", tk)
	}
	if got := strings.Join(tk.InputNames, ",") + ">" + strings.Join(tk.OutputNames, ","); got != "x>y" {
		t.Fatalf("channels %s", got)
	}
	d := tk.Data
	if len(d.Train) != 18 || len(d.Select) != 6 || len(d.Certify) != 6 {
		t.Fatalf("parts %s", d.Parts())
	}
	part := map[int]string{}
	for name, idx := range map[string][]int{"train": d.Train, "select": d.Select, "certify": d.Certify} {
		for _, i := range idx {
			if other, ok := part[i]; ok {
				t.Fatalf("sequence %d in %s and %s", i, other, name)
			}
			part[i] = name
		}
	}
	// Every stream draws from its own part only, and the reference is the recorded targets.
	for stream, want := range map[uint64]string{StreamTrain: "train", StreamExtract: "train", StreamEval: "select", StreamVerify: "select", StreamCertify: "certify"} {
		b := tk.Draw(7, stream, 0, 100, 0)
		if n := map[string]int{"train": 18, "select": 6, "certify": 6}[want]; stream != StreamTrain && b.N != n {
			t.Errorf("stream %x: %d sequences, want the part's %d", stream, b.N, n)
		}
		for i, xs := range b.Xs {
			id := int(xs[0][0])
			if part[id] != want {
				t.Fatalf("stream %x drew sequence %d of part %s, want %s", stream, id, part[id], want)
			}
			if b.Ys[i][2][0] != 2*xs[2][0] {
				t.Fatalf("targets %v of inputs %v", b.Ys[i], xs)
			}
		}
	}
	// The same seed gives the same data; longer than the file gives the file's length.
	a, b := tk.Draw(7, StreamTrain, 3, 5, 2), tk.Draw(7, StreamTrain, 3, 5, 2)
	if fmt.Sprint(a.Xs) != fmt.Sprint(b.Xs) || a.T != 2 {
		t.Fatalf("draws differ or wrong length: %v %v", a.Xs, b.Xs)
	}
	if long := tk.Draw(1, StreamCertify, 1, 10, 30); long.T != 3 {
		t.Fatalf("long draw has length %d, want the file's 3", long.T)
	}
	if ys := tk.Reference(a.Xs[0]); fmt.Sprint(ys) != fmt.Sprint(a.Ys[0]) {
		t.Fatalf("reference %v, want %v", ys, a.Ys[0])
	}
}

func TestFromFileJSONLinesAndWarmup(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, `{"id": "r%d", "x": [[%d, 1], [2, 0.5], [3, 0]], "y": [null, [1.5], [3]]}`+"\n", i, i)
	}
	tk, err := FromFile(DataSpec{Path: write(t, "walk.jsonl", b.String()), Inputs: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Integer || tk.Warmup != 1 || strings.Join(tk.InputNames, ",") != "a,b" || tk.OutputNames[0] != "y" {
		t.Fatalf("task %+v", tk)
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	xs := make([][][]float64, 20)
	ys := make([][][]float64, 20)
	for i := range xs {
		xs[i] = [][]float64{{0.1 * float64(i), 1}, {1.0 / 3, 2}}
		ys[i] = [][]float64{nil, {-1e-17}}
	}
	path := filepath.Join(t.TempDir(), "rt.csv")
	if err := WriteCSV(path, []string{"x", "F"}, []string{"next_x"}, xs, ys); err != nil {
		t.Fatal(err)
	}
	tk, err := FromFile(DataSpec{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Warmup != 1 || tk.OutputNames[0] != "next_x" || fmt.Sprint(tk.Data.Xs) != fmt.Sprint(xs) || tk.Data.Ys[3][1][0] != -1e-17 {
		t.Fatalf("round trip: %+v %v", tk, tk.Data.Ys[3])
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("a temporary file is left: %v", entries)
	}
}

// TestFromFileErrors checks that every kind of bad file names the file, the line and the
// problem.
func TestFromFileErrors(t *testing.T) {
	good := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "%d,1,2\n%d,2,4\n", i, i)
		}
		return b.String()
	}
	cases := []struct {
		name, file, text string
		spec             DataSpec
		want             []string
	}{
		{"ragged row", "a.csv", "id,x,y\n" + good(25) + "99,1\n", DataSpec{}, []string{"a.csv:52", "ragged row: 2 fields, the header has 3"}},
		{"missing column", "a.csv", "id,x,z\n" + good(25), DataSpec{}, []string{"a.csv:1", `no column "y"`, "id, x, z"}},
		{"missing named input", "a.csv", "id,x,y\n" + good(25), DataSpec{Inputs: []string{"v"}}, []string{`no column "v"`}},
		{"not a number", "a.csv", "id,x,y\n0,1,2\n0,abc,3\n" + good(25), DataSpec{}, []string{"a.csv:3", `column "x"`, `"abc" is not a number`}},
		{"NaN", "a.csv", "id,x,y\n0,1,NaN\n" + good(25), DataSpec{}, []string{"a.csv:2", `column "y"`, "not a finite number"}},
		{"Inf", "a.csv", "id,x,y\n0,+Inf,1\n" + good(25), DataSpec{}, []string{"a.csv:2", "not a finite number"}},
		{"too few sequences", "a.csv", "id,x,y\n" + good(5), DataSpec{}, []string{"a.csv", "5 sequences: at least 20"}},
		{"id out of order", "a.csv", "id,x,y\n" + good(25) + "3,1,2\n", DataSpec{}, []string{"a.csv:52", `sequence "3" reappears`, "started at line 8"}},
		{"empty file", "a.csv", "", DataSpec{}, []string{"a.csv", "empty"}},
		{"missing input cell", "a.csv", "id,x,y\n0,,2\n" + good(25), DataSpec{}, []string{"a.csv:2", "input column is empty"}},
		{"target gap", "a.csv", "id,x,y\n" + good(25) + "x,1,2\nx,1,\n", DataSpec{}, []string{"a.csv:52", `sequence "x" has no target at position 1`}},
		{"unequal warm-up", "a.csv", "id,x,y\nw,1,\nw,1,2\n" + good(25), DataSpec{}, []string{"leaves its first 0 positions without targets, earlier sequences 1"}},
		{"bad channel name", "a.csv", "id,1x,y\n" + good(25), DataSpec{}, []string{`channel name "1x"`}},
		{"length too long", "a.csv", "id,x,y\n" + good(25), DataSpec{Length: 3}, []string{"length 3 is longer than the shortest sequence (2 positions)"}},
		{"unknown format", "a.txt", "id,x,y\n" + good(25), DataSpec{}, []string{"a.txt", "unknown format"}},
		{"json ragged", "a.jsonl", `{"x": [[1], [2, 3]], "y": [[1], [2]]}` + "\n", DataSpec{}, []string{"a.jsonl:1", "x at position 1", "ragged: 2 channels"}},
		{"json lengths", "a.jsonl", `{"x": [[1], [2]], "y": [[1]]}` + "\n", DataSpec{}, []string{"a.jsonl:1", `"x" has 2 positions and "y" 1`}},
		{"json not an object", "a.jsonl", "[1, 2]\n", DataSpec{}, []string{"a.jsonl:1", "not a JSON object"}},
		{"json string", "a.jsonl", `{"x": [["a"]], "y": [[1]]}` + "\n", DataSpec{}, []string{"a.jsonl:1", "not a JSON object"}},
		{"json unknown field", "a.jsonl", `{"x": [[1]], "z": [[1]]}` + "\n", DataSpec{}, []string{"a.jsonl:1", `unknown field "z"`}},
		{"json names", "a.jsonl", strings.Repeat(`{"x": [[1]], "y": [[1]]}`+"\n", 25), DataSpec{Inputs: []string{"a", "b"}}, []string{"-inputs names 2 channels", `"x" has 1`}},
		{"integer setting", "a.csv", "id,x,y\n" + good(25), DataSpec{Integer: "maybe"}, []string{`integer must be auto, true or false, not "maybe"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec := c.spec
			spec.Path = write(t, c.file, c.text)
			_, err := FromFile(spec)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestFromFileChangedFile(t *testing.T) {
	path := csvOf(t, 25, "")
	tk, err := FromFile(DataSpec{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	spec := tk.Data.Spec
	if _, err := FromFile(spec); err != nil {
		t.Fatalf("reopening the same file: %v", err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(mustRead(t, path), "s0,0,0", "s0,0,1", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := FromFile(spec); err == nil || !strings.Contains(err.Error(), "changed since the run was made") {
		t.Fatalf("a changed file: %v", err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFromSequences: sequences in memory make the same kind of task as a file, and bad ones
// are refused with what is wrong.
func TestFromSequences(t *testing.T) {
	var xs, ys [][][]float64
	for i := range 25 {
		x, y := make([][]float64, 4), make([][]float64, 4)
		for p := range x {
			x[p] = []float64{float64(i + p)}
			if p > 0 {
				y[p] = []float64{float64(2 * (i + p))}
			}
		}
		xs, ys = append(xs, x), append(ys, y)
	}
	spec := DataSpec{Name: "doubled", Inputs: []string{"x"}, Outputs: []string{"y"}}
	tk, err := FromSequences(spec, xs, ys)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Warmup != 1 || tk.Length != 4 || !tk.Integer || len(tk.Data.Certify) != 5 || tk.Description != "integer targets recorded (25 sequences)" {
		t.Fatalf("task %+v, parts %s", tk, tk.Data.Parts())
	}
	b := tk.Draw(1, StreamVerify, 0, 100, 0)
	if b.Ys[0][2][0] != 2*b.Xs[0][2][0] {
		t.Fatalf("targets %v of %v", b.Ys[0], b.Xs[0])
	}
	ys[3][2] = []float64{math.Inf(1)}
	if _, err := FromSequences(spec, xs, ys); err == nil || !strings.Contains(err.Error(), "sequence 3 position 2 targets") {
		t.Errorf("an infinite target: %v", err)
	}
	if _, err := FromSequences(spec, xs[4:14], ys[4:14]); err == nil || !strings.Contains(err.Error(), "at least 20") {
		t.Errorf("too few sequences: %v", err)
	}
}
