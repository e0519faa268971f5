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

// drillCase is a drill with its judge.
type drillCase struct {
	prompt string
	fields []DrillField
	judge  func(answers map[string]string) DrillVerdict
}

// Drill generates the exercise of a kata for a seed.
func (e *Engine) Drill(kata string, seed uint64) (Drill, bool) {
	k, ok := e.katas[kata]
	if !ok || k.drill == nil {
		return Drill{}, false
	}
	c := k.drill(rand.New(rand.NewPCG(seed, 0x6b617461)))
	return Drill{Kata: kata, Seed: seed, Prompt: c.prompt, Fields: c.fields}, true
}

// CheckDrill judges answers (by field name) to the drill of kata and seed.
func (e *Engine) CheckDrill(kata string, seed uint64, answers map[string]string) (DrillVerdict, bool) {
	k, ok := e.katas[kata]
	if !ok || k.drill == nil {
		return DrillVerdict{}, false
	}
	return k.drill(rand.New(rand.NewPCG(seed, 0x6b617461))).judge(answers), true
}

// drillNumber reads a numeric answer; ok is false when it is not a number.
func drillNumber(answers map[string]string, name string) (float64, string, bool) {
	s := strings.TrimSpace(answers[name])
	f, err := strconv.ParseFloat(s, 64)
	return f, s, err == nil
}

// pick returns one of xs.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// choiceDrill is a drill whose answer is one of a few choices.
func choiceDrill(prompt, label string, choices []string, right, why string) *drillCase {
	return &drillCase{
		prompt: prompt,
		fields: []DrillField{{Name: "choice", Label: label, Choices: choices}},
		judge: func(a map[string]string) DrillVerdict {
			got := strings.TrimSpace(a["choice"])
			if got == right {
				return DrillVerdict{true, "Right: " + why}
			}
			return DrillVerdict{false, fmt.Sprintf("It is %s: %s", right, why)}
		},
	}
}
