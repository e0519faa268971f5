// The progress board on the index page, and progress as one file: every
// kata's runs and saved answers, to move to another machine.

import { fmtDuration, loadRuns, Run, saveRuns } from "./runs";
import * as store from "./store";

export interface Summary {
  runs: number;
  subjects: number;
  best: number | null; // fastest passing run, ms
  over: number;
  distinctPassing: number;
  done: boolean;
}

export function summarise(runs: Run[], need: number): Summary {
  const passing = runs.filter((r) => r.passed);
  const distinct = new Set(passing.map((r) => r.distinct).filter((d) => d !== ""));
  const times = passing.map((r) => r.elapsedMs);
  return {
    runs: runs.length,
    subjects: new Set(runs.map((r) => r.subject.trim().toLowerCase()).filter((s) => s !== "")).size,
    best: times.length ? Math.min(...times) : null,
    over: runs.filter((r) => r.over).length,
    distinctPassing: distinct.size,
    done: need > 0 && distinct.size >= need,
  };
}

export function drawBoard(): void {
  document.querySelectorAll<HTMLElement>(".kata-card[data-kata]").forEach((card) => {
    const kata = card.dataset.kata!;
    const limitMin = Number(card.dataset.timeLimit || 0);
    const need = Number(card.dataset.completionCount || 0);
    const s = summarise(loadRuns(kata), need);
    const out = card.querySelector<HTMLElement>("[data-progress]");
    if (!out) return;
    card.dataset.done = String(s.done);
    if (s.runs === 0) {
      out.textContent = "No runs yet.";
      return;
    }
    const parts = [
      `${s.runs} run${s.runs === 1 ? "" : "s"}`,
      `${s.subjects} distinct subject${s.subjects === 1 ? "" : "s"}`,
      s.best !== null ? `best passing time ${fmtDuration(s.best)} of ${limitMin}:00` : "no passing run yet",
    ];
    if (s.over) parts.push(`${s.over} over the time limit`);
    parts.push(s.done ? "✓ complete" : `${s.distinctPassing} of ${need} toward completion`);
    out.textContent = parts.join(" · ");
  });
}

// The progress file's shape; its format tag and version are checked on import.
interface ProgressFile {
  format: "katabook-progress";
  version: 1;
  exported: string;
  katas: Record<string, { runs: Run[]; answer: store.Saved | null; technique: string }>;
}

const techniqueKey = (kata: string) => `katabook:technique:${kata}`;

export function loadTechnique(kata: string): string {
  try {
    return localStorage.getItem(techniqueKey(kata)) ?? "";
  } catch {
    return "";
  }
}

export function saveTechnique(kata: string, text: string): void {
  try {
    localStorage.setItem(techniqueKey(kata), text);
  } catch {
    /* kept for this page only */
  }
}

function katasOnPage(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>(".kata-card[data-kata]")).map((c) => c.dataset.kata!);
}

export function exportProgress(): string {
  const file: ProgressFile = { format: "katabook-progress", version: 1, exported: new Date().toISOString(), katas: {} };
  for (const kata of katasOnPage()) {
    file.katas[kata] = { runs: loadRuns(kata), answer: store.load(kata), technique: loadTechnique(kata) };
  }
  return JSON.stringify(file, null, 2);
}

function isRun(r: any): r is Run {
  return r && typeof r === "object" && typeof r.id === "string" && typeof r.elapsedMs === "number" && typeof r.passed === "boolean";
}

// importProgress validates a progress file and merges it: runs are added
// (never duplicated), and a saved answer is taken only where this browser
// has none, so nothing here is overwritten. Returns what happened.
export function importProgress(text: string): string {
  let file: any;
  try {
    file = JSON.parse(text);
  } catch {
    throw new Error("not a JSON file");
  }
  if (!file || file.format !== "katabook-progress" || file.version !== 1 || typeof file.katas !== "object") {
    throw new Error("not a katabook progress file (version 1)");
  }
  let added = 0;
  let answers = 0;
  for (const kata of katasOnPage()) {
    const entry = file.katas[kata];
    if (!entry || typeof entry !== "object") continue;
    const runs = loadRuns(kata);
    const ids = new Set(runs.map((r) => r.id));
    for (const r of Array.isArray(entry.runs) ? entry.runs : []) {
      if (isRun(r) && !ids.has(r.id)) {
        runs.push({ ...r, kata, subject: String(r.subject ?? ""), distinct: String(r.distinct ?? "") });
        ids.add(r.id);
        added++;
      }
    }
    saveRuns(kata, runs);
    if (typeof entry.technique === "string" && entry.technique !== "" && loadTechnique(kata) === "") {
      saveTechnique(kata, entry.technique);
    }
    const a = entry.answer;
    if (a && typeof a === "object" && typeof a.answer === "object" && !store.load(kata)) {
      store.save(kata, a.meta ?? {}, a.answer, typeof a.prose === "string" ? a.prose : "", a.kept ?? {});
      answers++;
    }
  }
  return `Imported ${added} run${added === 1 ? "" : "s"} and ${answers} saved answer${answers === 1 ? "" : "s"}.`;
}
