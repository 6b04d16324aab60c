package extraction

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/task"
)

// Levels of a certificate.
const (
	// LevelVerified: the program equals the task's reference and the hard model.
	LevelVerified = "verified"
	// LevelCorrected: the program equals the reference, but the hard model differs from it on
	// some positions (an almost-right model whose formulas are the task's).
	LevelCorrected = "corrected"
)

// CertifyOptions configure Certify. The zero value takes every default.
type CertifyOptions struct {
	// Sequences is the number of sequences drawn at each length when they are not all checked
	// (default 10000).
	Sequences int
	// LongFactor multiplies the training length for the long check: default 10 for integer
	// tasks and 5 for real-valued ones (their roll-outs' values grow with the length, and a
	// relative MSE over a longer sequence is dominated by its last positions).
	LongFactor, RealLongFactor int
	// Chunk is the number of sequences run at once (default 8192).
	Chunk int
	// Floor is, for real-valued recorded data, a noise floor lower than the certified program's
	// own hard model's MSE on the sealed recordings: the lowest of the search's models
	// (RecordedFloor); 0 for none.
	Floor float64
}

func (o CertifyOptions) withDefaults() CertifyOptions {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Sequences, 10000)
	def(&o.LongFactor, 10)
	def(&o.RealLongFactor, 5)
	def(&o.Chunk, 8192)
	return o
}

// Certificate is the sealed verdict on a chosen program: the comparisons with the task's
// reference and the hard model on sequences that no selection step saw (task.StreamCertify),
// or on every input sequence at the training length when the task's alphabet makes them few
// enough (task.Task.Enumerable).
type Certificate struct {
	// Level is LevelVerified, LevelCorrected or "" (neither: the program differs from the
	// reference somewhere on the certification data).
	Level string `json:"level"`
	// Exhaustive is true when the check at the training length ran on every input sequence;
	// Sequences is how many sequences it ran on.
	Exhaustive bool `json:"exhaustive"`
	Sequences  int  `json:"sequences"`
	// Recorded is true for a task read from a file (task.FromFile): the data is the file's
	// sealed part and the reference its recorded targets.
	Recorded bool `json:"recorded,omitempty"`
	// Checks are: the reference at the training length, the reference at LongFactor times it
	// (sampled), and the hard model at the training length (same sequences as the first).
	LongFactor int     `json:"long_factor"`
	Checks     []Check `json:"checks"`
	// ModelAgreement is the fraction of positions at the training length where the hard model
	// gives the program's output (what a "corrected" program's model gets right).
	ModelAgreement float64 `json:"model_agreement"`
	Failure        string  `json:"failure,omitempty"`
	Seconds        float64 `json:"seconds"`
}

// Data says what the certification ran on, e.g. "exhaustive (1,024)" or "sampled (10,000)".
func (c *Certificate) Data() string {
	if c == nil {
		return ""
	}
	if c.Exhaustive {
		return "exhaustive (" + thousands(c.Sequences) + ")"
	}
	if c.Recorded {
		return "recorded (" + thousands(c.Sequences) + ")"
	}
	return "sampled (" + thousands(c.Sequences) + ")"
}

