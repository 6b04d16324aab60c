package task

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strings"
)

// Dataset holds the recorded sequences of a task read from a file (FromFile), split once, by a
// fixed shuffle of the sequences, into three parts that never share a sequence:
//
//   - Train (60%): what the model trains on (StreamTrain), and what extraction observes the
//     model on (StreamExtract: the hypothesis tests, symbolic regression, the refit of the
//     constants, their bootstrap errors);
//   - Select (20%): the held-out sequences of training's reports (StreamEval, StreamTest),
//     what extraction verifies the program on, and what chooses among the search's attempts
//     (StreamVerify and any other stream): sequences no fit has seen;
//   - Certify (the rest, at least 4 sequences): the sealed part that only the final
//     certification reads (StreamCertify).
//
// The split depends only on the file, not on the run's seed, so every seed is certified on the
// same sequences.
type Dataset struct {
	Spec DataSpec
	// Xs and Ys are the sequences in file order, [sequence][position][channel]; a target is 0 at
	// the warm-up positions, which hold none.
	Xs, Ys [][][]float64
	// IDs name the sequences (the CSV id column, or the JSON line's "id" or its number).
	IDs []string
	// Train, Select and Certify are indices into Xs.
	Train, Select, Certify []int
	// Warmup is the number of leading positions without targets (the same in every sequence).
	Warmup int
}

// splitSeed fixes the shuffle that splits every data file.
const splitSeed = 0x73706c6974 // "split"

// validChannel is the form of a channel name: an identifier, as the emitted programs use it.
var validChannel = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// FromFile reads a task from a data file of recorded sequences (see DataSpec for the formats).
// The task has no generator of its own: training, selection and certification draw from the
// three parts of the Dataset (Task.Draw), and its reference is the recorded targets. Errors name
// the file, the line and what is wrong.
func FromFile(spec DataSpec) (*Task, error) {
	want := spec.SHA256
	recs, sum, err := readData(&spec)
	if err != nil {
		return nil, err
	}
	if want != "" && want != sum {
		return nil, fmt.Errorf("data file %s changed since the run was made (its SHA-256 differs): use the original file, or start a new run", spec.Path)
	}
	spec.SHA256 = sum
	for _, name := range append(append([]string{}, spec.Inputs...), spec.Outputs...) {
		if !validChannel.MatchString(name) {
			return nil, dataError(spec.Path, 0, "channel name %q must be letters, digits and underscores, not starting with a digit (rename the column, or name the channels with -inputs and -outputs)", name)
		}
	}
	d, err := newDataset(spec, recs)
	if err != nil {
		return nil, err
	}
	return d.task()
}

// FromSequences is FromFile for sequences already in memory (a simulated experiment, see
// physics.System.Record): xs[i][t] are the inputs of sequence i at position t, ys[i][t] its
// targets, nil at warm-up positions. spec names the channels and the task (spec.Path is empty
// and the task cannot be reopened from a file: register it to reopen its runs by name).
func FromSequences(spec DataSpec, xs, ys [][][]float64) (*Task, error) {
	if spec.Name == "" || len(spec.Inputs) == 0 || len(spec.Outputs) == 0 {
		return nil, fmt.Errorf("recorded sequences need a task name, input names and output names")
	}
	if len(xs) != len(ys) {
		return nil, fmt.Errorf("%s: %d input sequences but %d target sequences", spec.Name, len(xs), len(ys))
	}
	recs := make([]record, len(xs))
	for i := range xs {
		if len(xs[i]) != len(ys[i]) {
			return nil, fmt.Errorf("%s: sequence %d has %d positions of inputs and %d of targets", spec.Name, i, len(xs[i]), len(ys[i]))
		}
		for t := range xs[i] {
			if err := finiteRow(xs[i][t], len(spec.Inputs)); err != nil {
				return nil, fmt.Errorf("%s: sequence %d position %d inputs: %w", spec.Name, i, t, err)
			}
			if ys[i][t] != nil {
				if err := finiteRow(ys[i][t], len(spec.Outputs)); err != nil {
					return nil, fmt.Errorf("%s: sequence %d position %d targets: %w", spec.Name, i, t, err)
				}
			}
		}
		recs[i] = record{id: fmt.Sprint(i), xs: xs[i], ys: ys[i]}
	}
	d, err := newDataset(spec, recs)
	if err != nil {
		return nil, err
	}
	return d.task()
}

