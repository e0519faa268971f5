// The verdict bar of a kata page (templates/kata.html): sticky at the top
// of the page at every scroll position, it counts the errors and warnings
// of the last check, holds the run timer (runs in kata.ts), and steps to
// the previous or next finding's field, scrolling to it and focusing it.

import type { Verdict } from "./report";

const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? "" : "s"}`;

export class VerdictBar {
  private stops: HTMLElement[] = [];
  private at: HTMLElement | null = null; // where the learner is: the field last focused or stepped to

  constructor(private bar: HTMLElement, form: HTMLElement) {
    form.addEventListener("focusin", (e) => (this.at = e.target as HTMLElement));
    bar.addEventListener("click", (e) => {
      const action = (e.target as HTMLElement).closest<HTMLElement>("[data-action]")?.dataset.action;
      if (action === "finding-next") this.step(1);
      if (action === "finding-prev") this.step(-1);
    });
    // A link of the summary (or of a note) to a field goes there as the
    // buttons do: scrolled clear of this bar and focused.
    form.addEventListener("click", (e) => {
      const a = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-goto]");
      const to = a && document.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (!to) return;
      e.preventDefault();
      this.go(to);
    });
  }

  show(v: Verdict): void {
    const text = this.bar.querySelector<HTMLElement>("[data-bar-text]")!;
    const parts: string[] = [];
    if (v.errors) parts.push(plural(v.errors, "error"));
    if (v.warnings) parts.push(plural(v.warnings, "warning"));
    if (v.todo) parts.push(`${plural(v.todo, "field")} to answer`);
    text.textContent = v.pass ? `All checks pass${v.warnings ? `, ${plural(v.warnings, "warning")}` : ""}` : parts.join(", ");
    this.bar.dataset.state = v.errors ? "fail" : v.pass ? "pass" : "todo";
    this.bar.dataset.errors = String(v.errors);
    this.bar.dataset.warnings = String(v.warnings);
    this.stops = v.stops;
    this.bar.querySelectorAll<HTMLButtonElement>('[data-action^="finding-"]').forEach((b) => (b.disabled = v.stops.length === 0));
    this.position();
  }

  // position says which of the findings the learner is at: "2 of 5".
  private position(): void {
    const pos = this.bar.querySelector<HTMLElement>("[data-bar-pos]")!;
    const i = this.at ? this.stops.indexOf(this.at) : -1;
    pos.textContent = this.stops.length === 0 ? "" : `${i >= 0 ? i + 1 : "–"} of ${this.stops.length}`;
    pos.title = this.stops.length ? `${plural(this.stops.length, "place")} with a finding` : "";
  }

  // step goes to the next (dir 1) or previous (-1) finding after where
  // the learner is, in the order of the page, round the end.
  step(dir: 1 | -1): void {
    const n = this.stops.length;
    if (n === 0) return;
    const here = this.at;
    let i: number;
    if (!here || !here.isConnected) i = dir === 1 ? 0 : n - 1;
    else {
      const k = this.stops.indexOf(here);
      if (k >= 0) i = (k + dir + n) % n;
      else {
        // Between findings: the first one after it, or the last before it.
        const after = (s: HTMLElement) => !!(here.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
        i = dir === 1 ? this.stops.findIndex(after) : this.stops.length - 1 - [...this.stops].reverse().findIndex((s) => !after(s));
        if (dir === 1 && i < 0) i = 0;
        if (dir === -1 && i >= n) i = n - 1;
      }
    }
    this.go(this.stops[i]);
  }

  // go scrolls el to the middle of the screen, clear of the bar, and
  // focuses it.
  go(el: HTMLElement): void {
    el.scrollIntoView({ block: "center", inline: "nearest" });
    el.focus({ preventScroll: true });
    this.at = el;
    this.position();
  }
}
