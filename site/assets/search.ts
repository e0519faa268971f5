// Client-side full-text search over every workbook. The build writes the
// index as a script (assets/search.js, see site/search.go for its format)
// and each page's text as another (assets/text/<slug>.js), loaded on first
// use and for the pages in the results: scripts, not fetch, so search works
// offline and from file:// alike. Results are ranked with BM25, a word in a
// section's heading counting more, and show the heading and a snippet with
// the matched words marked, built from text nodes: content never becomes
// markup.

interface Raw {
  c: number; // the cap on a term's count in a section
  p: [string, string][]; // pages: slug, title
  s: [number, string, number, string?][]; // sections: page, heading, words, heading id if not guessedID(heading)
  t: string; // the terms, front-coded
  f: string; // one postings list per term
}

interface Section {
  slug: string;
  href: string;
  page: string; // the page's title
  heading: string; // "" for the page's start
  nth: number; // its place among its page's sections, in the page's text script
  words: number;
  head: Map<string, number>; // its heading's terms (the page's title for its start)
}

interface Index {
  sections: Section[];
  terms: string[];
  byTerm: Map<string, number>;
  lists: string[];
  cap: number;
  avgWords: number;
}

// The digits of the postings, as site/search.go writes them.
const FINAL = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const MORE = "!#$%&'()*+,./:;<=>?@[]^`{|}~";
// BM25's constants, and how much more a word in the heading counts than
// one in the text: a section titled by the word ranks above a mention.
const K1 = 1.2;
const B = 0.75;
const HEADING = 4;
const PREFIX = 0.8; // a longer word that starts with the typed one
const MAX_TERM = 24; // code points, as maxTermRunes
const LIMIT = 8;

// terms splits text into its words as the index has them (searchTerms in
// site/search.go): runs of letters and digits, lower-cased, at least two
// characters, with where each starts and ends.
export function terms(text: string): { term: string; start: number; end: number }[] {
  const out: { term: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const chars = Array.from(m[0].toLowerCase());
    if (chars.length < 2) continue;
    out.push({ term: chars.slice(0, MAX_TERM).join(""), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

function count(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const { term } of terms(text)) m.set(term, (m.get(term) ?? 0) + 1);
  return m;
}

// guessedID is the id goldmark gives a heading that is the first of its
// name on its page, as site/search.go guesses it: the index leaves out an
// id that is its heading's guessed one.
function guessedID(heading: string): string {
  if (heading === "") return "";
  let id = "";
  for (const c of heading.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, "")) {
    if (/^[a-z0-9]$/i.test(c)) id += c.toLowerCase();
    else if (/^[ \t\n\r\v\f_-]$/.test(c)) id += "-";
  }
  return id || "heading";
}

function decode(raw: Raw): Index {
  let first = 0; // the page's first section
  const sections = raw.s.map(([p, heading, words, id = guessedID(heading)], i): Section => {
    const [slug, page] = raw.p[p];
    if (i > 0 && p !== raw.s[i - 1][0]) first = i;
    return { slug, href: `${slug}.html${id ? `#${id}` : ""}`, page, heading, nth: i - first, words, head: count(heading || page) };
  });
  const terms: string[] = [];
  let prev = "";
  for (const entry of raw.t === "" ? [] : raw.t.split(" ")) {
    prev = prev.slice(0, FINAL.indexOf(entry[0])) + entry.slice(1);
    terms.push(prev);
  }
  const avgWords = sections.reduce((n, s) => n + s.words, 0) / Math.max(1, sections.length);
  return { sections, terms, byTerm: new Map(terms.map((t, i) => [t, i])), lists: raw.f.split(" "), cap: raw.c, avgWords };
}

// postings reads one term's list: section -> how often (capped).
function postings(ix: Index, term: number): Map<number, number> {
  const out = new Map<number, number>();
  let sec = -1;
  let v = 0;
  let scale = 1;
  for (const c of ix.lists[term]) {
    const more = MORE.indexOf(c);
    if (more >= 0) {
      v += more * scale * FINAL.length;
      scale *= MORE.length;
      continue;
    }
    v += FINAL.indexOf(c);
    sec += Math.floor(v / ix.cap) + 1;
    out.set(sec, (v % ix.cap) + 1);
    v = 0;
    scale = 1;
  }
  return out;
}

// expand is what a typed word matches: itself, and when it is the word
// being typed (or no word is exactly it) the longer words it begins,
// which count a little less.
function expand(ix: Index, word: string, typing: boolean): { term: number; weight: number }[] {
  const exact = ix.byTerm.get(word);
  const out = exact === undefined ? [] : [{ term: exact, weight: 1 }];
  if (typing || exact === undefined) {
    ix.terms.forEach((t, i) => {
      if (t.length > word.length && t.startsWith(word)) out.push({ term: i, weight: PREFIX });
    });
  }
  return out;
}

export interface Hit {
  section: Section;
  score: number;
  matched: Set<string>; // the index's terms it matched, to mark
}

// search finds the sections that have every word of the query (the last
// one as a prefix while it is being typed), best first.
export function search(ix: Index, query: string, limit = LIMIT): Hit[] {
  const words = [...new Set(terms(query).map((w) => w.term))];
  if (words.length === 0) return [];
  const typing = !/[^\p{L}\p{N}]$/u.test(query);
  const n = ix.sections.length;
  let scores: Map<number, { score: number; matched: Set<string> }> | null = null;
  for (const [i, word] of words.entries()) {
    // A word scores a section by the best of the words it matches there.
    const best = new Map<number, { score: number; terms: string[] }>();
    for (const { term, weight } of expand(ix, word, typing && i === words.length - 1)) {
      const list = postings(ix, term);
      const idf = Math.log(1 + (n - list.size + 0.5) / (list.size + 0.5));
      const t = ix.terms[term];
      for (const [sec, tf] of list) {
        const s = ix.sections[sec];
        const f = tf + (HEADING - 1) * (s.head.get(t) ?? 0);
        const score = (weight * idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * s.words) / ix.avgWords));
        const b = best.get(sec) ?? { score: 0, terms: [] };
        best.set(sec, { score: Math.max(score, b.score), terms: [...b.terms, t] });
      }
    }
    const next = new Map<number, { score: number; matched: Set<string> }>();
    for (const [sec, b] of best) {
      const had = scores === null ? { score: 0, matched: new Set<string>() } : scores.get(sec);
      if (had) next.set(sec, { score: had.score + b.score, matched: new Set([...had.matched, ...b.terms]) });
    }
    scores = next; // every word must match
  }
  return [...scores!]
    .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
    .slice(0, limit)
    .map(([sec, s]) => ({ section: ix.sections[sec], score: s.score, matched: s.matched }));
}

// marked appends text to el with the words in matched wrapped in <mark>.
function marked(el: HTMLElement, text: string, matched: Set<string>): void {
  let at = 0;
  for (const w of terms(text)) {
    if (!matched.has(w.term)) continue;
    if (w.start > at) el.append(text.slice(at, w.start));
    const m = document.createElement("mark");
    m.textContent = text.slice(w.start, w.end);
    el.append(m);
    at = w.end;
  }
  if (at < text.length) el.append(text.slice(at));
}

const WIDTH = 180; // characters of snippet
const LEAD = 24; // of them before the first match

// snippet is the part of a section's text that shows the most of the
// different matched words within WIDTH characters, cut at spaces.
export function snippet(text: string, matched: Set<string>): string {
  const hits = terms(text).filter((w) => matched.has(w.term));
  let from = 0;
  let most = 0;
  for (const h of hits) {
    const seen = new Set(hits.filter((o) => o.start >= h.start && o.end <= h.start + WIDTH - LEAD).map((o) => o.term));
    if (seen.size > most) [most, from] = [seen.size, h.start];
  }
  let start = Math.max(0, from - LEAD);
  const space = text.indexOf(" ", start);
  if (start > 0) start = space >= 0 && space < from ? space + 1 : from;
  let end = Math.min(text.length, start + WIDTH);
  if (end < text.length) end = text.lastIndexOf(" ", end) > from ? text.lastIndexOf(" ", end) : end;
  return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
}

function loadScript(src: string, ready: () => unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve(ready());
    s.onerror = () => reject(new Error(`${src} could not be loaded`));
    document.head.appendChild(s);
  });
}

