// Package emitted is the code that the emitters of the program package copy into the programs
// they write, kept here as real source so that it is compiled, vetted and tested: helpers.go and
// helpers.py hold the helper functions (each copied into a program that calls it), filter.go and
// filter.py the filter around the program's function (parsing its input lines, printing its
// outputs, reporting errors), copied into every program. The tests check the helpers against the
// operator semantics of program/semantics.go, so that an emitted program computes what the
// interpreter computes.
//
// The emitters read these files through go:embed and split them into top-level functions, each
// with the comment lines right above it; anything before the first function (package clause,
// imports, this kind of comment) stays here. The emitted function stands in for compute in the
// filters (compute(xs) is replaced by its name), and channels for its number of input channels.
package emitted
