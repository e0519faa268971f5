package labels_test

import (
	"testing"

	fork "github.com/katabook/katabook/internal/promql/labels"
	upstream "github.com/prometheus/prometheus/model/labels"
)

// The kata engine judges a status matcher by what it matches (does it keep
// 200 and drop 503?), so the fork's matcher must match what Prometheus's does.
func TestMatchesLikeUpstream(t *testing.T) {
	patterns := []string{"5..", "2..|3..", "5.*", "(2|3)xx", "", ".*", ".+", "50[0-9]", "5\\d\\d", "(?i)OK", "a\nb", "^5..$", "[", "x(", "200|201|204"}
	values := []string{"200", "201", "204", "500", "503", "5xx", "2xx", "", "ok", "OK", "a\nb", "5000"}
	for _, mt := range []fork.MatchType{fork.MatchEqual, fork.MatchNotEqual, fork.MatchRegexp, fork.MatchNotRegexp} {
		for _, p := range patterns {
			f, ferr := fork.NewMatcher(mt, "code", p)
			u, uerr := upstream.NewMatcher(upstream.MatchType(mt), "code", p)
			if (ferr == nil) != (uerr == nil) {
				t.Fatalf("%v %q: fork error %v, upstream error %v", mt, p, ferr, uerr)
			}
			if ferr != nil {
				if ferr.Error() != uerr.Error() {
					t.Errorf("%v %q: fork error %q, upstream %q", mt, p, ferr, uerr)
				}
				continue
			}
			if f.String() != u.String() {
				t.Errorf("String: fork %s, upstream %s", f, u)
			}
			for _, v := range values {
				if f.Matches(v) != u.Matches(v) {
					t.Errorf("%s matches %q: fork %v, upstream %v", f, v, f.Matches(v), u.Matches(v))
				}
			}
		}
	}
}
