package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionOf: the code version of a checkout changes with its Go code, not with its results
// or docs; uncommitted code gives a build hash and a dirty revision.
func TestVersionOf(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	write("go.mod", "module m\n")
	write("a.go", "package m\n")
	write("results.md", "old\n")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	v1, ok := versionOf(dir)
	if !ok || !strings.HasPrefix(v1.Code, "src.") || len(v1.Revision) != 40 {
		t.Fatalf("clean checkout: %+v, %v", v1, ok)
	}
	write("results.md", "new\n")
	git("commit", "-q", "-am", "results only")
	v2, _ := versionOf(dir)
	if v2.Code != v1.Code || v2.Revision == v1.Revision {
		t.Errorf("a results-only commit changed the code version (%s -> %s) or not the revision", v1.Code, v2.Code)
	}
	write("a_test.go", "package m\n")
	if v, _ := versionOf(dir); v.Code != v1.Code {
		t.Errorf("an uncommitted test changed the code version (%s -> %s)", v1.Code, v.Code)
	}
	git("add", "a_test.go")
	git("commit", "-q", "-m", "a test")
	if v, _ := versionOf(dir); v.Code != v1.Code {
		t.Errorf("a committed test changed the code version (%s -> %s)", v1.Code, v.Code)
	}
	write("a.go", "package m\n\nvar x = 1\n")
	v3, _ := versionOf(dir)
	if !strings.HasPrefix(v3.Code, "build.") || !strings.HasSuffix(v3.Revision, "+dirty") {
		t.Errorf("uncommitted code: %+v", v3)
	}
	git("commit", "-q", "-am", "code")
	v4, _ := versionOf(dir)
	if !strings.HasPrefix(v4.Code, "src.") || v4.Code == v1.Code {
		t.Errorf("a code commit: %s (before %s)", v4.Code, v1.Code)
	}
	if _, ok := versionOf(t.TempDir()); ok {
		t.Error("a folder that is no checkout gave a version")
	}
}
