package engine

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// countingKata is tinyKata as a Deferred kata that counts how often it is
// made, and fails to make when broken.
type countingKata struct {
	mu     sync.Mutex
	makes  int
	broken bool
}

func (c *countingKata) Head() *Spec {
	h := *tinyKata()
	h.Rules, h.CheckParams = nil, nil
	return &h
}

func (c *countingKata) Make() (*Spec, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.makes++
	if c.broken {
		return nil, errors.New("tiny.rules.yaml:3:1: a rule from another build")
	}
	return tinyKata(), nil
}

func (c *countingKata) Spec() *Spec { s, _ := c.Make(); return s }

func TestPrecheckedMakesAKataWhenItIsNeeded(t *testing.T) {
	k := &countingKata{}
	course := map[string]any{"k": 5}
	lazy, err := New(Prechecked(), WithKatas(k), WithParams("tiny", course))
	if err != nil {
		t.Fatal(err)
	}
	if k.makes != 0 {
		t.Fatalf("New made the kata %d times; Prechecked makes it when it is first used", k.makes)
	}
	eager, err := New(WithKatas(tinyKata()), WithParams("tiny", course))
	if err != nil {
		t.Fatal(err)
	}
	if lazy.Ruleset() != eager.Ruleset() {
		t.Errorf("the ruleset must not depend on when katas are made: %s and %s", lazy.Ruleset(), eager.Ruleset())
	}
	if _, p, _ := lazy.Params("tiny"); p.Num("k") != 5 || k.makes != 0 {
		t.Errorf("the parameters come from the head: k = %v, made %d times", p.Num("k"), k.makes)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if rep := lazy.Check(tinySubmission("6")); rep.Errors() != 1 || !strings.Contains(rep.Findings[0].Message, "gives 10") {
				t.Errorf("k = 5: x = 6 must be an error naming 10, got %+v", rep.Findings)
			}
		}()
	}
	wg.Wait()
	if k.makes != 1 {
		t.Errorf("eight checks at once must make the kata once, made %d times", k.makes)
	}
}

func TestPrecheckedReportsAKataItCannotMake(t *testing.T) {
	k := &countingKata{broken: true}
	e, err := New(Prechecked(), WithKatas(k))
	if err != nil {
		t.Fatalf("under Prechecked a kata that cannot be made is reported when used, not by New: %v", err)
	}
	rep := e.Check(tinySubmission("6"))
	if rep.Errors() != 1 || rep.Findings[0].Rule != "submission/kata-unavailable" || !strings.Contains(rep.Findings[0].Message, "tiny.rules.yaml:3:1") {
		t.Errorf("want one submission/kata-unavailable error that says why, got %+v", rep.Findings)
	}
	if _, ok := e.Fields("tiny"); ok {
		t.Error("Fields of a kata that cannot be made must say so")
	}
	if _, err := New(WithKatas(&countingKata{broken: true})); err == nil || !strings.Contains(err.Error(), "tiny.rules.yaml:3:1") {
		t.Errorf("without Prechecked, New must fail on the kata: %v", err)
	}
}

// TestPrecheckedTrustsTheBuildsSchemaCheck: a schema the metaschema
// refuses fails New, and is not checked again under Prechecked, whose
// course the build has already checked.
func TestPrecheckedTrustsTheBuildsSchemaCheck(t *testing.T) {
	bad := tinyKata()
	bad.Schema = []byte(`{"$id": "https://katabook.dev/schemas/tiny.json", "type": "object", "title": 5, "properties": {"x": {"type": "number"}}}`)
	if _, err := New(WithKatas(bad)); err == nil {
		t.Fatal("New must check the schema against the metaschema (a title is a string)")
	}
	e, err := New(Prechecked(), WithKatas(bad))
	if err != nil {
		t.Fatal(err)
	}
	if rep := e.Check(tinySubmission("6")); rep.Errors() != 0 {
		t.Errorf("x = 6 is right with k = 3, got %+v", rep.Findings)
	}
}
