// Fields that matter only for a choice: the schema's if/then says which
// (engine.Field.ShowWhen, written into data-when by the site), and the page
// shows such a field only while its choice holds. What a hidden field holds
// stays in the stored answer, so it comes back with its choice; the answer
// the page checks and exports leaves it out, as `katabook check` would
// never see it in the exported file.

import { deleteAt, getAt } from "./form";

interface Condition {
  field: string;
  values?: string[];
}

// parent is the pointer of the object holding the field at ptr.
const parent = (ptr: string): string => ptr.slice(0, ptr.lastIndexOf("/"));

// state is "on" when one of el's conditions holds, "off" when a choice it
// depends on is made otherwise, and "open" when none is made yet, as
// engine.Field.Shown reads it.
function state(el: HTMLElement, answer: unknown): "on" | "off" | "open" {
  const conds: Condition[] = JSON.parse(el.dataset.when!);
  const base = parent(el.dataset.field!);
  let chosen = false;
  for (const c of conds) {
    const v = getAt(answer, `${base}/${c.field}`);
    if (v === undefined || v === null || v === "") continue;
    chosen = true;
    if (!c.values?.length || c.values.includes(String(v))) return "on";
  }
  return chosen ? "off" : "open";
}

// showChosen shows a field while its choice holds. Before the choice is
// made it shows only if it holds something (a file's), never hiding a value.
export function showChosen(form: HTMLElement, answer: unknown): void {
  form.querySelectorAll<HTMLElement>("[data-when]").forEach((el) => {
    const s = state(el, answer);
    const hide = s === "off" || (s === "open" && getAt(answer, el.dataset.field!) === undefined);
    if (el.hidden !== hide) el.hidden = hide;
  });
}

// chosenOnly is the answer and literals without what the fields of a
// choice not taken hold; the stored answer is not changed.
export function chosenOnly(
  form: HTMLElement,
  answer: unknown,
  literals: Record<string, string> = {},
): { answer: any; literals: Record<string, string> } {
  const hidden = Array.from(form.querySelectorAll<HTMLElement>("[data-when]"))
    .filter((el) => state(el, answer) === "off")
    .map((el) => el.dataset.field!);
  if (!hidden.length || answer === null || typeof answer !== "object") return { answer, literals };
  const out = structuredClone(answer);
  for (const ptr of hidden) deleteAt(out, ptr);
  const under = (p: string): boolean => hidden.some((h) => p === h || p.startsWith(h + "/"));
  return { answer: out, literals: Object.fromEntries(Object.entries(literals).filter(([p]) => !under(p))) };
}
