package site

import (
	"regexp"
	"strings"
	"testing"
)

// TestADeclaredKataChangeReachesThePage: editing only a rules file gives
// the page a new course.js address and the offline copy a new version, so
// neither a browser's cache nor the service worker keeps the old rules.
func TestADeclaredKataChangeReachesThePage(t *testing.T) {
	versions := func(rules string) (string, string) {
		cfs := course(t, nil)
		if rules != "" {
			cfs["queue.rules.yaml"].Data = []byte(strings.Replace(string(cfs["queue.rules.yaml"].Data), "title: Apply Little's law to a real queue", "title: "+rules, 1))
		}
		files, err := Files(Options{Content: cfs, Engine: newEngine(t)})
		if err != nil {
			t.Fatal(err)
		}
		script := regexp.MustCompile(`assets/course\.js\?v=([0-9a-f]+)`).FindStringSubmatch(string(files["queue.html"]))
		offline := regexp.MustCompile(`"version":"([0-9a-f]+)"`).FindStringSubmatch(string(files["sw.js"]))
		if script == nil || offline == nil {
			t.Fatalf("no course.js version or offline version in the build")
		}
		return script[1], offline[1]
	}
	s1, o1 := versions("")
	s2, o2 := versions("Little's law, revised")
	if s1 == s2 || o1 == o2 {
		t.Errorf("a changed rules file kept course.js?v=%s (was %s) and the offline version %s (was %s)", s2, s1, o2, o1)
	}
}
