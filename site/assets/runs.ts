// Runs of a kata and the kata timer. A run is one attempt: its subject, when
// it started and finished, the time it took against the kata's limit, and
// the answer as it stood. Runs over the limit are marked, never refused.

import type { Meta } from "./engine";
import { getAt } from "./form";

export interface Run {
  id: string;
  kata: string;
  subject: string;
  distinct: string; // the value the completion rule counts
  started: string;
  finished: string;
  elapsedMs: number;
  limitMs: number;
  over: boolean;
  passed: boolean;
  errors: number;
  meta: Partial<Meta>;
  answer: any;
  prose: string;
}

interface TimerState {
  started: string; // when the run began
  runningSince: number | null; // Date.now() when last started or resumed
  accumulated: number; // ms counted before runningSince
}

const runsKey = (kata: string) => `katabook:runs:${kata}`;
const timerKey = (kata: string) => `katabook:timer:${kata}`;

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function loadRuns(kata: string): Run[] {
  const runs = read<unknown>(runsKey(kata), []);
  return Array.isArray(runs) ? (runs as Run[]) : [];
}

export function saveRuns(kata: string, runs: Run[]): boolean {
  return write(runsKey(kata), runs);
}

// distinctValue is what the completion rule counts for a run: its subject
// or the answer's value at a JSON pointer, normalised.
export function distinctValue(rule: string, meta: Partial<Meta>, answer: any): string {
  const v = rule.startsWith("/") ? getAt(answer, rule) : meta.subject;
  return String(v ?? "").trim().toLowerCase();
}

export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

// Timer counts one run's time, kept in localStorage so a reload or a
// closed tab does not lose it.
export class Timer {
  constructor(private kata: string) {}

  private state(): TimerState | null {
    return read<TimerState | null>(timerKey(this.kata), null);
  }

  elapsed(): number {
    const s = this.state();
    if (!s) return 0;
    return s.accumulated + (s.runningSince !== null ? Date.now() - s.runningSince : 0);
  }

  running(): boolean {
    return this.state()?.runningSince != null;
  }

  started(): string | null {
    return this.state()?.started ?? null;
  }

  start(): void {
    const s = this.state() ?? { started: new Date().toISOString(), runningSince: null, accumulated: 0 };
    if (s.runningSince === null) s.runningSince = Date.now();
    write(timerKey(this.kata), s);
  }

  pause(): void {
    const s = this.state();
    if (!s || s.runningSince === null) return;
    s.accumulated += Date.now() - s.runningSince;
    s.runningSince = null;
    write(timerKey(this.kata), s);
  }

  reset(): void {
    try {
      localStorage.removeItem(timerKey(this.kata));
    } catch {
      /* nothing stored */
    }
  }
}
