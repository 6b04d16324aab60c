package task

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// DataSpec says how to read a task from a data file (FromFile): recorded sequences instead of
// a generator and a reference function. It is saved in a run's settings, so that the run can
// be reopened from its folder; the file's hash is checked then.
type DataSpec struct {
	// Path is the file: a CSV file (.csv) with a header row, one row per position, or JSON lines
	// (.jsonl, .json), one sequence per line: {"x": [[...], ...], "y": [[...], ...]}, indexed
	// [position][channel].
	Path string `json:"path"`
	// ID is the CSV column that names each row's sequence (default "id"). A sequence's rows are
	// consecutive, in position order.
	ID string `json:"id,omitempty"`
	// Inputs and Outputs name the channels. In a CSV file they are columns: Outputs defaults to
	// "y", Inputs to every other column but ID. In JSON lines they rename the channels (default
	// x, or x0, x1, ... when there are several; y, or y0, y1, ...). The CSV default outputs are
	// the columns named y, y0, y1, ... or next_* (as w2c record writes them).
	Inputs  []string `json:"inputs,omitempty"`
	Outputs []string `json:"outputs,omitempty"`
	// Integer is "auto" (default: integer when every target is an integer), "true" or "false".
	Integer string `json:"integer,omitempty"`
	// Length is the training length, at most the shortest sequence's (default: that length).
	// Sequences longer than it are checked at their longer lengths too.
	Length int `json:"length,omitempty"`
	// Name is the task's name (default: the file's name without its extension).
	Name string `json:"name,omitempty"`
	// SHA256 is the file's hash, filled in by FromFile.
	SHA256 string `json:"sha256,omitempty"`
}

// MinSequences is the fewest sequences a data file may hold: each of the three parts (training,
// selection, certification) needs several, and the certification part at least 4.
const MinSequences = 20

// record is one sequence of a data file, before the task is built: ys[t] is nil at positions
// whose targets are left empty (only at the start of a sequence: see warmup).
type record struct {
	id     string
	xs, ys [][]float64
	line   int // the line where the sequence starts
}

// dataError names the file, the line (when known) and what is wrong.
func dataError(path string, line int, format string, args ...any) error {
	if path == "" { // FromSequences
		return fmt.Errorf("recorded sequences: %s", fmt.Sprintf(format, args...))
	}
	where := path
	if line > 0 {
		where = fmt.Sprintf("%s:%d", path, line)
	}
	return fmt.Errorf("data file %s: %s", where, fmt.Sprintf(format, args...))
}

// readData reads the records of spec's file and fills in the channel names, and returns the
// file's hash.
func readData(spec *DataSpec) ([]record, string, error) {
	raw, err := os.ReadFile(spec.Path)
	if err != nil {
		return nil, "", fmt.Errorf("cannot read the data file: %w", err)
	}
	sum := sha256.Sum256(raw)
	var recs []record
	switch strings.ToLower(filepath.Ext(spec.Path)) {
	case ".csv":
		recs, err = readCSV(spec, raw)
	case ".jsonl", ".json", ".ndjson":
		recs, err = readJSONLines(spec, raw)
	default:
		return nil, "", dataError(spec.Path, 0, "unknown format: name it .csv (a header row, one row per position) or .jsonl (one sequence per line)")
	}
	if err != nil {
		return nil, "", err
	}
	return recs, hex.EncodeToString(sum[:]), nil
}

