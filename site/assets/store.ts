// Everything the course keeps in localStorage: the learner's answers (as
// they type, so a reload or a browser restart loses nothing), runs, timers,
// notes and drill scores.
//
// Keys are per course, not per origin: two courses on one host (two GitHub
// Pages project sites, /a/ and /b/) must not read or overwrite each other's
// answers. A key names the course's id, which the build writes on <body>,
// and the course's folder on its host. Values stored by earlier builds
// under the origin-wide keys are copied into the course's keys once, and
// never removed (another course on the host may still be reading them).
//
// Every failure to store is said to the learner (storageWarning), and the
// writers return false, so that no caller reports a success that did not
// happen.

import type { Meta } from "./engine";
import { getAt, setAt } from "./form";

const course = `katabook:${document.body?.dataset.site ?? ""}@${new URL(".", location.href).pathname}`;

// key is the course's key for one kind of record (answer, runs…) of one name.
export const key = (kind: string, name: string): string => `${course}:${kind}:${name}`;

// legacyKey is where builds before per-course keys kept the same record.
const legacyKey = (kind: string, name: string): string => `katabook:${kind}:${name}`;

// readText returns a record's text, copying it once from its legacy key.
export function readText(kind: string, name: string): string | null {
  try {
    const k = key(kind, name);
    const raw = localStorage.getItem(k);
    if (raw !== null) return raw;
    const done = `${course}:migrated:${kind}:${name}`;
    const old = localStorage.getItem(legacyKey(kind, name));
    if (old === null || localStorage.getItem(done)) return null;
    // Marked as copied, so that clearing the course's answers does not
    // bring the old ones back; a failure here only means copying again.
    try {
      localStorage.setItem(k, old);
      localStorage.setItem(done, "1");
    } catch {
      /* still readable from the legacy key */
    }
    return old;
  } catch {
    return null; // storage refused altogether: nothing saved to read
  }
}

// read parses a record; fallback when absent or unreadable.
export function read<T>(kind: string, name: string, fallback: T): T {
  const raw = readText(kind, name);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

// write stores a record as JSON; on failure it tells the learner what was
// not kept (what) and returns false.
export function write(kind: string, name: string, value: unknown, what: string): boolean {
  return writeText(kind, name, JSON.stringify(value), what);
}

// writeText is write for a record kept as plain text.
export function writeText(kind: string, name: string, text: string, what: string): boolean {
  try {
    localStorage.setItem(key(kind, name), text);
    return true;
  } catch (e) {
    storageWarning(what, e);
    return false;
  }
}

export function remove(kind: string, name: string): void {
  try {
    localStorage.removeItem(key(kind, name));
  } catch {
    /* nothing stored */
  }
}

// isKey tells whether a storage event's key is this course's record.
export const isKey = (k: string | null, kind: string, name: string): boolean => k === key(kind, name);

// storageWarning shows, until dismissed, that the browser refused to keep
// something: the learner must know their work is not saved.
export function storageWarning(what: string, err: unknown): void {
  let box = document.querySelector<HTMLElement>("[data-storage-warning]");
  if (!box) {
    box = document.createElement("div");
    box.className = "storage-warning";
    box.dataset.storageWarning = "";
    box.setAttribute("role", "alert");
    document.querySelector("main")?.prepend(box);
  }
  const full = err instanceof DOMException && err.name === "QuotaExceededError";
  const text = document.createElement("p");
  text.textContent =
    `This browser refused to store ${what}${full ? ": its storage for this site is full" : ""}. ` +
    "It is not saved: export your work, and free some space or allow storage for this site.";
  const dismiss = document.createElement("button");
  dismiss.type = "button";
  dismiss.textContent = "Dismiss";
  dismiss.addEventListener("click", () => box!.remove());
  box.replaceChildren(text, dismiss);
}

// Saved is one page's answer as stored.
export interface Saved {
  version: 1;
  meta: Partial<Meta>;
  answer: any;
  prose: string;
  // Numbers as the imported file spelt them, by JSON pointer (Literals).
  literals?: Record<string, string>;
  savedAt: string;
  // Builds before the answer was kept whole stored here the values the form
  // had no field for, by JSON pointer; still read, never dropped.
  kept?: Record<string, unknown>;
}

// normalise keeps whatever is readable: a newer or older shape is never dropped.
function normalise(s: any): Saved | null {
  if (!s || typeof s !== "object") return null;
  const out: Saved = { ...s, version: 1, meta: s.meta ?? {}, answer: s.answer ?? {}, prose: s.prose ?? "", savedAt: s.savedAt ?? "" };
  // An older build's kept values join the answer, where they are shown,
  // checked and exported like the rest.
  for (const [ptr, v] of Object.entries(s.kept ?? {})) {
    if (out.answer && typeof out.answer === "object" && getAt(out.answer, ptr) === undefined) setAt(out.answer, ptr, v);
  }
  return out;
}

// An answer is stored per page and kata: two pages with the same kata's
// form are two answers.
const answerName = (page: string, kata: string): string => `${page}/${kata}`;

export function load(page: string, kata: string): Saved | null {
  return normalise(read<any>("answer", answerName(page, kata), null)) ?? legacyAnswer(kata);
}

// legacyAnswer reads an answer stored per kata, before answers were per page.
function legacyAnswer(kata: string): Saved | null {
  return normalise(read<any>("answer", kata, null));
}

export const isAnswerKey = (k: string | null, page: string, kata: string): boolean => isKey(k, "answer", answerName(page, kata));

// save stores a whole answer (an import, a progress file).
export function save(page: string, kata: string, s: Omit<Saved, "version" | "savedAt">): boolean {
  return write("answer", answerName(page, kata), { ...s, version: 1, savedAt: new Date().toISOString() }, "your answers");
}

// update applies one change to the latest stored answer and stores it: a
// read-modify-write of one field, so that another tab's changes to other
// fields are not overwritten. It returns the answer as now stored (or, when
// the browser refuses, as it would have been) and whether it was stored.
// After a refusal the caller passes its own answer as base: the stored one
// lacks the changes the browser refused.
export function update(page: string, kata: string, change: (s: Saved) => void, base?: Saved): { saved: Saved; ok: boolean } {
  const s = base ?? load(page, kata) ?? { version: 1, meta: {}, answer: {}, prose: "", savedAt: "" };
  change(s);
  s.savedAt = new Date().toISOString();
  return { saved: s, ok: write("answer", answerName(page, kata), s, "your last change") };
}

// clear removes the page's answer, and the course's copy of a legacy one
// (marked as copied, so it does not come back).
export function clear(page: string, kata: string): void {
  remove("answer", answerName(page, kata));
  remove("answer", kata);
}
