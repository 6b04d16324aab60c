package emitted

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// The filter around an emitted Go program's function, copied into every program (see the
// package doc): one JSON array xs[t][c] per input line, one JSON array ys[t][k] per output line.

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	for number := 1; ; number++ {
		line, readErr := in.ReadString('\n')
		if readErr != nil && readErr != io.EOF {
			fail(out, number, readErr)
		}
		if strings.TrimSpace(line) != "" {
			xs, err := parseSequence(line)
			if err != nil {
				fail(out, number, err)
			}
			writeOutputs(out, compute(xs))
		}
		if readErr == io.EOF {
			break
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// fail reports a bad input line and exits.
func fail(out *bufio.Writer, number int, err error) {
	out.Flush()
	fmt.Fprintf(os.Stderr, "line %d: %v\n", number, err)
	os.Exit(1)
}

// parseSequence reads the sequence xs[t][c] of one input line, a JSON array of arrays of
// channels numbers.
func parseSequence(line string) ([][]float64, error) {
	var raw any
	if err := json.Unmarshal([]byte(line), &raw); err != nil {
		return nil, err
	}
	positions, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("want a JSON array of positions, each an array of numbers")
	}
	xs := make([][]float64, len(positions))
	for t, p := range positions {
		row, ok := p.([]any)
		if !ok || len(row) != channels {
			return nil, fmt.Errorf("position %d: want an array of %d numbers", t, channels)
		}
		xs[t] = make([]float64, channels)
		for c, v := range row {
			f, ok := v.(float64)
			if !ok {
				return nil, fmt.Errorf("position %d, channel %d: want a number", t, c)
			}
			xs[t][c] = f
		}
	}
	return xs, nil
}

// formatNumber writes integers as integers (3, not 3.0) and other numbers in the shortest form
// that reads back, as Python's repr does.
func formatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	case v == math.Trunc(v) && math.Abs(v) < 1e16:
		return strconv.FormatInt(int64(v), 10)
	}
	s := strconv.FormatFloat(v, 'e', -1, 64)
	if exp, _ := strconv.Atoi(s[strings.IndexByte(s, 'e')+1:]); exp < -4 || exp >= 16 {
		return s
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// writeOutputs writes ys as one JSON array of arrays, on one line.
func writeOutputs(out *bufio.Writer, ys [][]float64) {
	out.WriteByte('[')
	for t, row := range ys {
		if t > 0 {
			out.WriteByte(',')
		}
		out.WriteByte('[')
		for k, v := range row {
			if k > 0 {
				out.WriteByte(',')
			}
			out.WriteString(formatNumber(v))
		}
		out.WriteByte(']')
	}
	out.WriteString("]\n")
}
