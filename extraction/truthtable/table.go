package truthtable

import (
	"encoding/binary"
	"math"
	"slices"
)

// table is a finite function: one row per distinct input tuple, sorted, with its target.
type table struct {
	vars []string
	rows [][]float64
	y    []float64
}

// newTable merges the samples into distinct rows. ok is false when two samples with equal
// inputs have different targets.
func newTable(X [][]float64, y []float64, vars []string) (t *table, ok bool) {
	at := map[string]int{}
	t = &table{vars: vars}
	for i, row := range X {
		k := key(row, nil)
		if j, seen := at[k]; seen {
			if !same(t.y[j], y[i]) {
				return nil, false
			}
			continue
		}
		at[k] = len(t.rows)
		t.rows = append(t.rows, row)
		t.y = append(t.y, y[i])
	}
	t.sort()
	return t, true
}

// sort orders the rows lexicographically, so that every later pass is deterministic.
func (t *table) sort() {
	idx := make([]int, len(t.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return slices.Compare(t.rows[a], t.rows[b]) })
	rows, y := make([][]float64, len(idx)), make([]float64, len(idx))
	for i, j := range idx {
		rows[i], y[i] = t.rows[j], t.y[j]
	}
	t.rows, t.y = rows, y
}

// same reports whether two targets are equal (integers, up to round-off).
func same(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)) }

// key encodes the columns cols of row (all of them when cols is nil) as a map key.
func key(row []float64, cols []int) string {
	var b []byte
	if cols == nil {
		for _, v := range row {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v+0)) // +0: -0 is 0
		}
		return string(b)
	}
	for _, c := range cols {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(row[c]+0))
	}
	return string(b)
}

// project keeps the columns cols (and renames them names). ok is false when the projection is
// not a function, i.e. the dropped columns matter.
func (t *table) project(cols []int, names []string) (*table, bool) {
	X := make([][]float64, len(t.rows))
	for i, row := range t.rows {
		X[i] = make([]float64, len(cols))
		for j, c := range cols {
			X[i][j] = row[c]
		}
	}
	return newTable(X, t.y, names)
}

// without returns the indices of all columns but the ones in drop.
func (t *table) without(drop ...int) []int {
	var keep []int
	for c := range t.vars {
		if !slices.Contains(drop, c) {
			keep = append(keep, c)
		}
	}
	return keep
}

// names returns the names of the columns cols.
func (t *table) names(cols []int) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = t.vars[c]
	}
	return out
}

// reduce drops, one at a time in column order, every input the table does not depend on, and
// returns the reduced table with the names of the dropped inputs.
func (t *table) reduce() (*table, []string) {
	var dropped []string
	for c := 0; c < len(t.vars) && len(t.vars) > 1; {
		keep := t.without(c)
		if p, ok := t.project(keep, t.names(keep)); ok {
			dropped = append(dropped, t.vars[c])
			t = p
			continue
		}
		c++
	}
	return t, dropped
}

// values returns the number of distinct values of column c.
func (t *table) values(c int) int {
	seen := map[float64]bool{}
	for _, row := range t.rows {
		seen[row[c]+0] = true
	}
	return len(seen)
}

// chart is the decomposition chart of a table for a subset S of its inputs: the distinct
// assignments of S (in row order) and the class of each, two assignments sharing a class when
// their columns (the targets over the other inputs) agree wherever both are defined.
type chart struct {
	s       []int       // the columns of S
	assign  [][]float64 // distinct assignments of S
	class   []int       // class of each assignment, numbered in order of first appearance
	classes int         // the column multiplicity μ
	of      []int       // assignment index of every table row
}

// chart merges the columns of S greedily: each assignment joins the first class whose merged
// column it does not contradict. With a complete table this is exact (equal columns); with a
// partial one it is one valid grouping among several.
func (t *table) chart(s []int) *chart {
	rest := t.without(s...)
	ch := &chart{s: s, of: make([]int, len(t.rows))}
	at := map[string]int{}
	var cols []map[string]float64
	for i, row := range t.rows {
		k := key(row, s)
		a, seen := at[k]
		if !seen {
			a = len(ch.assign)
			at[k] = a
			v := make([]float64, len(s))
			for j, c := range s {
				v[j] = row[c]
			}
			ch.assign = append(ch.assign, v)
			cols = append(cols, map[string]float64{})
		}
		ch.of[i] = a
		cols[a][key(row, rest)] = t.y[i]
	}
	var merged []map[string]float64
	ch.class = make([]int, len(cols))
	for a, col := range cols {
		ch.class[a] = -1
		for c, m := range merged {
			if agree(m, col) {
				ch.class[a] = c
				for k, v := range col {
					m[k] = v
				}
				break
			}
		}
		if ch.class[a] < 0 {
			ch.class[a] = len(merged)
			m := map[string]float64{}
			for k, v := range col {
				m[k] = v
			}
			merged = append(merged, m)
		}
	}
	ch.classes = len(merged)
	return ch
}

// agree reports whether two partial columns are equal wherever both are defined.
func agree(a, b map[string]float64) bool {
	if len(b) < len(a) {
		a, b = b, a
	}
	for k, v := range a {
		if w, ok := b[k]; ok && !same(v, w) {
			return false
		}
	}
	return true
}
