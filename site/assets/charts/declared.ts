// The charts of katas declared in files: a rules file's figure gives its
// data with a kind, and one of these draws it. Labels go in with
// textContent only, so a figure can never inject markup.

import { el, fmt } from "../svg";

interface Bar { label: string; value: number }
interface Series { label: string; points: { x: number; y: number }[] }

type Declared =
  | { kind: "bar"; title?: string; bars: Bar[]; line?: Bar }
  | { kind: "line"; title?: string; x_label?: string; y_label?: string; series: Series[] }
  | { kind: "table"; title?: string; columns: string[]; rows: unknown[][] };

const W = 520, H = 300, left = 56, right = 16, top = 30, bottom = 44;

function frame(title: string | undefined, cls: string): SVGElement {
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: `chart declared ${cls}` });
  el("title", {}, svg).textContent = title ?? "figure";
  if (title) el("text", { x: left, y: 18, class: "label" }, svg).textContent = title;
  el("line", { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, class: "axis" }, svg);
  el("line", { x1: left, y1: top, x2: left, y2: H - bottom, class: "axis" }, svg);
  return svg;
}

function barChart(fig: Extract<Declared, { kind: "bar" }>): Element {
  const svg = frame(fig.title, "bars");
  const bars = fig.bars ?? [];
  const max = Math.max(1, fig.line?.value ?? 0, ...bars.map((b) => b.value ?? 0));
  const y = (v: number) => top + (1 - v / max) * (H - top - bottom);
  const step = (W - left - right) / Math.max(bars.length, 1);
  bars.forEach((b, i) => {
    const x = left + i * step + step * 0.15;
    el("rect", { x, y: y(b.value), width: step * 0.7, height: H - bottom - y(b.value), class: "bar" }, svg);
    el("text", { x: x + step * 0.35, y: H - bottom + 16, class: "tick", "text-anchor": "middle" }, svg).textContent = String(b.label);
    el("text", { x: x + step * 0.35, y: y(b.value) - 4, class: "tick", "text-anchor": "middle" }, svg).textContent = fmt(b.value);
  });
  if (fig.line) {
    el("line", { x1: left, y1: y(fig.line.value), x2: W - right, y2: y(fig.line.value), class: "slo" }, svg);
    el("text", { x: W - right, y: y(fig.line.value) - 4, class: "note", "text-anchor": "end" }, svg).textContent =
      `${fig.line.label}: ${fmt(fig.line.value)}`;
  }
  return svg;
}

function lineChart(fig: Extract<Declared, { kind: "line" }>): Element {
  const svg = frame(fig.title, "lines");
  const pts = (fig.series ?? []).flatMap((s) => s.points ?? []);
  const maxX = Math.max(1e-9, ...pts.map((p) => p.x)), maxY = Math.max(1e-9, ...pts.map((p) => p.y));
  const x = (v: number) => left + (v / maxX) * (W - left - right);
  const y = (v: number) => top + (1 - v / maxY) * (H - top - bottom);
  for (let i = 0; i <= 4; i++) {
    el("text", { x: x((maxX * i) / 4), y: H - bottom + 16, class: "tick", "text-anchor": "middle" }, svg).textContent = fmt((maxX * i) / 4);
    el("text", { x: left - 6, y: y((maxY * i) / 4) + 4, class: "tick", "text-anchor": "end" }, svg).textContent = fmt((maxY * i) / 4);
  }
  if (fig.x_label) el("text", { x: (left + W - right) / 2, y: H - 10, class: "label", "text-anchor": "middle" }, svg).textContent = fig.x_label;
  if (fig.y_label) el("text", { x: 8, y: top - 4, class: "label" }, svg).textContent = fig.y_label;
  for (const s of fig.series ?? []) {
    el("polyline", { points: (s.points ?? []).map((p) => `${x(p.x)},${y(p.y)}`).join(" "), class: "curve" }, svg);
  }
  return svg;
}

function tableChart(fig: Extract<Declared, { kind: "table" }>): Element {
  const table = document.createElement("table");
  table.className = "figure-table";
  if (fig.title) table.createCaption().textContent = fig.title;
  const head = table.createTHead().insertRow();
  for (const c of fig.columns ?? []) head.appendChild(document.createElement("th")).textContent = String(c);
  const body = table.createTBody();
  for (const r of fig.rows ?? []) {
    const row = body.insertRow();
    for (const v of r) row.insertCell().textContent = typeof v === "number" ? fmt(v) : String(v ?? "");
  }
  return table;
}

// declaredChart draws a figure by its kind, or returns null for another.
export function declaredChart(fig: any): Element | null {
  switch (fig?.kind) {
    case "bar":
      return barChart(fig);
    case "line":
      return lineChart(fig);
    case "table":
      return tableChart(fig);
  }
  return null;
}
