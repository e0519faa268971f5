// The page script of a kata: restores the learner's saved answer, checks it
// with the WebAssembly engine as they type, saves every keystroke, and
// exports or imports the answer as a submission Markdown file.

import { Engine, engine as startEngine, Report } from "./engine";
import { setupDrill } from "./drill";
import { addRow, collect, collectMeta, collectProse, fill } from "./form";
import { drawBoard, exportProgress, importProgress, loadTechnique, saveTechnique } from "./progress";
import { showReport } from "./report";
import { setupSearch } from "./search";
import { addAnchors, drawSidebar, setupTheme } from "./theme";
import { distinctValue, fmtDuration, loadRuns, Run, saveRuns, Timer } from "./runs";
import { runMeta } from "./runmeta";
import * as store from "./store";

const DEBOUNCE_MS = 250;

function setStatus(form: HTMLElement, text: string, state: string): void {
  const s = form.querySelector<HTMLElement>("[data-status]");
  if (!s) return;
  s.textContent = text;
  s.dataset.state = state;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "answer";
}

function download(name: string, text: string, type = "text/markdown;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function setup(form: HTMLFormElement): void {
  const kata = form.dataset.kata!;
  let engine: Engine | null = null;
  let pending: number | undefined;
  let checks = 0;
  let storageOK = true;

  // Answers the form has no field for any more (the kata changed since they
  // were typed) are kept beside the answer and shown, never dropped.
  const saved = store.load(kata);
  let kept: Record<string, unknown> = saved?.kept ?? {};
  if (saved) kept = { ...kept, ...fill(form, saved.meta, saved.answer, saved.prose) };
  const showKept = (): void => {
    const box = form.querySelector<HTMLElement>("[data-findings]");
    if (!box || Object.keys(kept).length === 0) return;
    const li = document.createElement("li");
    li.className = "kept";
    li.textContent =
      "Kept from an earlier version of this kata (no field for them now): " +
      Object.entries(kept).map(([p, v]) => `${p} = ${String(v)}`).join("; ");
    box.appendChild(li);
  };

  const markdown = (): string =>
    engine!.render(collectMeta(form, kata), collect(form), collectProse(form));

  const check = (): void => {
    if (!engine) return;
    try {
      const rep = engine.check(markdown());
      // Kept on the form so tests can compare the page's verdict with the CLI's.
      (form as any).katabookReport = rep;
      showReport(form, rep);
      showKept();
      if (!storageOK) setStatus(form, "This browser refuses to store answers here: export your work often.", "fail");
    } catch (e) {
      setStatus(form, `The engine failed: ${(e as Error).message}`, "error");
    }
    form.dataset.checks = String(++checks);
    // Time to interactive: navigation start to the first verdict on the page.
    form.dataset.readyMs ??= String(Math.round(performance.now()));
  };

  const persist = (): void => {
    storageOK = store.save(kata, collectMeta(form, kata), collect(form), collectProse(form), kept);
  };

  form.addEventListener("input", () => {
    persist(); // at once: a keystroke is never lost to a debounce
    clearTimeout(pending);
    pending = window.setTimeout(check, DEBOUNCE_MS);
  });
  form.addEventListener("submit", (e) => e.preventDefault());

  // The kata timer: a countdown from the kata's time limit; finishing a run
  // records it, with its time and answer, for the progress board.
  const runTimer = new Timer(kata);
  const article = form.closest<HTMLElement>("article");
  const limitMs = Number(article?.dataset.timeLimit || 0) * 60_000;
  const distinctRule = article?.dataset.completionDistinct || "subject";
  const display = form.querySelector<HTMLElement>("[data-timer-display]");
  const note = form.querySelector<HTMLElement>("[data-timer-note]");
  const tick = (): void => {
    if (!display) return;
    const left = limitMs - runTimer.elapsed();
    display.textContent = limitMs ? (left >= 0 ? fmtDuration(left) : `+${fmtDuration(-left)}`) : fmtDuration(runTimer.elapsed());
    display.dataset.over = String(limitMs > 0 && left < 0);
    form.dataset.timer = runTimer.running() ? "running" : runTimer.started() ? "paused" : "idle";
  };
  tick();
  window.setInterval(tick, 500);
  const finishRun = (): void => {
    clearTimeout(pending);
    check(); // judge the answer as it stands now
    const rep: Report | undefined = (form as any).katabookReport;
    const meta = collectMeta(form, kata);
    const answer = collect(form);
    const elapsed = runTimer.elapsed();
    const errors = rep ? rep.findings.filter((f) => f.severity === "error").length : -1;
    const run: Run = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      kata,
      subject: meta.subject,
      distinct: distinctValue(distinctRule, meta, answer),
      started: runTimer.started() ?? new Date().toISOString(),
      finished: new Date().toISOString(),
      elapsedMs: elapsed,
      limitMs,
      over: limitMs > 0 && elapsed > limitMs,
      passed: errors === 0,
      errors,
      meta,
      answer,
      prose: collectProse(form),
    };
    const runs = loadRuns(kata);
    runs.push(run);
    const ok = saveRuns(kata, runs);
    runTimer.reset();
    tick();
    if (note) {
      note.textContent = ok
        ? `Run recorded: ${fmtDuration(elapsed)}${run.over ? ", over the time limit" : ""}, ` +
          `${run.passed ? "passing" : `${errors} error${errors === 1 ? "" : "s"} left`}; ` +
          `${runs.length} run${runs.length === 1 ? "" : "s"} of this kata so far.`
        : "This browser refuses to store the run: export your answer.";
    }
  };

  form.addEventListener("click", (e) => {
    const t = e.target as HTMLElement;
    switch (t.dataset.action) {
      case "timer-start":
        runTimer.start();
        tick();
        break;
      case "timer-pause":
        runTimer.pause();
        tick();
        break;
      case "run-finish":
        finishRun();
        break;
      case "add-row": {
        const list = form.querySelector<HTMLElement>(`[data-rows="${CSS.escape(t.dataset.list!)}"]`);
        if (list) addRow(list);
        break;
      }
      case "export": {
        if (!engine) return;
        const meta = collectMeta(form, kata);
        // The file carries the run (runmeta.ts); the page's own checks do not need it.
        const run = runMeta(runTimer, loadRuns(kata), limitMs, engine.ruleset);
        download(`${kata}-${slug(meta.subject || meta.title || "answer")}.md`, engine.render({ ...meta, ...run }, collect(form), collectProse(form)));
        break;
      }
      case "export-format": {
        if (!engine) return;
        const meta = collectMeta(form, kata);
        try {
          const text = engine.export(markdown(), t.dataset.format!);
          download(`${kata}-${slug(meta.subject || meta.title || "answer")}.${t.dataset.ext}`, text, "application/yaml;charset=utf-8");
        } catch (err) {
          setStatus(form, `Nothing to download: ${(err as Error).message}`, "fail");
        }
        break;
      }
      case "clear":
        if (confirm("Clear every answer on this page? Export first if you want to keep them.")) {
          store.clear(kata);
          kept = {};
          fill(form, {}, {}, "");
          check();
        }
        break;
    }
  });

  const importFile = async (file: File): Promise<void> => {
    const parsed = engine!.parse(await file.text());
    if (parsed.meta.kata && parsed.meta.kata !== kata) {
      setStatus(form, `That file is for the kata "${parsed.meta.kata}", not "${kata}". Nothing was changed.`, "fail");
      return;
    }
    if (parsed.answer === null) {
      const why = parsed.findings.map((f) => `line ${f.line}: ${f.message}`).join("; ");
      setStatus(form, `Could not import: ${why || "no answer block"}. Nothing was changed.`, "fail");
      return;
    }
    kept = fill(form, parsed.meta, parsed.answer, parsed.prose);
    persist();
    check();
  };

  form.addEventListener("change", (e) => {
    const input = e.target as HTMLInputElement;
    if (input.dataset.action !== "import" || !input.files?.length || !engine) return;
    const file = input.files[0];
    importFile(file)
      .catch((err) => setStatus(form, `Could not import ${file.name}: ${err}. Nothing was changed.`, "error"))
      .finally(() => (input.value = ""));
  });

  startEngine()
    .then((e) => {
      engine = e;
      const rs = form.querySelector<HTMLElement>("[data-ruleset]");
      if (rs) rs.textContent = e.ruleset;
      check();
    })
    .catch((err) => setStatus(form, `Could not start the checking engine: ${err}. Your answers are still saved.`, "error"));
}

