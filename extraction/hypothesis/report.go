package hypothesis

import (
	"fmt"
	"strconv"
	"strings"
)

// reason explains why the best candidate was not accepted.
func reason(best Candidate, threshold float64) string {
	return fmt.Sprintf("best hypothesis %s agrees on %s of rows (lower bound %s < %s)",
		best.Description, pct(best.Fraction), pctBelow(best.LowerBound, threshold), pctLimit(threshold))
}

// pct formats a fraction as a percentage with one decimal, or more where one decimal would
// print a fraction short of 1 as 100.0% or a positive one as 0.0%.
func pct(x float64) string {
	if x == 0 || x == 1 {
		return strconv.FormatFloat(100*x, 'f', 0, 64) + "%"
	}
	s := ""
	for d := 1; d <= 6; d++ {
		s = strconv.FormatFloat(100*x, 'f', d, 64)
		if v, _ := strconv.ParseFloat(s, 64); v != 100 && v != 0 {
			break
		}
	}
	return s + "%"
}

// pctBelow formats x < limit so that it prints below limit's percentage.
func pctBelow(x, limit float64) string {
	s := pct(x)
	if x >= limit {
		return s
	}
	for d := 1; d <= 6; d++ {
		s = strconv.FormatFloat(100*x, 'f', d, 64)
		if v, _ := strconv.ParseFloat(s, 64); v < 100*limit {
			break
		}
	}
	return s + "%"
}

// pctLimit formats a threshold or a confidence: "99%", "99.5%".
func pctLimit(x float64) string { return strconv.FormatFloat(100*x, 'g', 6, 64) + "%" }

// Summary is a one-line verdict: the accepted hypothesis with its counts and lower bound, or
// "unexplained: " and the reason.
func (r *Result) Summary() string {
	if !r.Accepted {
		return "unexplained: " + r.Reason
	}
	b := r.Best
	return fmt.Sprintf("explained by %s: %d/%d rows agree (%s), lower bound %s >= %s at %s confidence",
		b.Description, b.Agree, b.Rows, pct(b.Fraction), pct(b.LowerBound), pctLimit(r.Threshold), pctLimit(r.Confidence))
}

// String is a multi-line report: the summary, the leading candidates, the best candidate's
// counter-examples and, when nothing is accepted, the mean map.
func (r *Result) String() string {
	var b strings.Builder
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	if len(r.Candidates) > 0 {
		b.WriteString("candidates (best first):\n")
		for i, c := range r.Candidates {
			if i == 5 {
				fmt.Fprintf(&b, "  ... %d more\n", len(r.Candidates)-i)
				break
			}
			fmt.Fprintf(&b, "  %-28s %d/%d (%s), lower bound %s\n", c.Description, c.Agree, c.Rows, pct(c.Fraction), pct(c.LowerBound))
		}
	}
	if len(r.CounterExamples) > 0 {
		fmt.Fprintf(&b, "counter-examples to %s:\n", r.Best.Description)
		for _, ce := range r.CounterExamples {
			fmt.Fprintf(&b, "  sequence %d, t=%d: observed %s, expected %s\n", ce.Seq, ce.Pos, formatRow(ce.Observed), formatRow(ce.Expected))
		}
	}
	if !r.Accepted && len(r.MeanMap) > 0 {
		b.WriteString("mean map (row t: weights over j):\n")
		for t, row := range r.MeanMap {
			fmt.Fprintf(&b, "  t=%-3d %s\n", t, formatRow(row))
		}
	}
	return b.String()
}

func formatRow(row []float64) string {
	parts := make([]string, len(row))
	for j, w := range row {
		parts[j] = strconv.FormatFloat(w, 'f', 2, 64)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
