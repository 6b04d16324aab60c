package figures

import (
	"fmt"
	"math"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/task"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Trajectory is one curve of a roll-out: the observed rows X[t] (positions, then external
// inputs) of a system over time, with a label for the legend.
type Trajectory struct {
	Label string
	X     [][]float64
}

// Channel returns channel c of every row.
func (tr Trajectory) Channel(c int) []float64 { return column(tr.X, c) }

// ProgramRollout feeds a program its own outputs (physics.System.Rollout with the program's
// interpreter as the one-step predictor), from the true observations xs: rows 0 and 1 and the
// external inputs are kept, every later position is the program's prediction. window <= 0
// gives the program the whole prefix at every step (its exact semantics); a positive window
// gives it only the last window rows.
func ProgramRollout(sys *physics.System, p *program.Program, xs [][]float64, window int) ([][]float64, error) {
	c, err := p.Compile()
	if err != nil {
		return nil, err
	}
	var runErr error
	predict := func(prefix [][]float64) [][]float64 {
		ys, err := c.Run(prefix)
		if err != nil && runErr == nil {
			runErr = err
		}
		if err != nil {
			return nanRows(len(prefix), len(sys.OutputNames))
		}
		return ys
	}
	out := sys.Rollout(predict, xs, window)
	return out, runErr
}

// ModelRollout is ProgramRollout with a trained run's hard model as the predictor. window <= 0
// means the task's training length: the model sees sequences as long as those it was trained
// on, and every step past the first window ones reuses one compiled graph.
func ModelRollout(sys *physics.System, r *dt.Run, xs [][]float64, window int) ([][]float64, error) {
	if window <= 0 {
		window = r.Task.Length
	}
	var runErr error
	predict := func(prefix [][]float64) [][]float64 {
		pred, err := r.Predict([][][]float64{prefix}, dt.Hard, false)
		if err != nil {
			if runErr == nil {
				runErr = err
			}
			return nanRows(len(prefix), len(sys.OutputNames))
		}
		return pred.Y[0]
	}
	out := sys.Rollout(predict, xs, window)
	return out, runErr
}

func nanRows(n, width int) [][]float64 {
	rows := make([][]float64, n)
	for i := range rows {
		rows[i] = make([]float64, width)
		for j := range rows[i] {
			rows[i][j] = math.NaN()
		}
	}
	return rows
}

// Rollouts simulates a system for steps steps from an initial state drawn with seed, and rolls
// out the program and (when r is not nil) the hard model from the same first two observations:
// the simulator, the program and the model, in that order.
func Rollouts(sys *physics.System, p *program.Program, r *dt.Run, steps int, seed int64) ([]Trajectory, error) {
	init, u := sys.Draw(task.RNG(seed, StreamFigures, 1), steps+1)
	truth := sys.Sequence(init, u, steps+1)
	trajs := []Trajectory{{"simulator", truth}}
	if p != nil {
		xs, err := ProgramRollout(sys, p, truth, 0)
		if err != nil {
			return nil, fmt.Errorf("rolling out the program: %w", err)
		}
		trajs = append(trajs, Trajectory{"program (fed its own outputs)", xs})
	}
	if r != nil {
		xs, err := ModelRollout(sys, r, truth, 0)
		if err != nil {
			return nil, fmt.Errorf("rolling out the hard model: %w", err)
		}
		trajs = append(trajs, Trajectory{"hard model (fed its own outputs)", xs})
	}
	return trajs, nil
}

// rolloutDashes tells the curves apart where they overlap: solid, dashed, dotted.
var rolloutDashes = [][]vg.Length{nil, {vg.Points(5), vg.Points(3)}, {vg.Points(1.5), vg.Points(2.5)}}

// RolloutPlot draws channel c (named name) of trajectories against the step, from step from
// on (0: all of them; the end of a long roll-out shows its drift best).
func RolloutPlot(title, name string, c, from int, trajs []Trajectory) *plot.Plot {
	p := newPlot(title, "step", name)
	for i, tr := range trajs {
		ys := tr.Channel(c)
		from := min(from, len(ys))
		l := line(steps(len(ys))[from:], ys[from:], ColorAt(i), rolloutDashes[i%3]...)
		p.Add(l)
		p.Legend.Add(tr.Label, l)
	}
	roomForLegend(p, len(trajs))
	return p
}

// roomForLegend raises the top of the y range so that a legend of n lines fits above the data.
func roomForLegend(p *plot.Plot, n int) {
	if !(p.Y.Max > p.Y.Min) {
		return
	}
	if _, log := p.Y.Scale.(plot.LogScale); log {
		p.Y.Max *= math.Pow(p.Y.Max/p.Y.Min, 0.12*float64(n))
		return
	}
	p.Y.Max += (p.Y.Max - p.Y.Min) * 0.12 * float64(n)
}

// InvariantPlot draws an invariant of the system (energy, angular momentum) along each
// trajectory, against the step (from step 1: it needs the velocity).
func InvariantPlot(sys *physics.System, inv physics.Invariant, trajs []Trajectory) *plot.Plot {
	p := newPlot(inv.Name+" along the roll-outs", "step", inv.Name)
	for i, tr := range trajs {
		vals := sys.EvalAlong(inv, tr.X)
		l := line(steps(len(vals) + 1)[1:], vals, ColorAt(i), rolloutDashes[i%3]...)
		p.Add(l)
		p.Legend.Add(tr.Label, l)
	}
	roomForLegend(p, len(trajs))
	return p
}

// deviationFloor is the smallest deviation drawn: below it, differences are rounding.
const deviationFloor = 1e-16

// DeviationPlot draws, on a log scale, how far each trajectory's channel c is from the
// reference's, |x − x_ref|, against the step: where a roll-out drifts and how fast.
func DeviationPlot(title string, c int, ref Trajectory, others []Trajectory) *plot.Plot {
	p := newPlot(title, "step", "deviation")
	logY(p)
	want := ref.Channel(c)
	for i, tr := range others {
		got := tr.Channel(c)
		dev := make([]float64, len(got))
		for t := range got {
			dev[t] = math.Max(math.Abs(got[t]-want[t]), deviationFloor)
		}
		l := line(steps(len(dev)), dev, ColorAt(i+1), rolloutDashes[(i+1)%3]...)
		p.Add(l)
		p.Legend.Add(tr.Label, l)
	}
	p.X.Min = 0
	p.Legend.Top, p.Legend.Left = false, false
	return p
}

// OrbitPlot draws trajectories in the plane of channels cx and cy (2-D systems).
func OrbitPlot(title string, trajs []Trajectory, cx, cy int, xName, yName string) *plot.Plot {
	p := newPlot(title, xName, yName)
	for i, tr := range trajs {
		l := line(tr.Channel(cx), tr.Channel(cy), ColorAt(i), rolloutDashes[i%3]...)
		p.Add(l)
		p.Legend.Add(tr.Label, l)
	}
	return p
}

func steps(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs
}

// LawText puts the true one-step law of a system (its law and its coefficients in
// observables) above the recovered program.
func LawText(sys *physics.System, code string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "true law (dt = %g):\n", sys.DT)
	for _, part := range strings.Split(sys.Law, ";") {
		for _, piece := range strings.Split(part, "  (") {
			if piece = strings.TrimSpace(piece); strings.HasPrefix(piece, "=") {
				piece = "(" + piece
			}
			fmt.Fprintf(&b, "  %s\n", piece)
		}
	}
	for _, c := range sys.Coefficients {
		fmt.Fprintf(&b, "  coefficient of %s in %s: %s = %.6g\n", c.Term, c.Output, c.Formula, c.Value)
	}
	b.WriteString("\nrecovered program:\n")
	if code == "" {
		b.WriteString("  (none)\n")
	}
	for _, l := range strings.Split(strings.TrimRight(code, "\n"), "\n") {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// rolloutTail is how many final steps of a roll-out PhysicsFigure shows.
const rolloutTail = 100

// PhysicsFigure lays out the physics figure of a system in two rows: the true law beside the
// recovered program, and the last steps of the roll-outs of channel 0 (for 2-D systems: the
// whole orbit in the plane); then how far each roll-out is from the simulator, and the
// system's first invariant along the roll-outs. trajs[0] is the simulator's (see Rollouts).
func PhysicsFigure(sys *physics.System, code string, trajs []Trajectory) Grid {
	law := TextPanel(sys.Name+": true law and recovered program", LawText(sys, code))
	n := 0 // steps: the roll-outs have n+1 rows
	if len(trajs) > 0 {
		n = len(trajs[0].X) - 1
	}
	var main *plot.Plot
	if sys.Dim == 2 {
		main = OrbitPlot(fmt.Sprintf("%d-step roll-outs", n), trajs, 0, 1, sys.InputNames[0], sys.InputNames[1])
	} else {
		main = RolloutPlot(fmt.Sprintf("the last %d of %d steps of the roll-outs", min(rolloutTail, n), n),
			sys.InputNames[0], 0, max(0, n+1-rolloutTail), trajs)
	}
	g := Grid{{law, main}}
	var second []*plot.Plot
	if len(trajs) > 1 {
		second = append(second, DeviationPlot("|"+sys.InputNames[0]+" − simulator| along the roll-outs", 0, trajs[0], trajs[1:]))
	}
	for _, inv := range sys.Invariants {
		if inv.Eval != nil {
			second = append(second, InvariantPlot(sys, inv, trajs))
			break
		}
	}
	if len(second) > 0 {
		g = append(g, second)
	}
	return g
}
