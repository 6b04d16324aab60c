package dt

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/ui/commandline"
)

// Hyperparameter keys. They live in the GoMLX context (context.Context params), are set from the
// command line with -set "key=value;key2=value2" and are saved with every run.
const (
	ParamLayers          = "layers"           // Number of layers (attention heads, then sub-MLPs).
	ParamHeads           = "heads"            // Numerical Attention heads per layer.
	ParamMLPs            = "mlps"             // Sub-MLPs per layer.
	ParamArity           = "arity"            // Input slots read by each sub-MLP (1 to MaxArity).
	ParamHidden          = "hidden"           // Hidden width of each sub-MLP.
	ParamMLPDepth        = "mlp_depth"        // Hidden layers of each sub-MLP.
	ParamMLPHeadPrior    = "mlp_head_prior"   // Initial logit offset of sub-MLP inputs (but the first) towards the layer's heads.
	ParamMaxOffset       = "max_offset"       // Largest k of the previous-k pointer.
	ParamFamilies        = "families"         // Attention score families a head chooses from (comma separated).
	ParamRecurrent       = "recurrent"        // Layers whose heads also read the layer's own sub-MLP outputs at earlier positions.
	ParamPeriodic        = "periodic"         // Sub-MLPs add fixed Fourier features of their inputs (periods 2 to MaxModulus).
	ParamProducts        = "products"         // Sub-MLPs add the products of their inputs two by two (see products.go).
	ParamAutoregressive  = "autoregressive"   // Heads may read the model's own outputs at earlier positions (see autoregressive.go).
	ParamPointerPrior    = "pointer_prior"    // Initial logit offset of the previous-k family.
	ParamReadoutAffine   = "readout_affine"   // Readout is a*slot+b instead of the slot itself.
	ParamReadout         = "readout"          // Slots the outputs may read: mlp (the last layer's sub-MLPs) or any.
	ParamReadoutPrior    = "readout_prior"    // Initial logit offset of the readout towards the last layer's sub-MLPs (readout=any).
	ParamTauInit         = "tau_init"         // Temperature at step 0.
	ParamTauEnd          = "tau_end"          // Temperature at the end of annealing.
	ParamSchedule        = "schedule"         // geometric, linear, cosine or constant.
	ParamAnnealFraction  = "anneal_fraction"  // Fraction of the steps over which tau goes from tau_init to tau_end.
	ParamHardFraction    = "hard_fraction"    // Final fraction of the steps trained in hard mode (selections frozen).
	ParamGumbelScale     = "gumbel_scale"     // Scale of the Gumbel noise in soft mode, annealed with tau (0 = deterministic softmax).
	ParamLearningRate    = "learning_rate"    // Adam learning rate.
	ParamLRDecay         = "lr_decay"         // Final learning rate as a fraction of learning_rate (cosine decay over the hard phase).
	ParamLogitInitStd    = "logit_init_std"   // Standard deviation of the random initial choice logits.
	ParamChoiceLR        = "choice_lr"        // Learning rate of the choice logits, as a multiple of learning_rate.
	ParamReluLR          = "relu_lr"          // Learning rate of the sub-MLPs' ReLU output weights, as a multiple of learning_rate.
	ParamLinearLR        = "linear_lr"        // Learning rate of the sub-MLPs' linear paths, as a multiple of learning_rate.
	ParamReluDecay       = "relu_decay"       // L2 penalty on the ReLU output weights (times the targets' variance).
	ParamReluWarmup      = "relu_warmup"      // Fraction of the steps over which the ReLU parts are switched on (0: on from the start).
	ParamRefit           = "refit"            // Solve the output sub-MLPs' last layer by least squares at the end of training.
	ParamGiveUp          = "give_up"          // Stop when, as annealing ends, the hard loss exceeds this fraction of the targets' variance (0: never).
	ParamBatchSize       = "batch_size"       // Sequences per training step.
	ParamSteps           = "steps"            // Training steps.
	ParamLoss            = "loss"             // mse or mips (0.5*log(1+err^2)).
	ParamEvalSize        = "eval_size"        // Held-out sequences for the final report.
	ParamMetricsEvery    = "metrics_every"    // Steps between two metric records.
	ParamCheckpointEvery = "checkpoint_every" // Steps between two checkpoints.
)

// MaxArity is the largest arity. Sub-MLPs of arity 1 to 3 are the usual ones; wider ones exist
// for long linear windows (sum_last7 is x plus six pointers), where the linear path does the work.
const MaxArity = 8

