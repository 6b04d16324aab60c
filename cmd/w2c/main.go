// Command w2c trains Discrete Transformers on algorithmic and physical tasks and turns their
// weights into programs ("weights to code").
//
//	w2c tasks                       list the tasks
//	w2c train -task NAME            train a model (run folder: checkpoint, metrics, report)
//	w2c extract -run DIR            extract, verify and print the program of a trained run
//	w2c run -task NAME              train, extract, verify and print the program
//	w2c bench -suite mips           every task and seed, with an architecture search; tables
//
// Run `w2c COMMAND -h` for the flags of a command.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"
)

// command is one subcommand of w2c.
type command struct {
	summary string
	run     func(args []string) error
}

var commands = map[string]command{
	"tasks":   {"list the tasks of the registry", runTasks},
	"train":   {"train a Discrete Transformer on a task", runTrain},
	"extract": {"extract, verify and print the program of a trained run", runExtract},
	"run":     {"train, extract, verify and print the program of a task", runRun},
	"bench":   {"run a benchmark suite (architecture search, tables against MIPS and GPT-4)", runBench},
}

func main() {
	tuneGC()
	os.Exit(mainWithCode(os.Args[1:]))
}

// tuneGC lets the heap grow to five times what is live between collections (GOGC=400) instead
// of twice, under a soft limit of 4 GiB: a training or a certification allocates a stream of
// short-lived tensors whose collection took 7% of a CPU profile of four MIPS searches, and the
// default collector ran about four times as often (measured: the same searches' wall time fell
// by 12%). GOGC and GOMEMLIMIT, when set, are left as they are.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(4 << 30)
	}
}

// mainWithCode runs w2c and returns its exit code: 0 on success, 1 on an error (printed as one
// line), 2 on a usage error. A panic is reported as an internal error, never as a raw trace.
func mainWithCode(args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "w2c: internal error: %v\n(please report it with the command line; W2C_TRACE=1 prints the stack)\n", r)
			if os.Getenv("W2C_TRACE") != "" {
				os.Stderr.Write(debug.Stack())
			}
			code = 3
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage()
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "w2c: unknown command %q\n", args[0])
		usage()
		return 2
	}
	if err := cmd.run(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(os.Stderr, "w2c %s: %v\n", args[0], err)
			return 2
		}
		fmt.Fprintf(os.Stderr, "w2c %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: w2c COMMAND [flags]   (w2c COMMAND -h for the flags)\n\ncommands:")
	var names []string
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(os.Stderr, "  %-8s %s\n", name, commands[name].summary)
	}
}

// usageError is a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// newFlags returns a flag set for a subcommand that reports errors instead of exiting.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: w2c %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, rejecting stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q (flags go before it? see w2c %s -h)", strings.Join(fs.Args(), " "), fs.Name())}
	}
	return nil
}
