package declared_test

import (
	"os"
	"testing"

	"github.com/katabook/katabook/engine/kata/declared"
)

func TestQueueCompiles(t *testing.T) {
	schema, _ := os.ReadFile("../../../content/queue.schema.json")
	rules, _ := os.ReadFile("../../../content/queue.rules.yaml")
	_, err := declared.Parse("queue", "queue.schema.json", schema, "queue.rules.yaml", rules)
	if err != nil {
		t.Fatal(err)
	}
}
