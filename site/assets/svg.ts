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

// About how wide a character of chart text is at 11 px, in the SVG's
// units, a little over the average so estimates err on the side of room.
export const CHAR_W = 6;

// legend draws a key of line samples and their texts in rows from (x, y),
// starting a new row rather than running past maxX, and returns the y of
// the row after the last.
export function legend(svg: Element, items: [cls: string, text: string][], x: number, y: number, maxX: number): number {
  let lx = x;
  for (const [cls, text] of items) {
    const w = 22 + text.length * CHAR_W;
    if (lx > x && lx + w > maxX) {
      lx = x;
      y += 16;
    }
    // A sample of the line it names, styled by the same class; "key" tells
    // it from the chart's own lines.
    el("line", { x1: lx, y1: y - 4, x2: lx + 18, y2: y - 4, class: `${cls} key` }, svg);
    el("text", { x: lx + 22, y, class: "label" }, svg).textContent = text;
    lx += w + 14;
  }
  return y + 16;
}