// Families of attention scores. Each names a pointer (or aggregate) that a head can become.
const (
	FamilyPrevious = "previous" // position t-k, k in 1..max_offset
	FamilyFirst    = "first"    // position 0
	FamilyMean     = "mean"     // mean over positions 0..t
	FamilySum      = "sum"      // sum over positions 0..t
	FamilyArgMax   = "argmax"   // latest position with the largest key so far
	FamilyArgMin   = "argmin"   // latest position with the smallest key so far
	FamilyEqual    = "equal"    // latest earlier position whose key equals the current key
)

// LocationFamilies are the families whose maps depend only on positions: the default. The
// content-based ones are opt-in (-set families=...): on tasks that do not need them they are
// strong distractors (the argmax of bits, "a 1 so far", is sharp from the first step and wins
// the early race against x[t-1] on parity_last2) and they cost more than the rest of a step.
var LocationFamilies = []string{FamilyPrevious, FamilyFirst, FamilyMean, FamilySum}

// AllFamilies lists the attention families in their canonical order.
var AllFamilies = []string{FamilyPrevious, FamilyFirst, FamilyMean, FamilySum, FamilyArgMax, FamilyArgMin, FamilyEqual}

// Readout modes.
const (
	ReadoutMLP = "mlp" // outputs read the last layer's sub-MLPs
	ReadoutAny = "any" // outputs read any slot
)

// Schedules of the temperature.
var Schedules = []string{"geometric", "linear", "cosine", "constant"}

// Defaults holds the default value of every hyperparameter. The types matter: -set parses
// a value with the type of its default.
func Defaults() map[string]any {
	return map[string]any{
		// Architecture.
		ParamLayers: 1, ParamHeads: 2, ParamMLPs: 2, ParamArity: 2, ParamHidden: 16, ParamMLPDepth: 1,
		ParamMaxOffset: 8, ParamFamilies: strings.Join(LocationFamilies, ","), ParamRecurrent: false, ParamPeriodic: false, ParamAutoregressive: false, ParamProducts: false,
		ParamReadout: ReadoutMLP, ParamReadoutAffine: false,
		// Priors of the choices (initial logit offsets).
		ParamPointerPrior: 2.0, ParamMLPHeadPrior: 1.5, ParamReadoutPrior: 2.0, ParamLogitInitStd: 0.5,
		// Annealing.
		ParamTauInit: 1.0, ParamTauEnd: 0.01, ParamSchedule: "geometric", ParamAnnealFraction: 0.6,
		ParamHardFraction: 0.25, ParamGumbelScale: 0.3,
		// Optimization.
		ParamLearningRate: 0.01, ParamLRDecay: 0.01, ParamChoiceLR: 3.0, ParamLinearLR: 3.0,
		ParamReluLR: 1.0, ParamReluWarmup: 0.2, ParamReluDecay: 0.0, ParamRefit: true, ParamGiveUp: 0.0,
		ParamBatchSize: 128, ParamSteps: 2000, ParamLoss: "mse",
		// Bookkeeping.
		ParamEvalSize: 10000, ParamMetricsEvery: 20, ParamCheckpointEvery: 500,
		context.ParamInitialSeed: int64(1),
	}
}

// NewContext returns a GoMLX context holding the default hyperparameters.
func NewContext() *context.Context {
	ctx := context.New()
	ctx.SetParams(Defaults())
	return ctx
}

// ApplySettings parses settings of the form "key=value;key2=value2" into ctx. Unknown keys and
// malformed values give an error that lists the valid keys.
func ApplySettings(ctx *context.Context, settings string) error {
	if strings.TrimSpace(settings) == "" {
		return nil
	}
	if _, err := commandline.ParseContextSettings(ctx, settings); err != nil {
		return fmt.Errorf("bad setting in %q: %v; valid settings: %s", settings, firstLine(err.Error()), validKeys())
	}
	_, err := ConfigFromContext(ctx)
	return err
}

