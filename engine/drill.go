package engine

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Fluency drills: short generated exercises for each kata's "repeat until".
// A drill is a pure function of its kata and seed, so the page, a test and
// a learner replaying seed 42 all see the same exercise, and the engine
// that generated it is the one that judges the answer.

// Drill is one generated exercise.
type Drill struct {
	Kata   string       `json:"kata"`
	Seed   uint64       `json:"seed"`
	Prompt string       `json:"prompt"`
	Fields []DrillField `json:"fields"`
}

// DrillField is one blank of a drill: a number, or a choice.
type DrillField struct {
	Name    string   `json:"name"`
	Label   string   `json:"label"`
	Unit    string   `json:"unit,omitempty"`
	Choices []string `json:"choices,omitempty"`
}

// DrillVerdict judges an answer to a drill.
type DrillVerdict struct {
	Correct bool `json:"correct"`
	// Explanation says what the right answer is and why, right or wrong.
	Explanation string `json:"explanation"`
}

// DrillCase is a drill with its judge, as a kata makes it.
type DrillCase struct {
	Prompt string
	Fields []DrillField
	Judge  func(answers map[string]string) DrillVerdict
}

// drill makes the drill of kata k for seed, nil when it has none.
func (k *loaded) drill(seed uint64) *DrillCase {
	if k.Drill == nil {
		return nil
	}
	return k.Drill(rand.New(rand.NewPCG(seed, 0x6b617461)), k.params)
}

// Drill generates the exercise of a kata for a seed.
func (e *Engine) Drill(kata string, seed uint64) (Drill, bool) {
	k, ok := e.kata(kata)
	if !ok {
		return Drill{}, false
	}
	c := k.drill(seed)
	if c == nil {
		return Drill{}, false
	}
	return Drill{Kata: kata, Seed: seed, Prompt: c.Prompt, Fields: c.Fields}, true
}

// CheckDrill judges answers (by field name) to the drill of kata and seed.
func (e *Engine) CheckDrill(kata string, seed uint64, answers map[string]string) (DrillVerdict, bool) {
	k, ok := e.kata(kata)
	if !ok {
		return DrillVerdict{}, false
	}
	c := k.drill(seed)
	if c == nil {
		return DrillVerdict{}, false
	}
	return c.Judge(answers), true
}

// DrillNumber reads a numeric answer; ok is false when it is not a number.
func DrillNumber(answers map[string]string, name string) (float64, string, bool) {
	s := strings.TrimSpace(answers[name])
	f, err := strconv.ParseFloat(s, 64)
	return f, s, err == nil
}

// Pick returns one of xs.
func Pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// ChoiceDrill is a drill whose answer is one of a few choices.
func ChoiceDrill(prompt, label string, choices []string, right, why string) *DrillCase {
	return &DrillCase{
		Prompt: prompt,
		Fields: []DrillField{{Name: "choice", Label: label, Choices: choices}},
		Judge: func(a map[string]string) DrillVerdict {
			got := strings.TrimSpace(a["choice"])
			if got == right {
				return DrillVerdict{true, "Right: " + why}
			}
			return DrillVerdict{false, fmt.Sprintf("It is %s: %s", right, why)}
		},
	}
}
