// Runs of a kata and the kata timer. A run is one attempt: its subject, when
// it started and finished, the time it took against the kata's limit, and
// the answer as it stood. Runs over the limit are marked, never refused.

import type { Meta } from "./engine";
import { getAt } from "./form";
import * as store from "./store";

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

export function loadRuns(kata: string): Run[] {
  const runs = store.read<unknown>("runs", kata, []);
  return Array.isArray(runs) ? (runs as Run[]) : [];
}

export function saveRuns(kata: string, runs: Run[]): boolean {
  return store.write("runs", kata, runs, "the runs of this kata");
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
    return store.read<TimerState | null>("timer", this.kata, null);
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
    store.write("timer", this.kata, s, "the kata timer");
  }

  pause(): void {
    const s = this.state();
    if (!s || s.runningSince === null) return;
    s.accumulated += Date.now() - s.runningSince;
    s.runningSince = null;
    store.write("timer", this.kata, s, "the kata timer");
  }

  reset(): void {
    store.remove("timer", this.kata);
  }
}
