package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

func runTasks(args []string) error {
	fs := newFlags("tasks", "[-group mips|physics|extra]")
	group := fs.String("group", "", "only the tasks of this group ("+strings.Join(registry.Groups(), ", ")+")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	tasks := registry.All()
	if *group != "" {
		if tasks = registry.Group(*group); len(tasks) == 0 {
			return usageError{fmt.Sprintf("no group %q: the groups are %s", *group, strings.Join(registry.Groups(), ", "))}
		}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "#\tTASK\tGROUP\tINPUTS -> OUTPUTS\tLEN\tMIPS\tGPT-4\tDESCRIPTION")
	for _, t := range tasks {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s -> %s\t%d\t%s\t%s\t%s\n", index(t), t.Name, t.Group,
			strings.Join(t.InputNames, ","), strings.Join(t.OutputNames, ","), t.Length, dash(t.MIPS), dash(t.GPT4), t.Description)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Printf("%d tasks\n", len(tasks))
	return nil
}

func index(t *task.Task) string {
	if t.Index == 0 {
		return ""
	}
	return fmt.Sprint(t.Index)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
