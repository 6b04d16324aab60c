package dt

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/discretetransformer/w2c/task"
	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/train/optimizers"
)

// Hyperparameters of the training loop.
var (
	ParamSteps           = declare("steps", 2000, "Training steps.", positive)
	ParamBatchSize       = declare("batch_size", 128, "Sequences per training step.", positive)
	ParamReluDecay       = declare("relu_decay", 0.0, "L2 penalty on the ReLU output weights (times the targets' variance).", atLeast(0.0))
	ParamRefit           = declare("refit", true, "Solve the output sub-MLPs' last layer by least squares at the end of training.")
	ParamGiveUp          = declare("give_up", 0.0, "Stop when, as annealing ends, the hard loss exceeds this fraction of the targets' variance (0: never).")
	ParamMetricsEvery    = declare("metrics_every", 20, "Steps between two metric records.", positive)
	ParamMetricsSoft     = declare("metrics_soft", true, "Measure the deterministic soft model: its loss and the entropies of its attention rows in the records, its MSE and accuracy in the final report (false: leave them out; the records' soft pass then runs on one sequence, for the choices' weights and entropies, which do not depend on the data).")
	ParamCheckpointEvery = declare("checkpoint_every", 500, "Steps between two checkpoints.", positive)
)

// ErrGaveUp is returned by Train when the give_up setting stopped a hopeless run.
var ErrGaveUp = errors.New("training given up")

// GaveUpError is Train's error when it gave up (errors.Is(err, ErrGaveUp)): at which step, and
// how far the hard model was from the targets, relative to their variance on the records'
// batch: the hard loss the give-up check measured or, when the information floor stopped the
// run (Floor), the floor, a bound on that loss.
type GaveUpError struct {
	Step  int
	Loss  float64
	Floor bool
	why   string
}

func (e *GaveUpError) Error() string {
	return fmt.Sprintf("%v: at step %d %s", ErrGaveUp, e.Step, e.why)
}
func (e *GaveUpError) Unwrap() error { return ErrGaveUp }

// TrainOptions says what to train and where to keep it.
type TrainOptions struct {
	Task *task.Task
	Seed int64
	// Settings are hyperparameters as "key=value;key2=value2" (see Defaults).
	Settings string
	// Steps overrides the "steps" setting when positive.
	Steps int
	// Dir is the run folder (checkpoint, settings, metrics, report). Empty: nothing is saved.
	// A folder holding an unfinished run with the same settings is resumed from its checkpoint;
	// a finished one is loaded and returned as is.
	Dir string
	// Progress receives the progress bar (nil: none).
	Progress io.Writer
	// Backend to use (nil: NewBackend()).
	Backend backends.Backend
	// OnMetric, when set, is called with every metric record (e.g. to plot live in a notebook).
	OnMetric func(Metric)
}

// Train trains a Discrete Transformer on a task: soft mode with Gumbel-softmax while tau
// anneals, then hard mode (every choice frozen at its argmax) to fine-tune the sub-MLPs and
// the readout. It evaluates the result on held-out data and returns the run with its report.
func Train(opts TrainOptions) (*Run, error) {
	if opts.Task == nil {
		return nil, fmt.Errorf("no task given")
	}
	r, err := newRun(opts.Task, opts.Seed, opts.Settings, opts.Steps, opts.Backend)
	if err != nil {
		return nil, err
	}
	if opts.Dir != "" {
		if err := r.attachDir(opts.Dir); err != nil {
			return nil, err
		}
	}
	return r, r.train(opts)
}

