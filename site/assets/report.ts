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
    const msg = document.createElement("span");
    msg.className = f.severity;
    msg.dataset.rule = f.rule;
    const rule = document.createElement("code");
    rule.textContent = f.rule;
    msg.append(rule, document.createTextNode(` ${f.message}`));
    slot.appendChild(msg);
    if (f.severity === "error") {
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
  const errors = rep.findings.filter((f) => f.severity === "error").length;
  const warnings = rep.findings.length - errors;
  const status = form.querySelector<HTMLElement>("[data-status]")!;
  const total = rep.rules?.length ?? 0;
  status.textContent =
    errors === 0
      ? `All checks pass${warnings ? ` (${warnings} warning${warnings > 1 ? "s" : ""})` : ""}: ${pass} of ${total} computed checks agree with your answer.`
      : `${errors} error${errors > 1 ? "s" : ""}, ${warnings} warning${warnings === 1 ? "" : "s"}; ${pass} of ${total} computed checks pass.`;
  status.dataset.state = errors === 0 ? "pass" : "fail";
  drawFigures(form.querySelector<HTMLElement>("[data-figures]")!, rep.figures);
}
