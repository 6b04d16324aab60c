package main

import (
	"fmt"
)

func runRun(args []string) error {
	fs := newFlags("run", "-task NAME [-seed N] [-steps N] [-set k=v;...] [-out DIR] [-ops LIST]")
	f := addTrainFlags(fs)
	ef := addExtractFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	eopts, err := ef.options()
	if err != nil {
		return err
	}
	r, err := f.train()
	if err != nil || r == nil {
		return err
	}
	fmt.Println()
	return extractAndShow(r, eopts)
}
