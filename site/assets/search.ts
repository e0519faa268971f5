// Client-side search over every workbook. The index is a script the build
// writes (assets/search.js), loaded on first use, so search works offline
// and from file:// without fetch.

interface Entry {
  h: string; // href
  t: string; // title
  x: string; // text
}

let index: Promise<Entry[]> | null = null;

function loadIndex(): Promise<Entry[]> {
  index ??= new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "assets/search.js";
    s.onload = () => resolve(((globalThis as any).KATABOOK_SEARCH as Entry[]) ?? []);
    s.onerror = () => reject(new Error("the search index could not be loaded"));
    document.head.appendChild(s);
  });
  return index;
}

// search ranks entries by how many of the query's words they contain,
// a title match counting three times.
export function search(entries: Entry[], query: string, limit = 8): Entry[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
  if (words.length === 0) return [];
  const scored: { e: Entry; score: number }[] = [];
  for (const e of entries) {
    const t = e.t.toLowerCase();
    const x = e.x.toLowerCase();
    let score = 0;
    for (const w of words) {
      if (t.includes(w)) score += 3;
      else if (x.includes(w)) score += 1;
      else {
        score = 0;
        break; // every word must match
      }
    }
    if (score > 0) scored.push({ e, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.e);
}

function snippet(text: string, query: string): string {
  const w = query.toLowerCase().split(/\s+/).find((x) => x.length > 1) ?? "";
  const at = Math.max(0, text.toLowerCase().indexOf(w) - 40);
  return (at > 0 ? "…" : "") + text.slice(at, at + 140) + (text.length > at + 140 ? "…" : "");
}

export function setupSearch(): void {
  const input = document.querySelector<HTMLInputElement>("[data-search]");
  const list = document.querySelector<HTMLUListElement>("[data-search-results]");
  if (!input || !list) return;
  input.addEventListener("focus", () => void loadIndex().catch(() => undefined), { once: true });
  input.addEventListener("input", async () => {
    const q = input.value.trim();
    list.replaceChildren();
    list.hidden = q === "";
    if (q === "") return;
    let entries: Entry[];
    try {
      entries = await loadIndex();
    } catch (err) {
      const li = document.createElement("li");
      li.textContent = (err as Error).message;
      list.appendChild(li);
      return;
    }
    if (input.value.trim() !== q) return; // a newer keystroke won
    const hits = search(entries, q);
    if (hits.length === 0) {
      const li = document.createElement("li");
      li.textContent = "Nothing found.";
      list.appendChild(li);
      return;
    }
    for (const e of hits) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = e.h;
      a.textContent = e.t;
      const p = document.createElement("span");
      p.textContent = snippet(e.x, q);
      li.append(a, p);
      list.appendChild(li);
    }
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      input.value = "";
      list.replaceChildren();
      list.hidden = true;
    }
  });
}
