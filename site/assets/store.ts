// Keeps the learner's answers in localStorage as they type, so a reload or
// a browser restart loses nothing.

import type { Meta } from "./engine";

export interface Saved {
  version: 1;
  meta: Partial<Meta>;
  answer: any;
  prose: string;
  savedAt: string;
  // kept holds answers the current form has no field for (the kata's
  // schema changed since they were typed), by JSON pointer: never dropped.
  kept: Record<string, unknown>;
}

const key = (kata: string) => `katabook:answer:${kata}`;

export function load(kata: string): Saved | null {
  try {
    const raw = localStorage.getItem(key(kata));
    if (!raw) return null;
    const s = JSON.parse(raw);
    if (!s || typeof s !== "object") return null;
    // Keep whatever is readable: a newer or older shape is never dropped.
    return { version: 1, meta: s.meta ?? {}, answer: s.answer ?? {}, prose: s.prose ?? "", savedAt: s.savedAt ?? "", kept: s.kept ?? {} };
  } catch {
    return null;
  }
}

// save returns false when the browser refuses to store (private mode, quota).
export function save(kata: string, meta: Partial<Meta>, answer: any, prose: string, kept: Record<string, unknown>): boolean {
  const s: Saved = { version: 1, meta, answer, prose, savedAt: new Date().toISOString(), kept };
  try {
    localStorage.setItem(key(kata), JSON.stringify(s));
    return true;
  } catch {
    return false;
  }
}

export function clear(kata: string): void {
  try {
    localStorage.removeItem(key(kata));
  } catch {
    /* nothing stored */
  }
}
