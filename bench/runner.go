package bench

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/task"
	"github.com/gomlx/gomlx/backends"
)

// Options configure Run.
type Options struct {
	// Out is the suite folder.
	Out string
	// Seeds is the number of seeds per task (1..Seeds).
	Seeds int
	// Jobs is the number of searches run at once (each trains on one core most of the time).
	Jobs int
	// Retries is the number of near misses a search retries with a fresh seed when its ladder
	// ends without a verified program (retry.go): 0 means DefaultRetries, a negative number none.
	Retries int
	Shard   Shard
	// Ladder is the architecture search (default: LadderFor each task).
	Ladder []Arch
	// Defaults come before an attempt's settings (which may override them, e.g. give_up), and
	// Settings after them (the user's -set, e.g. "steps=1000", overrides both).
	Defaults, Settings string
	// Extract configures extraction.
	Extract extraction.Options
	// Progress receives one line per finished search (nil: none).
	Progress io.Writer
	// Code overrides the code version in stamps (default CodeVersion(); tests set it).
	Code string
	// Log receives one line per finished attempt, and TrainProgress every training's progress
	// bar (nil: none; for a single search, as w2c run shows it).
	Log, TrainProgress io.Writer
}

// Search runs the architecture search of one task and seed in the folder dir (one sub-folder
// per attempt), as w2c bench does for each task of a suite, and returns its outcome: the
// chosen attempt (Outcome.Arch, in dir/ARCH: its program, extraction and certificate) and its
// certified level. A search already finished in dir with the current stamp is read back.
func Search(t *task.Task, seed int64, dir string, opts Options) (Outcome, error) {
	backend, err := dt.NewBackend()
	if err != nil {
		return Outcome{}, err
	}
	return search(Job{Task: t, Seed: seed}, dir, backend, opts)
}

// logAttempt prints one line about a finished attempt.
func (o Options) logAttempt(job Job, a Attempt) {
	if o.Log == nil {
		return
	}
	what := "no program"
	switch {
	case a.Verified:
		what = "program verified on the selection data"
	case a.Correct:
		what = "program equals the reference, not the hard model"
	case a.Extracted:
		what = "program: " + a.Failure
	case a.Failure != "":
		what = strings.TrimPrefix(a.Failure, trainingFailed)
	}
	acc := fmt.Sprintf("hard model exact on %.1f%% of sequences", 100*a.HardAccuracy)
	if !job.Task.Integer {
		acc = fmt.Sprintf("hard model relative MSE %.2g", a.HardRelativeMSE)
	}
	fmt.Fprintf(o.Log, "%s: %s; %s (%.1fs)\n", a.Arch, acc, cut(what, 160), a.Seconds)
}

// cut shortens text to n runes.
func cut(text string, n int) string {
	if r := []rune(text); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return text
}