// readCSV reads a CSV file with a header row: the ID column groups rows into sequences.
func readCSV(spec *DataSpec, raw []byte) ([]record, error) {
	path := spec.Path
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1 // ragged rows get our own message
	r.TrimLeadingSpace = true
	r.Comment = '#'
	header, err := r.Read()
	if err == io.EOF {
		return nil, dataError(path, 0, "the file is empty: it needs a header row naming the columns")
	}
	if err != nil {
		return nil, dataError(path, 1, "%v", csvProblem(err))
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := col[h]; dup {
			return nil, dataError(path, 1, "column %q appears twice in the header", h)
		}
		col[h] = i
	}
	if spec.ID == "" {
		spec.ID = "id"
	}
	if len(spec.Outputs) == 0 {
		spec.Outputs = defaultOutputs(header)
	}
	if len(spec.Inputs) == 0 {
		for _, h := range header {
			h = strings.TrimSpace(h)
			if h != spec.ID && !contains(spec.Outputs, h) {
				spec.Inputs = append(spec.Inputs, h)
			}
		}
	}
	need := append(append([]string{spec.ID}, spec.Inputs...), spec.Outputs...)
	for _, name := range need {
		if _, ok := col[name]; !ok {
			return nil, dataError(path, 1, "no column %q (the header has %s): name the columns with -id, -inputs and -outputs", name, strings.Join(header, ", "))
		}
	}
	if len(spec.Inputs) == 0 {
		return nil, dataError(path, 1, "no input columns: the header has only the id and output columns")
	}
	var recs []record
	seen := map[string]int{} // id -> the line where its sequence started
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, dataError(path, line, "%v", csvProblem(err))
		}
		if len(fields) != len(header) {
			return nil, dataError(path, line, "ragged row: %d fields, the header has %d", len(fields), len(header))
		}
		id := strings.TrimSpace(fields[col[spec.ID]])
		if len(recs) == 0 || recs[len(recs)-1].id != id {
			if first, ok := seen[id]; ok {
				return nil, dataError(path, line, "sequence %q reappears after other sequences (it started at line %d): a sequence's rows must be consecutive", id, first)
			}
			seen[id] = line
			recs = append(recs, record{id: id, line: line})
		}
		rec := &recs[len(recs)-1]
		x, err := numbers(fields, col, spec.Inputs, false)
		if err != nil {
			return nil, dataError(path, line, "%v", err)
		}
		y, err := numbers(fields, col, spec.Outputs, true)
		if err != nil {
			return nil, dataError(path, line, "%v", err)
		}
		rec.xs, rec.ys = append(rec.xs, x), append(rec.ys, y)
	}
	return recs, nil
}

// defaultOutputs are a CSV header's output columns when none are named: y, y0, y1, ..., and
// next_* (the next value of a recorded quantity, as w2c record writes them).
func defaultOutputs(header []string) []string {
	var out []string
	for _, h := range header {
		h = strings.TrimSpace(h)
		if h == "y" || strings.HasPrefix(h, "next_") || len(h) > 1 && h[0] == 'y' && strings.Trim(h[1:], "0123456789") == "" {
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		out = []string{"y"} // reported missing, with the header
	}
	return out
}

// csvProblem is the CSV reader's error without its own position (the caller gives the line).
func csvProblem(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// numbers parses the named columns of a CSV row. With optional, a row whose cells are all empty
// gives nil (a position with no target); some empty and some not is an error.
func numbers(fields []string, col map[string]int, names []string, optional bool) ([]float64, error) {
	out := make([]float64, len(names))
	empty := 0
	for i, name := range names {
		s := strings.TrimSpace(fields[col[name]])
		if s == "" {
			empty++
			continue
		}
		v, err := parseNumber(s)
		if err != nil {
			return nil, fmt.Errorf("column %q: %v", name, err)
		}
		out[i] = v
	}
	switch {
	case empty == 0:
		return out, nil
	case optional && empty == len(names):
		return nil, nil
	case optional:
		return nil, fmt.Errorf("some output columns are empty and some are not: leave all of a position's outputs empty (no target there) or none")
	default:
		return nil, fmt.Errorf("an input column is empty: every position needs every input")
	}
}

// parseNumber reads a finite number.
func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s is not a finite number: remove or repair that position's sequence", s)
	}
	return v, nil
}

// jsonSequence is one line of a JSON lines file.
type jsonSequence struct {
	ID any             `json:"id"`
	X  [][]json.Number `json:"x"`
	Y  [][]json.Number `json:"y"`
}

