package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const promtoolPath = "/usr/bin/promtool"

// The example submissions under examples/slo are two runs of the SLO kata
// on different APIs: a proxy of a public weather API and an internal one.
var sloExamples = []string{"../../examples/slo/forecast-proxy.md", "../../examples/slo/ledger-api.md"}

func TestSLOExamplesPass(t *testing.T) {
	code, out, errOut := katabook(t, "", append([]string{"check"}, sloExamples...)...)
	if code != 0 || out != "2 files, 0 errors, 0 warnings\n" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// needPromtool returns promtool's path; locally a missing promtool skips
// the test, under CI=true it fails (.ci/run installs Debian's prometheus).
func needPromtool(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath(promtoolPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but promtool is missing at %s: apt-get install -y prometheus", promtoolPath)
		}
		t.Skipf("promtool not installed at %s; skipping", promtoolPath)
	}
	return promtoolPath
}

// TestExportPrometheusRulesPassPromtool: the generated rules of each example
// are valid for Prometheus itself, and alert at burn × (1 − target).
func TestExportPrometheusRulesPassPromtool(t *testing.T) {
	promtool := needPromtool(t)
	wants := map[string][]string{
		sloExamples[0]: {"> 0.036\n", "> 0.012\n", `ratio_rate5m{slo="forecast-proxy-availability"} > 0.036`, "severity: page", "severity: ticket"},
		sloExamples[1]: {"> 0.0168\n", "> 0.0056\n", `ratio_rate30m{slo="ledger-api-availability"} > 0.0056`},
	}
	for _, ex := range sloExamples {
		t.Run(filepath.Base(ex), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "slo.rules.yml")
			code, stdout, errOut := katabook(t, "", "export", "slo", ex, "--format", "prometheus", "-o", out)
			if code != 0 {
				t.Fatalf("export: exit %d\n%s%s", code, stdout, errOut)
			}
			res, err := exec.Command(promtool, "check", "rules", out).CombinedOutput()
			if err != nil || !strings.Contains(string(res), "SUCCESS") {
				src, _ := os.ReadFile(out)
				t.Fatalf("promtool check rules: %v\n%s\n--- rules\n%s", err, res, src)
			}
			src, _ := os.ReadFile(out)
			for _, w := range wants[ex] {
				if !strings.Contains(string(src), w) {
					t.Errorf("rules lack %q", w)
				}
			}
		})
	}
}

func TestExportOpenSLO(t *testing.T) {
	code, out, errOut := katabook(t, "", "export", "slo", sloExamples[1], "--format", "openslo")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, w := range []string{"apiVersion: openslo/v1", "kind: Service", "name: ledger-api-latency", "target: 0.9995",
		"duration: 28d", "type: Datadog", "rawType: success", "threshold: 33.6"} {
		if !strings.Contains(out, w) {
			t.Errorf("OpenSLO lacks %q:\n%s", w, out)
		}
	}
}

func TestExportRefusesAndUsage(t *testing.T) {
	src, err := os.ReadFile(sloExamples[0])
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "budget_minutes: 43.2", "budget_minutes: 50", 1)
	code, out, errOut := katabook(t, bad, "export", "slo", "-", "--format", "prometheus")
	if code != 1 || out != "" || !strings.Contains(errOut, "slo/budget-minutes") {
		t.Fatalf("failing document: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := katabook(t, "", "export", "slo", sloExamples[0], "--format", "nagios"); code != 2 || !strings.Contains(errOut, "prometheus, openslo") {
		t.Fatalf("bad format: exit %d, %q", code, errOut)
	}
	if code, _, _ := katabook(t, "", "export", "queue", "testdata/good.md", "--format", "prometheus"); code != 2 {
		t.Fatalf("queue has no exports: exit %d", code)
	}
	if code, _, errOut := katabook(t, "", "export", "slo", "testdata/good.md", "--format", "prometheus"); code != 2 || !strings.Contains(errOut, "not \"slo\"") {
		t.Fatalf("a queue file exported as slo: exit %d %q", code, errOut)
	}
}
