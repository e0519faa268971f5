// A kata page's form: restores the learner's saved answer, checks it with
// the WebAssembly engine as they type, saves every keystroke, and exports
// or imports the answer as a submission Markdown file.
//
// The answer the page checks, saves and exports is the stored answer
// (Saved), not what the controls show: a value no control can hold as it
// is (a choice the form does not offer, a newline in a one-line text, rows
// past the ones shown) stays in it unchanged, so the page judges and
// exports what `katabook check` would read. A keystroke changes one field
// of the latest stored answer, and another tab's changes are taken in.

import { ask, notice } from "./dialog";
import { Engine, engine as startEngine, Meta, Report, SETTLED } from "./engine";
import { addRow, Control, deleteAt, fill, fillControls, Filled, getAt, markKept, moveRow, readValue, setAt } from "./form";
import { showReport } from "./report";
import { VerdictBar } from "./bar";
import { placeCharts } from "./chart";
import { printCopy } from "./print";
import { distinctValue, fmtDuration, loadRuns, Run, saveRuns, Timer } from "./runs";
import { runMeta } from "./runmeta";
import * as store from "./store";
import { decodeFile } from "./submission";
import { download, slug } from "./download";
import { chosenOnly, showChosen } from "./when";
import { expandTime, firstOf } from "./timeof";

function setStatus(form: HTMLElement, text: string, state: string): void {
  // The engine's own failure is also said in the verdict bar, in sight.
  const bar = document.querySelector<HTMLElement>("[data-verdict-bar]");
  if (bar && state === "error") {
    bar.querySelector("[data-bar-text]")!.textContent = text;
    bar.dataset.state = "fail";
  }
  const s = form.querySelector<HTMLElement>("[data-status]");
  if (!s) return;
  s.textContent = text;
  s.dataset.state = state;
}

const emptyAnswer = (): store.Saved => ({ version: 1, meta: {}, answer: {}, prose: "", savedAt: "" });

// changeOf is what a keystroke in control c changes in a stored answer.
function changeOf(c: Control): ((s: store.Saved) => void) | null {
  const ptr = c.dataset.pointer;
  if (ptr !== undefined) {
    const v = readValue(c);
    return (s) => {
      if (s.answer === null || typeof s.answer !== "object") s.answer = {}; // typing makes it an answer again
      if (s.literals) delete s.literals[ptr]; // the typed value replaces the file's spelling
      if (v === undefined) deleteAt(s.answer, ptr);
      else setAt(s.answer, ptr, v);
    };
  }
  if (c.dataset.meta !== undefined) return (s) => void (s.meta = { ...s.meta, [c.dataset.meta!]: c.value });
  if (c.dataset.prose !== undefined) return (s) => void (s.prose = c.value);
  return null;
}