// Run runs the searches of the suite's shard and returns their outcomes (finished ones from an
// earlier run are read back, not redone).
func Run(jobs []Job, opts Options) ([]Outcome, error) {
	newBackend := dt.NewBackend
	if opts.Jobs >= runtime.NumCPU() { // every core runs a search of its own
		newBackend = dt.NewBackendPerCore
	}
	backend, err := newBackend()
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
				outcomes[i], errs[i] = search(jobs[i], seedDir(opts.Out, jobs[i].Task.Name, jobs[i].Seed), backend, opts)
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
// yields a program that the selection stream verifies; the chosen program is then certified on
// sealed data, and the outcome saved in the task and seed's folder. An outcome saved with the
// current stamp is read back; one made by other code or settings is redone (its attempts are
// reused where their own stamps match).
func search(job Job, dir string, backend backends.Backend, opts Options) (Outcome, error) {
	ladder := opts.Ladder
	if ladder == nil {
		ladder = LadderFor(job.Task)
	}
	want := opts.stamp(opts.searchSettings(ladder))
	var out Outcome
	if err := dt.ReadJSON(filepath.Join(dir, OutcomeFile), &out); err == nil && out.Stamp.Stale(want) == "" {
		return out, nil
	}
	start := time.Now()
	out = Outcome{Task: job.Task.Name, Index: job.Task.Index, Seed: job.Seed}
	bestScore := math.Inf(-1)
	var floor *floorSearch // real-valued recorded data: the floor over attempts (recorded.go)
	if recordedReal(job.Task) {
		floor = newFloorSearch()
	}
	// try runs one attempt and keeps it if it is the best so far; true when the search may
	// stop (it is verified; on recorded data, see floorSearch.done).
	try := func(arch Arch, seed int64) (bool, error) {
		a, res, err := attempt(Job{Task: job.Task, Seed: seed}, filepath.Join(dir, arch.Name), arch, backend, opts)
		if err != nil {
			return false, err
		}
		opts.logAttempt(job, a)
		out.Attempts = append(out.Attempts, a)
		if score := a.score(); score > bestScore {
			bestScore = score
			out.record(a, res)
		}
		if floor != nil {
			floor.add(a, res)
			if c, cres, ok := floor.choice(); ok {
				out.record(c, cres)
			}
			return floor.done(), nil
		}
		return a.Verified, nil
	}
	verified, err := false, error(nil)
	for _, arch := range ladder {
		if verified, err = try(arch, job.Seed); err != nil || verified {
			break
		}
	}
	if err != nil {
		return out, err
	}
	if floor != nil {
		verified = floor.chosen >= 0 // the ladder ended: the choice stands
	}
	// The near misses, with fresh seeds (retry.go).
	for _, r := range retryPlan(out.Attempts, ladder, opts.retries()) {
		if verified {
			break
		}
		if verified, err = try(r.arch, retrySeed(job.Seed, r.k)); err != nil {
			return out, err
		}
	}
	if out.HasProgram() {
		copts := opts
		if floor != nil {
			f, err := sealedFloor(job, dir, out.Attempts, opts)
			if err != nil {
				return out, err
			}
			copts.Extract.Certify.Floor = f
		}
		if err := certify(job, filepath.Join(dir, out.Arch), &out, copts); err != nil {
			return out, err
		}
		if physics.Find(job.Task.Name) != nil {
			if err := evaluatePhysics(job, filepath.Join(dir, out.Arch)); err != nil {
				return out, err
			}
		}
	}
	out.Seconds = time.Since(start).Seconds()
	out.Stamp = want
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out, err
	}
	return out, dt.WriteJSONAtomic(filepath.Join(dir, OutcomeFile), out)
}

// certify runs the sealed certification of the chosen attempt's program (in dir) and saves the
// certificate there too.
func certify(job Job, dir string, out *Outcome, opts Options) error {
	r, res, err := open(job, dir)
	if err != nil {
		return err
	}
	if res.Program == nil {
		return fmt.Errorf("%s seed %d, %s: the chosen attempt's program is missing from %s", job.Task.Name, job.Seed, out.Arch, dir)
	}
	cert, err := extraction.Certify(r, res.Program, opts.Extract)
	if err != nil {
		return fmt.Errorf("%s seed %d, %s: certification: %w", job.Task.Name, job.Seed, out.Arch, err)
	}
	out.certify(cert)
	return extraction.WriteCertificate(dir, cert)
}

// open reads back a finished attempt: its run and its extraction.
func open(job Job, dir string) (*dt.Run, *extraction.Result, error) {
	r, err := dt.Open(dir, func(string) (*task.Task, error) { return job.Task, nil })
	if err != nil {
		return nil, nil, err
	}
	res, err := extraction.Load(dir)
	return r, res, err
}

// minAccuracyToExtract is the fraction of exact held-out sequences below which an attempt on an
// integer task is not extracted: its program could not be verified against the model anyway
// (verification needs the program to equal both the model and the task), and symbolic
// regression of a wrong model costs seconds. Above it, a program can still come out correct
// where the model is not, which the tables report.
const minAccuracyToExtract = 0.5

