package dt

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/discretetransformer/w2c/task"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Metric is one record of the training curve, written as a line of metrics.jsonl. Together
// the records show the annealing: how the choices go from exploration (high entropy, argmaxes
// that change) to exploitation (entropy near 0, argmaxes fixed) as tau falls.
type Metric struct {
	Step  int     `json:"step"`
	Phase string  `json:"phase"` // "soft" or "hard"
	Tau   float64 `json:"tau"`
	// LossTrain is the loss of the last training step (soft mode, with Gumbel noise, in the soft phase).
	LossTrain float64 `json:"loss_train"`
	// LossSoft and LossHard are the loss of the deterministic soft model and of the hard model on
	// a fixed batch of held-out sequences.
	// LossSoft is 0, and left out of the file, when the run does not record it (metrics_soft).
	LossSoft float64 `json:"loss_soft,omitempty"`
	LossHard float64 `json:"loss_hard"`
	// RelativeLossHard is LossHard over the variance of the batch's targets (MSE loss).
	RelativeLossHard float64 `json:"relative_loss_hard"`
	// ExactHard is the fraction of positions the hard model gets exactly right (integer tasks).
	ExactHard float64 `json:"exact_hard"`
	// Entropy is the mean entropy (nats) of every group of choices and of the attention rows
	// (not with metrics_soft=false), by name; MeanEntropy averages the choice groups (not the
	// attention rows).
	Entropy     map[string]float64 `json:"entropy"`
	MeanEntropy float64            `json:"mean_entropy"`
	// ArgmaxChanged is the fraction of choices whose argmax changed since the previous record.
	ArgmaxChanged float64 `json:"argmax_changed"`
	// InfoFloor is the hard model's information floor over the batch's variance: the least
	// relative hard loss any sub-MLPs could reach with the heads as they are (floor.go; absent
	// where it is not defined).
	InfoFloor *float64 `json:"info_floor,omitempty"`
	// HeadsSettled is the least weight the deterministic soft model gives a head's hard read
	// (floor.go; absent with the floor, or without heads).
	HeadsSettled *float64 `json:"heads_settled,omitempty"`
	Seconds      float64  `json:"seconds"`
	// heads names the heads' choices the floor rests on.
	heads string
}

// settled is HeadsSettled, 1 when absent (no heads: nothing to settle).
func (m Metric) settled() float64 {
	if m.HeadsSettled == nil {
		return 1
	}
	return *m.HeadsSettled
}

// recorder computes metric records.
type recorder struct {
	run      *Run
	variance float64 // of the targets of the fixed batch
	exec     *context.Exec
	names    []string // of the entropies, in the order of the outputs
	choices  []string // of the heads' groups of choices whose weights follow them
	x, y     *tensors.Tensor
	batch    *task.Batch
	argmaxs  map[string][]int
	soft     bool // the soft model's figures are recorded (metrics_soft)
	floors   floorMemo
}

func newRecorder(r *Run) *recorder {
	b := r.Task.Draw(r.Seed, task.StreamTest, 0, 512, r.Task.Length)
	x, y := batchTensors(b)
	var sum, sumSq float64
	for _, v := range b.Y {
		sum, sumSq = sum+float64(v), sumSq+float64(v)*float64(v)
	}
	n := float64(len(b.Y))
	return &recorder{run: r, x: x, y: y, batch: b, variance: sumSq/n - (sum/n)*(sum/n)}
}

