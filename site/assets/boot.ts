// The first script of a kata page, loaded async in its head: it asks for
// the engine and compiles it as it arrives, before the page's own scripts
// have loaded and run. The engine is most of what a first visit waits for;
// measured over 10 Mbit/s and 40 ms, the Worker asked for it 0.5-1.1 s
// after navigation, boot.js 0.12-0.35 s. The page (engine.ts) picks up
// the compiled module. Opened from disk there is no fetch, and the page
// loads the engine its own way.

import { compiling } from "./goload";

if (location.protocol !== "file:" && typeof Worker !== "undefined") {
  compiling(new URL("assets/engine.wasm", location.href).href);
}
