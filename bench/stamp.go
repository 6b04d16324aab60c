package bench

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// Stamp records what made an attempt or an outcome: the code (CodeVersion), the Go toolchain,
// and every setting that changes the result (the attempt's hyperparameters and extraction
// options; for an outcome, the whole ladder). A suite that resumes reuses only what carries
// the stamp it would write itself, and reruns the rest: results made by other code or other
// settings are stale. Revision, the commit checked out when the result was made, is for the
// record only: a commit that changes no code (new results, docs) leaves results current.
type Stamp struct {
	Code     string `json:"code"`
	Revision string `json:"revision,omitempty"`
	Go       string `json:"go"`
	Settings string `json:"settings"`
}

// Stale says why a stamp differs from the current one ("" when it does not).
func (s Stamp) Stale(current Stamp) string {
	switch {
	case s.Code == "":
		return "no stamp (made before stamps)"
	case s.Code != current.Code:
		return "made by code " + s.Code + ", not " + current.Code
	case s.Go != current.Go:
		return "made with " + s.Go + ", not " + current.Go
	case s.Settings != current.Settings:
		return "made with other settings"
	}
	return ""
}

// Version identifies the code of this binary. Code is what stamps compare:
//
//   - "src." and a hash of the committed code (every Go file but the tests, go.mod and go.sum,
//     as git lists them: a test or a benchmark cannot change a result), when the binary was compiled from a git checkout (found from this file's
//     compiled-in path, as with `go run` or `go build` in a checkout) whose code has no
//     uncommitted change; results, docs and figures may differ (the suites write their tables
//     into the tree, and a commit of results changes no code);
//   - else "rev." and the VCS revision that `go build -buildvcs=true` recorded, when its tree
//     was clean;
//   - else "build." and a hash of the executable: such stamps only tell builds apart.
//
// Revision is the commit checked out (with "+dirty" when the code differs from it), for the
// record.
type Version struct{ Code, Revision string }

// CodeVersion is the Version of this binary, computed once.
var CodeVersion = sync.OnceValue(func() Version {
	if v, ok := checkout(); ok {
		return v
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		rev, modified := "", false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" && !modified {
			return Version{Code: "rev." + rev, Revision: rev}
		}
	}
	return Version{Code: "build." + executableHash()}
})

// checkout reads the Version off the git checkout this package was compiled from.
func checkout() (Version, bool) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return Version{}, false
	}
	return versionOf(filepath.Dir(filepath.Dir(file))) // the module root: this file is bench/stamp.go
}

// versionOf reads the Version off the git checkout in dir.
func versionOf(dir string) (Version, bool) {
	git := func(args ...string) (string, error) {
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
		return strings.TrimSpace(string(out)), err
	}
	code := []string{"--", "*.go", "go.mod", "go.sum", ":(exclude)*_test.go"}
	head, err1 := git("rev-parse", "HEAD")
	status, err2 := git(append([]string{"status", "--porcelain", "--untracked-files=all"}, code...)...)
	files, err3 := git(append([]string{"ls-files", "-s"}, code...)...)
	if err1 != nil || err2 != nil || err3 != nil || files == "" {
		return Version{}, false
	}
	if status != "" {
		return Version{Code: "build." + executableHash(), Revision: head + "+dirty"}, true
	}
	sum := sha256.Sum256([]byte(files))
	return Version{Code: "src." + hex.EncodeToString(sum[:8]), Revision: head}, true
}

// executableHash is the first 16 hex digits of the SHA-256 of the running executable.
func executableHash() string {
	path, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// stamp is the stamp of the current code with the given settings.
func (o Options) stamp(settings string) Stamp {
	v := CodeVersion()
	if o.Code != "" {
		v = Version{Code: o.Code}
	}
	return Stamp{Code: v.Code, Revision: v.Revision, Go: runtime.Version(), Settings: settings}
}

// attemptSettings are the settings of one attempt: its hyperparameters, in the order they
// apply, and the extraction options.
func (o Options) attemptSettings(arch Arch) string {
	return fmt.Sprintf("train: %s;%s;%s | extract: %+v", o.Defaults, arch.Settings, o.Settings, o.Extract)
}

// searchSettings are the settings of a whole search: the ladder, each rung's settings, the retries.
func (o Options) searchSettings(ladder []Arch) string {
	s := "ladder:"
	for _, a := range ladder {
		s += " " + a.Name
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%v", ladder)))
	return s + " (" + hex.EncodeToString(sum[:6]) + fmt.Sprintf("), retries %d | ", o.retries()) + o.attemptSettings(Arch{})
}
