// The budget-burn chart of the SLO kata: how much of the window's error
// budget remains, day by day, at a constant error ratio the learner slides,
// against the drain at each burn-rate alert's threshold, and when each
// alert would fire.

import { el, fmt, legend } from "../svg";

interface Alert {
  name: string;
  action: string;
  burn: number;
  long_h: number;
  short_h: number;
  threshold: number; // error ratio, a fraction
}

interface Fig {
  sli: string;
  target_pct: number;
  window_days: number;
  budget: number; // 1 − target, a fraction
  alerts: Alert[] | null;
}

// The slider's position survives the redraw that follows every check.
let position: number | null = null;
const STEPS = 200;

function pct(f: number): string {
  const p = f * 100;
  return (p >= 1 ? String(Math.round(p * 100) / 100) : String(Number(p.toPrecision(2)))) + "%";
}

function duration(days: number): string {
  if (days >= 2) return `${fmt(days)} days`;
  const h = days * 24;
  return h >= 1 ? `${fmt(h)} h` : `${fmt(h * 60)} min`;
}

export function sloChart(fig: Fig): Element {
  const alerts = fig.alerts ?? [];
  const minBurn = 0.25;
  const maxBurn = Math.max(4, ...alerts.map((a) => a.burn * 2));
  const burnAt = (v: number) => minBurn * Math.pow(maxBurn / minBurn, v / STEPS);
  const posOf = (b: number) => Math.round((STEPS * Math.log(b / minBurn)) / Math.log(maxBurn / minBurn));

  const box = document.createElement("div");
  box.className = "chart-box slo";
  const label = document.createElement("label");
  label.textContent = `Constant error ratio on the ${fig.sli} SLI: `;
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = String(STEPS);
  slider.value = String(position ?? posOf(1));
  slider.dataset.chartControl = "error-ratio";
  slider.setAttribute("aria-label", "constant error ratio");
  const out = document.createElement("output");
  label.append(slider, out);
  const summary = document.createElement("p");
  summary.className = "chart-summary";
  const holder = document.createElement("div");
  box.append(label, holder, summary);

  const draw = (): void => {
    const burn = burnAt(Number(slider.value));
    const ratio = Math.min(1, burn * fig.budget);
    out.textContent = ` ${pct(ratio)} errors (burn ${fmt(burn)}×)`;
    holder.replaceChildren(plot(fig, alerts, burn));
    const lasts = fig.window_days / burn;
    const lines = [
      lasts >= fig.window_days
        ? `At this rate the budget lasts the whole ${fmt(fig.window_days)}-day window.`
        : `At this rate the ${fmt(fig.window_days)}-day budget is gone after ${duration(lasts)}.`,
    ];
    let fired = false;
    for (const a of alerts) {
      if (a.threshold >= 1) {
        lines.push(`The ${a.name} alert (${a.action}) can never fire: it needs ${pct(a.threshold)} errors.`);
      } else if (burn >= a.burn) {
        fired = true;
        lines.push(`The ${a.name} alert (${a.action}, ${fmt(a.burn)}× over ${fmt(a.long_h)} h and ${fmt(a.short_h * 60)} min) fires after ${fmt(a.long_h)} h, with ${pct(1 - (burn * a.long_h) / (fig.window_days * 24))} of the budget left.`);
      } else {
        lines.push(`The ${a.name} alert (${a.action}) stays quiet: it needs a burn of ${fmt(a.burn)}× (${pct(a.threshold)} errors).`);
      }
    }
    if (!fired && lasts < fig.window_days) lines.push("The budget runs out with neither alert firing: a slow leak like this is what a third, longer alert (10% in 3 days, 1×) would catch.");
    summary.textContent = lines.join(" ");
  };
  // The slider is not an answer field: keep its events from the form.
  for (const type of ["input", "change"]) {
    slider.addEventListener(type, (e) => {
      e.stopPropagation();
      position = Number(slider.value);
      draw();
    });
  }
  draw();
  return box;
}

