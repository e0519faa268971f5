// The printed copy of a kata page: the deliverable as a document. Only the
// answered fields, as labels and values in the order of the form (list
// entries under their names, tables with the columns that hold anything),
// the notes, each chart after the section it belongs to, and the findings
// summary; the workbook, the drill, the navigation and every control stay
// off the paper (style.css, @media print).

import type { Meta } from "./engine";
import { Control, getAt } from "./form";

export interface Answer {
  meta: Partial<Meta>;
  answer: any;
  prose: string;
  literals?: Record<string, string>;
}

const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (cls) el.className = cls;
  return el;
};

// valueOf is a control's answer as the paper shows it: the stored value
// (or the file's spelling of it), a choice by its option's words, and a
// quantity typed with a unit with how the engine read it.
function valueOf(c: Control, a: Answer): string {
  const ptr = c.dataset.pointer!;
  const v = a.literals?.[ptr] ?? getAt(a.answer, ptr);
  if (v === undefined || v === null || v === "") return "";
  let text = typeof v === "object" ? JSON.stringify(v) : String(v);
  if (c instanceof HTMLSelectElement) {
    const o = Array.from(c.options).find((o) => o.value === text);
    if (o && o.dataset.kept === undefined) text = o.textContent ?? text;
  }
  const read = c.parentElement?.querySelector<HTMLElement>(`[data-reading="${CSS.escape(ptr)}"]`)?.textContent;
  return read ? `${text} (${read})` : text;
}

// labelOf is a field's label with its unit in brackets, as the page shows
// it (the brackets are the style's).
function labelOf(box: Element): string {
  const label = box.querySelector(":scope > label");
  return label ? labelText(label) : box.querySelector("[aria-label]")?.getAttribute("aria-label") ?? "";
}

