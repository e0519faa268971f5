// Small helpers to build SVG with DOM calls: attributes and textContent
// only, so nothing a learner typed is ever parsed as markup.

const NS = "http://www.w3.org/2000/svg";

export function el(name: string, attrs: Record<string, string | number>, parent?: Element): SVGElement {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

export function fmt(v: number): string {
  return String(Math.round(v * 10) / 10);
}
