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
export function readValue(c: Control): unknown {
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

const parts = (pointer: string): string[] =>
  pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));

const isContainer = (v: unknown): v is Record<string, any> => v !== null && typeof v === "object";

// setAt puts value at pointer in root, making the objects and list rows
// on the way; rows skipped on the way are empty ({}), as the form shows them.
export function setAt(root: any, pointer: string, value: unknown): void {
  const ps = parts(pointer);
  let cur = root;
  for (let i = 0; i < ps.length; i++) {
    const key = ps[i];
    if (Array.isArray(cur)) for (let j = cur.length; j < Number(key); j++) cur[j] = {};
    if (i === ps.length - 1) {
      cur[key] = value;
      return;
    }
    if (!isContainer(cur[key])) cur[key] = /^\d+$/.test(ps[i + 1]) ? [] : {};
    cur = cur[key];
  }
}

// deleteAt removes the value at pointer, then what the removal left empty
// on its way up: an object with no keys, and list rows after the last one
// with anything in it, so an emptied field reads as unanswered, as it did
// before it was typed. Nothing off that way is touched.
export function deleteAt(root: any, pointer: string): void {
  const ps = parts(pointer);
  const chain: any[] = [root];
  for (const key of ps.slice(0, -1)) {
    const next = chain[chain.length - 1][key];
    if (!isContainer(next)) return;
    chain.push(next);
  }
  delete chain[chain.length - 1][ps[ps.length - 1]];
  for (let i = chain.length - 1; i > 0; i--) {
    const c = chain[i];
    if (Array.isArray(c)) while (c.length && isEmpty(c[c.length - 1])) c.pop();
    if (!isEmpty(c)) break;
    delete chain[i - 1][ps[i - 1]];
  }
}

const isEmpty = (v: unknown): boolean =>
  v === undefined || (isContainer(v) && Object.values(v).every((x) => x === undefined || isEmpty(x)));

