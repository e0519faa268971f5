// The colour theme: follows the system unless the learner picks light or
// dark with the header's button; the choice is remembered.

const KEY = "katabook:theme";
const ORDER = ["auto", "light", "dark"] as const;
type Theme = (typeof ORDER)[number];

function current(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return (ORDER as readonly string[]).includes(t ?? "") ? (t as Theme) : "auto";
  } catch {
    return "auto";
  }
}

function apply(t: Theme, button: HTMLElement | null): void {
  if (t === "auto") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = t;
  if (button) {
    button.textContent = `Theme: ${t}`;
    button.title = t === "auto" ? "Colours follow the system; click for light" : `Colours: ${t}; click to change`;
  }
}

export function setupTheme(): void {
  const button = document.querySelector<HTMLElement>('[data-action="theme"]');
  apply(current(), button);
  button?.addEventListener("click", () => {
    const next = ORDER[(ORDER.indexOf(current()) + 1) % ORDER.length];
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* the choice lasts for this page only */
    }
    apply(next, button);
  });
}

// addAnchors gives each heading with an id a link to itself.
export function addAnchors(): void {
  document.querySelectorAll<HTMLElement>("article h2[id], article h3[id]").forEach((h) => {
    const a = document.createElement("a");
    a.className = "anchor";
    a.href = `#${h.id}`;
    a.textContent = "#";
    a.setAttribute("aria-label", `Link to ${h.textContent ?? "this section"}`);
    h.appendChild(a);
  });
}

// drawSidebar lists the course's pages from assets/nav.js, marking this one.
export function drawSidebar(): void {
  const box = document.querySelector<HTMLElement>("[data-sidebar]");
  const pages: { s: string; t: string }[] = (globalThis as any).KATABOOK_NAV ?? [];
  if (!box || pages.length === 0) return;
  const here = location.pathname.split("/").pop()?.replace(/\.html$/, "") || "index";
  const ol = document.createElement("ol");
  for (const p of pages) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `${p.s}.html`;
    a.textContent = p.t;
    if (p.s === here) a.setAttribute("aria-current", "page");
    li.appendChild(a);
    ol.appendChild(li);
  }
  box.replaceChildren(ol);
}

// setupMenu opens the kata list from the header where the sidebar has no
// room of its own (narrow screens), so it is reachable at every width.
export function setupMenu(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-action="menu"]');
  const list = document.querySelector<HTMLElement>("[data-sidebar]");
  if (!button || !list) return;
  const set = (open: boolean): void => {
    button.setAttribute("aria-expanded", String(open));
    if (open) list.dataset.open = "";
    else delete list.dataset.open;
  };
  button.addEventListener("click", () => set(button.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") set(false);
  });
}
