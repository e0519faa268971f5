package model_test

import (
	"testing"
	"time"

	fork "github.com/katabook/katabook/internal/promql/model"
	upstream "github.com/prometheus/common/model"
)

func TestDurationsLikeUpstream(t *testing.T) {
	for _, s := range []string{"0", "", "5m", "1h30m", "90d", "1y", "2w", "1m1d", "5x", "1.5h", "-5m", "300ms", "99999999999999999999h", "1y2w3d4h5m6s7ms"} {
		f, ferr := fork.ParseDuration(s)
		u, uerr := upstream.ParseDuration(s)
		if (ferr == nil) != (uerr == nil) || (ferr != nil && ferr.Error() != uerr.Error()) {
			t.Errorf("ParseDuration(%q): fork %v, upstream %v", s, ferr, uerr)
			continue
		}
		if ferr == nil && (time.Duration(f) != time.Duration(u) || f.String() != u.String()) {
			t.Errorf("ParseDuration(%q): fork %v, upstream %v", s, f, u)
		}
	}
	for _, name := range []string{"job", "le", "_x", "9x", "a.b", "", "ünï"} {
		if fork.LegacyValidation.IsValidLabelName(name) != upstream.LegacyValidation.IsValidLabelName(name) ||
			fork.UTF8Validation.IsValidLabelName(name) != upstream.UTF8Validation.IsValidLabelName(name) {
			t.Errorf("label name %q validated differently", name)
		}
	}
}
