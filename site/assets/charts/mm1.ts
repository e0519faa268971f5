// The M/M/1 utilisation-latency chart of the queue kata.

import { el, fmt } from "../svg";

interface Pt {
  lambda: number;
  w_ms: number;
}

// mm1Chart draws W against λ for an M/M/1 queue with the knee, the
// learner's points and the SLO crossing.
export function mm1Chart(fig: { mu: number; curve: Pt[]; points: Pt[] | null; knee: Pt; slo?: Pt }): SVGElement {
  const W = 520, H = 310, left = 56, right = 16, top = 30, bottom = 44;
  const maxX = fig.mu;
  const maxY = Math.max(...fig.curve.map((p) => p.w_ms));
  const x = (v: number) => left + (v / maxX) * (W - left - right);
  const y = (v: number) => top + (1 - Math.min(v, maxY) / maxY) * (H - top - bottom);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart mm1" });
  el("title", {}, svg).textContent = `M/M/1 time in system against arrival rate, μ = ${fig.mu} req/s`;
  // axes and ticks
  el("line", { x1: left, y1: y(0), x2: W - right, y2: y(0), class: "axis" }, svg);
  el("line", { x1: left, y1: top, x2: left, y2: y(0), class: "axis" }, svg);
  for (let i = 0; i <= 4; i++) {
    const xv = (maxX * i) / 4, yv = (maxY * i) / 4;
    el("text", { x: x(xv), y: H - bottom + 16, class: "tick", "text-anchor": "middle" }, svg).textContent = fmt(xv);
    el("text", { x: left - 6, y: y(yv) + 4, class: "tick", "text-anchor": "end" }, svg).textContent = fmt(yv);
  }
  el("text", { x: (left + W - right) / 2, y: H - 10, class: "label", "text-anchor": "middle" }, svg).textContent = "λ, arrival rate (req/s)";
  el("text", { x: 8, y: 16, class: "label" }, svg).textContent = "W, time in system (ms)";
  el("polyline", { points: fig.curve.map((p) => `${x(p.lambda)},${y(p.w_ms)}`).join(" "), class: "curve" }, svg);
  if (fig.slo) {
    el("line", { x1: left, y1: y(fig.slo.w_ms), x2: W - right, y2: y(fig.slo.w_ms), class: "slo" }, svg);
    el("text", { x: left + 4, y: y(fig.slo.w_ms) - 4, class: "note" }, svg).textContent =
      `SLO ${fmt(fig.slo.w_ms)} ms, crossed at λ = ${fmt(fig.slo.lambda)}`;
  }
  for (const p of fig.points ?? []) {
    if (p.lambda >= 0 && p.lambda <= maxX) el("circle", { cx: x(p.lambda), cy: y(p.w_ms), r: 4, class: "point" }, svg);
  }
  el("circle", { cx: x(fig.knee.lambda), cy: y(fig.knee.w_ms), r: 6, class: "knee" }, svg);
  el("text", { x: x(fig.knee.lambda) - 8, y: y(fig.knee.w_ms) - 10, class: "note", "text-anchor": "end" }, svg).textContent =
    `knee: ρ = 0.9, λ = ${fmt(fig.knee.lambda)}, W = ${fmt(fig.knee.w_ms)} ms`;
  return svg;
}

