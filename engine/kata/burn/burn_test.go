package burn

import "testing"

// The SRE workbook's 30-day numbers, by construction.
func TestWorkbookBurnRates(t *testing.T) {
	if got := Rate(0.05, 720, 1); got != 36 {
		t.Errorf("5%% in 1 h over 30 d = %v, want 36", got)
	}
}
