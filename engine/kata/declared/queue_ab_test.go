package declared_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/declared"
	"github.com/katabook/katabook/engine/kata/queue"
)

func TestDeclaredQueueLikeGo(t *testing.T) {
	schema, _ := os.ReadFile("../../../content/queue.schema.json")
	rules, _ := os.ReadFile("../../../content/queue.rules.yaml")
	dk, err := declared.Parse("queue", "queue.schema.json", schema, "queue.rules.yaml", rules)
	if err != nil {
		t.Fatal(err)
	}
	de, err := engine.New(engine.WithKatas(dk))
	if err != nil {
		t.Fatal(err)
	}
	ge, _ := engine.New(engine.WithKatas(queue.New()))
	good, _ := os.ReadFile("../queue/testdata/queue-good.md")
	num := regexp.MustCompile(`(?m)^(\s*-?\s*[a-z_]+: )(-?[0-9.]+|true|false|none|other|batching)\s*$`)
	var srcs []string
	srcs = append(srcs, string(good))
	locs := num.FindAllStringSubmatchIndex(string(good), -1)
	for _, l := range locs {
		for _, v := range []string{"0", "-1", "1e6", "0.001", "", "forty", "13", "2", "true", "false", "other", "none", "40", "100", "99", "101", "5", "9.5"} {
			srcs = append(srcs, string(good[:l[4]])+v+string(good[l[5]:]))
		}
	}
	flow := regexp.MustCompile(`\{lambda_rps: (\d+), w_ms: (\d+), l: (\d+)\}`)
	for _, l := range flow.FindAllStringSubmatchIndex(string(good), -1) {
		for _, v := range []string{"{lambda_rps: 100, w_ms: 5, l: 1}", "{lambda_rps: 50}", "{w_ms: 20, l: 1}", "{lambda_rps: 50, w_ms: 21, l: 2}", "{lambda_rps: 120, w_ms: 20}"} {
			srcs = append(srcs, string(good[:l[0]])+v+string(good[l[1]:]))
		}
	}
	fmt.Println(len(srcs), "variants")
	key := func(r *engine.Report) string {
		var ks []string
		for _, f := range r.Findings {
			ks = append(ks, fmt.Sprintf("%s %s %s %d", f.Rule, f.Pointer, f.Severity, f.Line))
		}
		sort.Strings(ks)
		return strings.Join(ks, "\n")
	}
	bad := 0
	for _, s := range srcs {
		g, d := ge.Check([]byte(s)), de.Check([]byte(s))
		schemaBad := false
		for _, f := range d.Findings {
			schemaBad = schemaBad || strings.HasPrefix(f.Rule, "schema/") || strings.HasPrefix(f.Rule, "answer/")
		}
		if schemaBad {
			// With a field missing or of the wrong type, the Go kata also
			// computed with zero; the declared one skips: a subset.
			for _, k := range strings.Split(key(d), "\n") {
				if !strings.Contains(key(g)+"\n", k+"\n") {
					t.Errorf("declared finding %q not in the Go kata's %q", k, key(g))
				}
			}
		}
		if key(g) != key(d) && !schemaBad {
			bad++
			if bad < 6 {
				t.Errorf("differ:\n go: %s\n de: %s\nmsgs go %v\n de %v", key(g), key(d), g.Findings, d.Findings)
			}
		}
	}
	for _, s := range srcs[:40] {
		gj, _ := json.Marshal(ge.CheckWithFigures([]byte(s)).Figures)
		dj, _ := json.Marshal(de.CheckWithFigures([]byte(s)).Figures)
		var g, d any
		json.Unmarshal(gj, &g)
		json.Unmarshal(dj, &d)
		if !reflect.DeepEqual(g, d) {
			t.Errorf("figures differ:\n go %.300s\n de %.300s", gj, dj)
			break
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d differ", bad, len(srcs))
	}
}