export function getAt(root: any, pointer: string): unknown {
  let cur = root;
  for (const key of parts(pointer)) {
    if (!isContainer(cur) || !(key in cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

// leaves lists every scalar in an answer by JSON pointer.
function leaves(v: any, ptr: string, out: Record<string, unknown>): Record<string, unknown> {
  if (isContainer(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, `${ptr}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  } else if (ptr !== "") {
    out[ptr] = v;
  }
  return out;
}

// ROW_CAP bounds the rows a list shows: a file with 20,000 timeline rows
// must not build 20,000 rows of controls. The rest stay in the answer,
// unchanged, and are said (Filled.hidden).
export const ROW_CAP = 200;

// Filled is what fill could not show: answer values with no field (an
// older schema's), and lists with more rows than the form shows.
export interface Filled {
  unplaced: Record<string, unknown>;
  hidden: { list: string; shown: number; total: number }[];
}

// fill shows an answer, its meta and prose in the form, adding list rows
// as needed (up to ROW_CAP); fields the answer lacks are emptied. A value a
// control cannot hold as it is keeps its place in the answer and is shown
// as kept (showValue).
export function fill(
  form: HTMLElement,
  { meta, answer, prose, literals }: { meta: Partial<Meta>; answer: any; prose: string; literals?: Record<string, string> },
): Filled {
  const hidden: Filled["hidden"] = [];
  form.querySelectorAll<HTMLElement>("[data-rows]").forEach((list) => {
    const items = getAt(answer, list.dataset.rows!);
    const total = Array.isArray(items) ? items.length : 0;
    const want = Math.min(total, ROW_CAP);
    while (list.children.length < want) addRow(list);
    if (total > want) hidden.push({ list: list.dataset.rows!, shown: want, total });
  });
  fillControls(form, answer, literals);
  form.querySelectorAll<HTMLInputElement>("[data-meta]").forEach((el) => showValue(el, (meta as any)[el.dataset.meta!] ?? ""));
  const p = form.querySelector<HTMLTextAreaElement>("[data-prose]");
  if (p && p.value !== prose) p.value = prose;
  const placed = new Set(controls(form).map((c) => c.dataset.pointer!));
  const unplaced: Record<string, unknown> = {};
  const inHiddenRow = (ptr: string): boolean =>
    hidden.some((h) => ptr.startsWith(h.list + "/") && Number(ptr.slice(h.list.length + 1).split("/")[0]) >= h.shown);
  for (const [ptr, v] of Object.entries({ ...leaves(answer ?? {}, "", {}), ...literals })) {
    if (!placed.has(ptr) && v !== null && v !== "" && !inHiddenRow(ptr)) unplaced[ptr] = v;
  }
  return { unplaced, hidden };
}

// fillControls shows the answer's value in every field control, or the
// file's spelling of it (literals).
export function fillControls(form: HTMLElement, answer: any, literals: Record<string, string> = {}): void {
  for (const c of controls(form)) showValue(c, getAt(answer, c.dataset.pointer!), literals[c.dataset.pointer!]);
}

// showValue puts v in control c. A choice the select does not offer (a
// file's, or one a newer build renamed) is added as an option marked as
// kept; a value the control cannot hold as it is (a newline in a one-line
// text, a date in another format, "40" quoted as text in a number field)
// gets a note beside the control saying it is kept exactly as it was.
export function showValue(c: Control, v: unknown, literal?: string): void {
  const text = literal ?? (v === undefined || v === null ? "" : isContainer(v) ? JSON.stringify(v) : String(v));
  if (c instanceof HTMLSelectElement) {
    c.querySelectorAll("option[data-kept]").forEach((o) => o.remove());
    if (text !== "" && !Array.from(c.options).some((o) => o.value === text)) {
      const o = new Option(`${text} (kept from your file)`, text);
      o.dataset.kept = "";
      c.add(o);
    }
  }
  if (c.value !== text) c.value = text; // unchanged: the caret stays put
  markKept(c, v, literal);
}

// markKept adds or removes the note that c does not show v as it is (or
// that the file spelt it as literal, which the control cannot keep).
export function markKept(c: Control, v: unknown, literal?: string): void {
  const shown = c.dataset.meta !== undefined ? c.value : readValue(c);
  const holds = literal === undefined && (v === undefined || v === null || v === shown);
  const note = c.parentElement?.querySelector<HTMLElement>(":scope > [data-kept-note]");
  if (holds) {
    note?.remove();
    c.removeAttribute("data-kept");
    return;
  }
  const p = note ?? document.createElement("p");
  p.className = "kept-note";
  p.dataset.keptNote = "";
  p.textContent =
    literal !== undefined
      ? `Kept as your file spells it: ${literal}, which the checks read as the file does; what you type here replaces it.`
      : `Kept exactly as your file has it: ${JSON.stringify(v)}. This field cannot show it as it is; what you type here replaces it.`;
  if (!note) c.after(p);
  c.dataset.kept = "";
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
  // Every id in the value: aria-describedby names the message and the reading.
  const renumberID = (v: string): string => v.replaceAll(`-${i - 1}-`, `-${i}-`);
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
  row.querySelectorAll<HTMLElement>("[data-msg], [data-reading]").forEach((m) => (m.textContent = ""));
  row.querySelectorAll<HTMLElement>("[data-label]").forEach((btn) =>
    btn.setAttribute("aria-label", btn.dataset.label!.replace("#", String(i + 1))),
  );
  list.appendChild(row);
}

// moveRow changes list (a pointer) in a stored answer: row from goes to
// row to, swapping with it, or is removed when to is null; the rows after a
// removed one move up. The file's spellings (literals) follow their rows.
export function moveRow(s: { answer: any; literals?: Record<string, string> }, list: string, from: number, to: number | null): void {
  const rows = getAt(s.answer, list);
  if (Array.isArray(rows)) {
    if (to === null) rows.splice(from, 1);
    else {
      for (let j = rows.length; j <= Math.max(from, to); j++) rows[j] = {};
      [rows[from], rows[to]] = [rows[to], rows[from]];
    }
    while (rows.length && isEmpty(rows[rows.length - 1])) rows.pop();
    if (!rows.length) deleteAt(s.answer, list);
  }
  if (!s.literals) return;
  const out: Record<string, string> = {};
  for (const [ptr, v] of Object.entries(s.literals)) {
    const m = ptr.startsWith(list + "/") ? /^(\d+)(.*)$/.exec(ptr.slice(list.length + 1)) : null;
    if (!m) {
      out[ptr] = v;
      continue;
    }
    const i = Number(m[1]);
    const j = to === null ? (i === from ? -1 : i > from ? i - 1 : i) : i === from ? to : i === to ? from : i;
    if (j >= 0) out[`${list}/${j}${m[2]}`] = v;
  }
  s.literals = out;
}