document.querySelectorAll<HTMLFormElement>("form.kata-form").forEach(setup);
setupSearch();
setupTheme();
drawSidebar();
document.querySelectorAll<HTMLElement>("[data-drill]").forEach(setupDrill);
addAnchors();

// The index page: the progress board, and progress as one file.
if (document.querySelector(".kata-card[data-kata]")) {
  drawBoard();
  const techniques = (): void =>
    document.querySelectorAll<HTMLTextAreaElement>("[data-technique]").forEach((t) => (t.value = loadTechnique(t.dataset.technique!)));
  techniques();
  document.addEventListener("input", (e) => {
    const t = e.target as HTMLTextAreaElement;
    if (t.dataset.technique) saveTechnique(t.dataset.technique, t.value);
  });
  const status = document.querySelector<HTMLElement>("[data-progress-status]");
  document.addEventListener("click", (e) => {
    if ((e.target as HTMLElement).dataset.action === "progress-export") {
      download(`katabook-progress-${new Date().toISOString().slice(0, 10)}.json`, exportProgress(), "application/json");
    }
  });
  document.addEventListener("change", async (e) => {
    const input = e.target as HTMLInputElement;
    if (input.dataset.action !== "progress-import" || !input.files?.length) return;
    try {
      const msg = importProgress(await input.files[0].text());
      if (status) status.textContent = msg;
      drawBoard();
      techniques();
    } catch (err) {
      if (status) status.textContent = `Could not import: ${(err as Error).message}. Nothing was changed.`;
    } finally {
      input.value = "";
    }
  });
}

// After one visit over HTTP the service worker keeps the whole course, so
// it works with the network gone. (Opened from disk there is nothing to
// cache: the files are already here.)
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("sw.js").catch(() => {
    /* no offline copy: the course still works online */
  });
}