// build makes the metrics graph: soft (expected) and hard forward passes on the fixed batch.
//
// With metrics_soft=false the soft pass runs on the batch's first sequence only: what the
// records need of it then, the weights of the heads' choices (how settled they are, floor.go)
// and their entropies, are softmaxes of the choices' logits, the same bit for bit whatever the
// data (TestLeanMetrics), and the pass was about 60% of a record's time. A search records
// every 100 steps, and a record costs as much as 8 to 30 training steps at batch 32.
func (rc *recorder) build() error {
	r := rc.run
	rc.soft = ParamMetricsSoft.Get(r.Ctx)
	var err error
	rc.exec, err = context.NewExec(r.Backend, r.Ctx.Reuse(), func(ctx *context.Context, x, y, tau *Node) []*Node {
		// An autoregressive model is measured as it trains, reading back the targets (one pass
		// instead of T); the report's held-out figures are those of the free-running model.
		xs, ys := x, y
		if !rc.soft {
			xs, ys = SliceAxis(x, 0, AxisRange(0, 1)), SliceAxis(y, 0, AxisRange(0, 1))
		}
		soft := r.Model.Forward(ctx, xs, Pass{Mode: Expected, Tau: tau, Maps: true, Targets: ys})
		hard := r.Model.Forward(ctx, x, Pass{Mode: Hard, Tau: tau, Targets: y})
		outs := []*Node{r.lossGraph(ctx, soft.Y, ys), r.lossGraph(ctx, hard.Y, y), exactGraph(hard.Y, y, r.Task.Warmup)}
		rc.names = rc.names[:0]
		for name := range soft.Entropies {
			if rc.soft || !strings.HasSuffix(name, "/rows") {
				rc.names = append(rc.names, name)
			}
		}
		sort.Strings(rc.names)
		for _, name := range rc.names {
			outs = append(outs, soft.Entropies[name])
		}
		rc.choices = rc.choices[:0]
		for name := range soft.Choices {
			if strings.Contains(name, "/attention/") {
				rc.choices = append(rc.choices, name)
			}
		}
		sort.Strings(rc.choices)
		for _, name := range rc.choices {
			outs = append(outs, soft.Choices[name])
		}
		return append(outs, hard.Slots) // for the information floor
	})
	return err
}

// record evaluates the metrics at a step.
func (rc *recorder) record(step int, lossTrain float64, phase string, seconds float64) (Metric, error) {
	if rc.exec == nil {
		if err := rc.build(); err != nil {
			return Metric{}, err
		}
	}
	tau := TauAt(rc.run.Ctx, step-1)
	out, err := rc.exec.Exec(rc.x, rc.y, tensors.FromScalar(float32(tau)))
	if err != nil {
		return Metric{}, fmt.Errorf("metrics at step %d: %w", step, err)
	}
	m := Metric{Step: step, Phase: phase, Tau: tau, LossTrain: lossTrain, Seconds: seconds,
		LossHard: scalar(out[1]), ExactHard: scalar(out[2]), Entropy: map[string]float64{}}
	if rc.soft {
		m.LossSoft = scalar(out[0])
	}
	m.RelativeLossHard = m.LossHard / math.Max(rc.variance, 1e-300)
	var sum float64
	var n int
	for i, name := range rc.names {
		key := strings.TrimPrefix(name, "/")
		m.Entropy[key] = scalar(out[3+i])
		if !strings.HasSuffix(name, "/rows") {
			sum += m.Entropy[key]
			n++
		}
	}
	if n > 0 {
		m.MeanEntropy = sum / float64(n)
	}
	m.ArgmaxChanged = rc.argmaxChanged()
	if err := rc.floor(&m, out[3+len(rc.names):len(out)-1], out[len(out)-1]); err != nil {
		return Metric{}, err
	}
	return m, nil
}

// floor sets the record's information floor (floor.go) from the hard model's stream on the
// batch, and how settled the heads it rests on are, from the soft weights of their choices (in
// the order of rc.choices).
func (rc *recorder) floor(m *Metric, choices []*tensors.Tensor, slots *tensors.Tensor) error {
	r := rc.run
	st, err := r.Structure()
	if err != nil {
		return err
	}
	use, heads, arity, ok := st.floorSlots(r.Model)
	if !ok {
		return nil
	}
	b, S := rc.batch, slots.Shape().Dimensions[2]
	stream := tensors.MustCopyFlatData[float32](slots)
	f := rc.floors.floor(stream, S, b.Y, b.K, b.T, r.Task.Warmup, use, arity) / math.Max(rc.variance, 1e-300)
	m.InfoFloor, m.heads = &f, heads
	if len(st.Heads) > 0 {
		weights := map[string][]float32{}
		for i, name := range rc.choices {
			weights[name] = tensors.MustCopyFlatData[float32](choices[i])
		}
		settled := st.headsSettled(weights, familiesOf(r.Ctx))
		m.HeadsSettled = &settled
	}
	return nil
}

