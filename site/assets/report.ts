// Shows a report next to the form: each finding beside its field (with
// aria-invalid on the control) and the findings that follow from it under
// it, a summary of every finding linking to its field, which checks pass,
// how the engine read quantities typed with a unit, and the charts.

import type { Finding, Report } from "./engine";
import { controls, Control } from "./form";
import { drawFigures } from "./chart";

// placeFor finds the message slot of a pointer, or of its nearest parent.
function placeFor(form: HTMLElement, pointer: string): HTMLElement | null {
  let p = pointer;
  for (;;) {
    const slot = form.querySelector<HTMLElement>(`[data-msg="${CSS.escape(p)}"]`);
    if (slot) return slot;
    if (p === "") return null;
    p = p.slice(0, p.lastIndexOf("/"));
  }
}

// shownControls are the form's controls a learner can reach: a field a
// choice hides (under [hidden]) is nowhere to go. Read from the markup, not
// measured, so a check does not force the page's layout.
export const shownControls = (form: HTMLElement): Control[] => controls(form).filter((c) => !c.closest("[hidden]"));

// fieldOf is the control a finding at pointer is about: the field's own
// control, else the first one shown under it (a finding on a section or a
// list entry), else the first one of its nearest parent that has any.
// all is the form's controls on screen (shownControls).
export function fieldOf(all: Control[], pointer: string): Control | null {
  if (pointer === "") return null;
  let p = pointer;
  while (p !== "") {
    const own = all.find((c) => c.dataset.pointer === p) ?? all.find((c) => c.dataset.pointer!.startsWith(p + "/"));
    if (own) return own;
    p = p.slice(0, p.lastIndexOf("/"));
  }
  return null;
}

// metaField is the front-matter field a finding of the submission is
// about (submission/subject: the Subject field), which has no pointer.
function metaField(form: HTMLElement, f: Finding): HTMLInputElement | null {
  const key = f.pointer === "" ? /^submission\/(\w+)$/.exec(f.rule)?.[1] : undefined;
  return key ? form.querySelector<HTMLInputElement>(`[data-meta="${CSS.escape(key)}"]`) : null;
}

// fieldName names a control for a link: its list entry (a card's legend or
// a table row's number) and its label, "Entry 6 · Time".
export function fieldName(c: Control): string {
  const label = c.getAttribute("aria-label") ?? c.labels?.[0]?.textContent ?? c.dataset.pointer ?? "";
  const card = c.closest("fieldset.card")?.querySelector(":scope > legend")?.textContent;
  if (card) return `${card} · ${label}`;
  const row = c.closest("tr")?.querySelector("th")?.textContent;
  const table = c.closest("fieldset.table")?.querySelector(":scope > legend")?.textContent;
  return row && table ? `${table}, row ${row} · ${label}` : label;
}

// message writes a finding's rule and message into el, and the findings
// that follow from it in a nested list (tag: li in the summary, span in a
// field's message slot, which is a paragraph).
function message(el: HTMLElement, f: Finding, tag: "li" | "span"): void {
  const rule = document.createElement("code");
  rule.textContent = f.rule;
  el.append(rule, document.createTextNode(tag === "li" ? `: ${f.message}` : ` ${f.message}`));
  if (!f.follows?.length) return;
  const list = document.createElement(tag === "li" ? "ul" : "span");
  list.className = "follows";
  const head = document.createElement(tag === "li" ? "li" : "span");
  head.className = "follows-head";
  head.textContent = f.follows.length === 1 ? "Follows from it (fix the cause first):" : `${f.follows.length} findings follow from it (fix the cause first):`;
  list.appendChild(head);
  for (const g of f.follows) {
    const item = document.createElement(tag);
    item.className = g.severity;
    item.dataset.followsRule = g.rule; // not data-rule: it is not counted
    message(item, g, tag);
    list.appendChild(item);
  }
  el.appendChild(list);
}

// link is an anchor to a control (its id), for the summary and notes.
function link(c: Control): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = "#" + c.id;
  a.dataset.goto = "";
  a.textContent = fieldName(c);
  return a;
}

// showHints writes the numbers the engine computed for a field (the
// figure "hints", keyed by JSON pointer) into the field's hint slot.
function showHints(form: HTMLElement, hints: Record<string, string> | undefined): void {
  form.querySelectorAll<HTMLElement>("[data-hint]").forEach((h) => {
    h.textContent = hints?.[h.dataset.hint!] ?? "";
  });
}

// showReadings says beside a quantity how the engine read it: for "250 ms"
// in a field in s the report reads "250 ms = 0.25 s", and the field shows
// "= 0.25 s" (the learner sees what they typed in the input).
function showReadings(form: HTMLElement, readings: Record<string, string> | undefined): void {
  form.querySelectorAll<HTMLElement>("[data-reading]").forEach((r) => {
    const read = readings?.[r.dataset.reading!] ?? "";
    const at = read.indexOf(" = ");
    r.textContent = at >= 0 ? read.slice(at + 1) : read;
    r.title = read;
  });
}