// Certify checks a chosen program on the sealed certification data and says at which level it
// holds. Certify only reads; nothing it sees feeds back into training, extraction or the search.
func Certify(r *dt.Run, prog *program.Program, opts Options) (*Certificate, error) {
	opts = opts.withDefaults()
	co := opts.Certify
	start := time.Now()
	compiled, err := prog.Compile()
	if err != nil {
		return nil, fmt.Errorf("the program does not compile: %w", err)
	}
	t := r.Task
	cert := &Certificate{LongFactor: co.LongFactor, Recorded: t.Data != nil}
	if !t.Integer {
		cert.LongFactor = co.RealLongFactor
	}
	short, model := newTally(t, "reference"), newModelTally(t)
	// visit tallies the program on xs against the reference ys and the hard model's outputs out
	// (nil: run the model here).
	visit := func(xs, ys, out [][][]float64) error {
		got, err := runAll(compiled, xs)
		if err != nil {
			return err
		}
		short.add(xs, ys, got)
		if out == nil {
			return model.add(r, xs, ys, got)
		}
		model.addOutputs(xs, ys, out, got)
		return nil
	}
	if _, ok := t.Enumerable(t.Length); ok {
		// Every sequence, with the model's outputs from PredictEnumerated (the same as
		// Predict's, cheaper for a free-running autoregressive model).
		cert.Exhaustive = true
		err = r.PredictEnumerated(t.Length, co.Chunk, func(xs, out [][][]float64) error { return visit(xs, references(t, xs), out) })
	} else {
		err = sampled(t, r.Seed, 0, co.Sequences, t.Length, co.Chunk, func(xs, ys [][][]float64) error { return visit(xs, ys, nil) })
	}
	if err != nil {
		return nil, err
	}
	long := newTally(t, "reference")
	err = sampled(t, r.Seed, 1, co.Sequences, t.Length*cert.LongFactor, co.Chunk, func(xs, ys [][][]float64) error {
		got, err := runAll(compiled, xs)
		if err == nil {
			long.add(xs, ys, got)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	mc := model.check(opts)
	cert.Checks = []Check{short.check(opts), long.check(opts), mc}
	model.judgeRecorded(cert.Checks[:2], opts, co.Floor)
	cert.Sequences = cert.Checks[0].Sequences
	cert.ModelAgreement = mc.Agreement
	cert.judge()
	cert.Seconds = time.Since(start).Seconds()
	return cert, nil
}

// judge sets the level and the failure from the checks.
func (c *Certificate) judge() {
	correct := c.Checks[0].Passed && c.Checks[1].Passed
	switch {
	case correct && c.Checks[2].Passed:
		c.Level = LevelVerified
	case correct:
		c.Level = LevelCorrected
		c.Failure = c.Checks[2].failure()
	default:
		for _, ch := range c.Checks[:2] {
			if !ch.Passed {
				c.Failure = ch.failure()
				break
			}
		}
	}
}

// RecordedFloor is the MSE of r's hard model against the sealed recordings of a real-valued
// task read from data, on the sequences Certify draws at the training length for seed: the
// floor another model sets for a program's certification (CertifyOptions.Floor).
func RecordedFloor(r *dt.Run, seed int64, opts Options) (float64, error) {
	opts = opts.withDefaults()
	t := r.Task
	b := t.Draw(seed, task.StreamCertify, 0, opts.Certify.withDefaults().Sequences, t.Length)
	pred, err := r.Predict(b.Xs, dt.Hard, false)
	if err != nil {
		return 0, fmt.Errorf("running the hard model: %w", err)
	}
	tl := newTally(t, "reference")
	tl.add(b.Xs, b.Ys, pred.Y)
	return tl.check(opts).MSE, nil
}

// sampled draws n sequences of the given length from the certification stream (index i) and
// visits them, with their targets, in chunks. A data task's come from the sealed part of its
// file (task.Dataset): fewer, and shorter when none is that long.
func sampled(t *task.Task, seed int64, i int64, n, length, chunk int, visit func(xs, ys [][][]float64) error) error {
	if t.Data != nil {
		b := t.Draw(seed, task.StreamCertify, i, n, length)
		for start := 0; start < b.N; start += chunk {
			end := min(b.N, start+chunk)
			if err := visit(b.Xs[start:end], b.Ys[start:end]); err != nil {
				return err
			}
		}
		return nil
	}
	rng := task.RNG(seed, task.StreamCertify, i)
	for start := 0; start < n; start += chunk {
		xs := make([][][]float64, min(chunk, n-start))
		for j := range xs {
			xs[j] = t.Generate(rng, length)
		}
		if err := visit(xs, references(t, xs)); err != nil {
			return err
		}
	}
	return nil
}

// references computes the task's outputs of every sequence.
func references(t *task.Task, xs [][][]float64) [][][]float64 {
	ys := make([][][]float64, len(xs))
	for i, x := range xs {
		ys[i] = t.Reference(x)
	}
	return ys
}

// thousands writes n with commas every three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// CertificateFile is the certificate's file in a run folder.
const CertificateFile = "certificate.json"

// WriteCertificate saves a certificate in a run folder.
func WriteCertificate(dir string, c *Certificate) error {
	return dt.WriteJSONAtomic(filepath.Join(dir, CertificateFile), c)
}

// Describe says the verdict in a few lines, for the command line: each check with its data,
// then the level.
func (c *Certificate) Describe() string {
	var b strings.Builder
	for i, ch := range c.Checks {
		data := "sampled"
		switch {
		case c.Recorded:
			data = "sealed recordings"
		case i != 1 && c.Exhaustive:
			data = "every sequence"
		}
		if i == 1 && c.Recorded && ch.Length == c.Checks[0].Length {
			fmt.Fprintf(&b, "(no sealed recording is longer than the training length %d: no check at a longer length)\n", ch.Length)
			continue
		}
		mark := "ok"
		if !ch.Passed {
			mark = "FAILED"
		}
		fmt.Fprintf(&b, "certified against the %s on %s sequences of length %d (%s): %s  %s\n",
			ch.Against, thousands(ch.Sequences), ch.Length, data, ch.Outcome(), mark)
		switch {
		case ch.ModelErrors > 0 && ch.Passed:
			fmt.Fprintf(&b, "  (the %d others are slips of the hard model's rounding: there the program equals the reference)\n", ch.ModelErrors)
		case ch.ModelTolerance > 0:
			fmt.Fprintf(&b, "  (bound: relative MSE against the model at most %.0e; the model's own relative MSE against the reference: %.2g)\n",
				ch.ModelTolerance, ch.ModelRelativeMSE)
		}
	}
	noisy := len(c.Checks) > 0 && c.Checks[0].NoiseFloor > 0
	switch {
	case c.Level == LevelVerified && noisy:
		fmt.Fprintf(&b, "VERIFIED on sealed data (%s): the program fits the recorded targets within %.2g x the best hard model's error, and equals its hard model\n", c.Data(), NoiseFactor)
	case c.Level == LevelCorrected && noisy:
		fmt.Fprintf(&b, "CORRECTED on sealed data (%s): the program fits the recorded targets within %.2g x the best hard model's error; its hard model agrees with it on %s of positions\n",
			c.Data(), NoiseFactor, percentOf(c.ModelAgreement))
	case c.Level == LevelVerified:
		fmt.Fprintf(&b, "VERIFIED on sealed data (%s): the program equals the reference and the hard model\n", c.Data())
	case c.Level == LevelCorrected:
		fmt.Fprintf(&b, "CORRECTED on sealed data (%s): the program equals the reference; the hard model agrees with it on %s of positions\n",
			c.Data(), percentOf(c.ModelAgreement))
	default:
		fmt.Fprintf(&b, "NOT CERTIFIED (%s): %s\n", c.Data(), c.Failure)
	}
	return b.String()
}

func percentOf(f float64) string {
	if f < 1 && f > 0.9999 {
		return fmt.Sprintf("%.4f%%", 100*f)
	}
	return fmt.Sprintf("%.2f%%", 100*f)
}
