package main

import (
	"fmt"
	"strings"

	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/task"
)

func init() {
	commands["record"] = command{"write a physical system's noisy recorded trajectories as a data file (for w2c run -data)", runRecord}
}

// runRecord simulates an experiment on a physical system (physics.System.Record) and writes
// its recordings as a CSV data file.
func runRecord(args []string) error {
	fs := newFlags("record", "-system NAME -out FILE.csv [-noise 1e-3] [-sequences 200] [-length N] [-seed N]")
	system := fs.String("system", "", "the physical system (w2c tasks lists them, group physics)")
	out := fs.String("out", "", "the CSV file to write")
	noise := fs.Float64("noise", 1e-3, "observation noise on the positions, relative to their standard deviation")
	n := fs.Int("sequences", 200, "number of recorded sequences")
	length := fs.Int("length", physics.TrainLength, "positions per sequence")
	seed := fs.Int64("seed", 1, "random seed of the initial states, inputs and noise")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s := physics.Find(*system)
	switch {
	case s == nil:
		return usageError{fmt.Sprintf("unknown system %q: one of %s", *system, strings.Join(systemNames(), ", "))}
	case *out == "":
		return usageError{"-out FILE.csv is required"}
	case *noise < 0 || *n < task.MinSequences || *length <= physics.Warmup:
		return usageError{fmt.Sprintf("need -noise >= 0, -sequences >= %d and -length > %d", task.MinSequences, physics.Warmup)}
	}
	xs, ys := s.Record(task.RNG(*seed, physics.StreamRecord, 0), *n, *length, *noise)
	if err := task.WriteCSV(*out, s.InputNames, s.OutputNames, xs, ys); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d sequences of %d positions of %s, observation noise %g of the positions' spread (the first target of each is empty: no velocity there)\n",
		*out, *n, *length, s.Name, *noise)
	return nil
}

func systemNames() []string {
	var names []string
	for _, s := range physics.Systems() {
		names = append(names, s.Name)
	}
	return names
}

// dataFlags read a task from a data file instead of the registry (task.FromFile).
type dataFlags struct {
	path, id, inputs, outputs, integer, name *string
	length                                   *int
}

func addDataFlags(fs interface {
	String(name, value, usage string) *string
	Int(name string, value int, usage string) *int
}) dataFlags {
	return dataFlags{
		path: fs.String("data", "", "learn from recorded sequences instead of a task: a CSV file (header row, one row per position, "+
			"an id column naming each row's sequence) or JSON lines ({\"x\": [[...], ...], \"y\": [[...], ...]} per line)"),
		id:      fs.String("id", "", `with -data (CSV): the sequence id column (default "id")`),
		inputs:  fs.String("inputs", "", "with -data: the input columns, comma-separated (CSV default: every column but the id and the outputs)"),
		outputs: fs.String("outputs", "", "with -data: the output columns, comma-separated (CSV default: y, y0, y1, ... and next_*)"),
		integer: fs.String("integer", "auto", "with -data: integer targets: auto (when every target is an integer), true or false"),
		length:  fs.Int("length", 0, "with -data: the training length (default: the shortest sequence's)"),
		name:    fs.String("name", "", "with -data: the task's name (default: the file's name)"),
	}
}

// read reads the task the flags describe.
func (f dataFlags) read() (*task.Task, error) {
	return task.FromFile(task.DataSpec{Path: *f.path, ID: *f.id, Inputs: list(*f.inputs), Outputs: list(*f.outputs),
		Integer: *f.integer, Length: *f.length, Name: *f.name})
}

// list splits a comma-separated flag value.
func list(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
