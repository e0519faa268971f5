// The first script of a kata page, loaded async in its head: it asks for
// the engine and compiles it as it arrives, before the page's own scripts
// have loaded and run. The engine is most of what a first visit waits for;
// measured over 10 Mbit/s and 40 ms, app.js's first line ran 0.4-0.7 s
// after the page was asked for, which this takes off the wait. The page
// (engine.ts) picks up the compiled module. Opened from disk there is no
// fetch, and the page loads the engine its own way.

import { compileWasm } from "./goload";

if (location.protocol !== "file:" && typeof Worker !== "undefined") {
  (globalThis as any).katabookBoot = {
    url: new URL("assets/engine.wasm", location.href).href,
    module: compileWasm(new URL("assets/engine.wasm", location.href).href).then((m) => ({ m, at: performance.now() })),
  };
}
