// Draws the figures the engine computed (report.figures) as SVG charts,
// each beside the section of the form whose fields it reacts to.

import { declaredChart } from "./charts/declared";
import { incidentChart } from "./charts/incident";
import { limiterChart } from "./charts/limiter";
import { mm1Chart } from "./charts/mm1";
import { sloChart } from "./charts/slo";

// charts maps a figure name in report.figures to the function drawing it
// and the section (a JSON pointer) whose fields move it: the chart sits
// beside that section on a wide screen and right under it on a narrow one.
// A kata with a chart adds its file under charts/, its import and one entry here.
const charts: Record<string, { draw: (fig: any) => Element; near: string }> = {
  mm1: { draw: mm1Chart, near: "/mm1" },
  limiter: { draw: limiterChart, near: "/algorithm" },
  slo: { draw: sloChart, near: "/alerts" },
  incident: { draw: incidentChart, near: "/timeline" },
};

// placeCharts puts a chart slot beside each section a chart of the charts
// table reacts to: the section and the slot share a box (div.beside), two
// columns or one by the screen's width (style.css). A figure without a
// section here is drawn in the report's own box.
export function placeCharts(form: HTMLElement): void {
  for (const [name, { near }] of Object.entries(charts)) {
    const section = form.querySelector<HTMLElement>(`fieldset[data-field="${CSS.escape(near)}"]`);
    if (!section || section.parentElement?.classList.contains("beside")) continue;
    const box = document.createElement("div");
    box.className = "beside";
    const slot = document.createElement("div");
    slot.className = "chart-aside";
    slot.dataset.figures = "";
    slot.dataset.chartFor = name;
    section.before(box);
    box.append(section, slot);
  }
}

// The bridge writes a number JSON cannot hold as "Infinity", "-Infinity"
// or "NaN" (internal/safejson): a chart of such numbers has no scale.
const nonFinite = /"(-?Infinity|NaN)"/;

export function drawFigures(form: HTMLElement, figures: Record<string, any> | undefined): void {
  const own = form.querySelector<HTMLElement>(".report [data-figures]")!;
  own.replaceChildren();
  form.querySelectorAll<HTMLElement>("[data-chart-for]").forEach((s) => {
    s.replaceChildren();
    s.parentElement!.dataset.chart = "none";
  });
  for (const [name, fig] of Object.entries(figures ?? {})) {
    if (!fig) continue;
    const slot = form.querySelector<HTMLElement>(`[data-chart-for="${CSS.escape(name)}"]`) ?? own;
    if (slot !== own) slot.parentElement!.dataset.chart = "shown";
    if (nonFinite.test(JSON.stringify(fig))) {
      const p = document.createElement("p");
      p.className = "note";
      p.textContent = "No chart: some of its numbers are too large to draw (see the findings).";
      slot.appendChild(p);
      continue;
    }
    // A built-in kata's chart by the figure's name; a declared kata's by
    // the figure's kind (bar, line, table).
    const chart = charts[name] ? charts[name].draw(fig) : declaredChart(fig);
    if (chart) slot.appendChild(chart);
  }
}
