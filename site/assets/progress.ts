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

// A technique note is kept as plain text, as builds before per-course keys
// kept it.
export function loadTechnique(kata: string): string {
  return store.readText("technique", kata) ?? "";
}

export function saveTechnique(kata: string, text: string): boolean {
  return store.writeText("technique", kata, text, "your note on this kata's technique");
}

// cards are the index's kata cards: each kata and the page its form is on.
function cards(): { kata: string; page: string }[] {
  return Array.from(document.querySelectorAll<HTMLElement>(".kata-card[data-kata]")).map((c) => ({
    kata: c.dataset.kata!,
    page: c.dataset.page ?? c.dataset.kata!,
  }));
}

export function exportProgress(): string {
  const file: ProgressFile = { format: "katabook-progress", version: 1, exported: new Date().toISOString(), katas: {} };
  for (const { kata, page } of cards()) {
    file.katas[kata] = { runs: loadRuns(kata), answer: store.load(page, kata), technique: loadTechnique(kata) };
  }
  return JSON.stringify(file, null, 2);
}

function isRun(r: any): r is Run {
  return r && typeof r === "object" && typeof r.id === "string" && typeof r.elapsedMs === "number" && typeof r.passed === "boolean";
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

// importProgress validates a progress file and merges it: runs are added
// (never duplicated), and a saved answer or note is taken only where this
// browser has none, so nothing here is overwritten. Returns what happened:
// only what was stored counts as imported, and what the browser refused to
// store is said.
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
  let runsIn = 0;
  let answersIn = 0;
  const refused: string[] = [];
  for (const { kata, page } of cards()) {
    const entry = file.katas[kata];
    if (!entry || typeof entry !== "object") continue;
    const runs = loadRuns(kata);
    const ids = new Set(runs.map((r) => r.id));
    let added = 0;
    for (const r of Array.isArray(entry.runs) ? entry.runs : []) {
      if (isRun(r) && !ids.has(r.id)) {
        runs.push({ ...r, kata, subject: String(r.subject ?? ""), distinct: String(r.distinct ?? "") });
        ids.add(r.id);
        added++;
      }
    }
    if (added && saveRuns(kata, runs)) runsIn += added;
    else if (added) refused.push(`${plural(added, "run")} of ${kata}`);
    if (typeof entry.technique === "string" && entry.technique !== "" && loadTechnique(kata) === "" && !saveTechnique(kata, entry.technique)) {
      refused.push(`the technique note of ${kata}`);
    }
    const a = entry.answer;
    if (a && typeof a === "object" && typeof a.answer === "object" && !store.load(page, kata)) {
      const saved = { ...a, meta: a.meta ?? {}, prose: typeof a.prose === "string" ? a.prose : "" };
      if (store.save(page, kata, saved)) answersIn++;
      else refused.push(`the saved answer of ${kata}`);
    }
  }
  const done = `Imported ${plural(runsIn, "run")} and ${plural(answersIn, "saved answer")}.`;
  return refused.length ? `${done} Not imported, because this browser refused to store them: ${refused.join(", ")}.` : done;
}
