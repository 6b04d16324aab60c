package dt

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/registry"
)

// TestSettingsRoundTrip: every hyperparameter is listed by SettingsHelp, and its default, written
// as settings.json writes it and read back as Open reads it, keeps its value and its type.
func TestSettingsRoundTrip(t *testing.T) {
	help := SettingsHelp()
	params := map[string]string{}
	for _, d := range declared {
		if !strings.Contains(help, "\n  "+d.key+" ") || !strings.Contains(help, d.doc) {
			t.Errorf("SettingsHelp does not list %s with its doc", d.key)
		}
		params[d.key] = fmt.Sprint(d.def)
	}
	ctx := NewContext()
	if err := ApplySettings(ctx, settingsString(params)); err != nil {
		t.Fatal(err)
	}
	for _, d := range declared {
		if v, _ := ctx.GetParam(d.key); !reflect.DeepEqual(v, d.def) {
			t.Errorf("%s: read back %v (%T), want %v (%T)", d.key, v, v, d.def, d.def)
		}
	}
}

// TestOpenCommittedRuns opens the first committed run folder of every benchmark suite: the
// settings.json files written so far keep loading, with their weights.
func TestOpenCommittedRuns(t *testing.T) {
	suites, _ := filepath.Glob("../bench/*/runs")
	if len(suites) == 0 {
		t.Skip("no committed runs")
	}
	opened := 0
	for _, suite := range suites {
		files, _ := filepath.Glob(filepath.Join(suite, "*", "*", "*", SettingsFile))
		if len(files) == 0 {
			continue
		}
		dir := filepath.Dir(files[0])
		r, err := Open(dir, registry.Lookup)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		var saved Settings
		if err := ReadJSON(files[0], &saved); err != nil {
			t.Fatal(err)
		}
		for k, v := range saved.Params {
			if got := r.settings().Params[k]; got != v {
				t.Errorf("%s: %s=%s after opening, saved %s", dir, k, got, v)
			}
		}
		if _, err := r.Structure(); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
		opened++
	}
	if opened < len(suites) {
		t.Errorf("opened %d run folders in %d suites", opened, len(suites))
	}
}
