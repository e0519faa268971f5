// Loads the katabook engine (Go compiled to WebAssembly) and wraps the
// JSON-string bridge that wasm/main.go exposes as globalThis.katabook.

import { answerJSON } from "./submission";

export interface Finding {
  rule: string;
  severity: "error" | "warning";
  message: string;
  pointer: string;
  line: number;
  col: number;
  // Findings that follow from this one (the engine folds a rule's finding
  // under the error of an input it read): shown under it, not counted.
  follows?: Finding[];
}

export interface RuleResult {
  rule: string;
  title: string;
  status: "pass" | "fail" | "skip";
}

export interface Report {
  kata: string;
  ruleset: string;
  findings: Finding[];
  rules: RuleResult[] | null;
  figures?: Record<string, any>;
  // How the engine read a quantity typed with a unit, by JSON pointer:
  // "250 ms = 0.25 s".
  readings?: Record<string, string>;
}

export interface Meta {
  kata: string;
  title: string;
  author: string;
  date: string;
  subject: string;
}

// Literals are numbers by JSON pointer as a file spells them (017, .inf),
// where the value alone would not say what the CLI reads.
export type Literals = Record<string, string>;

export interface Parsed {
  meta: Meta;
  answer: any;
  literals: Literals;
  prose: string;
  findings: Finding[];
}

export interface Bridge {
  ruleset: string;
  check(md: string): string;
  render(json: string): string;
  parse(md: string): string;
  export(md: string, format: string): string;
}

declare const Go: any;

export class Engine {
  constructor(private b: Bridge) {}
  get ruleset(): string {
    return this.b.ruleset;
  }
  check(markdown: string): Report {
    return JSON.parse(this.b.check(markdown));
  }
  render(meta: Meta, answer: any, prose: string, literals: Literals = {}): string {
    const out = JSON.parse(this.b.render(answerJSON({ meta, answer, prose, literals })));
    if (out.error) throw new Error(out.error);
    return out.markdown;
  }
  // export turns a passing submission into one of its kata's export
  // formats; it throws with the engine's reason when it cannot.
  export(markdown: string, format: string): string {
    const out = JSON.parse(this.b.export(markdown, format));
    if (out.error) throw new Error(out.error);
    return out.text;
  }
  parse(markdown: string): Parsed {
    return JSON.parse(this.b.parse(markdown));
  }
  drill(kata: string, seed: number): Drill {
    const out = JSON.parse(this.b.drill(kata, String(seed)));
    if (out.error) throw new Error(out.error);
    return out;
  }
  checkDrill(kata: string, seed: number, answers: Record<string, string>): DrillVerdict {
    const out = JSON.parse(this.b.checkDrill(kata, String(seed), JSON.stringify(answers)));
    if (out.error) throw new Error(out.error);
    return out;
  }
}

// wasmBytes gets the engine's bytes. Over HTTP it fetches the .wasm (the
// service worker answers offline); opened from disk, where fetch is not
// allowed, it loads the same bytes from a script file as base64.
async function wasmSource(url: string, go: any): Promise<WebAssembly.WebAssemblyInstantiatedSource> {
  if (location.protocol === "file:") {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement("script");
      s.src = url + ".js";
      s.onload = () => resolve();
      s.onerror = () => reject(new Error(`cannot load ${s.src}`));
      document.head.appendChild(s);
    });
    const b64: string = (globalThis as any).KATABOOK_WASM;
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    delete (globalThis as any).KATABOOK_WASM;
    return WebAssembly.instantiate(bytes, go.importObject);
  }
  try {
    return await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
  } catch {
    // Servers that send the wrong MIME type: fall back to bytes.
    const bytes = await (await fetch(url)).arrayBuffer();
    return WebAssembly.instantiate(bytes, go.importObject);
  }
}

let shared: Promise<Engine> | null = null;

// engine starts the engine once per page, for every part that needs it.
export function engine(): Promise<Engine> {
  shared ??= loadEngine("assets/engine.wasm");
  return shared;
}

// loadEngine starts the Go program; it resolves once Go has registered the
// bridge (Go calls globalThis.katabookReady).
async function loadEngine(url: string): Promise<Engine> {
  const go = new Go();
  // The course's parameter values, which the build checked and wrote on
  // the page: the page's engine checks the numbers the page states.
  go.env = { KATABOOK_PARAMS: document.body.dataset.params ?? "" };
  const ready = new Promise<void>((resolve) => {
    (globalThis as any).katabookReady = resolve;
  });
  const result = await wasmSource(url, go);
  go.run(result.instance);
  await ready;
  return new Engine((globalThis as any).katabook as Bridge);
}
