// The rate-limiter kata's simulation chart: one panel per traffic scenario
// with the requests sent and admitted so far (left axis) and the limiter's
// headroom, the requests that could pass at that moment (right axis).

import { el, fmt, legend } from "../svg";

interface Scenario {
  name: string;
  title: string;
  t: number[];
  requests: number[];
  admitted: number[];
  headroom: number[];
  total: number;
  total_admitted: number;
  max_in_one_second: number;
  max_second_at: number;
  tail_rate: number;
}

interface Fig {
  limit: number;
  burst: number;
  algorithm?: string;
  scenarios: Scenario[] | null;
  distributed?: { replicas: number; requests: number; single: number; admitted: number };
  costs?: { endpoint: string; cost: number; rps: number }[] | null;
  notes?: string[] | null;
}

const W = 520, PH = 130, left = 56, right = 48, head = 34, foot = 26;

// wrap splits text into lines of at most n characters, at spaces.
function wrap(text: string, n = 84): string[] {
  const out: string[] = [];
  let cur = "";
  for (const w of text.split(" ")) {
    if (cur && cur.length + 1 + w.length > n) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}

function line(xs: number[], ys: number[], x: (v: number) => number, y: (v: number) => number): string {
  return xs.map((t, i) => `${fmt(x(t))},${fmt(y(ys[i]))}`).join(" ");
}

function panel(svg: SVGElement, s: Scenario, top: number, burst: number): void {
  const t0 = s.t.length ? s.t[0] - (s.t[1] - s.t[0] || 0) : 0;
  const t1 = s.t.length ? s.t[s.t.length - 1] : 1;
  const maxC = Math.max(1, ...s.requests);
  const maxH = Math.max(1, burst, ...s.headroom);
  const x = (v: number) => left + ((v - t0) / (t1 - t0 || 1)) * (W - left - right);
  const y = (v: number) => top + (1 - v / maxC) * PH;
  const yh = (v: number) => top + (1 - v / maxH) * PH;
  const g = el("g", { class: `scenario ${s.name}`, "data-scenario": s.name }, svg);
  el("text", { x: 8, y: top - 22, class: "label" }, g).textContent = s.title;
  el("line", { x1: left, y1: top + PH, x2: W - right, y2: top + PH, class: "axis" }, g);
  el("line", { x1: left, y1: top, x2: left, y2: top + PH, class: "axis" }, g);
  el("line", { x1: W - right, y1: top, x2: W - right, y2: top + PH, class: "axis" }, g);
  for (const v of [0, maxC / 2, maxC]) {
    el("text", { x: left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, g).textContent = fmt(v);
  }
  for (const v of [0, maxH]) {
    el("text", { x: W - right + 6, y: yh(v) + 4, class: "tick" }, g).textContent = fmt(v);
  }
  for (const v of [t0, (t0 + t1) / 2, t1]) {
    el("text", { x: x(v), y: top + PH + 14, class: "tick", "text-anchor": "middle" }, g).textContent = `${fmt(v)} s`;
  }
  el("polyline", { points: line(s.t, s.requests, x, y), class: "requests" }, g);
  el("polyline", { points: line(s.t, s.admitted, x, y), class: "admitted" }, g);
  el("polyline", { points: line(s.t, s.headroom, x, yh), class: "headroom" }, g);
  const note = `admitted ${s.total_admitted} of ${s.total} · busiest second ${s.max_in_one_second}` +
    (s.name === "overload" ? ` · long run ${fmt(s.tail_rate)}/s` : "");
  el("text", { x: 8, y: top - 8, class: "note" }, g).textContent = note;
}

// limiterChart draws the simulation of the learner's limiter.
export function limiterChart(fig: Fig): SVGElement {
  const scenarios = fig.scenarios ?? [];
  const costs = fig.costs ?? [];
  const d = fig.distributed;
  const notes = [
    ...(d ? [`The burst dealt to ${d.replicas} replicas before they sync: ${d.admitted} of ${d.requests} admitted (one limiter: ${d.single}).`] : []),
    ...(fig.notes ?? []),
  ].map((n) => wrap(n));
  const extra = notes.reduce((k, n) => k + n.length, 0) + (costs.length ? costs.length + 1 : 0);
  const svg = el("svg", { role: "img", class: "chart limiter" });
  el("title", {}, svg).textContent =
    `Simulation of the ${fig.algorithm ?? "limiter"} at ${fmt(fig.limit)} req/s, burst ${fmt(fig.burst)}: requests, admitted and headroom over time`;
  // The legend takes as many rows as it needs inside the frame; the
  // panels start under it.
  const legendEnd = legend(svg, [["requests", "requests sent (cumulative)"], ["admitted", "admitted (cumulative)"], ["headroom", "headroom: could pass now (right axis)"]], 8, 18, W - 8);
  const start = legendEnd - 10;
  const H = start + scenarios.length * (head + PH + foot) + extra * 16 + 10;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  let top = start + head;
  for (const s of scenarios) {
    panel(svg, s, top, fig.burst);
    top += head + PH + foot;
  }
  let ty = top - head + 4;
  for (const lines of notes) {
    for (const l of lines) {
      el("text", { x: 8, y: ty, class: "note computed" }, svg).textContent = l;
      ty += 16;
    }
  }
  if (costs.length) {
    el("text", { x: 8, y: ty, class: "label" }, svg).textContent = "What the budget alone allows per endpoint:";
    ty += 16;
    for (const c of costs) {
      el("text", { x: 16, y: ty, class: "note cost" }, svg).textContent = `${c.endpoint}: ${fmt(c.cost)} tokens each → ${fmt(c.rps)} req/s`;
      ty += 16;
    }
  }
  return svg;
}
