// The engine's dedicated Worker: runs the Go engine off the page's main
// thread, so a check that takes tens of milliseconds never holds up a
// keystroke. The page (engine.ts) sends one start message, {start: {scripts,
// wasm, params}}, then calls {id, method, args}; the worker answers
// {ready: ruleset} or {failed}, then {id, result} or {id, error}. Inside a
// worker, globalThis is the worker's scope: wasm_exec.js defines Go there,
// course.js the course's declared katas, and the engine its bridge.

import { Bridge, fetchWasm, runGo } from "./goload";

const scope = self as any;
let bridge: Bridge | null = null;

scope.onmessage = async (e: MessageEvent) => {
  const m = e.data;
  if (m.start) {
    try {
      scope.importScripts(...m.start.scripts);
      bridge = await runGo(m.start.params, (go) => fetchWasm(m.start.wasm, go));
      scope.postMessage({ ready: bridge.ruleset });
    } catch (err) {
      scope.postMessage({ failed: String((err as Error).message ?? err) });
    }
    return;
  }
  try {
    scope.postMessage({ id: m.id, result: bridge![m.method](...m.args) });
  } catch (err) {
    scope.postMessage({ id: m.id, error: String((err as Error).message ?? err) });
  }
};
