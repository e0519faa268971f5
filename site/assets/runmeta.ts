// The run's front matter for an exported submission: when it started and
// finished, how long the kata timer ran, whether that was over the kata's
// limit, and the ruleset this page checks with. `katabook check` holds
// these to each other (rules run/*), and `katabook report` shows them.

import type { Run, Timer } from "./runs";

export interface RunMeta {
  started?: string;
  finished?: string;
  elapsed?: number; // seconds
  over_limit?: boolean;
  ruleset?: string;
}

// runMeta is the run in progress (the timer started, running or paused),
// else the last finished run, else nothing: an answer typed without the
// timer exports without a run.
export function runMeta(timer: Timer, runs: Run[], limitMs: number, ruleset: string): RunMeta {
  const started = timer.started();
  if (started) {
    const ms = timer.elapsed();
    return { started, elapsed: ms / 1000, over_limit: limitMs > 0 && ms > limitMs, ruleset };
  }
  const last = runs[runs.length - 1];
  if (!last) return {};
  return { started: last.started, finished: last.finished, elapsed: last.elapsedMs / 1000, over_limit: last.over, ruleset };
}
