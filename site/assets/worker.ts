// The engine's dedicated Worker: runs the Go engine off the page's main
// thread, so a check that takes tens of milliseconds never holds up a
// keystroke. The page (engine.ts) sends {start: {scripts, params}} as soon
// as the Worker exists, then {module}, the engine compiled while it
// downloaded, then calls {id, method, args}; the worker answers {ready:
// ruleset, started} or {failed}, then {id, result} or {id, error}. Inside
// a worker, globalThis is the worker's scope: wasm_exec.js defines Go
// there, course.js the course's declared katas, and the engine its bridge.

import { Bridge, runGo } from "./goload";

const scope = self as any;
let bridge: Bridge | null = null;
let gotModule: (m: WebAssembly.Module) => void;
const module = new Promise<WebAssembly.Module>((resolve) => (gotModule = resolve));

scope.onmessage = async (e: MessageEvent) => {
  const m = e.data;
  if (m.module) return gotModule(m.module);
  if (m.start) {
    try {
      scope.importScripts(...m.start.scripts);
      bridge = await runGo(m.start.params, async (go) => WebAssembly.instantiate(await module, go.importObject));
      // started: when Go had made the engine, in ms since the epoch.
      scope.postMessage({ ready: bridge.ruleset, started: performance.timeOrigin + performance.now() });
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