// readJSONLines reads one sequence per line.
func readJSONLines(spec *DataSpec, raw []byte) ([]record, error) {
	path := spec.Path
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	var recs []record
	nx, ny := -1, -1
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(text))
		dec.UseNumber()
		dec.DisallowUnknownFields()
		var s jsonSequence
		if err := dec.Decode(&s); err != nil {
			return nil, dataError(path, line, "not a JSON object {\"x\": [[...], ...], \"y\": [[...], ...]}: %v", err)
		}
		if len(s.X) == 0 {
			return nil, dataError(path, line, "the sequence has no inputs (\"x\" is missing or empty)")
		}
		if len(s.Y) != len(s.X) {
			return nil, dataError(path, line, "\"x\" has %d positions and \"y\" %d: they must be equal (use null for a position with no target)", len(s.X), len(s.Y))
		}
		rec := record{id: fmt.Sprint(len(recs)), line: line}
		if s.ID != nil {
			rec.id = fmt.Sprint(s.ID)
		}
		for t := range s.X {
			x, err := jsonNumbers(s.X[t], &nx, false)
			if err != nil {
				return nil, dataError(path, line, "x at position %d: %v", t, err)
			}
			y, err := jsonNumbers(s.Y[t], &ny, true)
			if err != nil {
				return nil, dataError(path, line, "y at position %d: %v", t, err)
			}
			rec.xs, rec.ys = append(rec.xs, x), append(rec.ys, y)
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, dataError(path, 0, "%v", err)
	}
	if len(recs) == 0 {
		return nil, dataError(path, 0, "the file holds no sequences")
	}
	var err error
	if spec.Inputs, err = channelNames(path, "x", "-inputs", spec.Inputs, nx); err != nil {
		return nil, err
	}
	if ny < 0 {
		return nil, dataError(path, 0, "no position has a target (every \"y\" is null)")
	}
	if spec.Outputs, err = channelNames(path, "y", "-outputs", spec.Outputs, ny); err != nil {
		return nil, err
	}
	return recs, nil
}

// jsonNumbers parses one position's values; *width is the channel count seen so far (-1: none
// yet). With optional, a null position (no target) gives nil.
func jsonNumbers(vals []json.Number, width *int, optional bool) ([]float64, error) {
	if vals == nil && optional {
		return nil, nil
	}
	if *width >= 0 && len(vals) != *width {
		return nil, fmt.Errorf("ragged: %d channels, earlier positions have %d", len(vals), *width)
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("no channels")
	}
	*width = len(vals)
	out := make([]float64, len(vals))
	for i, n := range vals {
		v, err := parseNumber(n.String())
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// channelNames are the names given for a JSON file's channels, or the defaults.
func channelNames(path, base, flag string, given []string, n int) ([]string, error) {
	if len(given) > 0 {
		if len(given) != n {
			return nil, dataError(path, 0, "%s names %d channels, the file's %q has %d", flag, len(given), base, n)
		}
		return given, nil
	}
	if n == 1 {
		return []string{base}, nil
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%d", base, i)
	}
	return names, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// WriteCSV writes sequences as a CSV data file that FromFile reads: a header "id, inputs...,
// outputs...", one row per position, values written exactly (shortest round-trip form), and
// empty outputs where ys[i][t] is nil (no target). The file appears whole or not at all (it is
// written beside its place and renamed).
func WriteCSV(path string, inputs, outputs []string, xs, ys [][][]float64) error {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	row := append(append([]string{"id"}, inputs...), outputs...)
	if err := w.Write(row); err != nil {
		return err
	}
	for i := range xs {
		for t, x := range xs[i] {
			row = append(row[:0], strconv.Itoa(i))
			for _, v := range x {
				row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
			}
			for k := range outputs {
				cell := ""
				if ys[i][t] != nil {
					cell = strconv.FormatFloat(ys[i][t][k], 'g', -1, 64)
				}
				row = append(row, cell)
			}
			if err := w.Write(row); err != nil {
				return err
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return writeFileAtomic(path, b.Bytes())
}

// writeFileAtomic writes data to a temporary file in path's folder, then renames it to path.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