// fieldsToAnswer counts the fields left to answer: the schema names a
// missing section once, but the learner has each of its empty fields to
// fill, so a section counts the empty controls under it.
function fieldsToAnswer(form: HTMLElement, required: Finding[]): number {
  const left = new Set<string>();
  const all = controls(form);
  for (const f of required) {
    const under = all.filter((c) => {
      const p = c.dataset.pointer ?? "";
      return (p === f.pointer || p.startsWith(f.pointer + "/")) && c.value.trim() === "";
    });
    if (under.length === 0) left.add(f.pointer);
    for (const c of under) left.add(c.dataset.pointer!);
  }
  return left.size;
}

// Verdict is what the page's verdict bar shows of a report: the counts,
// and the places of the findings in the order of the page (each field
// once), for its previous and next buttons.
export interface Verdict {
  errors: number;
  warnings: number;
  todo: number;
  pass: boolean;
  stops: HTMLElement[];
}

export function showReport(form: HTMLElement, rep: Report): Verdict {
  const onScreen = shownControls(form);
  for (const c of controls(form)) c.removeAttribute("aria-invalid");
  form.querySelectorAll<HTMLElement>("[data-msg]").forEach((m) => m.replaceChildren());
  const summary = form.querySelector<HTMLElement>("[data-findings]")!;
  summary.replaceChildren();
  const stops = new Set<HTMLElement>();
  for (const f of rep.findings) {
    // An unanswered field is work to do, not a mistake: shown quietly and
    // without aria-invalid, so a fresh page does not shout at the learner.
    const todo = f.rule === "schema/required";
    const slot = f.pointer ? placeFor(form, f.pointer) : null;
    const field = fieldOf(onScreen, f.pointer) ?? metaField(form, f);
    if (slot) {
      const msg = document.createElement("span");
      msg.className = todo ? "todo" : f.severity;
      msg.dataset.rule = f.rule;
      message(msg, f, "span");
      slot.appendChild(msg);
      if (f.severity === "error" && !todo) {
        form.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(f.pointer)}"]`)?.setAttribute("aria-invalid", "true");
      }
      noteFollowers(form, f, slot, field);
    }
    // The summary lists every finding, each linking to its field; an
    // unanswered field is counted there, not listed, unless it has no slot.
    if (todo && slot) continue;
    const li = document.createElement("li");
    li.className = f.severity;
    li.dataset.rule = f.rule;
    if (field) li.append(link(field), document.createTextNode(" — "));
    message(li, f, "li");
    summary.appendChild(li);
    if (!todo) {
      if (!field) li.tabIndex = -1; // the finding itself is where next goes
      stops.add(field ?? li);
    }
  }
  const rules = form.querySelector<HTMLElement>("[data-rules]")!;
  rules.replaceChildren();
  let pass = 0;
  for (const r of rep.rules ?? []) {
    if (r.status === "pass") pass++;
    const li = document.createElement("li");
    li.className = r.status;
    li.dataset.rule = r.rule;
    const mark = { pass: "✓", fail: "✗", skip: "·" }[r.status];
    li.textContent = `${mark} ${r.title} (${r.rule})${r.status === "skip" ? ": waiting for its inputs" : ""}`;
    rules.appendChild(li);
  }
  // Counted: the findings at their causes; those that follow from one are not.
  const required = rep.findings.filter((f) => f.rule === "schema/required");
  const todo = fieldsToAnswer(form, required);
  const errors = rep.findings.filter((f) => f.severity === "error").length - required.length;
  const warnings = rep.findings.filter((f) => f.severity === "warning").length;
  const status = form.querySelector<HTMLElement>("[data-status]")!;
  const total = rep.rules?.length ?? 0;
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  const ready = errors === 0 && todo === 0;
  if (ready) {
    status.textContent = `All checks pass${warnings ? ` (${n(warnings, "warning")})` : ""}: ${pass} of ${total} computed checks agree with your answer.`;
    status.dataset.state = "pass";
  } else {
    const parts = [];
    if (errors) parts.push(n(errors, "error"));
    if (warnings) parts.push(n(warnings, "warning"));
    if (todo) parts.push(`${n(todo, "field")} still to answer`);
    status.textContent = `${parts.join(", ")}; ${pass} of ${total} computed checks pass so far.`;
    status.dataset.state = errors ? "fail" : "todo";
  }
  // Generated files are offered only for an answer with nothing left to fix.
  form.querySelectorAll<HTMLButtonElement>('[data-action="export-format"]').forEach((b) => {
    b.disabled = !ready;
    b.title = ready ? "" : "Fix every error first: only a passing answer is turned into files.";
  });
  showHints(form, rep.figures?.hints);
  showReadings(form, rep.readings);
  drawFigures(form, rep.figures);
  const order = [...stops].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return { errors, warnings, todo, pass: ready, stops: order };
}

// noteFollowers says at the field of each finding that follows from f
// (when that is another field) where its cause is, quietly: the learner
// fixes the cause, and these go with it.
function noteFollowers(form: HTMLElement, f: Finding, slot: HTMLElement, cause: Control | null): void {
  for (const g of f.follows ?? []) {
    const at = g.pointer ? placeFor(form, g.pointer) : null;
    if (!at || at === slot) continue;
    const note = document.createElement("span");
    note.className = "todo follows-note";
    note.append(document.createTextNode(`${g.message}${/[.!?]$/.test(g.message) ? "" : "."} This follows from `));
    if (cause) note.append(link(cause));
    else note.append(document.createTextNode("an error above"));
    note.append(document.createTextNode(": fix that first."));
    at.appendChild(note);
  }
}