// attempt trains and extracts one architecture, or reads back a finished attempt that carries
// the current stamp. A stale or unfinished attempt's folder is removed first: a run folder
// resumes from its checkpoint, which other code may have made. A training that fails (e.g.
// diverges) is a failed attempt, not an error of the suite.
func attempt(job Job, dir string, arch Arch, backend backends.Backend, opts Options) (Attempt, *extraction.Result, error) {
	start := time.Now()
	settings := opts.attemptSettings(arch)
	want := opts.stamp(settings)
	var a Attempt
	if dt.ReadJSON(filepath.Join(dir, AttemptFile), &a) == nil && a.Stamp.Stale(want) == "" {
		var res *extraction.Result
		if a.Extracted {
			var err error
			if res, err = extraction.Load(dir); err != nil {
				return a, nil, fmt.Errorf("%s seed %d, %s: reading back the attempt: %w", job.Task.Name, job.Seed, arch.Name, err)
			}
		}
		return a, res, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return a, nil, err
	}
	a = Attempt{Arch: arch.Name, Stamp: want}
	res, err := trainAndExtract(job, arch, dir, backend, opts, &a)
	if err != nil {
		return a, nil, err
	}
	a.Seconds = time.Since(start).Seconds()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return a, nil, err
	}
	return a, res, dt.WriteJSONAtomic(filepath.Join(dir, AttemptFile), a)
}

// trainAndExtract fills a with the training and extraction of one attempt, and returns the
// extraction (nil when there is none).
func trainAndExtract(job Job, arch Arch, dir string, backend backends.Backend, opts Options, a *Attempt) (*extraction.Result, error) {
	r, err := dt.Train(dt.TrainOptions{Task: job.Task, Seed: job.Seed, Settings: opts.Defaults + ";" + arch.Settings + ";" + opts.Settings,
		Dir: dir, Backend: backend, Progress: opts.TrainProgress})
	if err != nil {
		a.Failure = trainingFailed + err.Error()
		var g *dt.GaveUpError
		if errors.As(err, &g) {
			a.GaveUpLoss = g.Loss
		}
		return nil, nil
	}
	a.Trained = true
	a.HardAccuracy, a.HardRelativeMSE, a.TrainSeconds = r.Report.HardSequenceAccuracy, r.Report.HardRelativeMSE, r.Report.TrainSeconds
	if ms, err := dt.ReadMetrics(filepath.Join(dir, dt.MetricsFile)); err == nil {
		if tr := dt.FindTransition(ms); tr.Found {
			a.TransitionStep = tr.Step
		}
	}
	if recordedReal(job.Task) {
		recordedMSEs(a, r, nil, opts)
	}
	if r.Task.Integer && r.Report.HardSequenceAccuracy < minAccuracyToExtract {
		a.Failure = fmt.Sprintf("the hard model is exact on only %.1f%% of held-out sequences: not worth extracting",
			100*r.Report.HardSequenceAccuracy)
		return nil, nil
	}
	ex, err := extraction.Extract(r, opts.Extract)
	if err != nil {
		return nil, fmt.Errorf("%s seed %d, %s: %w", job.Task.Name, job.Seed, arch.Name, err)
	}
	if err := extraction.Write(dir, ex); err != nil {
		return nil, err
	}
	a.Extracted = ex.Program != nil
	a.Verified, a.Correct, a.Failure = ex.Verified, ex.Correct, ex.Failure
	if recordedReal(job.Task) {
		recordedMSEs(a, r, ex, opts)
	}
	return ex, nil
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
	status := "no certified program"
	switch {
	case err != nil:
		status = "error: " + err.Error()
	case o.Level != "":
		status = o.Level + " (" + o.Arch + ")"
	}
	elapsed := time.Since(p.start)
	eta := time.Duration(float64(elapsed) / float64(p.finished) * float64(p.total-p.finished))
	fmt.Fprintf(p.w, "[%d/%d] %-24s seed %d: %-30s %5.1fs | %d verified | %s elapsed, ~%s left\n",
		p.finished, p.total, o.Task, o.Seed, status, o.Seconds, p.verified,
		elapsed.Round(time.Second), eta.Round(time.Second))
}
