package dt

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/ui/commandline"
)

// Hyperparameters live in the GoMLX context (context.Context params), are set from the command
// line with -set "key=value;key2=value2" and are saved with every run (settings.json). As in
// GoMLX's layers, each is declared in the file that reads it, once, with its key, default, type
// and doc (var ParamHeads = declare("heads", 2, "...") in attention.go), and read there with
// Get, which is context.GetParamOr with that default. This file holds what concerns them all:
// the -set parser, the checks across parameters, the listing of `w2c train -set help`.

// Param is a hyperparameter of type T: its key (in the context, in -set strings and in
// settings.json), its default and its one-line doc.
type Param[T paramType] struct {
	Key     string
	Default T
	Doc     string
}

// paramType are the types -set parses and settings.json records.
type paramType interface {
	int | float64 | bool | string
}

// Get reads the hyperparameter from ctx (its scope, then the scopes above), or its default.
func (p Param[T]) Get(ctx *context.Context) T { return context.GetParamOr(ctx, p.Key, p.Default) }

// Set sets the hyperparameter in ctx's scope.
func (p Param[T]) Set(ctx *context.Context, value T) { ctx.SetParam(p.Key, value) }

// declaration is a declared hyperparameter, with its type erased.
type declaration struct {
	key, doc string
	def      any
	check    func(ctx *context.Context) error
}

// declared holds every hyperparameter, in declaration order.
var declared []declaration

// declare declares a hyperparameter with the checks its value must pass: each returns "" for a
// good value, or what is wrong with it ("must be positive"), reported as "setting key=value: ...".
func declare[T paramType](key string, def T, doc string, checks ...func(T) string) Param[T] {
	if slices.ContainsFunc(declared, func(d declaration) bool { return d.key == key }) {
		panic(fmt.Sprintf("dt: hyperparameter %q declared twice", key))
	}
	p := Param[T]{Key: key, Default: def, Doc: doc}
	check := func(ctx *context.Context) error {
		v := p.Get(ctx)
		for _, c := range checks {
			if msg := c(v); msg != "" {
				format := "setting %s=%v: %s"
				switch any(v).(type) {
				case float64:
					format = "setting %s=%g: %s"
				case string:
					format = "setting %s=%q: %s"
				}
				return fmt.Errorf(format, key, v, msg)
			}
		}
		return nil
	}
	declared = append(declared, declaration{key: key, doc: doc, def: def, check: check})
	return p
}

// Checks of a single value, for declare.

func positive[T int | float64](v T) string {
	if v <= 0 {
		return "must be positive"
	}
	return ""
}

func atLeast[T int | float64](low T) func(T) string {
	return func(v T) string {
		if v < low {
			return fmt.Sprintf("must be >= %v", low)
		}
		return ""
	}
}

// fraction checks a value in an interval of [0, 1] written "(0, 1]", "[0, 1)" or "[0, 1]".
func fraction(interval string) func(float64) string {
	openLow, openHigh := interval[0] == '(', interval[len(interval)-1] == ')'
	return func(v float64) string {
		if v < 0 || v > 1 || openLow && v == 0 || openHigh && v == 1 {
			return "must be in " + interval
		}
		return ""
	}
}

func oneOf(options ...string) func(string) string {
	return func(v string) string {
		switch {
		case slices.Contains(options, v):
			return ""
		case len(options) == 2:
			return "must be " + options[0] + " or " + options[1]
		default:
			return "must be one of " + strings.Join(options, ", ")
		}
	}
}

// Defaults holds the default value of every hyperparameter, by key. The types matter: -set
// parses a value with the type of its default.
func Defaults() map[string]any {
	defaults := make(map[string]any, len(declared))
	for _, d := range declared {
		defaults[d.key] = d.def
	}
	return defaults
}