// Spans the time axis can take, in days: from an hour to two weeks, then
// the window itself.
const spans = [1 / 24, 2 / 24, 3 / 24, 6 / 24, 12 / 24, 1, 2, 3, 5, 7, 10, 14];

// span is the time the plot shows: the whole window while the budget
// lasts it, else the first nice span with room past the moment the budget
// runs out, so a fast burn is drawn across the plot, not squeezed into its
// first day.
export function span(days: number, burn: number): number {
  const lasts = days / burn;
  if (lasts >= days) return days;
  return spans.find((s) => s >= lasts * 1.25 && s < days) ?? days;
}

// ticks are whole steps from 0 to u (at most six of them) and u itself,
// which takes the last step's place when it is closer than half a step.
export function ticks(u: number): number[] {
  const step = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 30, 60, 120].find((s) => u / s <= 6) ?? u / 4;
  const out: number[] = [];
  for (let v = 0; v < u - step / 2; v += step) out.push(v);
  out.push(u);
  return out;
}

function plot(fig: Fig, alerts: Alert[], burn: number): SVGElement {
  const W = 520, right = 16, bottom = 44, left = 50;
  const days = fig.window_days;
  const shown = span(days, burn);
  const svg = el("svg", { role: "img", class: "chart slo" });
  el("title", {}, svg).textContent = `Error budget remaining over the first ${duration(shown)} of the ${fmt(days)}-day window at a burn rate of ${fmt(burn)}`;
  el("text", { x: 8, y: 16, class: "label" }, svg).textContent = "error budget remaining";
  // The key names the lines, so no label sits on a line in the plot.
  const live = alerts.filter((a) => a.threshold < 1);
  const top = legend(svg, [["curve", "at this rate"], ...live.map((a): [string, string] => [`alert-line ${a.name}`, `${a.name} alert (${a.action}) ≥ ${fmt(a.burn)}×`])], 8, 34, W - 8) + 2;
  const H = top + 232 + bottom;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const x = (d: number) => left + (Math.min(d, shown) / shown) * (W - left - right);
  const y = (p: number) => top + (1 - Math.max(0, p)) * (H - top - bottom);
  el("line", { x1: left, y1: y(0), x2: W - right, y2: y(0), class: "axis" }, svg);
  el("line", { x1: left, y1: top, x2: left, y2: y(0), class: "axis" }, svg);
  const [unit, perDay] = shown > 2 ? ["days", 1] : shown > 3 / 24 ? ["hours", 24] : ["minutes", 24 * 60];
  for (const u of ticks(shown * perDay)) {
    el("text", { x: x(u / perDay), y: H - bottom + 16, class: "tick", "text-anchor": "middle" }, svg).textContent = fmt(u);
  }
  for (let i = 0; i <= 4; i++) {
    el("text", { x: left - 6, y: y(i / 4) + 4, class: "tick", "text-anchor": "end" }, svg).textContent = `${i * 25}%`;
  }
  el("text", { x: (left + W - right) / 2, y: H - 10, class: "label", "text-anchor": "middle" }, svg).textContent =
    `${unit} into the ${fmt(days)}-day window`;
  // A constant burn b drains the budget in a straight line to zero at
  // days / b; past the plot's span it is cut at the edge.
  const drain = (b: number, cls: string) => {
    const end = Math.min(shown, days / b);
    el("line", { x1: x(0), y1: y(1), x2: x(end), y2: y(1 - (b * end) / days), class: cls }, svg);
  };
  for (const a of live) drain(a.burn, `alert-line ${a.name}`);
  drain(burn, "curve");
  for (const a of live) {
    if (burn < a.burn) continue;
    const at = a.long_h / 24;
    if (at <= shown) el("circle", { cx: x(at), cy: y(1 - (burn * at) / days), r: 5, class: `fire ${a.name}` }, svg);
  }
  return svg;
}
