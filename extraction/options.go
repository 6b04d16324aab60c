package extraction

import (
	"github.com/discretetransformer/w2c/extraction/program"
)

// Options configure Extract. The zero value takes every default.
type Options struct {
	// Observe is the number of held-out sequences the hard model is observed on for the
	// hypothesis tests and the symbolic regression (default 2000).
	Observe int
	// Verify is the number of new sequences the program is verified on, at the training length
	// and at LongFactor times it (default 10000).
	Verify int
	// LongFactor multiplies the training length for the long verification (default: the
	// certification's, 10 for integer tasks and 5 for real-valued ones). Why the same: a
	// program that passes selection at 5x but not certification at 10x (count_above5 with a
	// scale of 135/11 where 12 was meant) is a choice selection should have caught, and could
	// have, by trying another formula (see Extract's second opinion).
	LongFactor int
	// Threshold is the lowest acceptable lower confidence bound of a head's agreement with its
	// hypothesis (default 0.99), at Confidence (default 0.99).
	Threshold, Confidence float64
	// Unary and Binary restrict the operators of symbolic regression (nil: all of them).
	Unary  []program.UnaryOp
	Binary []program.BinaryOp
	// MaxComplexity bounds the formulas' complexity (default 12 nodes).
	MaxComplexity int
	// RealTolerance is the largest relative MSE (MSE over the targets' variance) at which a
	// real-valued program counts as equal to the reference (default 1e-9).
	RealTolerance float64
	// ModelTolerance is the largest relative MSE of a real-valued program against the hard
	// model at which it counts as the model's function (default DefaultModelTolerance).
	ModelTolerance float64
	// Certify configures the sealed certification (Certify).
	Certify CertifyOptions

	// intermediates is what an intermediate sub-MLP of an integer task that no formula fits
	// takes instead: the loose formula, else the step (the first opinion), the knee of its
	// front (the second) or its step (the third); see Extract.
	intermediates intermediateRule
}

// intermediateRule is the explanation Extract's opinions give an intermediate sub-MLP of an
// integer task that no formula fits within tolerance.
type intermediateRule int

const (
	looseFirst intermediateRule = iota // the loose formula (looseOf), else the step (stepOf)
	kneeRule                           // the knee of the front (kneeOf)
	stepFirst                          // the step (stepOf), else the loose formula
)

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Observe, 2000)
	def(&o.Verify, 10000)
	def(&o.MaxComplexity, 12)
	if o.Threshold <= 0 {
		o.Threshold = 0.99
	}
	if o.Confidence <= 0 {
		o.Confidence = 0.99
	}
	if o.RealTolerance <= 0 {
		o.RealTolerance = DefaultRealTolerance
	}
	if o.ModelTolerance <= 0 {
		o.ModelTolerance = DefaultModelTolerance
	}
	o.Certify = o.Certify.withDefaults()
	return o
}

// longFactor is the factor of the long verification for a task.
func (o Options) longFactor(integer bool) int {
	switch {
	case o.LongFactor > 0:
		return o.LongFactor
	case integer:
		return o.Certify.LongFactor
	}
	return o.Certify.RealLongFactor
}

// DefaultRealTolerance is RealTolerance's default: a real-valued program within it of the
// reference is exact to float64 arithmetic over a whole sequence.
const DefaultRealTolerance = 1e-9
