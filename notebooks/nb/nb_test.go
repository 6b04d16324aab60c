package nb

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestRunDir(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "/tmp/gonb-kernel")
	if got, want := RunDir("parity"), filepath.Join("/tmp/gonb-kernel", "runs", "parity"); got != want {
		t.Errorf("in a kernel: %s, want %s", got, want)
	}
	t.Setenv("GONB_TMP_DIR", "")
	if got := RunDir("parity"); !strings.HasSuffix(got, filepath.Join("runs", "parity")) || strings.HasPrefix(got, "/tmp/gonb-kernel") {
		t.Errorf("outside a kernel: %s", got)
	}
}

func TestQuick(t *testing.T) {
	t.Setenv("W2C_QUICK", "1")
	if !Quick() {
		t.Error("W2C_QUICK=1 is quick mode")
	}
	t.Setenv("W2C_QUICK", "0")
	if Quick() {
		t.Error("W2C_QUICK=0 is not quick mode")
	}
}

func TestRoot(t *testing.T) {
	t.Setenv("W2C_ROOT", "/somewhere/w2c")
	if got := Root(); got != "/somewhere/w2c" {
		t.Errorf("with W2C_ROOT: %s", got)
	}
	t.Setenv("W2C_ROOT", "")
	notebooks, err := filepath.Abs("..") // the notebooks folder, as GoNB's GONB_DIR
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GONB_DIR", notebooks)
	if got, want := Root(), filepath.Dir(notebooks); got != want {
		t.Errorf("from GONB_DIR %s: %s, want the repository %s", notebooks, got, want)
	}
}
