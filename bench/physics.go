package bench

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/physics/evaluation"
	"github.com/discretetransformer/w2c/registry"
	"github.com/gomlx/gomlx/backends"
)

// PhysicsFile is the physics table of a suite folder.
const PhysicsFile = "physics.md"

// evaluatePhysics evaluates the chosen attempt of a physics task (its program against the true
// law, roll-outs) and saves physics.json in its folder.
func evaluatePhysics(job Job, arch string, backend backends.Backend, opts Options) error {
	dir := filepath.Join(seedDir(opts.Out, job.Task.Name, job.Seed), arch)
	r, err := dt.Open(dir, registry.Lookup)
	if err != nil {
		return err
	}
	res, err := extraction.Load(dir)
	if err != nil || res.Program == nil {
		return err
	}
	ev, err := evaluation.Evaluate(r, res, evaluation.Options{})
	if err != nil {
		return err
	}
	ev.Trajectories = nil
	return dt.WriteJSONAtomic(filepath.Join(dir, evaluation.File), ev)
}

// physicsTable renders the physics table: for each system, its true law, the recovered one,
// the constants' errors, the one-step MSEs and the roll-out errors of the best seed.
func physicsTable(out string, rows []Row) (string, bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "| system | seeds verified | true law | recovered law | max constant error | one-step rel. MSE (model / program) | %s-step roll-out error (model / program) | energy drift (sim / model / program) |\n", "1000")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|\n")
	any := false
	for _, r := range rows {
		if r.Task.Group != "physics" {
			continue
		}
		any = true
		o := r.Best()
		var ev evaluation.Result
		path := filepath.Join(seedDir(out, r.Task.Name, o.Seed), o.Arch, evaluation.File)
		if err := dt.ReadJSON(path, &ev); err != nil {
			fmt.Fprintf(&b, "| %s | %d/%d | | no program: %s | | | | |\n", r.Task.Name, r.Verified(), len(r.Outcomes), cell(o.Failure, 80))
			continue
		}
		fmt.Fprintf(&b, "| %s | %d/%d | %s | %s | %s | %.2g / %.2g | %.2g / %.2g | %s |\n", r.Task.Name, r.Verified(), len(r.Outcomes),
			cell(ev.TrueLaw, 120), cell(strings.Join(ev.Recovered, "; "), 120), constErr(&ev),
			ev.OneStepModel, ev.OneStepProgram, ev.RolloutModel, ev.RolloutProgram, drifts(&ev))
	}
	return b.String(), any
}

func constErr(ev *evaluation.Result) string {
	if ev.TermMissing {
		return "term missing"
	}
	s := fmt.Sprintf("%.1e", ev.MaxConstantError)
	if len(ev.ExtraTerms) > 0 {
		s += fmt.Sprintf(" (+%d extra terms)", len(ev.ExtraTerms))
	}
	return s
}

func drifts(ev *evaluation.Result) string {
	if ev.ConservedQuality == "" {
		return "-"
	}
	return fmt.Sprintf("%.2g / %.2g / %.2g", ev.DriftSimulator, ev.DriftModel, ev.DriftProgram)
}
