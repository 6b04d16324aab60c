package dt

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Progress draws a one-line progress bar with steps/s, loss and tau. On a terminal it redraws
// in place; otherwise (logs, CI) it prints a line every 10% so logs stay short.
type Progress struct {
	w           io.Writer
	total       int
	start       time.Time
	startStep   int
	interactive bool
	lastPrinted int
	lastDraw    time.Time
}

// NewProgress returns a progress bar writing to w (nil: no output) for steps up to total.
func NewProgress(w io.Writer, startStep, total int) *Progress {
	p := &Progress{w: w, total: total, start: time.Now(), startStep: startStep, lastPrinted: -1}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.interactive = true
		}
	}
	return p
}

// Update reports the state at a step.
func (p *Progress) Update(step int, loss, tau float64, phase string) {
	if p == nil || p.w == nil {
		return
	}
	done := step - p.startStep
	rate := float64(done) / max(time.Since(p.start).Seconds(), 1e-9)
	frac := float64(step) / float64(p.total)
	if p.interactive {
		if time.Since(p.lastDraw) < 100*time.Millisecond && step < p.total {
			return
		}
		p.lastDraw = time.Now()
		const width = 30
		n := int(frac * width)
		bar := strings.Repeat("=", n) + strings.Repeat(" ", width-n)
		fmt.Fprintf(p.w, "\r[%s] %d/%d %5.1f steps/s loss %.4g tau %.3g %s ", bar, step, p.total, rate, loss, tau, phase)
		if step >= p.total {
			fmt.Fprintln(p.w)
		}
		return
	}
	decile := int(frac * 10)
	if decile != p.lastPrinted {
		p.lastPrinted = decile
		fmt.Fprintf(p.w, "step %d/%d (%3.0f%%) %.1f steps/s loss %.4g tau %.3g %s\n", step, p.total, 100*frac, rate, loss, tau, phase)
	}
}
