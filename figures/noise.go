package figures

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/discretetransformer/w2c/bench"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/physics/evaluation"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The noise study: every physical system recorded with observation noise (physics.NoiseTask:
// 200 sequences, noise 0, 1e-4, 1e-3 and 1e-2 of the positions' spread), searched like any
// recorded data (w2c bench -suite noise), and each recovered program compared with the true
// law: are its terms the law's, and how far are its constants?

// NoiseCell is one system at one noise level: the best seed's outcome and its law.
type NoiseCell struct {
	System string
	Noise  float64
	// Level is the certificate of the best seed's program ("" when it has none, or none
	// passed), Program its pseudo-code ("" when there is none).
	Level, Program string
	// Missing are the true law's terms the program lacks, Extra the terms it has beyond them
	// (a constant offset is Offset, not Extra: noise leaves a small one).
	Missing, Extra []string
	Offset         float64
	// MaxError is the largest relative error of a true constant (1 for a missing term).
	MaxError float64
}

// Structure says whether the program has exactly the law's terms (up to a constant offset).
func (c NoiseCell) Structure() bool {
	return c.Program != "" && len(c.Missing) == 0 && len(c.Extra) == 0
}

// NoiseCells reads the noise study from a noise suite folder's rows: each task's best seed,
// its chosen attempt's extraction, and its law against the system's.
func NoiseCells(dir string, rows []bench.Row) ([]NoiseCell, error) {
	var cells []NoiseCell
	for _, row := range rows {
		sys, noise := physics.NoiseSystem(row.Task.Name)
		if sys == nil {
			continue
		}
		c := NoiseCell{System: sys.Name, Noise: noise, MaxError: 1}
		if o := row.Best(); o != nil && o.HasProgram() {
			res, err := LoadExtraction(filepath.Join(dir, "runs", row.Task.Name, fmt.Sprintf("seed%d", o.Seed), o.Arch))
			if err != nil {
				return nil, err
			}
			if res.Program != nil {
				ev := evaluation.CompareLaw(sys, res.Program)
				c.Level, c.Program, c.MaxError = o.Level, res.Code, ev.MaxConstantError
				for _, k := range ev.Constants {
					if k.Missing {
						c.Missing = append(c.Missing, k.Term)
					}
				}
				c.Extra, c.Offset = splitOffset(ev.ExtraTerms)
			}
		}
		cells = append(cells, c)
	}
	return cells, nil
}

// splitOffset separates a constant term from the other extra terms, which evaluation writes
// as "output: coefficient·term" ("next_x: 1.2e-06·1" for a constant).
func splitOffset(extra []string) ([]string, float64) {
	var rest []string
	offset := 0.0
	for _, e := range extra {
		_, term, _ := strings.Cut(e, ": ")
		coef, factor, _ := strings.Cut(term, "·")
		if v, err := strconv.ParseFloat(coef, 64); err == nil && factor == "1" {
			offset = math.Max(offset, math.Abs(v))
			continue
		}
		rest = append(rest, e)
	}
	return rest, offset
}

// NoiseTable is the study as Markdown: a row per system, a column per noise level; a cell
// says whether the program is certified (✓ verified, ≈ corrected, ✗ not), whether its terms
// are the law's, and the largest relative error of its constants.
func NoiseTable(cells []NoiseCell) string {
	var b strings.Builder
	b.WriteString("| system |")
	for _, n := range physics.NoiseLevels {
		fmt.Fprintf(&b, " noise %g |", n)
	}
	b.WriteString("\n|---|")
	for range physics.NoiseLevels {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	structure := map[float64]int{}
	for _, sys := range physics.Systems() {
		fmt.Fprintf(&b, "| %s |", sys.Name)
		for _, n := range physics.NoiseLevels {
			c, ok := findCell(cells, sys.Name, n)
			if c.Structure() {
				structure[n]++
			}
			fmt.Fprintf(&b, " %s |", noiseCellText(c, ok))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n**Law's terms recovered**, of the systems:")
	for _, n := range physics.NoiseLevels {
		fmt.Fprintf(&b, " %d at noise %g;", structure[n], n)
	}
	b.WriteString("\n")
	return b.String()
}

// noiseCellText is a table cell: certificate, terms, largest constant error.
func noiseCellText(c NoiseCell, ok bool) string {
	mark := map[string]string{"verified": "✓", "corrected": "≈"}[c.Level]
	switch {
	case !ok:
		return "-"
	case c.Program == "":
		return "✗ no program"
	case mark == "":
		mark = "✗"
	}
	switch {
	case c.Structure():
		return fmt.Sprintf("%s terms ✓, constants within %.1e", mark, c.MaxError)
	case len(c.Missing) > 0:
		return fmt.Sprintf("%s missing %s", mark, strings.Join(c.Missing, ", "))
	}
	return fmt.Sprintf("%s extra %s", mark, strings.Join(c.Extra, ", "))
}

func findCell(cells []NoiseCell, system string, noise float64) (NoiseCell, bool) {
	for _, c := range cells {
		if c.System == system && c.Noise == noise {
			return c, true
		}
	}
	return NoiseCell{}, false
}

// noiseZeroAt is where noise 0 is drawn on the log axis of NoisePlot.
const noiseZeroAt = 1e-5

// exactFloor is where an exactly recovered constant (error 0) is drawn on the log axis.
const exactFloor = 1e-17

// NoisePlot draws, for each system, the largest relative error of its recovered constants
// against the noise level (log-log; noise 0 at the left edge), where the law's terms were
// recovered; a system whose terms were not recovered at a level has no point there.
func NoisePlot(cells []NoiseCell) *plot.Plot {
	p := newPlot("the noise study: constants of the recovered laws", "observation noise (relative to the positions' spread)", "largest relative error of a constant")
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.Y.Tick.Marker = sparseLogTicks{}
	p.X.Tick.Marker = plot.ConstantTicks(noiseTicks())
	p.X.Min, p.X.Max = noiseZeroAt/2, 2e-2
	p.Y.Min, p.Y.Max = exactFloor, 1
	for i, sys := range physics.Systems() {
		var xs, ys []float64
		for _, n := range physics.NoiseLevels {
			if c, ok := findCell(cells, sys.Name, n); ok && c.Structure() {
				xs, ys = append(xs, math.Max(n, noiseZeroAt)), append(ys, math.Max(c.MaxError, exactFloor))
			}
		}
		if len(xs) == 0 {
			continue
		}
		l := line(xs, ys, ColorAt(i), [][]vg.Length{nil, {vg.Points(4), vg.Points(2)}}[i/len(Palette)%2]...)
		pts, err := plotter.NewScatter(xyOf(xs, ys))
		if err == nil {
			pts.GlyphStyle.Color, pts.GlyphStyle.Shape, pts.GlyphStyle.Radius = ColorAt(i), draw.CircleGlyph{}, vg.Points(2)
			p.Add(pts)
		}
		p.Add(l)
		p.Legend.Add(sys.Name, l)
	}
	p.Legend.Left, p.Legend.Top = true, true
	return p
}

// noiseTicks label the noise levels, noise 0 at noiseZeroAt.
func noiseTicks() []plot.Tick {
	ticks := []plot.Tick{{Value: noiseZeroAt, Label: "0"}}
	for _, n := range physics.NoiseLevels[1:] {
		ticks = append(ticks, plot.Tick{Value: n, Label: fmt.Sprintf("%g", n)})
	}
	return ticks
}

// genNoise writes the noise study's table and figure from the noise suite folder.
func genNoise(opts Options) ([]string, error) {
	rows, err := suiteRows(opts, opts.Noise, "noise", "noise")
	if err != nil {
		return nil, err
	}
	cells, err := NoiseCells(opts.Noise, rows)
	if err != nil {
		return nil, err
	}
	files, err := save(NoisePlot(cells), opts.Out, "noise_study", 8, 5)
	if err != nil {
		return nil, err
	}
	table := "Each system recorded with Gaussian observation noise on the positions (a fraction of their standard deviation), " +
		"200 sequences split 120 / 40 / 40 (train / select / sealed), searched by `w2c bench -suite noise` (best of its seeds); " +
		"certified against the sealed recordings (✓ verified: within 1.1 x the noise floor, the best MSE of the search's models, and equal to its hard model; ≈ corrected; ✗ neither). " +
		"\"terms ✓\": the program's law has exactly the true law's terms (up to a constant offset); constants: the largest relative error of a true coefficient, after the refit on the training recordings.\n\n" +
		NoiseTable(cells)
	fs, err := writeText(opts.Out, "noise_study.md", table)
	return append(files, fs...), err
}
