// The engine's dedicated Worker: runs the Go engine off the page's main
// thread, so a check that takes tens of milliseconds never holds up a
// keystroke. The page (engine.ts) sends one start message, {start: {scripts,
// wasm, params}}, then calls {id, method, args}; the worker answers
// {ready: ruleset} or {failed}, then {id, result} or {id, error}. Inside a
// worker, globalThis is the worker's scope: wasm_exec.js defines Go there,
// course.js the course's declared katas, and the engine its bridge.

import { Bridge, fetchWasm, runGo, Timing } from "./goload";

// at is now as a time since the epoch, which the page can compare with its own.
const at = (): number => performance.timeOrigin + performance.now();

const scope = self as any;
let bridge: Bridge | null = null;

scope.onmessage = async (e: MessageEvent) => {
  const m = e.data;
  if (m.start) {
    try {
      // The engine's bytes are most of the wait: ask for them before the
      // scripts, which then load while they arrive.
      const bytes = fetch(m.start.wasm);
      scope.importScripts(...m.start.scripts);
      let compiled = 0;
      bridge = await runGo(m.start.params, async (go) => {
        const r = await fetchWasm(m.start.wasm, go, bytes);
        compiled = at();
        return r;
      });
      const wasm = performance.getEntriesByType("resource").find((e) => e.name === m.start.wasm) as PerformanceResourceTiming | undefined;
      const timing: Timing = { fetched: wasm ? performance.timeOrigin + wasm.responseEnd : 0, compiled, started: at() };
      scope.postMessage({ ready: bridge.ruleset, timing });
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
