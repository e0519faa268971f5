package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const incidentExamples = "../../examples/incident"

// TestCheckIncidentExamples: the example runs of the incident kata, one per
// scenario, pass `katabook check`; a wrong one fails at the line of the fault.
func TestCheckIncidentExamples(t *testing.T) {
	code, out, errOut := katabook(t, "", "check", incidentExamples)
	if code != 0 || out != "2 files, 0 errors, 0 warnings\n" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	src, err := os.ReadFile(filepath.Join(incidentExamples, "checkout-latency.md"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "ttd_min: 14", "ttd_min: 9", 1)
	p := write(t, t.TempDir(), "bad.md", bad)
	code, out, _ = katabook(t, "", "check", p)
	want := 0
	for i, l := range strings.Split(bad, "\n") {
		if strings.Contains(l, "ttd_min: 9") {
			want = i + 1
		}
	}
	m := findingLine.FindStringSubmatch(strings.Split(out, "\n")[0])
	if code != 1 || m == nil || m[2] != itoa(want) || m[5] != "incident/ttd" || !strings.Contains(out, "gives 14") {
		t.Fatalf("exit %d, want incident/ttd on line %d:\n%s", code, want, out)
	}
	if code, out, _ := katabook(t, "", "explain", "incident/blameless"); code != 0 || !strings.Contains(out, "human error") {
		t.Errorf("explain incident/blameless: exit %d\n%s", code, out)
	}
	if code, tmpl, _ := katabook(t, "", "new", "incident"); code != 0 || !strings.Contains(tmpl, "timeline:") {
		t.Errorf("new incident: exit %d\n%s", code, tmpl)
	}
}
