package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// trainFlags are the flags shared by train and run.
type trainFlags struct {
	task, set, out *string
	seed           *int64
	steps          *int
	data           dataFlags
}

func addTrainFlags(fs interface {
	String(name, value, usage string) *string
	Int64(name string, value int64, usage string) *int64
	Int(name string, value int, usage string) *int
}) trainFlags {
	return trainFlags{
		task:  fs.String("task", "", "task to learn (w2c tasks lists them)"),
		seed:  fs.Int64("seed", 1, "random seed (data, initialization, training)"),
		steps: fs.Int("steps", 0, "training steps (0: the steps setting, default 2000)"),
		set:   fs.String("set", "", `hyperparameters, "key=value;key2=value2" (w2c train -set help lists them)`),
		out:   fs.String("out", "", "run folder (default runs/TASK/seedN); an unfinished run there is resumed"),
		data:  addDataFlags(fs),
	}
}

// lookup is the task the flags name: -task from the registry, or -data read from a file.
func (f trainFlags) lookup() (*task.Task, error) {
	switch {
	case *f.data.path != "" && *f.task != "":
		return nil, usageError{"give -task or -data, not both"}
	case *f.data.path != "":
		t, err := f.data.read()
		if err == nil {
			fmt.Printf("data %s: %s; %s\n", *f.data.path, t.Description, t.Data.Parts())
		}
		return t, err
	case *f.task == "":
		return nil, usageError{"-task is required (w2c tasks lists them), or -data FILE"}
	}
	return registry.Lookup(*f.task)
}

// options resolves the flags into training options.
func (f trainFlags) options() (dt.TrainOptions, error) {
	t, err := f.lookup()
	if err != nil {
		return dt.TrainOptions{}, err
	}
	dir := *f.out
	if dir == "" {
		dir = filepath.Join("runs", t.Name, fmt.Sprintf("seed%d", *f.seed))
	}
	return dt.TrainOptions{Task: t, Seed: *f.seed, Settings: *f.set, Steps: *f.steps, Dir: dir, Progress: os.Stderr}, nil
}

func runTrain(args []string) error {
	fs := newFlags("train", "-task NAME|-data FILE [-seed N] [-steps N] [-set k=v;...] [-out DIR]")
	f := addTrainFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	_, err := f.train()
	return err
}

// train trains as the flags say and prints the report; with -set help it only lists the
// settings, and returns a nil run.
func (f trainFlags) train() (*dt.Run, error) {
	if strings.TrimSpace(*f.set) == "help" {
		fmt.Println("settings (-set \"key=value;key2=value2\"):" + dt.SettingsHelp())
		return nil, nil
	}
	opts, err := f.options()
	if err != nil {
		return nil, err
	}
	r, err := dt.Train(opts)
	if err != nil {
		return nil, err
	}
	printReport(r)
	return r, nil
}

// printReport shows what training gave: the hard structure and the held-out accuracy.
func printReport(r *dt.Run) {
	rep := r.Report
	fmt.Printf("task %s, seed %d: %d steps in %.1fs (%.0f steps/s), run folder %s\n",
		rep.Task, rep.Seed, rep.Steps, rep.TrainSeconds, rep.StepsPerSecond, r.Dir)
	fmt.Println("hard model:")
	for _, line := range rep.Structure {
		fmt.Println("  " + line)
	}
	soft := dt.ParamMetricsSoft.Get(r.Ctx) // else the report has no soft figures
	if r.Task.Integer {
		fmt.Printf("held-out (%d sequences of length %d): hard exact %.2f%% of positions, %.2f%% of sequences",
			rep.EvalSequences, rep.Length, 100*rep.HardPositionAccuracy, 100*rep.HardSequenceAccuracy)
		if soft {
			fmt.Printf("; soft %.2f%% of positions", 100*rep.SoftPositionAccuracy)
		}
	} else {
		fmt.Printf("held-out (%d sequences of length %d): hard MSE %.3g (%.3g of the target variance)",
			rep.EvalSequences, rep.Length, rep.HardMSE, rep.HardRelativeMSE)
		if soft {
			fmt.Printf(", soft MSE %.3g", rep.SoftMSE)
		}
	}
	fmt.Println()
}
