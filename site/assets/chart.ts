// Draws the figures the engine computed (report.figures) as SVG charts.

import { declaredChart } from "./charts/declared";
import { incidentChart } from "./charts/incident";
import { limiterChart } from "./charts/limiter";
import { mm1Chart } from "./charts/mm1";
import { sloChart } from "./charts/slo";

// charts maps a figure name in report.figures to the function drawing it.
// A kata with a chart adds its file under charts/, its import and one entry here.
const charts: Record<string, (fig: any) => Element> = {
  mm1: mm1Chart,
  limiter: limiterChart,
  slo: sloChart,
  incident: incidentChart,
};

// The bridge writes a number JSON cannot hold as "Infinity", "-Infinity"
// or "NaN" (internal/safejson): a chart of such numbers has no scale.
const nonFinite = /"(-?Infinity|NaN)"/;

export function drawFigures(box: HTMLElement, figures: Record<string, any> | undefined): void {
  box.replaceChildren();
  for (const [name, fig] of Object.entries(figures ?? {})) {
    if (!fig) continue;
    if (nonFinite.test(JSON.stringify(fig))) {
      const p = document.createElement("p");
      p.className = "note";
      p.textContent = "No chart: some of its numbers are too large to draw (see the findings).";
      box.appendChild(p);
      continue;
    }
    // A built-in kata's chart by the figure's name; a declared kata's by
    // the figure's kind (bar, line, table).
    const chart = charts[name] ? charts[name](fig) : declaredChart(fig);
    if (chart) box.appendChild(chart);
  }
}
