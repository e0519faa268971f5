// The budget-burn chart of the SLO kata: how much of the window's error
// budget remains, day by day, at a constant error ratio the learner slides,
// against the drain at each burn-rate alert's threshold, and when each
// alert would fire.

import { el, fmt } from "../svg";

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

function plot(fig: Fig, alerts: Alert[], burn: number): SVGElement {
  const W = 520, H = 300, left = 50, right = 16, top = 24, bottom = 44;
  const days = fig.window_days;
  const x = (d: number) => left + (Math.min(d, days) / days) * (W - left - right);
  const y = (p: number) => top + (1 - Math.max(0, p)) * (H - top - bottom);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart slo" });
  el("title", {}, svg).textContent = `Error budget remaining over ${days} days at a burn rate of ${fmt(burn)}`;
  el("line", { x1: left, y1: y(0), x2: W - right, y2: y(0), class: "axis" }, svg);
  el("line", { x1: left, y1: top, x2: left, y2: y(0), class: "axis" }, svg);
  for (let i = 0; i <= 4; i++) {
    el("text", { x: x((days * i) / 4), y: H - bottom + 16, class: "tick", "text-anchor": "middle" }, svg).textContent = fmt((days * i) / 4);
    el("text", { x: left - 6, y: y(i / 4) + 4, class: "tick", "text-anchor": "end" }, svg).textContent = `${i * 25}%`;
  }
  el("text", { x: (left + W - right) / 2, y: H - 6, class: "label", "text-anchor": "middle" }, svg).textContent = "days into the window";
  el("text", { x: 8, y: 14, class: "label" }, svg).textContent = "error budget remaining";
  // A constant burn b drains the budget in a straight line to zero at days / b.
  const drain = (b: number, cls: string) =>
    el("line", { x1: x(0), y1: y(1), x2: x(Math.min(days, days / b)), y2: y(Math.max(0, 1 - b)), class: cls }, svg);
  for (const a of alerts) {
    if (a.threshold >= 1) continue;
    drain(a.burn, `alert-line ${a.name}`);
    el("text", { x: x(days / a.burn) + 4, y: y(0) - 6 - (a.name === "fast" ? 12 : 0), class: "note" }, svg).textContent =
      `${a.name} (${a.action}) ≥ ${fmt(a.burn)}×`;
  }
  drain(burn, "curve");
  for (const a of alerts) {
    if (a.threshold >= 1 || burn < a.burn) continue;
    const at = a.long_h / 24;
    el("circle", { cx: x(at), cy: y(1 - (burn * at) / days), r: 5, class: `fire ${a.name}` }, svg);
  }
  return svg;
}
