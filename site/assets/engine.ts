// Loads the katabook engine (Go compiled to WebAssembly) and wraps the
// JSON-string bridge that wasm/main.go exposes as globalThis.katabook.

import { answerJSON } from "./submission";
import { compiling, runGo, Timing } from "./goload";

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

// Call sends one call to the engine, wherever it runs, and resolves with
// its JSON answer.
type Call = (method: string, args: string[]) => Promise<string>;

// Engine is the engine's bridge with its JSON decoded. Every call is
// asynchronous: the engine runs in a Worker where the browser allows one,
// and on the page's own thread where it does not (a page opened from disk).
export class Engine {
  constructor(
    readonly ruleset: string,
    private call: Call,
    // onPage: the engine runs on the page's thread, and a check holds up
    // the page while it runs.
    readonly onPage = false,
    // When its start reached each step (a Worker's engine), for the benchmarks.
    readonly timing?: Timing,
  ) {}
  async check(markdown: string): Promise<Report> {
    return JSON.parse(await this.call("check", [markdown]));
  }
  async render(meta: Meta, answer: any, prose: string, literals: Literals = {}): Promise<string> {
    const out = JSON.parse(await this.call("render", [answerJSON({ meta, answer, prose, literals })]));
    if (out.error) throw new Error(out.error);
    return out.markdown;
  }
  // export turns a passing submission into one of its kata's export
  // formats; it throws with the engine's reason when it cannot.
  async export(markdown: string, format: string): Promise<string> {
    const out = JSON.parse(await this.call("export", [markdown, format]));
    if (out.error) throw new Error(out.error);
    return out.text;
  }
  async parse(markdown: string): Promise<Parsed> {
    return JSON.parse(await this.call("parse", [markdown]));
  }
  async drill(kata: string, seed: number): Promise<Drill> {
    const out = JSON.parse(await this.call("drill", [kata, String(seed)]));
    if (out.error) throw new Error(out.error);
    return out;
  }
  async checkDrill(kata: string, seed: number, answers: Record<string, string>): Promise<DrillVerdict> {
    const out = JSON.parse(await this.call("checkDrill", [kata, String(seed), JSON.stringify(answers)]));
    if (out.error) throw new Error(out.error);
    return out;
  }
}

// fromDisk gets the engine's bytes on a page opened from disk, where fetch
// is not allowed: the same bytes from a script file as base64.
async function fromDisk(url: string, go: any): Promise<WebAssembly.Instance> {
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
  return (await WebAssembly.instantiate(bytes, go.importObject)).instance;
}

// SETTLED is the event a kata page's form sends when its engine has given
// its first verdict, or could not start: what the page needs first has
// arrived, and what can wait (the drill, the offline copy) may start.
export const SETTLED = "katabook:settled";

// settled resolves on SETTLED, and at once on a page without a form.
export function settled(): Promise<void> {
  if (!document.querySelector("form.kata-form")) return Promise.resolve();
  return new Promise((resolve) => document.addEventListener(SETTLED, () => resolve(), { once: true }));
}

let shared: Promise<Engine> | null = null;

// engine starts the engine once per page, for every part that needs it:
// in a Worker, or on this thread where no Worker starts.
export function engine(): Promise<Engine> {
  shared ??= inWorker("assets/engine.wasm").catch((err) => {
    if (location.protocol !== "file:") console.warn(`katabook: the engine runs on the page's thread (${err})`);
    return onPage("assets/engine.wasm");
  });
  return shared;
}

const params = (): string => document.body.dataset.params ?? "";

// onPage runs the engine on the page's own thread (wasm_exec.js and
// course.js are the page's scripts).
async function onPage(url: string): Promise<Engine> {
  const b = await runGo(params(), async (go) =>
    location.protocol === "file:"
      ? fromDisk(url, go)
      : WebAssembly.instantiate((await compiling(new URL(url, location.href).href).module).m, go.importObject),
  );
  return new Engine(b.ruleset, async (method, args) => b[method](...args), true);
}

// scriptURL is the address of one of the page's scripts, with its version.
function scriptURL(name: string): string {
  const s = document.querySelector<HTMLScriptElement>(`script[src*="assets/${name}"]`);
  if (!s) throw new Error(`no ${name} on the page`);
  return s.src;
}

// inWorker starts the engine in a dedicated Worker (worker.ts). It rejects
// where the browser refuses the Worker (a page opened from disk: a Worker
// from a file URL is not allowed) or the Worker cannot start the engine.
// The page fetches and compiles the engine itself, while the Worker starts
// and loads its scripts, and hands it the compiled module: the download,
// most of the wait, starts as soon as this page's script runs.
function inWorker(url: string): Promise<Engine> {
  if (location.protocol === "file:" || typeof Worker === "undefined") return Promise.reject(new Error("no Worker here"));
  const wasm = new URL(url, location.href).href;
  let compiledAt = 0;
  const compiled = compiling(wasm).module; // boot.ts has usually asked for it already

  return new Promise((resolve, reject) => {
    const w = new Worker(scriptURL("app.js").replace("app.js", "engine-worker.js"));
    const waiting = new Map<number, { ok: (s: string) => void; fail: (e: Error) => void }>();
    let next = 0;
    const call: Call = (method, args) =>
      new Promise((ok, fail) => {
        waiting.set(++next, { ok, fail });
        w.postMessage({ id: next, method, args });
      });
    w.onerror = (e) => {
      e.preventDefault();
      const err = new Error(`the engine's Worker failed: ${e.message || "it did not load"}`);
      reject(err); // before it started: the page runs the engine itself
      for (const p of waiting.values()) p.fail(err);
      waiting.clear();
    };
    w.onmessage = (e: MessageEvent) => {
      const m = e.data;
      if (m.ready !== undefined) return resolve(new Engine(m.ready, call, false, timing(wasm, compiledAt, m.started)));
      if (m.failed !== undefined) {
        w.terminate();
        return reject(new Error(m.failed));
      }
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error !== undefined) p?.fail(new Error(m.error));
      else p?.ok(m.result);
    };
    w.postMessage({ start: { scripts: [scriptURL("wasm_exec.js"), scriptURL("course.js")], params: params() } });
    compiled.then(
      ({ m, at }) => {
        compiledAt = at;
        w.postMessage({ module: m });
      },
      (err) => {
        w.terminate();
        reject(err);
      },
    );
  });
}

// timing is when the engine's start reached each step, for the benchmarks;
// started is the Worker's time since the epoch.
function timing(wasm: string, compiledAt: number, started: number): Timing {
  const r = performance.getEntriesByName(wasm)[0] as PerformanceResourceTiming | undefined;
  return { asked: r?.startTime ?? 0, fetched: r?.responseEnd ?? 0, compiled: compiledAt, started: started - performance.timeOrigin };
}
