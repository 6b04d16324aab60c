package bench

import (
	"math"
	"path/filepath"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/task"
)

// The search on real-valued recorded data (task.FromFile, task.FromSequences).
//
// With no reference function, an attempt's program is judged against a noise floor (see
// extraction.NoiseFactor): its MSE against held-out recordings may be at most 1.1 times the
// floor. An attempt alone can only use its own hard model's MSE as the floor, and a model that
// lacks a term of the law is as wrong as its program: the first rung would then always pass
// (a spring driven by a recorded force, fitted by rungs whose sub-MLPs do not read the force,
// passes with a law without it). The floor is the best any model or program of the search
// reaches on the selection recordings, the "best achievable" estimated from the data:
//
//   - the search tries every rung of the ladder, since no reference says that a rung is
//     enough, unless a program equals the recordings to the real-valued tolerance
//     (extraction.DefaultRealTolerance: noiseless data, an exact law that nothing can beat);
//   - it chooses the earliest (cheapest) attempt that passes on its own and whose program is
//     within the factor of that floor;
//   - the certification's floor is, likewise, the lowest MSE of the search's trained models on
//     the sealed recordings (extraction.RecordedFloor, CertifyOptions.Floor).
//
// "Verified" then says: the program is its model's function, and it explains unseen recordings
// as well as the best model of the search, within 10%. It does not say that the law is found:
// every model may miss a term (compare the program with the law when it is known, as the
// noise study does).

// recordedReal says whether the task is real-valued recorded data.
func recordedReal(t *task.Task) bool { return t.Data != nil && !t.Integer }

// floorSearch follows the floor over a search's attempts.
type floorSearch struct {
	floor   float64 // the lowest selection MSE of any model or program so far
	chosen  int     // index of the chosen attempt, -1 when none
	entries []floorEntry
}

type floorEntry struct {
	a   Attempt
	res *extraction.Result
}

func newFloorSearch() *floorSearch { return &floorSearch{floor: math.Inf(1), chosen: -1} }

// add notes an attempt (SelectionMSE and ModelMSE filled in, see recordedMSEs).
func (f *floorSearch) add(a Attempt, res *extraction.Result) {
	low := math.Inf(1)
	for _, m := range []float64{a.SelectionMSE, a.ModelMSE} {
		if m > 0 {
			low = math.Min(low, m)
		}
	}
	f.floor = math.Min(f.floor, low)
	f.entries = append(f.entries, floorEntry{a, res})
	f.chosen = -1
	for i, e := range f.entries {
		if e.a.Verified && e.a.SelectionMSE <= extraction.NoiseFactor*f.floor {
			f.chosen = i
			break
		}
	}
}

// done says whether the search may stop before the ladder ends: the chosen attempt's program
// is exact.
func (f *floorSearch) done() bool { return f.chosen >= 0 && f.entries[f.chosen].a.Exact }

// choice is the chosen attempt.
func (f *floorSearch) choice() (Attempt, *extraction.Result, bool) {
	if f.chosen < 0 {
		return Attempt{}, nil, false
	}
	e := f.entries[f.chosen]
	return e.a, e.res, true
}

// recordedMSEs fills in an attempt's MSEs against the selection recordings, its program's (the
// extraction's check at the training length) and its hard model's, and whether the program is
// exact there.
func recordedMSEs(a *Attempt, r *dt.Run, res *extraction.Result, opts Options) {
	if r.Report != nil {
		a.ModelMSE = r.Report.HardMSE
	}
	if res != nil && len(res.Checks) > 0 && res.Checks[0].NoiseFloor > 0 {
		c := res.Checks[0]
		tol := opts.Extract.RealTolerance
		if tol <= 0 {
			tol = extraction.DefaultRealTolerance
		}
		a.SelectionMSE, a.ModelMSE, a.Exact = c.MSE, c.NoiseFloor, c.RelativeMSE <= tol
	}
}

// sealedFloor is the lowest MSE on the sealed recordings of the hard models the search trained
// (its attempts' folders under dir), for the certification of a program of seed's run.
func sealedFloor(job Job, dir string, attempts []Attempt, opts Options) (float64, error) {
	floor := math.Inf(1)
	for _, a := range attempts {
		if !a.Trained {
			continue
		}
		r, err := dt.Open(filepath.Join(dir, a.Arch), func(string) (*task.Task, error) { return job.Task, nil })
		if err != nil {
			return 0, err
		}
		m, err := extraction.RecordedFloor(r, job.Seed, opts.Extract)
		if err != nil {
			return 0, err
		}
		floor = math.Min(floor, m)
	}
	if math.IsInf(floor, 1) {
		return 0, nil
	}
	return floor, nil
}