export function setupKata(form: HTMLFormElement): void {
  const kata = form.dataset.kata!;
  const page = document.body.dataset.page ?? kata;
  let engine: Engine | null = null;
  let checks = 0;
  let refused = false; // the browser refused the last change
  let model: store.Saved = store.load(page, kata) ?? emptyAnswer();
  // refill shows the model: its values, and only the fields its choices ask for.
  const refill = (): Filled => {
    const f = fill(form, model);
    showChosen(form, model.answer);
    return f;
  };
  let shown: Filled = refill();
  placeCharts(form);
  const barBox = document.querySelector<HTMLElement>("[data-verdict-bar]");
  const bar = barBox ? new VerdictBar(barBox, form) : null;

  // The printed copy is written when the learner prints (Chromium's
  // print to PDF too), and goes after: the page keeps one of each chart.
  const paper = document.createElement("section");
  paper.className = "print-copy";
  paper.dataset.printCopy = "";
  form.after(paper);
  window.addEventListener("beforeprint", () => printCopy(form, paper, model));
  window.addEventListener("afterprint", () => paper.replaceChildren());

  const importBox = document.createElement("div");
  importBox.className = "import-notice";
  importBox.dataset.importNotice = "";
  importBox.setAttribute("role", "alert");
  importBox.hidden = true;
  form.querySelector(".actions")?.after(importBox);

  // What the form cannot show is said beside the findings, after each check.
  const showKept = (): void => {
    const box = form.querySelector<HTMLElement>("[data-findings]");
    if (!box) return;
    const say = (text: string): void => {
      const li = document.createElement("li");
      li.className = "kept";
      li.textContent = text;
      box.appendChild(li);
    };
    const entries = Object.entries(shown.unplaced);
    if (entries.length) {
      say("Kept from an earlier version of this kata (no field for them now): " + entries.map(([p, v]) => `${p} = ${String(v)}`).join("; "));
    }
    for (const h of shown.hidden) {
      say(`${h.list} has ${h.total} rows; the form shows the first ${h.shown}. The other ${h.total - h.shown} are kept as they are, checked and exported: edit them in the file.`);
    }
  };

  const meta = (): Meta => ({ title: "", author: "", date: "", subject: "", ...model.meta, kata }) as Meta;
  // What the page checks and exports: the answer without what fields of an
  // unchosen choice hold (when.ts), which stays stored for when it returns.
  const markdown = (m: Meta = meta()): Promise<string> => {
    const { answer, literals } = chosenOnly(form, model.answer, model.literals);
    return engine!.render(m, answer, model.prose, literals);
  };
  (form as any).katabookMarkdown = markdown; // for tests: what export writes, without the run

  // Checking. A change asks for a check of the answer as it then stands;
  // checks start at most once per animation frame and one at a time, and
  // the latest answer wins: a check that ends after a newer change is
  // stale, its verdict is dropped and the newer answer is checked. The
  // engine runs in a Worker, so typing goes on while it checks.
  let asked = 0; // the answer's version: one more per change
  let running = false;
  let queued = false;
  let lastCheckMs = 0;
  const check = async (): Promise<void> => {
    if (!engine || running) return; // the check in flight checks again when it ends
    running = true;
    const mine = asked;
    const started = performance.now();
    try {
      const rep = await engine.check(await markdown());
      if (mine === asked) {
        // Kept on the form so tests can compare the page's verdict with the CLI's.
        (form as any).katabookReport = rep;
        const verdict = showReport(form, rep);
        showKept();
        bar?.show(verdict);
      }
    } catch (e) {
      if (mine === asked) setStatus(form, `The engine failed: ${(e as Error).message}`, "error");
    }
    running = false;
    lastCheckMs = performance.now() - started;
    if (mine !== asked) return schedule();
    form.dataset.checkMs = lastCheckMs.toFixed(1); // engine and rendering, for measurements
    form.dataset.checks = String(++checks);
    // Time to interactive: navigation start to the first verdict on the page.
    if (form.dataset.readyMs === undefined) {
      form.dataset.readyMs = String(Math.round(performance.now()));
      document.dispatchEvent(new Event(SETTLED));
    }
  };
  // schedule checks at the next frame (a hidden tab has no frames: at
  // once). An engine on the page's own thread holds the page while it
  // checks: after a slow check (a file's 20,000 timeline rows take seconds)
  // it waits for a pause in the typing, twice the check's time, as before.
  const schedule = (): void => {
    if (queued) return;
    queued = true;
    const go = (): void => {
      queued = false;
      void check();
    };
    const pause = engine?.onPage && lastCheckMs > 50 ? 2 * lastCheckMs : 0;
    if (pause) window.setTimeout(go, pause);
    else if (document.hidden) window.setTimeout(go, 0);
    else requestAnimationFrame(go);
  };
  const later = (): void => {
    asked++;
    schedule();
  };

  const save = (change: (s: store.Saved) => void): void => {
    const r = store.update(page, kata, change, refused ? model : undefined);
    model = r.saved;
    refused = !r.ok;
  };
  // A row moved or removed: the stored answer changes, then the rows show
  // it; a removed row takes the last row of controls with it (one stays).
  const rowAction = (t: HTMLElement): void => {
    const list = t.closest<HTMLElement>("[data-rows]");
    const row = t.closest<HTMLElement>("[data-row]");
    if (!list || !row) return;
    const i = Number(row.dataset.row);
    const to = t.dataset.action === "row-remove" ? null : i + (t.dataset.action === "row-up" ? -1 : 1);
    if (to !== null && (to < 0 || to >= list.children.length)) return;
    save((s) => moveRow(s, list.dataset.rows!, i, to));
    if (to === null && list.children.length > 1) list.lastElementChild!.remove();
    fillControls(form, model.answer, model.literals);
    showChosen(form, model.answer);
    // The same button of the row's new place keeps the focus, so the
    // keyboard can go on moving it.
    const at = list.children[Math.min(to ?? i, list.children.length - 1)];
    at?.querySelector<HTMLElement>(`[data-action="${t.dataset.action}"]`)?.focus();
    later();
  };

  form.addEventListener("input", (e) => {
    const c = e.target as Control;
    const change = changeOf(c);
    if (!change) return;
    // At once: a keystroke is never lost to a debounce. On a refusal the
    // answer still changes on this page (and store said so), and goes on
    // from this page's answer until the browser stores again.
    save(change);
    showChosen(form, model.answer);
    markKept(c, c.dataset.pointer !== undefined ? getAt(model.answer, c.dataset.pointer) : (model.meta as any)[c.dataset.meta ?? ""], model.literals?.[c.dataset.pointer ?? ""]);
    later();
  });
  form.addEventListener("submit", (e) => e.preventDefault());

  // Another tab of this page saved: take its answer in and show it.
  window.addEventListener("storage", (e) => {
    if (!store.isAnswerKey(e.key, page, kata)) return;
    model = store.load(page, kata) ?? emptyAnswer();
    shown = refill();
    later();
  });

  setupRuns(form, barBox ?? form, kata, async () => {
    // Judge the answer as it stands now (the engine answers its calls in
    // order, so this waits behind a check in flight), then show it.
    const answer = { meta: meta(), answer: model.answer, prose: model.prose };
    const rep = engine ? await engine.check(await markdown()).catch(() => undefined) : undefined;
    later();
    return { rep, ...answer };
  });

  const filename = (ext: string): string => `${kata}-${slug(model.meta.subject || model.meta.title || "answer")}.${ext}`;
  form.addEventListener("click", async (e) => {
    const t = e.target as HTMLElement;
    switch (t.dataset.action) {
      case "add-row": {
        const list = form.querySelector<HTMLElement>(`[data-rows="${CSS.escape(t.dataset.list!)}"]`);
        if (list) addRow(list);
        fillControls(form, model.answer, model.literals); // a row past the shown ones may hold values
        showChosen(form, model.answer);
        break;
      }
      case "row-up":
      case "row-down":
      case "row-remove":
        rowAction(t);
        break;
      case "export":
        if (engine) {
          // The file carries the run (runmeta.ts); the page's own checks do not need it.
          const limitMs = Number(form.closest<HTMLElement>("article")?.dataset.timeLimit || 0) * 60_000;
          const run = runMeta(new Timer(kata), loadRuns(kata), limitMs, engine.ruleset);
          download(filename("md"), await markdown({ ...meta(), ...run } as Meta));
        }
        break;
      case "export-format":
        if (!engine) return;
        try {
          const text = await engine.export(await markdown(), t.dataset.format!);
          download(filename(t.dataset.ext!), text, "application/yaml;charset=utf-8");
        } catch (err) {
          setStatus(form, `Nothing to download: ${(err as Error).message}`, "fail");
        }
        break;
      case "clear":
        if (await ask("Clear every answer on this page? Export first if you want to keep them.", "Clear answers", "Keep them")) {
          store.clear(page, kata);
          model = emptyAnswer();
          shown = refill();
          later();
        }
        break;
    }
  });

  const importFile = async (file: File): Promise<void> => {
    const kept = "Nothing was changed: your answers on this page are as they were.";
    let text: string;
    try {
      text = decodeFile(new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      notice(importBox, `Could not import ${file.name}: ${(err as Error).message}. ${kept}`, "fail");
      return;
    }
    const parsed = await engine!.parse(text);
    if (parsed.answer === null) {
      const why = parsed.findings
        .filter((f) => f.severity === "error")
        .map((f) => `line ${f.line}: ${f.message}`)
        .join("; ");
      notice(importBox, `Could not import ${file.name}: ${why || "it has no answer block"}. ${kept}`, "fail");
      return;
    }
    if (parsed.meta.kata !== kata) {
      const whose = parsed.meta.kata ? `is for the kata "${parsed.meta.kata}", not "${kata}"` : "names no kata";
      const yes = await ask(`${file.name} ${whose}. Replace every answer on this page with the file's?`, "Replace my answers", "Keep my answers");
      if (!yes) {
        notice(importBox, `Did not import ${file.name}. ${kept}`, "fail");
        return;
      }
    }
    model = { version: 1, meta: { ...parsed.meta, kata }, answer: parsed.answer, literals: parsed.literals, prose: parsed.prose, savedAt: "" };
    const ok = store.save(page, kata, model);
    refused = !ok;
    shown = refill();
    later();
    notice(
      importBox,
      ok ? `Imported ${file.name}.` : `Imported ${file.name} into this page, but this browser refused to store it: export it again before you leave.`,
      ok ? "pass" : "fail",
    );
  };

  form.addEventListener("change", (e) => {
    const input = e.target as HTMLInputElement;
    const first = input.dataset.timestamp !== undefined ? firstOf(input.dataset.pointer!) : null;
    if (first !== null) {
      const at = getAt(model.answer, first);
      const full = typeof at === "string" ? expandTime(input.value, at) : null;
      if (full) {
        input.value = full; // the field shows what is stored
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return;
    }
    if (input.dataset.action !== "import" || !input.files?.length || !engine) return;
    const file = input.files[0];
    importFile(file)
      .catch((err) => notice(importBox, `Could not import ${file.name}: ${err}. Nothing was changed.`, "fail"))
      .finally(() => (input.value = ""));
  });

  startEngine()
    .then((e) => {
      engine = e;
      const rs = form.querySelector<HTMLElement>("[data-ruleset]");
      if (rs) rs.textContent = e.ruleset;
      form.dataset.engine = e.onPage ? "page" : "worker"; // where it runs, for tests
      if (e.timing) {
        // The engine's start, in the page's time (ms since navigation), for the benchmarks.
        const t = e.timing;
        const ms = Math.round;
        form.dataset.engineMs = `asked ${ms(t.asked)} fetched ${ms(t.fetched)} compiled ${ms(t.compiled)} started ${ms(t.started)}`;
      }
      void check();
    })
    .catch((err) => {
      setStatus(form, `Could not start the checking engine: ${err}. Your answers are still saved.`, "error");
      document.dispatchEvent(new Event(SETTLED));
    });
}

// setupRuns runs the kata timer: a countdown from the kata's time limit;
// finishing a run records it, with its time and answer, for the progress
// board. judge checks the answer as it stands and returns it. The timer's
// display and buttons are in box (the verdict bar); its state is also on
// the form (data-timer).
function setupRuns(
  form: HTMLFormElement,
  box: HTMLElement,
  kata: string,
  judge: () => Promise<{ rep: Report | undefined; meta: Meta; answer: any; prose: string }>,
): void {
  const runTimer = new Timer(kata);
  const article = form.closest<HTMLElement>("article");
  const limitMs = Number(article?.dataset.timeLimit || 0) * 60_000;
  const distinctRule = article?.dataset.completionDistinct || "subject";
  const display = box.querySelector<HTMLElement>("[data-timer-display]");
  const note = box.querySelector<HTMLElement>("[data-timer-note]");
  const button = (action: string) => box.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  const tick = (): void => {
    if (!display) return;
    const left = limitMs - runTimer.elapsed();
    display.textContent = limitMs ? (left >= 0 ? fmtDuration(left) : `+${fmtDuration(-left)}`) : fmtDuration(runTimer.elapsed());
    display.dataset.over = String(limitMs > 0 && left < 0);
    const state = runTimer.running() ? "running" : runTimer.started() ? "paused" : "idle";
    form.dataset.timer = state;
    // The buttons say where the run is: a run is timed from Start to
    // Finish, so Finish waits for a started run, and Start for a stopped one.
    const start = button("timer-start"), pause = button("timer-pause"), finish = button("run-finish");
    if (start) {
      start.disabled = state === "running";
      start.textContent = { idle: "Start run", paused: "Resume run", running: "Running…" }[state];
    }
    if (pause) pause.disabled = state !== "running";
    if (finish) finish.disabled = state === "idle";
    display.closest<HTMLElement>("[data-timer]")?.setAttribute("data-state", state);
  };
  tick();
  window.setInterval(tick, 500);
  const finishRun = async (): Promise<void> => {
    if (!runTimer.started()) {
      // Without a start there is no time to record, and a run of 00:00
      // would stand as the best time.
      if (note) note.textContent = "Start the run first: a run is timed from Start run to Finish run.";
      return;
    }
    const { rep, meta, answer, prose } = await judge();
    const elapsed = runTimer.elapsed();
    const errors = rep ? rep.findings.filter((f) => f.severity === "error").length : -1;
    const run: Run = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      kata,
      subject: meta.subject,
      distinct: distinctValue(distinctRule, meta, answer),
      started: runTimer.started()!,
      finished: new Date().toISOString(),
      elapsedMs: elapsed,
      limitMs,
      over: limitMs > 0 && elapsed > limitMs,
      passed: errors === 0,
      errors,
      meta,
      answer,
      prose,
    };
    const runs = loadRuns(kata);
    runs.push(run);
    const ok = saveRuns(kata, runs);
    if (ok) runTimer.reset(); // a run not stored keeps its timer
    tick();
    if (note) {
      note.textContent = ok
        ? `Run recorded: ${fmtDuration(elapsed)}${run.over ? ", over the time limit" : ""}, ` +
          `${run.passed ? "passing" : `${errors} error${errors === 1 ? "" : "s"} left`}; ` +
          `${runs.length} run${runs.length === 1 ? "" : "s"} of this kata so far.`
        : "This browser refused to store the run, so it is not recorded: export your answer.";
    }
  };
  box.addEventListener("click", (e) => {
    switch ((e.target as HTMLElement).dataset.action) {
      case "timer-start":
        runTimer.start();
        tick();
        break;
      case "timer-pause":
        runTimer.pause();
        tick();
        break;
      case "run-finish":
        void finishRun();
        break;
    }
  });
}