// train runs the loop from the current global step (0, or the checkpoint's) to the end.
func (r *Run) train(opts TrainOptions) error {
	ctx := r.Ctx
	steps, metricsEvery, checkpointEvery := ParamSteps.Get(ctx), ParamMetricsEvery.Get(ctx), ParamCheckpointEvery.Get(ctx)
	giveUp := ParamGiveUp.Get(ctx)
	start := int(optimizers.GetGlobalStep(ctx))
	if start >= steps && r.Dir != "" {
		if rep, err := loadReport(r.Dir); err == nil {
			r.Report = rep
			return nil
		}
	}
	log, err := openMetricsLog(r.Dir, start)
	if err != nil {
		return err
	}
	defer log.Close()
	rec := newRecorder(r)
	watch := &floorWatch{bar: ParamGiveUpFloor.Get(ctx)}
	inexact := &floorWatch{}
	if ParamGiveUpInexact.Get(ctx) && r.Task.Integer {
		inexact.bar = inexactBar
	}
	bar := NewProgress(opts.Progress, start, steps)
	t0 := time.Now()
	var softStep, hardStep *context.Exec
	for step := start; step < steps; step++ {
		hard := step >= HardStart(ctx)
		exec := &softStep
		if hard {
			exec = &hardStep
		}
		if *exec == nil {
			if *exec, err = r.trainExec(hard); err != nil {
				return err
			}
		}
		b := r.Task.Draw(r.Seed, task.StreamTrain, int64(step), ParamBatchSize.Get(ctx), r.Task.Length)
		out, err := (*exec).Exec(batchTensors(b))
		if err != nil {
			return fmt.Errorf("training step %d failed: %w", step, err)
		}
		loss := float64(tensors.ToScalar[float32](out[0]))
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return r.diverged(step, log)
		}
		phase := map[bool]string{false: "soft", true: "hard"}[hard]
		if (step+1)%metricsEvery == 0 || step+1 == steps {
			m, err := rec.record(step+1, loss, phase, time.Since(t0).Seconds())
			if err != nil {
				return err
			}
			if err := log.Write(m); err != nil {
				return err
			}
			if opts.OnMetric != nil {
				opts.OnMetric(m)
			}
			check := giveUpStep(ctx)
			if giveUp > 0 && step+1 >= check && step+1-metricsEvery < check && m.RelativeLossHard > giveUp {
				return &GaveUpError{Step: step + 1, Loss: m.RelativeLossHard, why: fmt.Sprintf("(tau %.3g, the choices all but frozen) the hard model's loss was %.3g of the targets' variance (give_up=%g)",
					m.Tau, m.RelativeLossHard, giveUp)}
			}
			if step+1 < check && watch.update(step+1, m.InfoFloor, m.heads, m.settled()) {
				return &GaveUpError{Step: step + 1, Loss: *m.InfoFloor, Floor: true, why: fmt.Sprintf("(tau %.3g) %s leave at least %.3g of the targets' variance unexplained, whatever the sub-MLPs learn (the information floor; give_up_floor=%g)",
					m.Tau, floorReads(m.heads), *m.InfoFloor, watch.bar)}
			}
			if inexact.update(step+1, m.InfoFloor, m.heads, m.settled()) {
				return &GaveUpError{Step: step + 1, Loss: *m.InfoFloor, Floor: true, why: fmt.Sprintf("(tau %.3g) %s leave %.3g of the targets' variance unexplained whatever the sub-MLPs learn: positions that read the same values need different integers, so no model with these heads is exact (the information floor; give_up_inexact)",
					m.Tau, floorReads(m.heads), *m.InfoFloor)}
			}
		}
		bar.Update(step+1, loss, TauAt(ctx, step), phase)
		if (step+1)%checkpointEvery == 0 || step+1 == steps {
			if err := r.saveCheckpoint(); err != nil {
				return err
			}
		}
	}
	if ParamRefit.Get(ctx) && start < steps {
		if _, err := r.refit(); err != nil {
			return fmt.Errorf("refitting the output sub-MLPs: %w", err)
		}
		if err := r.saveCheckpoint(); err != nil {
			return err
		}
	}
	elapsed := time.Since(t0).Seconds()
	rep, err := r.Evaluate()
	if err != nil {
		return err
	}
	rep.TrainSeconds = elapsed
	if n := steps - start; n > 0 {
		rep.StepsPerSecond = float64(n) / elapsed
	}
	r.Report = rep
	if r.Dir != "" {
		return WriteJSONAtomic(r.Dir+"/"+ReportFile, rep)
	}
	return nil
}

