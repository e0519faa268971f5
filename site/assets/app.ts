// The page script of a kata: restores the learner's saved answer, checks it
// with the WebAssembly engine as they type, saves every keystroke, and
// exports or imports the answer as a submission Markdown file.

import { Engine, loadEngine } from "./engine";
import { addRow, collect, collectMeta, collectProse, fill } from "./form";
import { showReport } from "./report";
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
  let timer: number | undefined;
  let checks = 0;
  let storageOK = true;

  const saved = store.load(kata);
  if (saved) fill(form, saved.meta, saved.answer, saved.prose);

  const markdown = (): string =>
    engine!.render(collectMeta(form, kata), collect(form), collectProse(form));

  const check = (): void => {
    if (!engine) return;
    try {
      const rep = engine.check(markdown());
      // Kept on the form so tests can compare the page's verdict with the CLI's.
      (form as any).katabookReport = rep;
      showReport(form, rep);
      if (!storageOK) setStatus(form, "This browser refuses to store answers here: export your work often.", "fail");
    } catch (e) {
      setStatus(form, `The engine failed: ${(e as Error).message}`, "error");
    }
    form.dataset.checks = String(++checks);
  };

  const persist = (): void => {
    storageOK = store.save(kata, collectMeta(form, kata), collect(form), collectProse(form));
  };

  form.addEventListener("input", () => {
    persist(); // at once: a keystroke is never lost to a debounce
    clearTimeout(timer);
    timer = window.setTimeout(check, DEBOUNCE_MS);
  });
  form.addEventListener("submit", (e) => e.preventDefault());

  form.addEventListener("click", (e) => {
    const t = e.target as HTMLElement;
    switch (t.dataset.action) {
      case "add-row": {
        const list = form.querySelector<HTMLElement>(`[data-rows="${CSS.escape(t.dataset.list!)}"]`);
        if (list) addRow(list);
        break;
      }
      case "export": {
        if (!engine) return;
        const meta = collectMeta(form, kata);
        download(`${kata}-${slug(meta.subject || meta.title || "answer")}.md`, markdown());
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
    fill(form, parsed.meta, parsed.answer, parsed.prose);
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

  loadEngine("assets/engine.wasm")
    .then((e) => {
      engine = e;
      const rs = form.querySelector<HTMLElement>("[data-ruleset]");
      if (rs) rs.textContent = e.ruleset;
      check();
    })
    .catch((err) => setStatus(form, `Could not start the checking engine: ${err}. Your answers are still saved.`, "error"));
}

document.querySelectorAll<HTMLFormElement>("form.kata-form").forEach(setup);

// After one visit over HTTP the service worker keeps the whole course, so
// it works with the network gone. (Opened from disk there is nothing to
// cache: the files are already here.)
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("sw.js").catch(() => {
    /* no offline copy: the course still works online */
  });
}
