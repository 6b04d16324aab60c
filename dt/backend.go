package dt

import (
	"fmt"
	"os"
	"strings"

	"github.com/gomlx/gomlx/backends"
	_ "github.com/gomlx/gomlx/backends/simplego" // The embedded pure-Go backend, always available.
)

// DefaultBackend is the backend configuration used when $GOMLX_BACKEND is not set: GoMLX's
// pure-Go backend, which needs no plugin and works offline.
//
// "ops_sequential" runs the graph's operations one after the other (each large operation still
// uses every core). GoMLX v0.26.0's simplego deadlocks in its default "parallel ops" mode on small
// machines: an operation running on a pool worker (DotGeneral on small matrices) waits for more
// pool workers to split its batch, and with 2 cores every worker can end up waiting. Sequential
// ops never nest waits. It is also faster for our small graphs.
const DefaultBackend = "go:ops_sequential,dotgeneral_small"

func init() {
	// The default build embeds only the pure-Go backend; builds with the "xla" tag add XLA (see
	// backend_xla.go), chosen at run time with GOMLX_BACKEND (e.g. "xla:cpu" or "xla:cuda").
	backends.DefaultConfig = DefaultBackend
}

// BackendConfig returns the backend configuration to use: $GOMLX_BACKEND, or DefaultBackend.
// A plain "go" gets the same deadlock-free ops_sequential option as the default.
func BackendConfig() string {
	config, ok := os.LookupEnv(backends.ConfigEnvVar)
	if !ok || config == "" {
		return DefaultBackend
	}
	if name, opts, _ := strings.Cut(config, ":"); name == "go" && !strings.Contains(opts, "ops_") {
		return strings.TrimSuffix(DefaultBackend+","+opts, ",")
	}
	return config
}

// NewBackend returns the backend named by BackendConfig. It returns an error that says how to
// fix a failure instead of panicking.
func NewBackend() (backends.Backend, error) { return newBackend(BackendConfig()) }

// NewBackendPerCore returns the backend for a caller that keeps every core busy with graphs of
// its own, one per core (w2c bench with as many jobs as cores): the pure-Go backend without its
// worker pool (simplego's parallelism=0), so that an operation runs in the goroutine that
// executes its graph. With the pool, DotGeneral hands parts of its batch to pool goroutines
// and waits for them, which buys nothing when the other cores are busy anyway and costs the
// hand-overs (measured: 9% of the wall time of four MIPS searches at -jobs 2 on 2 cores). The
// results are the same bit for bit: each part of a batch is computed by the same loop either
// way. A GOMLX_BACKEND that names another backend, or sets parallelism itself, is used as is.
func NewBackendPerCore() (backends.Backend, error) {
	config := BackendConfig()
	if name, opts, _ := strings.Cut(config, ":"); name != "go" || strings.Contains(opts, "parallelism") {
		return newBackend(config)
	}
	var b backends.Backend
	var err error
	// simplego prints "parallelism set to 0" on stdout, where w2c writes its results.
	withoutStdout(func() { b, err = newBackend(config + ",parallelism=0") })
	return b, err
}

// withoutStdout runs f with os.Stdout sent to the null device (f must not run concurrently
// with other output).
func withoutStdout(f func()) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		f()
		return
	}
	defer null.Close()
	saved := os.Stdout
	os.Stdout = null
	defer func() { os.Stdout = saved }()
	f()
}

func newBackend(config string) (backend backends.Backend, err error) {
	defer func() { // GoMLX panics on some bad configurations.
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
		if err != nil {
			backend = nil
			err = fmt.Errorf("cannot start the GoMLX backend %q (unset GOMLX_BACKEND for the embedded "+
				"pure-Go backend; XLA needs a build with -tags xla and its PJRT plugin, see environment.md): %w",
				config, err)
		}
	}()
	return backends.NewWithConfig(config)
}