// finiteRow checks that a row has n values, all finite.
func finiteRow(row []float64, n int) error {
	if len(row) != n {
		return fmt.Errorf("%d values, want %d", len(row), n)
	}
	for _, v := range row {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("value %v is not a finite number", v)
		}
	}
	return nil
}

// newDataset checks the records (enough sequences, a common warm-up) and splits them.
func newDataset(spec DataSpec, recs []record) (*Dataset, error) {
	path := spec.Path
	if len(recs) < MinSequences {
		return nil, dataError(path, 0, "%d sequences: at least %d are needed (60%% to train on, 20%% to select with, 20%% sealed to certify)", len(recs), MinSequences)
	}
	d := &Dataset{Spec: spec, Warmup: -1}
	shortest := math.MaxInt
	for _, r := range recs {
		w := 0
		for w < len(r.ys) && r.ys[w] == nil {
			w++
		}
		for t := w; t < len(r.ys); t++ {
			if r.ys[t] == nil {
				return nil, dataError(path, r.line, "sequence %q has no target at position %d after positions that have one: only the first positions of a sequence may be left without targets", r.id, t)
			}
		}
		if d.Warmup >= 0 && w != d.Warmup {
			return nil, dataError(path, r.line, "sequence %q leaves its first %d positions without targets, earlier sequences %d: it must be the same in every sequence", r.id, w, d.Warmup)
		}
		d.Warmup = w
		if w == len(r.ys) {
			return nil, dataError(path, r.line, "sequence %q has no targets at all", r.id)
		}
		ys := make([][]float64, len(r.ys))
		for t := range ys {
			if ys[t] = r.ys[t]; ys[t] == nil {
				ys[t] = make([]float64, len(spec.Outputs))
			}
		}
		d.Xs, d.Ys, d.IDs = append(d.Xs, r.xs), append(d.Ys, ys), append(d.IDs, r.id)
		shortest = min(shortest, len(r.xs))
	}
	switch {
	case d.Spec.Length <= 0:
		d.Spec.Length = shortest
	case d.Spec.Length > shortest:
		return nil, dataError(path, 0, "length %d is longer than the shortest sequence (%d positions)", d.Spec.Length, shortest)
	}
	if d.Spec.Length <= d.Warmup {
		return nil, dataError(path, 0, "length %d leaves no position with a target after the %d without", d.Spec.Length, d.Warmup)
	}
	perm := rand.New(rand.NewPCG(splitSeed, 0)).Perm(len(recs))
	nTrain, nSelect := len(recs)*3/5, len(recs)/5
	d.Train, d.Select, d.Certify = perm[:nTrain], perm[nTrain:nTrain+nSelect], perm[nTrain+nSelect:]
	return d, nil
}

// integer decides whether the targets are integers (Spec.Integer "auto": every target is).
func (d *Dataset) integer() (bool, error) {
	switch strings.ToLower(d.Spec.Integer) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "", "auto":
		for _, ys := range d.Ys {
			for _, y := range ys {
				for _, v := range y {
					if v != math.Trunc(v) {
						return false, nil
					}
				}
			}
		}
		return true, nil
	}
	return false, fmt.Errorf("integer must be auto, true or false, not %q", d.Spec.Integer)
}

