// Starts the engine's Go program (wasm/main.go) in the scope that runs this
// code: the page's main thread, or the engine's Worker (worker.ts). Both
// use it, so the two ways run the same engine the same way.

declare const Go: any;

// Bridge is what wasm/main.go registers as globalThis.katabook: every value
// crosses it as a JSON string.
export interface Bridge {
  ruleset: string;
  [method: string]: any;
}

// Timing is when the engine's start reached each step, in the page's
// milliseconds since navigation: its bytes were asked for and arrived,
// they were compiled, Go had made the engine. For the benchmarks.
export interface Timing {
  asked: number;
  fetched: number;
  compiled: number;
  started: number;
}

// compileWasm compiles the engine from its URL as its bytes arrive (over
// HTTP; the service worker answers offline).
export async function compileWasm(url: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // Servers that send the wrong MIME type: fall back to bytes.
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}

// Compiling is the engine's bytes compiled, and when that was done (ms
// since navigation).
export interface Compiling {
  url: string;
  module: Promise<{ m: WebAssembly.Module; at: number }>;
}

// compiling asks for the engine at url once per page: boot.js usually
// asks first, but an async script may also run after the page's own, and
// whichever comes second gets the same download.
export function compiling(url: string): Compiling {
  const g = globalThis as any;
  if (g.katabookBoot?.url !== url) {
    g.katabookBoot = { url, module: compileWasm(url).then((m) => ({ m, at: performance.now() })) };
  }
  return g.katabookBoot;
}

// runGo runs the engine with the page's parameters (the body's
// data-params) and resolves once Go has registered the bridge (Go calls
// globalThis.katabookReady).
export async function runGo(
  params: string,
  instantiate: (go: any) => Promise<WebAssembly.Instance>,
): Promise<Bridge> {
  const go = new Go();
  // GOGC=off: no garbage collection until the first check is done (the
  // bridge then turns it on). Starting the engine and checking once
  // allocate about 16 MB, which the collector would walk several times on
  // the way; measured under Node 20, the start and first check of the
  // queue kata took 15-20% less time without it, for 2 MB more memory.
  go.env = { KATABOOK_PARAMS: params, GOGC: "off" };
  const ready = new Promise<void>((resolve) => {
    (globalThis as any).katabookReady = resolve;
  });
  go.run(await instantiate(go));
  await ready;
  const bridge = (globalThis as any).katabook as Bridge | undefined;
  if (!bridge) throw new Error("the engine did not start (see the console)");
  return bridge;
}
