// The swim-lane timeline of the incident kata: one lane per role, each
// entry a dot coloured by its phase, with the start of impact, detection,
// full mitigation, the root-cause fix and the bonus alert as markers. The
// engine computes every position (report.figures.incident).

import { el, fmt } from "../svg";

interface Entry {
  n: number;
  t_min: number;
  phase: string;
  role: string;
  label: string;
  late?: boolean;
}

interface Marker {
  name: string;
  t_min: number;
  late?: boolean;
}

interface Fig {
  origin: string;
  entries: Entry[] | null;
  markers: Marker[] | null;
  phases: string[];
  lanes: string[];
  end_min: number;
  ttd_min?: number;
  ttm_min?: number;
  ttr_min?: number;
}

const markerText: Record<string, string> = {
  impact: "impact starts",
  detect: "detected",
  mitigated: "mitigated",
  resolved: "root cause fixed",
  alert: "bonus alert fires",
};

// span writes minutes the way the workbook does: 43 min, 35 h 42 min.
function span(m: number): string {
  if (m < 60) return `${fmt(m)} min`;
  const h = Math.floor(m / 60);
  const rest = Math.round(m - h * 60);
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

export function incidentChart(fig: Fig): SVGElement {
  const lanes = fig.lanes;
  const laneH = 38, left = 138, lateW = 70, right = 14, top = 52;
  const W = 640;
  const plotR = W - right - lateW;
  const H = top + lanes.length * laneH + 74;
  const end = Math.max(fig.end_min, 1);
  // The last entry's dot leaves room for its number before the "later" break.
  const x = (t: number, late?: boolean) => (late ? plotR + lateW / 2 : left + (Math.max(t, 0) / end) * (plotR - left - 24));
  const laneY = (role: string) => {
    const i = lanes.indexOf(role);
    return top + (i < 0 ? lanes.length - 1 : i) * laneH + laneH / 2;
  };
  const phaseClass = (p: string) => (fig.phases.includes(p) ? `phase-${p}` : "phase-other");

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart incident" });
  el("title", {}, svg).textContent = `Incident timeline from ${fig.origin}, by role and phase`;
  lanes.forEach((role, i) => {
    const y = top + i * laneH;
    el("rect", { x: left, y, width: plotR - left, height: laneH, class: i % 2 ? "lane odd" : "lane" }, svg);
    el("text", { x: left - 8, y: y + laneH / 2 + 4, class: "tick", "text-anchor": "end" }, svg).textContent = role;
  });
  const bottom = top + lanes.length * laneH;
  el("line", { x1: left, y1: bottom, x2: plotR, y2: bottom, class: "axis" }, svg);
  for (let k = 0; k <= 4; k++) {
    const t = (end * k) / 4;
    el("text", { x: x(t), y: bottom + 14, class: "tick", "text-anchor": "middle" }, svg).textContent = `+${span(t)}`;
  }
  el("text", { x: plotR + lateW / 2, y: top - 6, class: "label", "text-anchor": "middle" }, svg).textContent = "later";
  el("line", { x1: plotR + 4, y1: top, x2: plotR + 4, y2: bottom, class: "break" }, svg);

  // Each label goes on the first of three rows where it does not overlap
  // the labels already placed (about 6 px a character at this size).
  const rowEnds = [-Infinity, -Infinity, -Infinity];
  const placed = [...(fig.markers ?? [])].sort((a, b) => x(a.t_min, a.late) - x(b.t_min, b.late));
  placed.forEach((m, i) => {
    const mx = x(m.t_min, m.late);
    el("line", { x1: mx, y1: top - 4, x2: mx, y2: bottom, class: `marker marker-${m.name}` }, svg);
    const text = markerText[m.name] ?? m.name;
    const half = (text.length * 6) / 2;
    let row = rowEnds.findIndex((end) => end < mx - half - 4);
    if (row < 0) row = i % rowEnds.length;
    rowEnds[row] = mx + half;
    const t = el("text", { x: mx, y: 16 + row * 12, class: `note marker-${m.name}`, "text-anchor": "middle" }, svg);
    t.textContent = text;
  });

  for (const e of fig.entries ?? []) {
    const c = el("circle", { cx: x(e.t_min, e.late), cy: laneY(e.role), r: 6, class: `entry ${phaseClass(e.phase)}`, "data-entry": e.n }, svg);
    el("title", {}, c).textContent = `Entry ${e.n}, ${e.phase}, +${span(e.t_min)}: ${e.label}`;
    // The number sits right of its dot, clear of a marker line through the dot.
    el("text", { x: x(e.t_min, e.late) + 8, y: laneY(e.role) - 4, class: "tick" }, svg).textContent = String(e.n);
  }

  // Legend: the phases' colours, then the derived figures.
  let lx = left;
  for (const p of fig.phases) {
    el("circle", { cx: lx, cy: bottom + 32, r: 5, class: `entry ${phaseClass(p)}` }, svg);
    el("text", { x: lx + 8, y: bottom + 36, class: "tick" }, svg).textContent = p;
    lx += 22 + p.length * 7;
  }
  const derived: string[] = [];
  if (fig.ttd_min !== undefined) derived.push(`time to detect ${span(fig.ttd_min)}`);
  if (fig.ttm_min !== undefined) derived.push(`to mitigate ${span(fig.ttm_min)}`);
  if (fig.ttr_min !== undefined) derived.push(`to resolve ${span(fig.ttr_min)}`);
  el("text", { x: left, y: bottom + 58, class: "label derived" }, svg).textContent = derived.join(" · ");
  return svg;
}