// NewContext returns a GoMLX context holding the default hyperparameters.
func NewContext() *context.Context {
	ctx := context.New()
	ctx.SetParams(Defaults())
	ctx.SetParam(context.ParamInitialSeed, int64(1)) // the run's seed replaces it
	return ctx
}

// ApplySettings parses settings of the form "key=value;key2=value2" into ctx and validates the
// result. Unknown keys and malformed values give an error that lists the valid keys.
func ApplySettings(ctx *context.Context, settings string) error {
	if strings.TrimSpace(settings) == "" {
		return nil
	}
	if _, err := commandline.ParseContextSettings(ctx, settings); err != nil {
		return fmt.Errorf("bad setting in %q: %v; valid settings: %s", settings, firstLine(err.Error()), validKeys())
	}
	return Validate(ctx)
}

func validKeys() string {
	var keys []string
	for _, d := range byKey() {
		keys = append(keys, fmt.Sprintf("%s (%T)", d.key, d.def))
	}
	return strings.Join(keys, ", ")
}

// byKey returns the declared hyperparameters in the order of their keys.
func byKey() []declaration {
	return slices.SortedFunc(slices.Values(declared), func(a, b declaration) int { return strings.Compare(a.key, b.key) })
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Validate checks the hyperparameters in ctx, each (the checks declared with it), then together,
// and says which setting is wrong and what is allowed.
func Validate(ctx *context.Context) error {
	for _, d := range declared {
		if err := d.check(ctx); err != nil {
			return err
		}
	}
	heads, mlps := ParamHeads.Get(ctx), ParamMLPs.Get(ctx)
	if heads < 0 || mlps < 0 || heads+mlps == 0 {
		return fmt.Errorf("settings heads=%d, mlps=%d: need at least one head or sub-MLP per layer", heads, mlps)
	}
	if tauInit, tauEnd := ParamTauInit.Get(ctx), ParamTauEnd.Get(ctx); tauInit <= 0 || tauEnd <= 0 {
		return fmt.Errorf("settings tau_init=%g, tau_end=%g: temperatures must be positive", tauInit, tauEnd)
	}
	families := familiesOf(ctx)
	if len(families) == 0 {
		return fmt.Errorf("setting families is empty: choose from %s", strings.Join(AllFamilies, ","))
	}
	previousOnly := len(families) == 1 && families[0] == FamilyPrevious
	recurrent, autoregressive := ParamRecurrent.Get(ctx), ParamAutoregressive.Get(ctx)
	if recurrent && !previousOnly {
		return fmt.Errorf("setting recurrent=true: the heads of a recurrent layer read earlier positions only; set families=previous")
	}
	if recurrent && (heads == 0 || mlps == 0) {
		return fmt.Errorf("setting recurrent=true: a recurrent layer needs heads and sub-MLPs (heads=%d, mlps=%d)", heads, mlps)
	}
	learnedOnly := len(families) == 1 && families[0] == FamilyLearned
	if autoregressive && !previousOnly && !learnedOnly {
		return fmt.Errorf("setting autoregressive=true: heads may read the outputs only at earlier positions; set families=previous (or families=learned, whose heads then look at earlier positions only)")
	}
	if autoregressive && (recurrent || ParamReadoutAffine.Get(ctx) || heads == 0) {
		return fmt.Errorf("setting autoregressive=true: needs heads, and excludes recurrent=true and readout_affine=true")
	}
	for _, f := range families {
		if !slices.Contains(AllFamilies, f) {
			return fmt.Errorf("setting families: unknown family %q, choose from %s", f, strings.Join(AllFamilies, ","))
		}
	}
	return nil
}

// SettingsHelp lists every setting with its type and default, one per line, each followed by
// its doc.
func SettingsHelp() string {
	var b strings.Builder
	for _, d := range byKey() {
		fmt.Fprintf(&b, "\n  %-16s %-8T default %v\n  %-16s %s", d.key, d.def, d.def, "", d.doc)
	}
	return b.String()
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
