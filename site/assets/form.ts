// Gathers the learner's answer from a generated kata form and fills a form
// from an answer. The form's inputs carry data-pointer (a JSON pointer into
// the answer) and data-type (the schema type), so nothing here knows a kata.

import type { Meta } from "./engine";

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const numberRE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export function controls(form: HTMLElement): Control[] {
  return Array.from(form.querySelectorAll<Control>("[data-pointer]"));
}

// readValue turns one control's text into an answer value; undefined means
// unanswered. Text that is not a number stays text, so the engine can say why.
function readValue(c: Control): unknown {
  const raw = c.value;
  if (raw.trim() === "") return undefined;
  switch (c.dataset.type) {
    case "number":
    case "integer":
      return numberRE.test(raw.trim()) ? Number(raw.trim()) : raw;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
  }
  return raw;
}

function setAt(root: any, pointer: string, value: unknown): void {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    if (cur[key] === undefined) cur[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    cur = cur[key];
  }
  cur[parts[parts.length - 1]] = value;
}

export function getAt(root: any, pointer: string): unknown {
  let cur = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object" || !(key in cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

// collect reads the answer. List rows after the last filled one are left
// out; empty rows before it stay (as {}), so row numbers match pointers.
export function collect(form: HTMLElement): any {
  const answer: any = {};
  for (const c of controls(form)) {
    const v = readValue(c);
    if (v !== undefined) setAt(answer, c.dataset.pointer!, v);
  }
  fillHoles(answer);
  return answer;
}

function fillHoles(v: any): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (v[i] === undefined) v[i] = {};
      fillHoles(v[i]);
    }
  } else if (v && typeof v === "object") {
    for (const k of Object.keys(v)) fillHoles(v[k]);
  }
}

export function collectMeta(form: HTMLElement, kata: string): Meta {
  const meta: any = { kata, title: "", author: "", date: "", subject: "" };
  form.querySelectorAll<HTMLInputElement>("[data-meta]").forEach((el) => {
    meta[el.dataset.meta!] = el.value;
  });
  return meta as Meta;
}

export function collectProse(form: HTMLElement): string {
  return form.querySelector<HTMLTextAreaElement>("[data-prose]")?.value ?? "";
}

// leaves lists every scalar in an answer by JSON pointer.
function leaves(v: any, ptr: string, out: Record<string, unknown>): Record<string, unknown> {
  if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) leaves(x, `${ptr}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  } else if (ptr !== "") {
    out[ptr] = v;
  }
  return out;
}

// fill puts an answer, its meta and prose into the form, adding list rows
// as needed; fields the answer lacks are emptied. It returns the answer's
// values that have no field in this form (an older schema's), so the
// caller can keep them.
export function fill(form: HTMLElement, meta: Partial<Meta>, answer: any, prose: string): Record<string, unknown> {
  form.querySelectorAll<HTMLElement>("[data-rows]").forEach((list) => {
    const items = getAt(answer, list.dataset.rows!);
    const want = Array.isArray(items) ? items.length : 0;
    while (list.children.length < want) addRow(list);
  });
  for (const c of controls(form)) {
    const v = getAt(answer, c.dataset.pointer!);
    c.value = v === undefined || v === null ? "" : String(v);
  }
  form.querySelectorAll<HTMLInputElement>("[data-meta]").forEach((el) => {
    el.value = (meta as any)[el.dataset.meta!] ?? "";
  });
  const p = form.querySelector<HTMLTextAreaElement>("[data-prose]");
  if (p) p.value = prose;
  const placed = new Set(controls(form).map((c) => c.dataset.pointer!));
  const unplaced: Record<string, unknown> = {};
  for (const [ptr, v] of Object.entries(leaves(answer ?? {}, "", {}))) {
    if (!placed.has(ptr) && v !== null && v !== "") unplaced[ptr] = v;
  }
  return unplaced;
}

// addRow clones the last item of a list (a table row, or a card of
// x-layout: cards) with the next index: every pointer, message slot, id and
// label of the clone is renumbered, and its values are emptied.
export function addRow(list: HTMLElement): void {
  const last = list.lastElementChild as HTMLElement | null;
  if (!last) return;
  const i = list.children.length;
  const row = last.cloneNode(true) as HTMLElement;
  row.dataset.row = String(i);
  const label = row.querySelector<HTMLElement>("[data-row-label]");
  if (label) label.textContent = `${label.dataset.rowLabel} ${i + 1}`;
  else {
    const head = row.querySelector("th");
    if (head) head.textContent = String(i + 1);
  }
  const base = list.dataset.rows!;
  const from = `${base}/${i - 1}`;
  const to = `${base}/${i}`;
  const renumber = (v: string): string =>
    v === from ? to : v.startsWith(from + "/") ? to + v.slice(from.length) : v;
  const renumberID = (v: string): string => v.replace(`-${i - 1}-`, `-${i}-`);
  const all = [row, ...Array.from(row.querySelectorAll<HTMLElement>("*"))];
  for (const el of all) {
    for (const attr of ["data-field", "data-pointer", "data-msg"]) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, renumber(v));
    }
    for (const attr of ["id", "for", "aria-describedby"]) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, renumberID(v));
    }
  }
  row.querySelectorAll<Control>("[data-pointer]").forEach((c) => {
    c.value = "";
    c.removeAttribute("aria-invalid");
  });
  row.querySelectorAll<HTMLElement>("[data-msg]").forEach((m) => (m.textContent = ""));
  list.appendChild(row);
}
