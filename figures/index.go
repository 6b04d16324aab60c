package figures

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
)

// IndexFile is the index of a figures folder.
const IndexFile = "README.md"

// Entry is one figure or table of the index: its files (relative to the figures folder), a
// one-line caption, and the command that made it.
type Entry struct {
	Files   []string
	Caption string
	Command string
}

// Index renders the entries whose files exist in dir as Markdown, listing only the files that
// exist (an SVG is shown as an image).
func Index(dir string, entries []Entry) string {
	var b strings.Builder
	b.WriteString("# Figures and tables\n\n")
	b.WriteString("Made from saved runs by `w2c figures` (package `figures`); every figure is saved as SVG and PNG.\n")
	b.WriteString("Regenerate them all with `go run ./cmd/w2c figures` (it trains only the runs that are missing).\n")
	for _, e := range entries {
		files := existing(dir, e.Files)
		if len(files) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", strings.Join(files, ", "), e.Caption)
		for _, f := range files {
			if strings.HasSuffix(f, ".svg") {
				fmt.Fprintf(&b, "![%s](%s)\n\n", strings.TrimSuffix(f, ".svg"), f)
			}
		}
		fmt.Fprintf(&b, "Made by: `%s`\n", e.Command)
	}
	return b.String()
}

// WriteIndex writes the index of dir (README.md) and returns its path.
func WriteIndex(dir string, entries []Entry) (string, error) {
	path := filepath.Join(dir, IndexFile)
	return path, dt.WriteFileAtomic(path, []byte(Index(dir, entries)))
}

// existing keeps the files that exist in dir.
func existing(dir string, files []string) []string {
	var out []string
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// both names a figure's SVG and PNG files.
func both(base string) []string { return []string{base + ".svg", base + ".png"} }