// labelText is a label's (or a column head's) words and unit.
function labelText(label: Element): string {
  const unit = label.querySelector(".unit")?.textContent;
  const text = Array.from(label.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("").trim();
  return unit ? `${text} (${unit})` : text;
}

// pairs are the answered scalar fields directly in box, as label and
// value, and whether each is short (a choice, a number, a time: no prose).
function pairs(box: Element, a: Answer): [string, string, boolean][] {
  const out: [string, string, boolean][] = [];
  box.querySelectorAll<HTMLElement>(":scope > .field[data-field]").forEach((f) => {
    const c = f.querySelector<Control>("[data-pointer]");
    const v = c && !c.closest("[hidden]") ? valueOf(c, a) : "";
    if (v) out.push([labelOf(f), v, !(c instanceof HTMLTextAreaElement) && v.length <= 40 && !v.includes("\n")]);
  });
  return out;
}

function list(items: [string, string, boolean?][]): HTMLDListElement {
  const dl = make("dl");
  for (const [k, v] of items) dl.append(make("dt", k), value("dd", v));
  return dl;
}

// value is an answer's element: each carries data-value.
function value<K extends keyof HTMLElementTagNameMap>(tag: K, text: string): HTMLElementTagNameMap[K] {
  const el = make(tag, text);
  el.dataset.value = "";
  return el;
}

// entry prints one item of a list of cards (a timeline entry) compactly:
// its short answers on one line as "label value · label value", then its
// prose as a list of labels and values.
function entry(card: HTMLElement, a: Answer): HTMLElement | null {
  const items = pairs(card, a);
  if (!items.length) return null;
  const out = make("div", undefined, "entry");
  const line = make("p", undefined, "pairs");
  line.appendChild(make("strong", card.querySelector(":scope > legend")?.textContent ?? ""));
  for (const [k, v] of items.filter((i) => i[2])) {
    const pair = make("span", undefined, "pair");
    pair.append(make("b", k), " ", value("span", v));
    line.append(" ", pair);
  }
  out.appendChild(line);
  const long = items.filter((i) => !i[2]);
  if (long.length) out.appendChild(list(long));
  return out;
}

// table prints a list of rows with only its answered rows and columns.
function table(box: HTMLElement, a: Answer): HTMLTableElement | null {
  const heads = Array.from(box.querySelectorAll("thead th")).slice(1).map(labelText);
  const rows = Array.from(box.querySelectorAll<HTMLTableRowElement>("tbody[data-rows] > tr")).map((tr) =>
    Array.from(tr.querySelectorAll<Control>("[data-pointer]")).map((c) => valueOf(c, a)),
  );
  const kept = rows.filter((r) => r.some((v) => v !== ""));
  // The last column (Order: a row's move buttons) has no control, so no value.
  const cols = heads.map((_, i) => i).filter((i) => kept.some((r) => (r[i] ?? "") !== ""));
  if (kept.length === 0) return null;
  const t = make("table");
  const head = t.createTHead().insertRow();
  for (const i of cols) head.appendChild(make("th", heads[i]));
  const body = t.createTBody();
  for (const r of kept) {
    const tr = body.insertRow();
    for (const i of cols) {
      const td = tr.insertCell();
      td.textContent = r[i];
      if (r[i]) td.dataset.value = "";
    }
  }
  return t;
}

// section prints one fieldset of the form: its fields, then its lists and
// nested sections; nothing at all when none of it is answered.
function section(fs: HTMLElement, a: Answer, depth: number): HTMLElement | null {
  if (fs.closest("[hidden]")) return null;
  const out = make("section");
  const legend = fs.querySelector(":scope > legend")?.textContent ?? "";
  const own = pairs(fs, a);
  if (own.length) out.appendChild(list(own));
  for (const child of Array.from(fs.children)) {
    if (!(child instanceof HTMLElement)) continue;
    if (child.matches("fieldset.table")) {
      const t = table(child, a);
      if (t) out.append(make(depth ? "h4" : "h3", child.querySelector(":scope > legend")?.textContent ?? ""), t);
    } else if (child.matches("fieldset")) {
      const s = section(child, a, depth + 1);
      if (s) out.appendChild(s);
    } else if (child.matches("[data-rows]")) {
      // Cards: each answered entry under its name.
      for (const card of Array.from(child.children) as HTMLElement[]) {
        const e = entry(card, a);
        if (e) out.appendChild(e);
      }
    }
  }
  if (!out.childElementCount) return null;
  out.prepend(make(depth ? "h3" : "h2", legend));
  return out;
}

// chartCopy is a chart as it is on the page, without its controls.
function chartCopy(slot: Element): HTMLElement | null {
  if (!slot.querySelector("svg, table")) return null;
  const fig = make("div", undefined, "print-figure");
  for (const el of Array.from(slot.children)) fig.appendChild(el.cloneNode(true));
  fig.querySelectorAll("input, button, label:has(input)").forEach((e) => e.remove());
  return fig;
}

// printCopy writes the deliverable of form's answer a into box.
export function printCopy(form: HTMLElement, box: HTMLElement, a: Answer): void {
  const parts: Node[] = [];
  const meta: [string, string][] = [];
  form.querySelectorAll<HTMLInputElement>("[data-meta]").forEach((m) => {
    const v = String((a.meta as any)[m.dataset.meta!] ?? "");
    if (v) meta.push([labelOf(m.parentElement!), v]);
  });
  if (meta.length) parts.push(list(meta));
  for (const child of Array.from(form.children) as HTMLElement[]) {
    const fs = child.matches("fieldset:not(.run)") ? child : child.matches(".beside") ? child.querySelector<HTMLElement>(":scope > fieldset") : null;
    if (!fs) continue;
    const s = section(fs, a, 0);
    if (s) parts.push(s);
    const chart = child.matches(".beside") ? chartCopy(child.querySelector("[data-chart-for]")!) : null;
    if (chart) parts.push(chart);
  }
  if (a.prose.trim()) {
    const notes = make("section");
    notes.append(make("h2", form.querySelector('label[for="prose"]')?.textContent ?? "Notes"), make("p", a.prose, "prose-text"));
    parts.push(notes);
  }
  const checks = make("section", undefined, "print-checks");
  checks.append(make("h2", "Checks"), make("p", form.querySelector("[data-status]")?.textContent ?? ""));
  const findings = form.querySelector("[data-findings]");
  if (findings?.childElementCount) checks.appendChild(findings.cloneNode(true));
  const own = chartCopy(form.querySelector(".report [data-figures]")!);
  if (own) checks.appendChild(own);
  const ruleset = form.querySelector("[data-ruleset]")?.textContent;
  if (ruleset) checks.appendChild(make("p", `Checked by the katabook engine, ruleset ${ruleset}.`, "ruleset-line"));
  parts.push(checks);
  box.replaceChildren(...parts);
}
