package bench

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/physics"
	"github.com/gomlx/gomlx/backends"
)

// Options configure Run.
type Options struct {
	// Out is the suite folder.
	Out string
	// Seeds is the number of seeds per task (1..Seeds).
	Seeds int
	// Jobs is the number of searches run at once (each trains on one core most of the time).
	Jobs  int
	Shard Shard
	// Ladder is the architecture search (default: LadderFor each task).
	Ladder []Arch
	// Defaults come before an attempt's settings (which may override them, e.g. give_up), and
	// Settings after them (the user's -set, e.g. "steps=1000", overrides both).
	Defaults, Settings string
	// Extract configures extraction.
	Extract extraction.Options
	// Progress receives one line per finished search (nil: none).
	Progress io.Writer
}

// Run runs the searches of the suite's shard and returns their outcomes (finished ones from an
// earlier run are read back, not redone).
func Run(jobs []Job, opts Options) ([]Outcome, error) {
	backend, err := dt.NewBackend()
	if err != nil {
		return nil, err
	}
	outcomes := make([]Outcome, len(jobs))
	errs := make([]error, len(jobs))
	p := &progress{w: opts.Progress, total: len(jobs), start: time.Now()}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(opts.Jobs, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outcomes[i], errs[i] = search(jobs[i], backend, opts)
				p.done(outcomes[i], errs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return outcomes, errors.Join(errs...)
}

// search tries the ladder's architectures on one task and seed, smallest first, until one
// yields a verified program; the outcome is saved in the task and seed's folder.
func search(job Job, backend backends.Backend, opts Options) (Outcome, error) {
	dir := seedDir(opts.Out, job.Task.Name, job.Seed)
	var out Outcome
	if err := dt.ReadJSON(filepath.Join(dir, OutcomeFile), &out); err == nil {
		return out, nil
	}
	start := time.Now()
	out = Outcome{Task: job.Task.Name, Index: job.Task.Index, Seed: job.Seed}
	bestScore := -1.0
	ladder := opts.Ladder
	if ladder == nil {
		ladder = LadderFor(job.Task)
	}
	for _, arch := range ladder {
		a, res, err := attempt(job, arch, backend, opts)
		if err != nil {
			return out, err
		}
		out.Attempts = append(out.Attempts, a)
		if score := a.score(); score > bestScore {
			bestScore = score
			out.HardAccuracy = a.HardAccuracy
			if res != nil {
				out.record(arch.Name, res)
			} else {
				// A better attempt without a program: nothing of an earlier one's program stays.
				out = Outcome{Task: out.Task, Index: out.Index, Seed: out.Seed, Attempts: out.Attempts,
					HardAccuracy: a.HardAccuracy, Arch: arch.Name, Failure: a.Failure}
			}
		}
		if a.Verified {
			break
		}
	}
	if physics.Find(job.Task.Name) != nil && out.Program != "" {
		if err := evaluatePhysics(job, out.Arch, backend, opts); err != nil {
			return out, err
		}
	}
	out.Seconds = time.Since(start).Seconds()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out, err
	}
	return out, dt.WriteJSONAtomic(filepath.Join(dir, OutcomeFile), out)
}

// score orders attempts: verified above correct above the rest, then by hard accuracy.
func (a Attempt) score() float64 {
	s := a.HardAccuracy - a.HardRelativeMSE
	if a.Correct {
		s += 10
	}
	if a.Verified {
		s += 10
	}
	return s
}

// minAccuracyToExtract is the fraction of exact held-out sequences below which an attempt on an
// integer task is not extracted: its program could not be verified against the model anyway
// (verification needs the program to equal both the model and the task), and symbolic
// regression of a wrong model costs seconds. Above it, a program can still come out correct
// where the model is not, which the tables report.
const minAccuracyToExtract = 0.5

// attempt trains and extracts one architecture (or reads back a finished attempt). A training
// that fails (e.g. diverges) is a failed attempt, not an error of the suite.
func attempt(job Job, arch Arch, backend backends.Backend, opts Options) (Attempt, *extraction.Result, error) {
	start := time.Now()
	dir := filepath.Join(seedDir(opts.Out, job.Task.Name, job.Seed), arch.Name)
	a := Attempt{Arch: arch.Name}
	var res extraction.Result
	if dt.ReadJSON(filepath.Join(dir, extraction.ExtractionFile), &res) == nil {
		var rep dt.Report
		if err := dt.ReadJSON(filepath.Join(dir, dt.ReportFile), &rep); err == nil {
			a.fill(&rep, &res)
			a.Seconds = rep.TrainSeconds
			return a, &res, nil
		}
	}
	r, err := dt.Train(dt.TrainOptions{Task: job.Task, Seed: job.Seed, Settings: opts.Defaults + ";" + arch.Settings + ";" + opts.Settings,
		Dir: dir, Backend: backend})
	if err != nil {
		a.Failure = "training: " + err.Error()
		a.Seconds = time.Since(start).Seconds()
		return a, nil, nil
	}
	if r.Task.Integer && r.Report.HardSequenceAccuracy < minAccuracyToExtract {
		a.fill(r.Report, &extraction.Result{Failure: fmt.Sprintf(
			"the hard model is exact on only %.1f%% of held-out sequences: not worth extracting",
			100*r.Report.HardSequenceAccuracy)})
		a.Seconds = time.Since(start).Seconds()
		return a, nil, nil
	}
	ex, err := extraction.Extract(r, opts.Extract)
	if err != nil {
		return a, nil, fmt.Errorf("%s seed %d, %s: %w", job.Task.Name, job.Seed, arch.Name, err)
	}
	if err := extraction.Write(dir, ex); err != nil {
		return a, nil, err
	}
	a.fill(r.Report, ex)
	a.Seconds = time.Since(start).Seconds()
	return a, ex, nil
}

func (a *Attempt) fill(rep *dt.Report, res *extraction.Result) {
	a.HardAccuracy, a.HardRelativeMSE, a.TrainSeconds = rep.HardSequenceAccuracy, rep.HardRelativeMSE, rep.TrainSeconds
	a.Verified, a.Correct, a.Failure = res.Verified, res.Correct, res.Failure
}

// progress prints one line per finished search.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	total    int
	finished int
	verified int
	start    time.Time
}

func (p *progress) done(o Outcome, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished++
	if o.Verified {
		p.verified++
	}
	if p.w == nil {
		return
	}
	status := "no verified program"
	switch {
	case err != nil:
		status = "error: " + err.Error()
	case o.Verified:
		status = "verified (" + o.Arch + ")"
	}
	elapsed := time.Since(p.start)
	eta := time.Duration(float64(elapsed) / float64(p.finished) * float64(p.total-p.finished))
	fmt.Fprintf(p.w, "[%d/%d] %-24s seed %d: %-30s %5.1fs | %d verified | %s elapsed, ~%s left\n",
		p.finished, p.total, o.Task, o.Seed, status, o.Seconds, p.verified,
		elapsed.Round(time.Second), eta.Round(time.Second))
}
