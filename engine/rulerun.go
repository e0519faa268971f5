package engine

import (
	"fmt"
	"math"
	"strconv"

	"github.com/katabook/katabook/engine/units"
)

// Run is one rule being run on one answer: typed reads of the answer that
// note missing inputs, the course's parameters, and the findings the rule
// makes. A rule reads what it needs, computes, and reports:
//
//	func checkLittle(r *engine.Run) {
//		lam, w := r.Num("/measured/lambda_rps"), r.Num("/measured/w_s")
//		r.Expect("/little/l_computed", lam*w, "λ·W")
//	}
//
// When an input is missing, Num returns 0 and marks the run Missing;
// Expect and the engine then skip what depends on it, so the schema's
// "not answered yet" is the only finding.
type Run struct {
	// A is the learner's answer, for reads that may be absent (A.Num).
	A *Answer
	// P are the course's values of the kata's parameters.
	P Params
	// Missing is set when a needed input is absent: the rule is skipped.
	Missing bool

	rule *Rule
	out  []Finding
	// reads are the pointers the rule read as inputs; those read since the
	// rule last reported (mark) are the inputs of its next finding, so
	// that a rule looping over sections ties each finding to its own.
	reads  []string
	mark   int
	inputs [][]string // of each finding in out
}

// need reads a value of type T the rule needs; a missing one (or one of
// another type, which the schema reports) marks the run skipped.
func need[T any](r *Run, ptr string) T {
	v, ok := lookup[T](r.A, ptr)
	if !ok {
		r.Missing = true
	}
	r.reads = append(r.reads, ptr)
	return v
}

// Uses declares pointers the rule reads as inputs by other means than
// Num, Str and Bool (r.A's optional reads, a whole list): a finding of the
// rule then folds under an error already standing on one of them, as a
// consequence of it, not a second mistake.
func (r *Run) Uses(ptrs ...string) { r.reads = append(r.reads, ptrs...) }

// Num reads the number at ptr that the rule needs.
func (r *Run) Num(ptr string) float64 { return need[float64](r, ptr) }

// Str reads the text at ptr that the rule needs.
func (r *Run) Str(ptr string) string { return need[string](r, ptr) }

// Bool reads the yes-or-no at ptr that the rule needs.
func (r *Run) Bool(ptr string) bool { return need[bool](r, ptr) }

// Failf records a finding of the rule at ptr.
func (r *Run) Failf(ptr, format string, args ...any) {
	r.FailAt(ptr, r.A.Loc(ptr), format, args...)
}

// FailAt records a finding of the rule about ptr at a place of its own,
// e.g. the line of a phrase inside a block of prose (Answer.LocText).
func (r *Run) FailAt(ptr string, l Loc, format string, args ...any) {
	r.out = append(r.out, Finding{Rule: r.rule.ID, Severity: r.rule.Severity, Pointer: ptr,
		Line: l.Line, Col: l.Col, Message: fmt.Sprintf(format, args...)})
	r.inputs = append(r.inputs, r.reads[r.mark:len(r.reads):len(r.reads)])
	r.mark = len(r.reads)
}

// Failed reports whether the rule has made a finding in this run.
func (r *Run) Failed() bool { return len(r.out) > 0 }

// Expect compares the learner's number at ptr with the engine's; how says
// how the engine got it, for the message. The message shows what the
// learner wrote (and how it was read, for a unit), the value expected in
// the field's unit, and the slip the ratio suggests (a factor of 60 or
// 1000), if any.
func (r *Run) Expect(ptr string, want float64, how string) {
	got, ok := r.A.Num(ptr)
	if !ok {
		r.Missing = true
		return
	}
	if Near(got, r.A.Literal(ptr), want) {
		r.mark = len(r.reads) // this comparison used its inputs up
		return
	}
	msg := fmt.Sprintf("%s is %s, but %s gives %s", r.A.Named(ptr), r.A.Shown(ptr), how, units.Format(want, r.A.Unit(ptr)))
	if slip := units.Slip(got, want, r.A.Unit(ptr)); slip != "" {
		msg += ": " + slip
	}
	r.Failf(ptr, "%s", msg)
}

// Near reports whether stated agrees with want within rounding: within 1%,
// or within half a unit of the last decimal place the learner wrote, so
// that 37 and 37.4 both stand for 37.45 but 38 does not, and "250 ms"
// stands for anything from 0.2495 to 0.2505 s.
func Near(stated float64, literal string, want float64) bool {
	tol := math.Max(0.01*math.Abs(want), halfStep(literal, stated))
	return math.Abs(stated-want) <= tol*(1+1e-9)
}

// FormatNum formats a number for a message: at most four decimals, no
// trailing zeros.
func FormatNum(f float64) string {
	return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64)
}

// ReadRun is a Run for reading an answer outside a rule, e.g. to compute a
// figure with the helpers the rules use; what it reports is not kept.
func ReadRun(a *Answer, p Params) *Run {
	return &Run{A: a, P: p, rule: &Rule{}}
}
