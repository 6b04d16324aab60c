package main

import (
	"fmt"

	"github.com/discretetransformer/w2c/dt"
)

func runRun(args []string) error {
	fs := newFlags("run", "-task NAME [-seed N] [-steps N] [-set k=v;...] [-out DIR] [-ops LIST]")
	f := addTrainFlags(fs)
	ef := addExtractFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts, err := f.options()
	if err != nil {
		return err
	}
	eopts, err := ef.options()
	if err != nil {
		return err
	}
	r, err := dt.Train(opts)
	if err != nil {
		return err
	}
	printReport(r)
	fmt.Println()
	return extractAndShow(r, eopts)
}
