// Shows a report next to the form: each finding beside its field (with
// aria-invalid on the control), the rest in a list, and which checks pass.

import type { Finding, Report } from "./engine";
import { controls } from "./form";
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

function line(f: Finding): HTMLElement {
  const li = document.createElement("li");
  li.className = f.severity;
  li.dataset.rule = f.rule;
  const rule = document.createElement("code");
  rule.textContent = f.rule;
  li.append(rule, document.createTextNode(`: ${f.message}`));
  return li;
}

// showHints writes the numbers the engine computed for a field (the
// figure "hints", keyed by JSON pointer) into the field's hint slot.
function showHints(form: HTMLElement, hints: Record<string, string> | undefined): void {
  form.querySelectorAll<HTMLElement>("[data-hint]").forEach((h) => {
    h.textContent = hints?.[h.dataset.hint!] ?? "";
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

export function showReport(form: HTMLElement, rep: Report): void {
  for (const c of controls(form)) c.removeAttribute("aria-invalid");
  form.querySelectorAll<HTMLElement>("[data-msg]").forEach((m) => m.replaceChildren());
  const rest = form.querySelector<HTMLElement>("[data-findings]")!;
  rest.replaceChildren();
  for (const f of rep.findings) {
    const slot = f.pointer ? placeFor(form, f.pointer) : null;
    if (!slot) {
      rest.appendChild(line(f));
      continue;
    }
    // An unanswered field is work to do, not a mistake: shown quietly and
    // without aria-invalid, so a fresh page does not shout at the learner.
    const todo = f.rule === "schema/required";
    const msg = document.createElement("span");
    msg.className = todo ? "todo" : f.severity;
    msg.dataset.rule = f.rule;
    const rule = document.createElement("code");
    rule.textContent = f.rule;
    msg.append(rule, document.createTextNode(` ${f.message}`));
    slot.appendChild(msg);
    if (f.severity === "error" && !todo) {
      const own = form.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(f.pointer)}"]`);
      own?.setAttribute("aria-invalid", "true");
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
  const required = rep.findings.filter((f) => f.rule === "schema/required");
  const todo = fieldsToAnswer(form, required);
  const errors = rep.findings.filter((f) => f.severity === "error").length - required.length;
  const warnings = rep.findings.filter((f) => f.severity === "warning").length;
  const status = form.querySelector<HTMLElement>("[data-status]")!;
  const total = rep.rules?.length ?? 0;
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  if (errors === 0 && todo === 0) {
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
  const ready = errors === 0 && todo === 0;
  form.querySelectorAll<HTMLButtonElement>('[data-action="export-format"]').forEach((b) => {
    b.disabled = !ready;
    b.title = ready ? "" : "Fix every error first: only a passing answer is turned into files.";
  });
  showHints(form, rep.figures?.hints);
  drawFigures(form.querySelector<HTMLElement>("[data-figures]")!, rep.figures);
}
