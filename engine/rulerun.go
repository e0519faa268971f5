package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ruleRun is the state of one rule being run on one answer: typed access to
// the answer that notes missing inputs, and the findings the rule makes.
type ruleRun struct {
	rule    *Rule
	a       *Answer
	out     []Finding
	missing bool
}

// need reads a value of type T the rule needs; a missing one (or one of
// another type, which the schema reports) marks the run skipped.
func need[T any](r *ruleRun, ptr string) T {
	v, ok := lookup[T](r.a, ptr)
	if !ok {
		r.missing = true
	}
	return v
}

func (r *ruleRun) num(ptr string) float64  { return need[float64](r, ptr) }
func (r *ruleRun) str(ptr string) string   { return need[string](r, ptr) }
func (r *ruleRun) boolean(ptr string) bool { return need[bool](r, ptr) }

// failf records a finding of the rule at ptr.
func (r *ruleRun) failf(ptr, format string, args ...any) {
	l := r.a.Loc(ptr)
	r.out = append(r.out, Finding{Rule: r.rule.ID, Severity: r.rule.Severity, Pointer: ptr,
		Line: l.Line, Col: l.Col, Message: fmt.Sprintf(format, args...)})
}

// expect compares the learner's number at ptr with the engine's; how says
// how the engine got it, for the message.
func (r *ruleRun) expect(ptr string, want float64, how string) {
	got, ok := r.a.Num(ptr)
	if !ok {
		r.missing = true
		return
	}
	if !near(got, r.a.literal(ptr), want) {
		r.failf(ptr, "%s is %s, but %s gives %s", dotted(ptr), r.a.literal(ptr), how, num(want))
	}
}

// near reports whether stated agrees with want within rounding: within 1%,
// or within half a unit of the last decimal place the learner wrote, so
// that 37 and 37.4 both stand for 37.45 but 38 does not.
func near(stated float64, literal string, want float64) bool {
	tol := 0.01 * math.Abs(want)
	if !strings.ContainsAny(literal, "eE") {
		dec := 0
		if i := strings.IndexByte(literal, '.'); i >= 0 {
			dec = len(literal) - i - 1
		}
		tol = math.Max(tol, 0.5*math.Pow(10, -float64(dec)))
	}
	return math.Abs(stated-want) <= tol*(1+1e-9)
}

// num formats a number for a message: at most four decimals, no trailing zeros.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64)
}
