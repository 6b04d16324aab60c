package dt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/discretetransformer/w2c/task"
	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/checkpoints"
)

// Files of a run folder.
const (
	SettingsFile  = "settings.json"
	MetricsFile   = "metrics.jsonl"
	ReportFile    = "report.json"
	CheckpointDir = "checkpoint"
)

// Run is a model for one task and seed, with its weights, its hyperparameters and (when it has
// one) its run folder. Train makes one; Open loads one from its folder.
type Run struct {
	Task  *task.Task
	Model *Model
	// Ctx holds the hyperparameters (read them with their Param, ParamSteps.Get(r.Ctx)) and the
	// weights.
	Ctx     *context.Context
	Backend backends.Backend
	Seed    int64
	// Dir is the run folder ("" when the run is not saved).
	Dir string
	// Report is the final evaluation (nil until training finished).
	Report *Report

	checkpoint *checkpoints.Handler
	execs      map[predictKey]*context.Exec
}

// Settings is what settings.json holds: enough to rebuild the model and to refuse to resume a
// run with different settings.
type Settings struct {
	Task   string            `json:"task"`
	Seed   int64             `json:"seed"`
	Scale  float64           `json:"input_scale"`
	Params map[string]string `json:"params"`
	// Data is, for a task read from a file (task.FromFile), how it was read, with the file's
	// hash: Open reads the task from the file again, and refuses a changed file. (A task of
	// recorded sequences in memory, task.FromSequences, is reopened by name, as any task.)
	Data *task.DataSpec `json:"data,omitempty"`
}

// newRun builds the context (hyperparameters) and model for a task, seed and -set settings.
func newRun(t *task.Task, seed int64, settings string, steps int, backend backends.Backend) (*Run, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	ctx := NewContext()
	if err := ApplySettings(ctx, settings); err != nil {
		return nil, err
	}
	if steps > 0 {
		ParamSteps.Set(ctx, steps)
	}
	ctx.SetParam(context.ParamInitialSeed, seed)
	if err := Validate(ctx); err != nil {
		return nil, err
	}
	if backend == nil {
		var err error
		if backend, err = NewBackend(); err != nil {
			return nil, err
		}
	}
	model := &Model{Ctx: ctx, Inputs: t.InputNames, Outputs: t.OutputNames, Scale: InputScale(t, seed)}
	return &Run{Task: t, Model: model, Ctx: ctx, Backend: backend, Seed: seed}, nil
}

// InputScale is the largest absolute input value in a sample of the task's training data (at
// least 1): the D that keeps the sub-MLPs' ReLU networks at inputs of order 1.
func InputScale(t *task.Task, seed int64) float64 {
	b := t.Draw(seed, task.StreamTrain, -1, 256, t.Length)
	scale := 1.0
	for _, v := range b.X {
		scale = max(scale, float64(abs32(v)))
	}
	return scale
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// settings returns the run's settings as saved in settings.json.
func (r *Run) settings() *Settings {
	s := &Settings{Task: r.Task.Name, Seed: r.Seed, Scale: r.Model.Scale, Params: map[string]string{}}
	if d := r.Task.Data; d != nil && d.Spec.Path != "" {
		spec := d.Spec
		s.Data = &spec
	}
	for _, d := range declared {
		if v, ok := r.Ctx.GetParam(d.key); ok {
			s.Params[d.key] = fmt.Sprint(v)
		}
	}
	return s
}

// settingsString renders params as a -set string, in a fixed order.
func settingsString(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + params[k]
	}
	return strings.Join(parts, ";")
}

// attachDir prepares the run folder: writes settings.json for a new run, or checks that an
// existing one was made with the same settings, and loads the latest checkpoint if any.
func (r *Run) attachDir(dir string) error {
	if err := ensureWritableDir(dir); err != nil {
		return err
	}
	r.Dir = dir
	mine := r.settings()
	path := filepath.Join(dir, SettingsFile)
	var saved Settings
	switch err := ReadJSON(path, &saved); {
	case errors.Is(err, os.ErrNotExist):
		if err := WriteJSONAtomic(path, mine); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		if diff := diffSettings(&saved, mine); diff != "" {
			return fmt.Errorf("run folder %s holds a run with other settings (%s): use another -out folder, or the same settings to resume it", dir, diff)
		}
	}
	return r.loadCheckpoint()
}

func diffSettings(a, b *Settings) string {
	var diffs []string
	if a.Task != b.Task {
		diffs = append(diffs, fmt.Sprintf("task %s vs %s", a.Task, b.Task))
	}
	if a.Data != nil && b.Data != nil && a.Data.SHA256 != b.Data.SHA256 {
		diffs = append(diffs, fmt.Sprintf("data file %s vs %s (another file, or the file changed)", a.Data.Path, b.Data.Path))
	}
	if a.Seed != b.Seed {
		diffs = append(diffs, fmt.Sprintf("seed %d vs %d", a.Seed, b.Seed))
	}
	for k, v := range b.Params {
		// A setting the saved run does not record was added to w2c after it was made: it takes
		// its default when the run is opened, so it is not a difference.
		if old, ok := a.Params[k]; ok && old != v {
			diffs = append(diffs, fmt.Sprintf("%s %s vs %s", k, old, v))
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, ", ")
}

// loadCheckpoint attaches GoMLX's checkpoint handler, which loads the latest checkpoint (if
// any) into the context. It keeps the last two, so an interrupted save loses nothing.
func (r *Run) loadCheckpoint() error {
	h, err := checkpoints.Build(r.Ctx).Dir(filepath.Join(r.Dir, CheckpointDir)).Keep(2).ExcludeAllParams().Done()
	if err != nil {
		return fmt.Errorf("cannot read the checkpoint in %s (corrupt or from another version?): %v; "+
			"delete that folder to start the run again", filepath.Join(r.Dir, CheckpointDir), firstLine(err.Error()))
	}
	r.checkpoint = h
	return nil
}

// Open loads a run from its folder: settings, weights (latest checkpoint) and report.
// lookup resolves the task name saved in the folder; a task read from a data file is read from
// that file again (task.FromFile, which refuses a file whose hash changed).
func Open(dir string, lookup func(name string) (*task.Task, error)) (*Run, error) {
	var s Settings
	if err := ReadJSON(filepath.Join(dir, SettingsFile), &s); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s is not a run folder (no %s): train one with `w2c train -task NAME -out %s`", dir, SettingsFile, dir)
		}
		return nil, err
	}
	var t *task.Task
	var err error
	if s.Data != nil {
		t, err = task.FromFile(*s.Data)
	} else {
		t, err = lookup(s.Task)
	}
	if err != nil {
		return nil, err
	}
	r, err := newRun(t, s.Seed, settingsString(s.Params), 0, nil)
	if err != nil {
		return nil, fmt.Errorf("run folder %s: %w", dir, err)
	}
	r.Model.Scale = s.Scale
	if err := r.attachDir(dir); err != nil {
		return nil, err
	}
	if ok, _ := r.checkpoint.HasCheckpoints(); !ok {
		return nil, fmt.Errorf("run folder %s has no checkpoint: train it first with `w2c train -task %s -out %s`", dir, s.Task, dir)
	}
	var rep Report
	if err := ReadJSON(filepath.Join(dir, ReportFile), &rep); err == nil {
		r.Report = &rep
	}
	return r, nil
}
