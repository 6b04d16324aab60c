package figures

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/registry"
)

// RunSpec says how to train (and extract) a run that a figure needs.
type RunSpec struct {
	Task string
	Seed int64
	// Settings are hyperparameters as for `w2c train -set` ("" for the defaults).
	Settings string
	// Steps overrides the "steps" setting when positive.
	Steps int
	// Extract are the extraction options (the zero value: every default).
	Extract extraction.Options
}

// String describes the spec as the w2c command line that makes the same run.
func (s RunSpec) String() string {
	cmd := fmt.Sprintf("w2c run -task %s -seed %d", s.Task, s.Seed)
	if s.Steps > 0 {
		cmd += fmt.Sprintf(" -steps %d", s.Steps)
	}
	if s.Settings != "" {
		cmd += fmt.Sprintf(" -set %q", s.Settings)
	}
	if ops := opsList(s.Extract); ops != "" {
		cmd += " -ops " + ops
	}
	return cmd
}

// opsList is the -ops flag of restricted extraction options ("" when unrestricted).
func opsList(o extraction.Options) string {
	if o.Unary == nil && o.Binary == nil {
		return ""
	}
	var ops []string
	for _, u := range o.Unary {
		ops = append(ops, string(u))
	}
	for _, b := range o.Binary {
		ops = append(ops, string(b))
	}
	return strings.Join(ops, ",")
}

// Finished reports whether dir holds a finished run (its report.json is written at the end).
func Finished(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, dt.ReportFile))
	return err == nil
}

// EnsureTrained returns the run in dir: a finished run is opened as it is (with the settings it
// was made with, even if the defaults have changed since), a missing or unfinished one is
// trained first (dt.Train resumes from the checkpoint). What it trains is said on log (nil:
// nowhere), with the progress bar.
func EnsureTrained(spec RunSpec, dir string, log io.Writer) (*dt.Run, error) {
	if Finished(dir) {
		return dt.Open(dir, registry.Lookup)
	}
	if log == nil {
		log = io.Discard
	}
	t, err := registry.Lookup(spec.Task)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "training %s in %s (as `%s`)\n", spec.Task, dir, spec)
	return dt.Train(dt.TrainOptions{Task: t, Seed: spec.Seed, Settings: spec.Settings, Steps: spec.Steps, Dir: dir, Progress: log})
}

// Ensure is EnsureTrained followed by the run's extraction: read from dir's extraction.json,
// or made (and written in dir) when there is none.
func Ensure(spec RunSpec, dir string, log io.Writer) (*dt.Run, *extraction.Result, error) {
	r, err := EnsureTrained(spec, dir, log)
	if err != nil {
		return nil, nil, err
	}
	res, err := LoadExtraction(dir)
	if err == nil {
		return r, res, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	if log != nil {
		fmt.Fprintf(log, "extracting the program of %s\n", dir)
	}
	if res, err = extraction.Extract(r, spec.Extract); err != nil {
		return nil, nil, err
	}
	return r, res, extraction.Write(dir, res)
}

// LoadExtraction reads the extraction.json of a run folder, with its program parsed back from
// the pseudo-code (extraction.json does not hold the program's tree).
func LoadExtraction(dir string) (*extraction.Result, error) {
	var res extraction.Result
	if err := dt.ReadJSON(filepath.Join(dir, extraction.ExtractionFile), &res); err != nil {
		return nil, err
	}
	if res.Code != "" {
		p, err := program.Parse(res.Code)
		if err != nil {
			return nil, fmt.Errorf("the program in %s does not parse: %w", filepath.Join(dir, extraction.ExtractionFile), err)
		}
		res.Program = p
	}
	return &res, nil
}