// argmaxChanged compares the argmax of every choice row with the previous record's.
func (rc *recorder) argmaxChanged() float64 {
	now := choiceArgmaxes(rc.run.Ctx)
	changed, total := 0, 0
	for name, rows := range now {
		prev, ok := rc.argmaxs[name]
		for i, a := range rows {
			total++
			if ok && prev[i] != a {
				changed++
			}
		}
	}
	rc.argmaxs = now
	if total == 0 {
		return 0
	}
	return float64(changed) / float64(total)
}

// choiceArgmaxes returns, for every logits variable, the argmax of each of its rows.
func choiceArgmaxes(ctx *context.Context) map[string][]int {
	out := map[string][]int{}
	for v := range ctx.IterVariables() {
		if !isChoiceLogits(v) || !v.HasValue() {
			continue
		}
		t, err := v.Value()
		if err != nil {
			continue
		}
		dims := t.Shape().Dimensions
		n := dims[len(dims)-1]
		flat := tensors.MustCopyFlatData[float32](t)
		var rows []int
		for i := 0; i+n <= len(flat); i += n {
			rows = append(rows, argmax32(flat[i:i+n]))
		}
		out[v.ScopeAndName()] = rows
	}
	return out
}

func argmax32(xs []float32) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}

func scalar(t *tensors.Tensor) float64 { return float64(tensors.ToScalar[float32](t)) }

// metricsLog appends records to metrics.jsonl, one JSON object per line.
type metricsLog struct {
	f *os.File
}

// openMetricsLog opens the run's metrics file for appending, first dropping the records after
// the step the run resumes from (they belong to steps that will be trained again).
func openMetricsLog(dir string, fromStep int) (*metricsLog, error) {
	if dir == "" {
		return &metricsLog{}, nil
	}
	path := filepath.Join(dir, MetricsFile)
	if err := truncateMetrics(path, fromStep); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	return &metricsLog{f: f}, nil
}

func truncateMetrics(path string, fromStep int) error {
	ms, err := ReadMetrics(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var buf []byte
	for _, m := range ms {
		if m.Step <= fromStep {
			line, _ := json.Marshal(m)
			buf = append(append(buf, line...), '\n')
		}
	}
	return WriteFileAtomic(path, buf)
}

// Write appends one record (a single write of a whole line).
func (l *metricsLog) Write(m Metric) error {
	if l.f == nil {
		return nil
	}
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = l.f.Write(append(line, '\n'))
	return err
}

// Close closes the file.
func (l *metricsLog) Close() error {
	if l.f == nil {
		return nil
	}
	return l.f.Close()
}

// ReadMetrics reads a metrics.jsonl file. A torn last line (from a crash) is ignored.
func ReadMetrics(path string) ([]Metric, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ms []Metric
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var m Metric
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			ms = append(ms, m)
		}
	}
	return ms, sc.Err()
}

// Transition is where a training curve goes from exploration to exploitation.
//
// Definition: Step is the first metric record at which the mean entropy of the choices has
// fallen to half of its value at the first record or below (the first record, after
// metrics_every steps, stands for the start, when the choices are still close to their
// near-uniform initial distributions). Half-way is the midpoint of the fall from exploring
// (entropy of the order of log(options)) to exploiting (entropy near 0), and it is robust: the
// fall is steep, and a noisy curve crosses half-way once. Tau is the temperature there.
//
// Two more marks of the same story: LastChange is the last step at which some argmax changed
// (after it every choice is fixed; unused choices may keep flipping long after the transition,
// so it is reported, not used as the definition), and HardStart the first step of the hard
// phase (choices frozen by construction; 0 when the curve has none).
type Transition struct {
	Found      bool
	Step       int
	Tau        float64
	Entropy0   float64 // the mean entropy at the first record
	LastChange int
	HardStart  int
}

// FindTransition locates the transition of a training curve (see Transition).
func FindTransition(ms []Metric) Transition {
	var tr Transition
	if len(ms) == 0 {
		return tr
	}
	tr.Entropy0 = ms[0].MeanEntropy
	for _, m := range ms {
		if !tr.Found && m.MeanEntropy <= tr.Entropy0/2 {
			tr.Found, tr.Step, tr.Tau = true, m.Step, m.Tau
		}
		if m.ArgmaxChanged > 0 {
			tr.LastChange = m.Step
		}
		if tr.HardStart == 0 && m.Phase == "hard" {
			tr.HardStart = m.Step
		}
	}
	return tr
}
