package figures

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// figureExts are the extensions of the files a figures folder holds for Compare (its Go
// sources, tests and run folders are not figures).
var figureExts = []string{".svg", ".png", ".md", ".txt"}

// IsFigureFile reports whether a file name is a figure or a table (SVG, PNG, Markdown, text).
func IsFigureFile(name string) bool {
	for _, ext := range figureExts {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// Difference is a file of a figures folder that differs from its reference.
type Difference struct {
	File string
	Why  string
}

func (d Difference) String() string { return d.File + ": " + d.Why }

// Compare compares the figures and tables of folder got (e.g. regenerated in a clone) with those
// of folder want (e.g. the committed ones): every figure file of want must be in got with the
// same content, and got must have no figure file that want lacks. SVG, PNG and text files must
// be byte-identical; Markdown files must be identical once wall-clock times are masked
// (MaskTimings). Only the files directly in the folders are compared (not runs/).
func Compare(want, got string) ([]Difference, error) {
	wantFiles, err := figureFiles(want)
	if err != nil {
		return nil, err
	}
	gotFiles, err := figureFiles(got)
	if err != nil {
		return nil, err
	}
	var diffs []Difference
	for _, f := range wantFiles {
		a, err := os.ReadFile(filepath.Join(want, f))
		if err != nil {
			return nil, err
		}
		b, err := os.ReadFile(filepath.Join(got, f))
		if os.IsNotExist(err) {
			diffs = append(diffs, Difference{f, "missing in " + got})
			continue
		} else if err != nil {
			return nil, err
		}
		if strings.HasSuffix(f, ".md") {
			a, b = []byte(MaskTimings(string(a))), []byte(MaskTimings(string(b)))
		}
		if !bytes.Equal(a, b) {
			diffs = append(diffs, Difference{f, describe(f, a, b)})
		}
	}
	for _, f := range gotFiles {
		if _, err := os.Stat(filepath.Join(want, f)); os.IsNotExist(err) {
			diffs = append(diffs, Difference{f, "in " + got + " but not in " + want})
		}
	}
	return diffs, nil
}

// figureFiles lists the figure files directly in dir, sorted.
func figureFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && IsFigureFile(e.Name()) {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	return files, nil
}

// describe says where two versions of a file first differ: the first differing line of a text
// file, the sizes of a binary one.
func describe(name string, a, b []byte) string {
	if strings.HasSuffix(name, ".png") {
		return fmt.Sprintf("the images differ (%d bytes vs %d)", len(a), len(b))
	}
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d differs:\n    want %s\n    got  %s", i+1, cut(x, 200), cut(y, 200))
		}
	}
	return "differ"
}

// timeHeader matches the header of a table column of wall-clock times: "time (s)", "seconds",
// "train time".
var timeHeader = regexp.MustCompile(`(?i)\btime\b|\bseconds?\b|\(s\)`)

// secondsText matches a number of seconds in prose: "5122 s", "3.5 s", "12s".
var secondsText = regexp.MustCompile(`\b\d+(\.\d+)?\s?s\b`)

// MaskTimings replaces the wall-clock times of a Markdown text by "…": every cell of a table
// column whose header names a time ("time (s)", "seconds"), and every number of seconds in
// the text ("Search time 5122 s"). Two tables of the same runs made at different times are
// equal once masked.
func MaskTimings(md string) string {
	lines := strings.Split(md, "\n")
	var timeCols map[int]bool // the time columns of the table being read (nil outside tables)
	for i, l := range lines {
		l = secondsText.ReplaceAllString(l, "… s")
		lines[i] = l
		if !isTableRow(l) {
			timeCols = nil
			continue
		}
		cells := splitRow(l)
		if timeCols == nil { // a header
			timeCols = map[int]bool{}
			for j, c := range cells {
				if timeHeader.MatchString(c) {
					timeCols[j] = true
				}
			}
			continue
		}
		changed := false
		for j := range cells {
			if timeCols[j] && !isRule(cells[j]) {
				cells[j], changed = " … ", true
			}
		}
		if changed {
			lines[i] = "|" + strings.Join(cells, "|") + "|"
		}
	}
	return strings.Join(lines, "\n")
}

func isTableRow(l string) bool {
	l = strings.TrimSpace(l)
	return len(l) >= 2 && strings.HasPrefix(l, "|") && strings.HasSuffix(l, "|")
}

// splitRow splits a table row into its cells (without the outer bars), keeping escaped bars
// ("\|") inside their cells.
func splitRow(l string) []string {
	l = strings.TrimSpace(l)
	l = l[1 : len(l)-1]
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '\\' && i+1 < len(l) && l[i+1] == '|':
			cur.WriteString(`\|`)
			i++
		case l[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(l[i])
		}
	}
	return append(cells, cur.String())
}

// isRule reports whether a cell is the header's rule ("---", ":--:").
func isRule(c string) bool {
	c = strings.TrimSpace(c)
	return c != "" && strings.Trim(c, "-:") == ""
}