// trainExec builds one training step: forward in soft (or hard) mode at the tau of the
// current global step, the loss, and Adam's update, all in one graph. In hard mode the choice
// logits are frozen: only the sub-MLPs and the readout's affine map keep learning.
func (r *Run) trainExec(hard bool) (*context.Exec, error) {
	lr := ParamLearningRate.Get(r.Ctx)
	mode := Soft
	if hard {
		mode = Hard
	}
	// The variables may exist already: made by the soft graph, or loaded from the checkpoint of
	// a run resumed part-way.
	ctx := r.Ctx.Checked(false)
	return context.NewExec(r.Backend, ctx, func(ctx *context.Context, x, y *Node) []*Node {
		g := x.Graph()
		step := optimizers.GetGlobalStepVar(ctx.InAbsPath(context.RootScope)).ValueGraph(g)
		tau := TauGraph(ctx, step) // read before the optimizer increments the step
		out := r.Model.Forward(ctx, x, Pass{Mode: mode, Tau: tau, ReluGate: ReluGateGraph(ctx, step), Targets: y})
		loss := r.lossGraph(ctx, out.Y, y)
		if decay := ParamReluDecay.Get(ctx); hard && out.ReluWeights != nil && decay > 0 {
			// L2 penalty on the ReLU output weights, in units of the targets' variance, so that
			// a sub-MLP whose function is linear ends up exactly linear (see relu_decay). Only in
			// the hard phase: before, the ReLU parts also make up for the blur of soft choices.
			variance := ReduceAllMean(Square(Sub(y, ReduceAllMean(y))))
			penalty := Mul(MulScalar(out.ReluWeights, decay), StopGradient(variance))
			loss = Add(loss, penalty)
		}
		if hard {
			freezeChoices(ctx)
		}
		optimizers.LearningRateVar(ctx, dtypes.Float32, lr).SetValueGraph(LearningRateGraph(ctx, step))
		optimizerUpdate(ctx, loss)
		return []*Node{loss}
	})
}

// optimizerUpdate builds the optimizer's update of the trainable variables: Adam on one vector
// (adam.go). A variable, so that TestFusedAdam can compare it with GoMLX's own Adam.
var optimizerUpdate = adamUpdate

// freezeChoices marks every choice's logits as not trainable.
func freezeChoices(ctx *context.Context) {
	for v := range ctx.IterVariables() {
		if isChoiceLogits(v) {
			v.SetTrainable(false)
		}
	}
}

// isChoiceLogits reports whether v holds a choice's logits (every such variable's name says
// "logits", see choiceLogitsRows): the variables the hard phase freezes, the records' argmax
// counts read, and Adam's moment vectors keep a place for.
func isChoiceLogits(v *context.Variable) bool { return strings.Contains(v.Name(), "logits") }

// batchTensors converts a batch into the model's input and target tensors.
func batchTensors(b *task.Batch) (*tensors.Tensor, *tensors.Tensor) {
	return tensors.FromFlatDataAndDimensions(b.X, b.N, b.T, b.C), tensors.FromFlatDataAndDimensions(b.Y, b.N, b.T, b.K)
}

func (r *Run) saveCheckpoint() error {
	if r.checkpoint == nil {
		return nil
	}
	if err := r.checkpoint.Save(); err != nil {
		return fmt.Errorf("cannot save checkpoint in %s: %w", r.Dir, err)
	}
	return nil
}

// diverged stops a run whose loss is no longer finite: the metrics so far and the last good
// checkpoint stay in the run folder.
func (r *Run) diverged(step int, log *metricsLog) error {
	kept := "nothing was saved (no run folder)"
	if r.Dir != "" {
		kept = fmt.Sprintf("the metrics so far and the last checkpoint (if one was saved before) are kept in %s", r.Dir)
	}
	return fmt.Errorf("training diverged: the loss became NaN or infinite at step %d of task %s; %s. "+
		"Try a smaller learning rate (-set \"learning_rate=%g\") or the robust loss (-set \"loss=mips\"), in a new -out folder",
		step, r.Task.Name, kept, ParamLearningRate.Get(r.Ctx)/10)
}
