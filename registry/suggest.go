package registry

import (
	"cmp"
	"slices"
	"strings"
)

// nearest returns up to n task names closest to the unknown key: those within a small edit
// distance of the task's name or of one of its aliases (a third of the key's length, at least 2),
// and those that contain the key (so "newton" finds the Newton tasks), nearest first.
// The caller holds the read lock.
func (r *Registry) nearest(key string, n int) []string {
	limit := max(2, len(key)/3)
	best := map[string]int{} // task name -> smallest distance over its name and aliases
	for k, t := range r.byName {
		d := editDistance(key, k)
		if d > limit && !(len(key) >= 3 && strings.Contains(k, key)) {
			continue
		}
		if old, ok := best[t.Name]; !ok || d < old {
			best[t.Name] = d
		}
	}
	names := make([]string, 0, len(best))
	for name := range best {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(best[a], best[b]), cmp.Compare(a, b)) })
	return names[:min(n, len(names))]
}

// editDistance is the Levenshtein distance between a and b: the fewest single-byte insertions,
// deletions and substitutions that turn a into b.
func editDistance(a, b string) int {
	row := make([]int, len(b)+1) // row[j]: distance between a[:i] and b[:j]
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0] // distance between a[:i-1] and b[:j-1]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			diag, row[j] = row[j], min(row[j]+1, row[j-1]+1, diag+cost)
		}
	}
	return row[len(b)]
}
