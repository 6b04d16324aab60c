package bench

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// Suites maps a suite name to the registry groups it runs.
var Suites = map[string][]string{
	"mips":    {"mips"},
	"physics": {"physics"},
	"extra":   {"extra"},
	"noise":   {"noise"},
	"all":     {"mips", "physics", "extra"},
}

// SuiteTasks returns the tasks of a suite (or of an explicit list of task names, when given).
func SuiteTasks(suite string, names []string) ([]*task.Task, error) {
	if len(names) > 0 {
		var tasks []*task.Task
		for _, n := range names {
			t, err := registry.Lookup(n)
			if err != nil {
				return nil, err
			}
			tasks = append(tasks, t)
		}
		return tasks, nil
	}
	groups, ok := Suites[suite]
	if !ok {
		return nil, fmt.Errorf("unknown suite %q: choose mips, physics, extra, noise or all", suite)
	}
	var tasks []*task.Task
	for _, g := range groups {
		tasks = append(tasks, registry.Group(g)...)
	}
	return tasks, nil
}

// Shard is the part i (0-based) of n of a suite.
type Shard struct{ I, N int }

// ParseShard reads "i/n" (1-based i, as array job indices usually are: 1/4 .. 4/4).
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{0, 1}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("bad shard %q: want i/n with 1 <= i <= n, e.g. 2/8", s)
	}
	return Shard{i - 1, n}, nil
}

// Job is one task and seed: one architecture search.
type Job struct {
	Task *task.Task
	Seed int64
}

// Jobs lists the jobs of a shard: every (task, seed), dealt round-robin over the shards in task
// order, so every shard gets a mix of easy and hard tasks.
func Jobs(tasks []*task.Task, seeds int, shard Shard) []Job {
	var jobs []Job
	k := 0
	for _, t := range tasks {
		for s := 1; s <= seeds; s++ {
			if k%shard.N == shard.I {
				jobs = append(jobs, Job{Task: t, Seed: int64(s)})
			}
			k++
		}
	}
	return jobs
}
