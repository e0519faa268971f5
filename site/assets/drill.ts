// Fluency drills on a kata page: the engine generates an exercise from a
// seed and judges the answer; the running score is kept in localStorage.
// ?drill=SEED in the address replays one.

import { Drill, engine, settled } from "./engine";
import * as store from "./store";

interface Score {
  seed: number;
  right: number;
  total: number;
  // seen are the prompts of the current set: Next skips them until the
  // drill has shown every prompt it has; timeMs is the time taken over
  // all first answers.
  seen?: string[];
  timeMs?: number;
}

// A drill with fewer prompts than this many seeds in a row is used up.
const MAX_TRIES = 200;

function loadScore(kata: string): Score {
  const s = store.read<any>("drill", kata, null);
  if (s && typeof s.seed === "number") return s;
  return { seed: crypto.getRandomValues(new Uint32Array(1))[0], right: 0, total: 0 };
}

function saveScore(kata: string, s: Score): void {
  store.write("drill", kata, s, "your drill score");
}

export function setupDrill(box: HTMLElement): void {
  const kata = box.dataset.drill!;
  const prompt = box.querySelector<HTMLElement>("[data-drill-prompt]")!;
  const fieldsBox = box.querySelector<HTMLElement>("[data-drill-fields]")!;
  const verdict = box.querySelector<HTMLElement>("[data-drill-verdict]")!;
  const scoreLine = box.querySelector<HTMLElement>("[data-drill-score]")!;
  const score = loadScore(kata);
  const replay = Number(new URLSearchParams(location.search).get("drill"));
  if (Number.isInteger(replay) && replay >= 0 && new URLSearchParams(location.search).has("drill")) score.seed = replay;
  let answered = false;
  let shownAt = 0;

  const showScore = (): void => {
    const avg = score.total && score.timeMs ? ` Average time: ${(score.timeMs / score.total / 1000).toFixed(1)} s.` : "";
    scoreLine.textContent = `Score: ${score.right} of ${score.total}.${avg} This drill's seed: ${score.seed} (replay with ?drill=${score.seed}).`;
  };

  const show = async (): Promise<void> => {
    const e = await engine();
    const d: Drill = await e.drill(kata, score.seed);
    prompt.textContent = d.prompt;
    fieldsBox.replaceChildren();
    for (const f of d.fields) {
      const id = `drill-${kata}-${f.name}`;
      const wrap = document.createElement("div");
      wrap.className = "field";
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = f.unit ? `${f.label} (${f.unit})` : f.label;
      let input: HTMLInputElement | HTMLSelectElement;
      if (f.choices) {
        input = document.createElement("select");
        for (const c of ["", ...f.choices]) {
          const o = document.createElement("option");
          o.value = c;
          o.textContent = c === "" ? "choose…" : c;
          input.appendChild(o);
        }
      } else {
        input = document.createElement("input");
        input.inputMode = "decimal";
        input.autocomplete = "off";
      }
      input.id = id;
      input.dataset.drillField = f.name;
      wrap.append(label, input);
      fieldsBox.appendChild(wrap);
    }
    verdict.textContent = "";
    delete verdict.dataset.correct;
    delete verdict.dataset.tookMs;
    answered = false;
    shownAt = performance.now();
    score.seen = [...(score.seen ?? []).filter((p) => p !== d.prompt), d.prompt].slice(-500);
    saveScore(kata, score);
    showScore();
  };

  // next moves to the next seed whose prompt this set has not shown; when
  // every prompt has been seen, a new set starts.
  const next = async (): Promise<void> => {
    const e = await engine();
    const seen = new Set(score.seen ?? []);
    for (let i = 0; i < MAX_TRIES; i++) {
      score.seed = (score.seed + 1) >>> 0;
      if (!seen.has((await e.drill(kata, score.seed)).prompt)) return;
    }
    score.seen = []; // the set is used up: start again
  };

  box.addEventListener("click", async (ev) => {
    const action = (ev.target as HTMLElement).dataset.action;
    if (action === "drill-check") {
      const answers: Record<string, string> = {};
      box.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-drill-field]").forEach((el) => {
        answers[el.dataset.drillField!] = el.value;
      });
      const v = await (await engine()).checkDrill(kata, score.seed, answers);
      if (!answered) {
        answered = true; // only the first try of a drill counts, and is timed
        const took = performance.now() - shownAt;
        score.total++;
        score.timeMs = (score.timeMs ?? 0) + took;
        if (v.correct) score.right++;
        saveScore(kata, score);
        verdict.dataset.tookMs = String(Math.round(took));
      }
      verdict.textContent = `${v.explanation} (answered in ${(Number(verdict.dataset.tookMs) / 1000).toFixed(1)} s)`;
      verdict.dataset.correct = String(v.correct);
      showScore();
    } else if (action === "drill-next") {
      await next();
      saveScore(kata, score);
      await show();
    }
  });
  // The first drill waits for the form's first verdict: on one engine,
  // making the drill's prompt first would hold up the verdict.
  settled()
    .then(show)
    .catch((err) => (prompt.textContent = `The drill could not start: ${err}`));
}
