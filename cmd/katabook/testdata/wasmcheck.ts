// Runs the katabook WebAssembly engine under Node for the differential
// test (wasm_differential_test.go), through the page's own code: reads a
// JSON list of base64 files on stdin and writes, for each, the engine's
// report of the file itself ("direct", what `katabook check` judges) and of
// the answer the page takes from it on import ("page": decode as the page
// does, parse, render the parsed meta, answer, literals and prose, check); "refused"
// says why the page would not read the file at all.
// Usage: node wasmcheck.js wasm_exec.js engine.wasm course.js < inputs.json

import { Engine } from "../../../site/assets/engine";
import { Bridge } from "../../../site/assets/goload";
import { decodeFile } from "../../../site/assets/submission";

declare const require: any, process: any, Go: any;
const fs = require("fs");

async function main(): Promise<void> {
  require(require("path").resolve(process.argv[2])); // defines globalThis.Go
  // course.js sets self.KATABOOK_COURSE, the course's declared katas, as
  // the page loads it before the engine.
  (globalThis as any).self = globalThis;
  require(require("path").resolve(process.argv[4]));
  const go = new Go();
  const ready = new Promise((resolve) => ((globalThis as any).katabookReady = resolve));
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject);
  go.run(instance);
  await ready;
  const bridge: Bridge = (globalThis as any).katabook;
  // The page's Engine over the bridge, as on a page whose engine runs on
  // its own thread: its calls are asynchronous, answered at once.
  const engine = new Engine(bridge.ruleset, async (method, args) => bridge[method](...args), true);
  const out: any[] = [];
  for (const b64 of JSON.parse(fs.readFileSync(0, "utf8")) as string[]) out.push(await judge(engine, bridge, b64));
  fs.writeSync(1, JSON.stringify(out));
}

// judge is one input's result: the file's report, and the report of the
// answer the page would import from it.
async function judge(engine: Engine, bridge: Bridge, b64: string): Promise<any> {
  let text: string;
  try {
    text = decodeFile(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch (e) {
    return { refused: (e as Error).message };
  }
  const parsed = await engine.parse(text);
  let page: string | null = null;
  if (parsed.answer !== null) {
    try {
      page = bridge.check(await engine.render(parsed.meta, parsed.answer, parsed.prose, parsed.literals));
    } catch {
      page = null; // a kata the engine does not know: the page refuses it
    }
  }
  return { direct: bridge.check(text), page };
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
