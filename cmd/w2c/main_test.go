package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// w2c runs the command line in-process and returns its exit code and what it printed on stderr.
func w2c(t *testing.T, args ...string) (int, string) {
	t.Helper()
	return capture(t, false, args)
}

// capture runs the command line in-process and returns its exit code and what it printed on
// stderr, and on stdout too when withStdout.
func capture(t *testing.T, withStdout bool, args []string) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stderr = w
	if withStdout {
		os.Stdout = w
	}
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	code := mainWithCode(args)
	os.Stdout, os.Stderr = stdout, stderr
	w.Close()
	return code, <-done
}

func expect(t *testing.T, wantCode int, wantText string, args ...string) {
	t.Helper()
	code, stderr := w2c(t, args...)
	if code != wantCode || !strings.Contains(stderr, wantText) {
		t.Errorf("w2c %s: exit %d, stderr %q; want exit %d and %q", strings.Join(args, " "), code, stderr, wantCode, wantText)
	}
	if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
		t.Errorf("w2c %s printed a trace: %s", strings.Join(args, " "), stderr)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	expect(t, 2, "unknown command", "fly")
	expect(t, 2, "-task is required", "train")
	expect(t, 1, "did you mean parity_last2", "train", "-task", "parity_lst2")
	expect(t, 1, "valid settings", "train", "-task", "prev1", "-set", "wings=2")
	expect(t, 1, "must be one of", "train", "-task", "prev1", "-set", "schedule=sideways")
	expect(t, 1, "not a run folder", "extract", "-run", dir)
	expect(t, 2, "unknown operator", "extract", "-run", dir, "-ops", "+,teleport")
	expect(t, 1, "cannot create output folder", "train", "-task", "prev1", "-out", "/proc/w2c/run")
	expect(t, 2, `unknown -ladder "tall"`, "bench", "-suite", "mips", "-tasks", "prev1", "-ladder", "tall", "-out", dir)
}

func TestDivergenceKeepsMetrics(t *testing.T) {
	dir := t.TempDir()
	expect(t, 1, "training diverged", "train", "-task", "sum_last2", "-set", "learning_rate=1e35;steps=50", "-out", dir)
	if _, err := os.Stat(filepath.Join(dir, "metrics.jsonl")); err != nil {
		t.Errorf("the metrics file is gone: %v", err)
	}
}

func TestCorruptCheckpoint(t *testing.T) {
	dir := t.TempDir()
	if code, stderr := w2c(t, "train", "-task", "prev1", "-steps", "40", "-out", dir); code != 0 {
		t.Fatalf("train: %d %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "checkpoint", "*"))
	for _, f := range files {
		if err := os.WriteFile(f, []byte("garbage"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, 1, "cannot read the checkpoint", "extract", "-run", dir)
}

func TestRunWritesPrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	dir := t.TempDir()
	if code, stderr := w2c(t, "run", "-task", "prev1", "-steps", "600", "-out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	// The search stops at the first architecture whose program verifies: one head for prev1.
	for _, f := range []string{"program.txt", "program.py", "program.go", "extraction.json", "report.json", "certificate.json", "attempt.json"} {
		if _, err := os.Stat(filepath.Join(dir, "a1_h1", f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "outcome.json")); err != nil {
		t.Errorf("missing the search's outcome: %v", err)
	}
}

func TestRunPinnedArchitecture(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	expect(t, 2, `unknown architecture "a99": choose one of a0_mlp, a1_h1`, "run", "-task", "prev1", "-arch", "a99")
	dir := t.TempDir()
	if code, stderr := w2c(t, "run", "-task", "prev1", "-steps", "600", "-arch", "a2_h2m2", "-out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "a1_h1")); err == nil {
		t.Error("-arch a2_h2m2 also tried a1_h1")
	}
	if _, err := os.Stat(filepath.Join(dir, "a2_h2m2", "certificate.json")); err != nil {
		t.Errorf("the pinned architecture has no certificate: %v", err)
	}
}
