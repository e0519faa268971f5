//go:build js && wasm

// Command wasm is the thin bridge that exposes the katabook engine to the
// page as globalThis.katabook. It holds no logic of its own: every answer is
// rendered and checked by the same engine package that `katabook check` runs.
// All values cross the bridge as JSON strings.
package main

import (
	"encoding/json"
	"github.com/katabook/katabook/engine/kata/builtin"
	"github.com/katabook/katabook/engine/kata/declared"
	"os"
	"runtime/debug"
	"strconv"
	"syscall/js"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/safejson"
)

func main() {
	// The page's parameters (engine.ts passes the body's data-params as
	// an environment variable): the course's numbers, as the CLI reads
	// them from the workbooks.
	var params map[string]map[string]any
	if p := os.Getenv("KATABOOK_PARAMS"); p != "" {
		if err := json.Unmarshal([]byte(p), &params); err != nil {
			js.Global().Get("console").Call("error", "katabook engine: the page's parameters: "+err.Error())
			return
		}
	}
	eng, err := courseEngine(params)
	if err != nil {
		js.Global().Get("console").Call("error", "katabook engine: "+err.Error())
		return
	}
	api := js.Global().Get("Object").New()
	api.Set("ruleset", eng.Ruleset())
	// check(markdown) -> report JSON
	collecting := false
	api.Set("check", js.FuncOf(func(_ js.Value, args []js.Value) any {
		rep := toJSON(eng.CheckWithFigures([]byte(arg(args, 0))))
		if !collecting {
			// The page starts the engine with GOGC=off (goload.ts), for a
			// faster first verdict; from now on garbage is collected.
			debug.SetGCPercent(100)
			collecting = true
		}
		return rep
	}))
	// render({meta, answer, prose, literals} as JSON) -> {markdown} or {error}
	api.Set("render", js.FuncOf(func(_ js.Value, args []js.Value) any {
		var in struct {
			Meta     engine.Meta       `json:"meta"`
			Answer   any               `json:"answer"`
			Prose    string            `json:"prose"`
			Literals map[string]string `json:"literals"`
		}
		if err := json.Unmarshal([]byte(arg(args, 0)), &in); err != nil {
			return toJSON(map[string]string{"error": err.Error()})
		}
		md, err := eng.Render(in.Meta, engine.WithLiterals(in.Answer, in.Literals), in.Prose)
		if err != nil {
			return toJSON(map[string]string{"error": err.Error()})
		}
		return toJSON(map[string]string{"markdown": string(md)})
	}))
	// export(markdown, format) -> {text} or {error, findings}: a passing
	// answer turned into what its kata generates (Prometheus rules…).
	api.Set("export", js.FuncOf(func(_ js.Value, args []js.Value) any {
		out, rep, err := eng.Export([]byte(arg(args, 0)), arg(args, 1))
		if err != nil {
			return toJSON(map[string]any{"error": err.Error(), "findings": rep.Findings})
		}
		return toJSON(map[string]string{"text": string(out)})
	}))
	// parse(markdown) -> {meta, answer, literals, prose, findings}: for
	// Import; literals are numbers as the file spells them, for render.
	api.Set("parse", js.FuncOf(func(_ js.Value, args []js.Value) any {
		sub, findings := engine.Parse([]byte(arg(args, 0)))
		var answer any
		literals := map[string]string{}
		if sub.Answer != nil {
			answer, literals = sub.Answer.Value, sub.Answer.Literals()
		}
		return toJSON(map[string]any{"meta": sub.Meta, "answer": answer, "literals": literals, "prose": sub.Prose, "findings": findings})
	}))
	// drill(kata, seed) -> {kata, seed, prompt, fields} or {error}
	api.Set("drill", js.FuncOf(func(_ js.Value, args []js.Value) any {
		seed, err := strconv.ParseUint(arg(args, 1), 10, 64)
		d, ok := eng.Drill(arg(args, 0), seed)
		if err != nil || !ok {
			return toJSON(map[string]string{"error": "no drill for that kata and seed"})
		}
		return toJSON(d)
	}))
	// checkDrill(kata, seed, answers as JSON) -> {correct, explanation} or {error}
	api.Set("checkDrill", js.FuncOf(func(_ js.Value, args []js.Value) any {
		seed, err := strconv.ParseUint(arg(args, 1), 10, 64)
		var answers map[string]string
		if err == nil {
			err = json.Unmarshal([]byte(arg(args, 2)), &answers)
		}
		v, ok := eng.CheckDrill(arg(args, 0), seed, answers)
		if err != nil || !ok {
			return toJSON(map[string]string{"error": "cannot check that drill"})
		}
		return toJSON(v)
	}))
	js.Global().Set("katabook", api)
	if ready := js.Global().Get("katabookReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the functions alive
}

func arg(args []js.Value, i int) string {
	if i < len(args) && args[i].Type() == js.TypeString {
		return args[i].String()
	}
	return ""
}

// toJSON encodes a result for the page. Non-finite numbers (a chart of
// mu_rps: 1e308 overflows) become strings rather than failing the whole
// report, which would leave the page with no findings at all.
func toJSON(v any) string {
	b, err := safejson.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return string(b)
}

// courseEngine is the engine of the page's course: the built-in katas, the
// katas the course declares in files (assets/course.js sets
// KATABOOK_COURSE to their files before the engine starts) and the
// course's parameters. The build made and checked the same files, so the
// page's engine makes each kata only when the page first needs it
// (engine.Prechecked): a limiter page never compiles the queue's rules.
// An error here means a page out of step with its assets.
func courseEngine(params map[string]map[string]any) (*engine.Engine, error) {
	katas := builtin.Katas()
	var files []struct {
		ID, Schema, Rules string
		Head              json.RawMessage
	}
	if c := js.Global().Get("KATABOOK_COURSE"); c.Type() == js.TypeObject {
		if err := json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", c).String()), &files); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		katas = append(katas, declared.Lazy(f.ID, f.ID+".schema.json", []byte(f.Schema), f.ID+".rules.yaml", []byte(f.Rules), f.Head))
	}
	opts := []engine.Option{engine.Prechecked(), engine.WithKatas(katas...)}
	for id, values := range params {
		opts = append(opts, engine.WithParams(id, values))
	}
	return engine.New(opts...)
}
