// Package nb holds the few helpers every notebook of this repository uses, so that a notebook's
// cells stay thin: where a session keeps its runs, whether it runs in quick mode, and how a
// figure or a Markdown table is shown. It depends on GoNB's gonbui, so it is meant to be
// imported from GoNB cells (outside a kernel, the display calls are no-ops).
package nb

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/discretetransformer/w2c/figures"
	"github.com/janpfeifer/gonb/gonbui"
)

// Quick reports quick mode: W2C_QUICK=1 (the default of scripts/test-notebooks.sh) makes every
// training short, so that a notebook runs in a minute or two; unset or 0, the defaults are used.
func Quick() bool { return os.Getenv("W2C_QUICK") == "1" }

// RunDir is where the session keeps the run called name: GoNB's temporary folder for the
// kernel (removed with it), or the system's temporary folder outside a kernel. A cell run twice
// loads the finished run instead of training it again.
func RunDir(name string) string {
	root := os.Getenv("GONB_TMP_DIR")
	if root == "" {
		root = os.TempDir()
	}
	return filepath.Join(root, "runs", name)
}

// Root is the repository's root folder, for the files it holds (examples/): W2C_ROOT when set
// (scripts/test-notebooks.sh exports it), else the folder above the notebook's (GoNB's
// GONB_DIR) that holds go.mod, else the current folder.
func Root() string {
	if root := os.Getenv("W2C_ROOT"); root != "" {
		return root
	}
	for dir := os.Getenv("GONB_DIR"); dir != ""; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "."
}

// Plot displays a figure (a plot or a grid of plots) as a PNG of w × h inches. An error (a
// figure that cannot be drawn) is printed, not panicked, so that the cell shows it.
func Plot(d figures.Drawer, w, h float64) {
	png, err := figures.Render(d, "png", w, h)
	if err != nil {
		fmt.Println("cannot draw the figure:", err)
		return
	}
	gonbui.DisplayPNG(png)
	gonbui.Sync() // flushed before the cell's program exits
}

// Markdown displays Markdown (a table) and prints it as text, which is what a headless run of
// the notebook keeps.
func Markdown(md string) {
	gonbui.DisplayMarkdown(md)
	gonbui.Sync()
	fmt.Print(md)
}