func validKeys() string {
	var keys []string
	for k, v := range Defaults() {
		keys = append(keys, fmt.Sprintf("%s (%T)", k, v))
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Config is the architecture and training configuration read from a context.
type Config struct {
	Layers, Heads, MLPs, Arity, Hidden, MLPDepth, MaxOffset             int
	Families                                                            []string
	ReadoutAffine, Refit, Recurrent, Periodic, Autoregressive, Products bool
	ReadoutPrior, MLPHeadPrior, PointerPrior                            float64
	Readout                                                             string
	TauInit, TauEnd                                                     float64
	Schedule                                                            string
	AnnealFraction, HardFraction, GumbelScale                           float64
	LearningRate, LRDecay, LogitInitStd, ChoiceLR, ReluLR               float64
	ReluDecay, ReluWarmup, LinearLR, GiveUp                             float64
	BatchSize, Steps                                                    int
	Loss                                                                string
	EvalSize, MetricsEvery, CheckpointEvery                             int
	Seed                                                                int64
}

// ConfigFromContext reads and validates the configuration held in ctx.
func ConfigFromContext(ctx *context.Context) (*Config, error) {
	c := &Config{
		Layers: param[int](ctx, ParamLayers), Heads: param[int](ctx, ParamHeads),
		MLPs: param[int](ctx, ParamMLPs), Arity: param[int](ctx, ParamArity),
		Hidden: param[int](ctx, ParamHidden), MLPDepth: param[int](ctx, ParamMLPDepth),
		MaxOffset:     param[int](ctx, ParamMaxOffset),
		Families:      splitList(param[string](ctx, ParamFamilies)),
		ReadoutAffine: param[bool](ctx, ParamReadoutAffine),
		ReadoutPrior:  param[float64](ctx, ParamReadoutPrior),
		MLPHeadPrior:  param[float64](ctx, ParamMLPHeadPrior),
		PointerPrior:  param[float64](ctx, ParamPointerPrior),
		Readout:       param[string](ctx, ParamReadout),
		TauInit:       param[float64](ctx, ParamTauInit), TauEnd: param[float64](ctx, ParamTauEnd),
		Schedule:       param[string](ctx, ParamSchedule),
		AnnealFraction: param[float64](ctx, ParamAnnealFraction),
		HardFraction:   param[float64](ctx, ParamHardFraction),
		GumbelScale:    param[float64](ctx, ParamGumbelScale),
		LearningRate:   param[float64](ctx, ParamLearningRate),
		LRDecay:        param[float64](ctx, ParamLRDecay),
		LogitInitStd:   param[float64](ctx, ParamLogitInitStd),
		ChoiceLR:       param[float64](ctx, ParamChoiceLR),
		ReluLR:         param[float64](ctx, ParamReluLR),
		ReluDecay:      param[float64](ctx, ParamReluDecay),
		ReluWarmup:     param[float64](ctx, ParamReluWarmup),
		LinearLR:       param[float64](ctx, ParamLinearLR),
		Refit:          param[bool](ctx, ParamRefit),
		Recurrent:      param[bool](ctx, ParamRecurrent),
		Periodic:       param[bool](ctx, ParamPeriodic),
		Autoregressive: param[bool](ctx, ParamAutoregressive),
		Products:       param[bool](ctx, ParamProducts),
		GiveUp:         param[float64](ctx, ParamGiveUp),
		BatchSize:      param[int](ctx, ParamBatchSize), Steps: param[int](ctx, ParamSteps),
		Loss: param[string](ctx, ParamLoss), EvalSize: param[int](ctx, ParamEvalSize),
		MetricsEvery:    param[int](ctx, ParamMetricsEvery),
		CheckpointEvery: param[int](ctx, ParamCheckpointEvery),
		Seed:            param[int64](ctx, context.ParamInitialSeed),
	}
	return c, c.Validate()
}

// param reads a hyperparameter from ctx, falling back on its default (the one place defaults live).
func param[T any](ctx *context.Context, key string) T {
	return context.GetParamOr(ctx, key, Defaults()[key].(T))
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Validate checks every value and says which setting is wrong and what is allowed.
func (c *Config) Validate() error {
	positive := []struct {
		key string
		v   int
	}{{ParamLayers, c.Layers}, {ParamHidden, c.Hidden}, {ParamMLPDepth, c.MLPDepth},
		{ParamBatchSize, c.BatchSize}, {ParamSteps, c.Steps}, {ParamEvalSize, c.EvalSize},
		{ParamMetricsEvery, c.MetricsEvery}, {ParamCheckpointEvery, c.CheckpointEvery}}
	for _, p := range positive {
		if p.v <= 0 {
			return fmt.Errorf("setting %s=%d: must be positive", p.key, p.v)
		}
	}
	switch {
	case c.Heads < 0 || c.MLPs < 0 || c.Heads+c.MLPs == 0:
		return fmt.Errorf("settings heads=%d, mlps=%d: need at least one head or sub-MLP per layer", c.Heads, c.MLPs)
	case c.Arity < 1 || c.Arity > MaxArity:
		return fmt.Errorf("setting arity=%d: must be 1 to %d", c.Arity, MaxArity)
	case c.MaxOffset < 1:
		return fmt.Errorf("setting max_offset=%d: must be >= 1", c.MaxOffset)
	case c.TauInit <= 0 || c.TauEnd <= 0:
		return fmt.Errorf("settings tau_init=%g, tau_end=%g: temperatures must be positive", c.TauInit, c.TauEnd)
	case !slices.Contains(Schedules, c.Schedule):
		return fmt.Errorf("setting schedule=%q: must be one of %s", c.Schedule, strings.Join(Schedules, ", "))
	case c.AnnealFraction <= 0 || c.AnnealFraction > 1:
		return fmt.Errorf("setting anneal_fraction=%g: must be in (0, 1]", c.AnnealFraction)
	case c.HardFraction < 0 || c.HardFraction >= 1:
		return fmt.Errorf("setting hard_fraction=%g: must be in [0, 1)", c.HardFraction)
	case c.GumbelScale < 0:
		return fmt.Errorf("setting gumbel_scale=%g: must be >= 0", c.GumbelScale)
	case c.LearningRate <= 0:
		return fmt.Errorf("setting learning_rate=%g: must be positive", c.LearningRate)
	case c.LRDecay <= 0 || c.LRDecay > 1:
		return fmt.Errorf("setting lr_decay=%g: must be in (0, 1]", c.LRDecay)
	case c.ChoiceLR <= 0:
		return fmt.Errorf("setting choice_lr=%g: must be positive", c.ChoiceLR)
	case c.ReluWarmup < 0 || c.ReluWarmup > 1:
		return fmt.Errorf("setting relu_warmup=%g: must be in [0, 1]", c.ReluWarmup)
	case c.ReluDecay < 0:
		return fmt.Errorf("setting relu_decay=%g: must be >= 0", c.ReluDecay)
	case c.LinearLR <= 0:
		return fmt.Errorf("setting linear_lr=%g: must be positive", c.LinearLR)
	case c.ReluLR <= 0:
		return fmt.Errorf("setting relu_lr=%g: must be positive", c.ReluLR)
	case c.LogitInitStd < 0:
		return fmt.Errorf("setting logit_init_std=%g: must be >= 0", c.LogitInitStd)
	case c.Readout != ReadoutMLP && c.Readout != ReadoutAny:
		return fmt.Errorf("setting readout=%q: must be %s or %s", c.Readout, ReadoutMLP, ReadoutAny)
	case c.Loss != "mse" && c.Loss != "mips":
		return fmt.Errorf("setting loss=%q: must be mse or mips", c.Loss)
	case len(c.Families) == 0:
		return fmt.Errorf("setting families is empty: choose from %s", strings.Join(AllFamilies, ","))
	}
	if c.Recurrent && (len(c.Families) != 1 || c.Families[0] != FamilyPrevious) {
		return fmt.Errorf("setting recurrent=true: the heads of a recurrent layer read earlier positions only; set families=previous")
	}
	if c.Recurrent && (c.Heads == 0 || c.MLPs == 0) {
		return fmt.Errorf("setting recurrent=true: a recurrent layer needs heads and sub-MLPs (heads=%d, mlps=%d)", c.Heads, c.MLPs)
	}
	if c.Autoregressive && (len(c.Families) != 1 || c.Families[0] != FamilyPrevious) {
		return fmt.Errorf("setting autoregressive=true: heads may read the outputs only at earlier positions; set families=previous")
	}
	if c.Autoregressive && (c.Recurrent || c.ReadoutAffine || c.Heads == 0) {
		return fmt.Errorf("setting autoregressive=true: needs heads, and excludes recurrent=true and readout_affine=true")
	}
	for _, f := range c.Families {
		if !slices.Contains(AllFamilies, f) {
			return fmt.Errorf("setting families: unknown family %q, choose from %s", f, strings.Join(AllFamilies, ","))
		}
	}
	return nil
}

// HardStart is the first step trained in hard mode.
func (c *Config) HardStart() int { return int(float64(c.Steps) * (1 - c.HardFraction)) }

// AnnealSteps is the number of steps over which tau decays.
func (c *Config) AnnealSteps() int {
	n := int(float64(c.Steps) * c.AnnealFraction)
	return max(n, 1)
}

// SettingsHelp lists every setting with its type and default, one per line.
func SettingsHelp() string {
	var lines []string
	for k, v := range Defaults() {
		if k == context.ParamInitialSeed {
			continue
		}
		lines = append(lines, fmt.Sprintf("  %-16s %-8T default %v", k, v, v))
	}
	sort.Strings(lines)
	return "\n" + strings.Join(lines, "\n")
}
