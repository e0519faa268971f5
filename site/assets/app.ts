// The page script of every page: a kata page's form (kata.ts), search,
// theme, sidebar and drills, and on the index the progress board.

import { setupDrill } from "./drill";
import { download } from "./download";
import { engine, settled } from "./engine";
import { setupKata } from "./kata";
import { drawBoard, exportProgress, importProgress, loadTechnique, saveTechnique } from "./progress";
import { setupSearch } from "./search";
import { addAnchors, drawSidebar, setupMenu, setupTheme } from "./theme";

// A kata page starts its engine first: fetching and starting it is most of
// the wait for the first verdict, and building the form can happen meanwhile.
if (document.querySelector("form.kata-form")) void engine().catch(() => undefined);
document.querySelectorAll<HTMLFormElement>("form.kata-form").forEach(setupKata);
setupSearch();
setupTheme();
drawSidebar();
setupMenu();
// A workbook's table scrolls inside its box on a narrow screen: focusable,
// so a keyboard can scroll it too.
document.querySelectorAll<HTMLElement>("article table").forEach((t) => (t.tabIndex = 0));
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
// cache: the files are already here.) Keeping it downloads every page and
// the engine once more, so it waits for the page's own first verdict, or
// for the page to load where there is no form: on a slow link, fetched
// beside the engine, it put the first verdict 1.4 s later (one visit each
// way, on a loaded host).
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  const keep = (): void => {
    navigator.serviceWorker.register("sw.js").catch(() => {
      /* no offline copy: the course still works online */
    });
  };
  if (document.querySelector("form.kata-form")) void settled().then(keep);
  else if (document.readyState === "complete") keep();
  else window.addEventListener("load", keep, { once: true });
}
