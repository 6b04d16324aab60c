package bench

import (
	"fmt"
	"strings"
)

// ProfileFile is the suite folder's account of where the search time went.
const ProfileFile = "profile.md"

// rungTime is the time a suite spent in one rung of its ladder.
type rungTime struct {
	arch                        string
	attempts, gaveUp, verified  int
	byFloor                     int // given up by the information floor (dt/floor.go)
	gaveUpSeconds, trainSeconds float64
	afterSeconds, failedSeconds float64 // after training (evaluation, extraction); other failures
}

// Profile renders where the searches of rows spent their time: per rung of the ladder, the
// attempts given up (their whole time is training; how many of them the information floor
// stopped: before the give-up check, or at any step when no exact model reads what their heads
// read, dt/floor.go), the training of the others, and what came after it (the hard model's
// evaluation on 10,000 sequences, extraction with its selection checks); then the certification of the chosen programs (an outcome's
// time beyond its attempts'). The times are wall-clock seconds as recorded in the outcomes
// (attempt.json), so they hold only for a suite that ran alone on its machine.
func Profile(rows []Row) string {
	var rungs []*rungTime
	byArch := map[string]*rungTime{}
	var total, certify float64
	searches := 0
	for _, r := range rows {
		for _, o := range r.Outcomes {
			searches++
			total += o.Seconds
			attempts := 0.0
			for _, a := range o.Attempts {
				rt := byArch[a.Arch]
				if rt == nil {
					rt = &rungTime{arch: a.Arch}
					byArch[a.Arch] = rt
					rungs = append(rungs, rt)
				}
				rt.attempts++
				attempts += a.Seconds
				switch {
				case strings.Contains(a.Failure, "training given up"):
					rt.gaveUp++
					rt.gaveUpSeconds += a.Seconds
					if strings.Contains(a.Failure, "information floor") {
						rt.byFloor++
					}
				case a.Trained:
					rt.trainSeconds += a.TrainSeconds
					rt.afterSeconds += a.Seconds - a.TrainSeconds
				default:
					rt.failedSeconds += a.Seconds
				}
				if a.Verified {
					rt.verified++
				}
			}
			certify += o.Seconds - attempts
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Where the search time went: %d searches, %.0f s in all (wall-clock seconds summed over searches; "+
		"with -jobs 2 on 2 cores the suite's wall time is about half). Made by `w2c bench -table` from the outcomes.\n\n", searches, total)
	b.WriteString("| rung | attempts | given up | of them by the floor | given up (s) | trained: training (s) | trained: evaluation and extraction (s) | other failures (s) | verified | total (s) | share |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	var given, train, after, failed float64
	gaveUp, byFloor := 0, 0
	for _, rt := range rungs {
		gaveUp, byFloor = gaveUp+rt.gaveUp, byFloor+rt.byFloor
		sum := rt.gaveUpSeconds + rt.trainSeconds + rt.afterSeconds + rt.failedSeconds
		given, train, after, failed = given+rt.gaveUpSeconds, train+rt.trainSeconds, after+rt.afterSeconds, failed+rt.failedSeconds
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %.0f | %.0f | %.0f | %.0f | %d | %.0f | %s |\n", rt.arch, rt.attempts, rt.gaveUp, rt.byFloor,
			rt.gaveUpSeconds, rt.trainSeconds, rt.afterSeconds, rt.failedSeconds, rt.verified, sum, share(sum, total))
	}
	fmt.Fprintf(&b, "| **all rungs** | | %d | %d | %.0f | %.0f | %.0f | %.0f | | %.0f | %s |\n", gaveUp, byFloor, given, train, after, failed,
		given+train+after+failed, share(given+train+after+failed, total))
	fmt.Fprintf(&b, "| certification of the chosen programs | | | | | | | | | %.0f | %s |\n", certify, share(certify, total))
	fmt.Fprintf(&b, "\nBy kind: training %s (given-up attempts %s), evaluation and extraction %s, certification %s.\n",
		share(given+train, total), share(given, total), share(after, total), share(certify, total))
	return b.String()
}

func share(part, total float64) string {
	if total <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*part/total)
}
