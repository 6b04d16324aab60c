//go:build xla

package dt

// The XLA backend (CPU or GPU through a PJRT plugin) is linked in only with -tags xla.
// Select it at run time with GOMLX_BACKEND=xla:cpu (or xla:cuda); see environment.md.
import _ "github.com/gomlx/gomlx/backends/xla"
