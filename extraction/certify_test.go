package extraction

import (
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// TestCertify: the extracted program of parity_last2 is certified exhaustively at the training
// length (all 1,024 bit sequences) and on sampled sequences at 10x; a wrong program is not; the
// right program beside a barely trained model is "corrected", with the model's agreement.
func TestCertify(t *testing.T) {
	r := trained(t, "parity_last2", "steps=1000")
	res, err := Extract(r, Options{})
	if err != nil || !res.Verified {
		t.Fatalf("extraction: %v %s", err, res.Failure)
	}
	cert, err := Certify(r, res.Program, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cert.Level != LevelVerified || !cert.Exhaustive || cert.Sequences != 1024 || cert.Data() != "exhaustive (1,024)" {
		t.Fatalf("got level %q on %s, want verified on all 1,024 sequences (%s)", cert.Level, cert.Data(), cert.Failure)
	}
	if long := cert.Checks[1]; long.Length != 100 || long.Sequences != 10000 || !long.Passed {
		t.Errorf("long check: %d sequences of length %d, passed %v; want 10000 of length 100", long.Sequences, long.Length, long.Passed)
	}
	if m := cert.Checks[2]; m.Against != "hard model" || m.Positions != 10240 || cert.ModelAgreement != 1 {
		t.Errorf("model check: against %q on %d positions, agreement %g", m.Against, m.Positions, cert.ModelAgreement)
	}

	wrong, err := program.Parse("program parity_last2(x) -> y:\n  for t:\n    y = x\n")
	if err != nil {
		t.Fatal(err)
	}
	cert, err = Certify(r, wrong, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cert.Level != "" || cert.Failure == "" || cert.Checks[0].Counter == nil {
		t.Errorf("a wrong program got level %q (failure %q)", cert.Level, cert.Failure)
	}

	barely := trained(t, "parity_last2", "steps=30")
	cert, err = Certify(barely, res.Program, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if barely.Report.HardSequenceAccuracy == 1 {
		t.Fatal("the 30-step model is already exact: the test needs a wrong one")
	}
	if cert.Level != LevelCorrected || cert.ModelAgreement >= 1 || cert.Failure == "" {
		t.Errorf("right program, wrong model: level %q, model agreement %g", cert.Level, cert.ModelAgreement)
	}
}