// task builds the Task that draws from the dataset.
func (d *Dataset) task() (*Task, error) {
	integer, err := d.integer()
	if err != nil {
		return nil, err
	}
	name := d.Spec.Name
	if name == "" {
		name = nameFromPath(d.Spec.Path)
	}
	kind := "real-valued"
	if integer {
		kind = "integer"
	}
	where := "recorded in " + filepath.Base(d.Spec.Path)
	if d.Spec.Path == "" {
		where = "recorded"
	}
	t := &Task{Name: name, Group: "data", InputNames: d.Spec.Inputs, OutputNames: d.Spec.Outputs,
		Description: fmt.Sprintf("%s targets %s (%d sequences)", kind, where, len(d.Xs)),
		Length:      d.Spec.Length, Integer: integer, Warmup: d.Warmup, Data: d}
	t.Generate = func(rng *rand.Rand, length int) [][]float64 {
		return truncate(d.Xs[d.Train[rng.IntN(len(d.Train))]], length)
	}
	t.Reference = d.lookup
	return t, t.Validate()
}

// nameFromPath makes a task name of a file name: lower case, other characters as underscores.
func nameFromPath(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	name := strings.Trim(b.String(), "_")
	if name == "" || name[0] < 'a' {
		name = "data_" + name
	}
	return name
}

// truncate returns the first length positions of a sequence (a shared slice: not modified).
func truncate(seq [][]float64, length int) [][]float64 {
	if length < len(seq) {
		return seq[:length]
	}
	return seq
}

// lookup is a data task's reference: the recorded targets of the sequence whose inputs begin
// with xs (a sequence drawn from the file, possibly shortened). A sequence the file does not
// hold has no targets: every output is NaN, which no comparison accepts.
func (d *Dataset) lookup(xs [][]float64) [][]float64 {
	for i, seq := range d.Xs {
		if len(seq) >= len(xs) && samePrefix(seq, xs) {
			return truncate(d.Ys[i], len(xs))
		}
	}
	ys := make([][]float64, len(xs))
	for t := range ys {
		ys[t] = make([]float64, len(d.Spec.Outputs))
		for k := range ys[t] {
			ys[t][k] = math.NaN()
		}
	}
	return ys
}

func samePrefix(seq, xs [][]float64) bool {
	for t := range xs {
		for c := range xs[t] {
			if seq[t][c] != xs[t][c] {
				return false
			}
		}
	}
	return true
}

// part returns the indices of the sequences a stream draws from, and whether it draws with
// replacement (training) or returns the part itself (observation and held-out checks).
//
// Extraction observes the model on the training part: it reads the model's function, which
// any inputs show, and refits constants against targets, which must not be the targets the
// program is then verified on. The training part is also the largest: a file of 100
// sequences gives the hypothesis tests 60 sequences' rows, enough for their 99% bound.
func (d *Dataset) part(stream uint64) (idx []int, train bool) {
	switch stream {
	case StreamTrain:
		return d.Train, true
	case StreamExtract:
		return d.Train, false
	case StreamCertify:
		return d.Certify, false
	default:
		return d.Select, false
	}
}

// draw is Task.Draw for a data task. StreamTrain draws n sequences of the given length
// at random from the training part. The others return (at most n of) the sequences of their
// part that are at least length long, in a shuffled order for the seed and index, cut to that
// length; when none is that long, the part's sequences cut to the shortest of them.
func (d *Dataset) draw(seed int64, stream uint64, index int64, n, length int) (xs, ys [][][]float64) {
	idx, train := d.part(stream)
	rng := RNG(seed, stream, index)
	if train {
		for range n {
			i := idx[rng.IntN(len(idx))]
			xs, ys = append(xs, truncate(d.Xs[i], length)), append(ys, truncate(d.Ys[i], length))
		}
		return xs, ys
	}
	var long []int
	shortest := math.MaxInt
	for _, i := range idx {
		shortest = min(shortest, len(d.Xs[i]))
		if len(d.Xs[i]) >= length {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		long, length = idx, shortest
	}
	order := rng.Perm(len(long))
	for _, j := range order[:min(n, len(order))] {
		i := long[j]
		xs, ys = append(xs, truncate(d.Xs[i], length)), append(ys, truncate(d.Ys[i], length))
	}
	return xs, ys
}

// Parts says how many sequences each part holds, for messages: "60 / 20 / 20".
func (d *Dataset) Parts() string {
	return fmt.Sprintf("%d to train on, %d to select with, %d sealed to certify", len(d.Train), len(d.Select), len(d.Certify))
}