let index: Promise<Index> | null = null;
const texts = new Map<string, Promise<string[]>>();

function loadIndex(): Promise<Index> {
  index ??= loadScript("assets/search.js", () => decode((globalThis as any).KATABOOK_SEARCH)).catch(() => {
    index = null; // try again on the next keystroke
    throw new Error("The search index could not be loaded.");
  });
  return index;
}

function loadText(slug: string): Promise<string[]> {
  let p = texts.get(slug);
  if (!p) {
    p = loadScript(`assets/text/${slug}.js`, () => (globalThis as any).KATABOOK_TEXT?.[slug] ?? []);
    p.catch(() => texts.delete(slug));
    texts.set(slug, p);
  }
  return p;
}

function note(list: HTMLElement, text: string): void {
  const li = document.createElement("li");
  li.textContent = text;
  list.appendChild(li);
}

export function setupSearch(): void {
  const input = document.querySelector<HTMLInputElement>("[data-search]");
  const list = document.querySelector<HTMLUListElement>("[data-search-results]");
  if (!input || !list) return;
  input.addEventListener("focus", () => void loadIndex().catch(() => undefined), { once: true });
  let shown = 0; // which query the list shows, so a late snippet goes nowhere else
  input.addEventListener("input", async () => {
    const q = input.value;
    const turn = ++shown;
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    list.hidden = q.trim() === "";
    if (q.trim() === "") return;
    let ix: Index;
    try {
      ix = await loadIndex();
    } catch (err) {
      note(list, (err as Error).message);
      return;
    }
    if (turn !== shown) return; // a newer keystroke won
    const hits = search(ix, q);
    if (hits.length === 0) {
      note(list, terms(q).length === 0 ? "Type a word of two letters or more." : "Nothing found.");
      return;
    }
    const snippets: Promise<unknown>[] = [];
    for (const h of hits) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = h.section.href;
      a.append(h.section.heading ? `${h.section.page} › ` : "");
      marked(a, h.section.heading || h.section.page, h.matched);
      const p = document.createElement("span");
      li.append(a, p);
      list.appendChild(li);
      const text = loadText(h.section.slug).then((xs) => {
        if (turn === shown) marked(p, snippet(xs[h.section.nth] ?? "", h.matched), h.matched);
      });
      snippets.push(text.catch(() => undefined)); // the title still links to the section
    }
    // Busy until the snippets arrive, for screen readers (and tests).
    list.setAttribute("aria-busy", "true");
    await Promise.all(snippets);
    if (turn === shown) list.removeAttribute("aria-busy");
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      input.value = "";
      list.replaceChildren();
      list.hidden = true;
    }
  });
}
