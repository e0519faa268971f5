// Short times in a list's timestamps: in a row after the first, "03:14" is
// that time of day on the first row's date and "T+14m" (or T+90s, T+2h) is
// that long after the first row's time. Both are stored as full
// timestamps in the first row's zone, and the field then shows what it
// stored. Only the controls the site marks data-timestamp (fields whose
// unit is "ISO 8601 with zone") take them.

const isoRE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const clockRE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const sinceRE = /^T\+(\d+(?:\.\d+)?)\s*(s|m|min|h)?$/i;

const pad = (n: number): string => String(n).padStart(2, "0");

// expandTime is text as a full timestamp, read against first (the first
// row's timestamp), or null when text is not a short time or first is not
// a timestamp.
export function expandTime(text: string, first: string): string | null {
  const f = isoRE.exec(first.trim());
  if (!f) return null;
  const zone = f[7];
  const t = text.trim();
  const c = clockRE.exec(t);
  if (c) {
    const [h, m, s] = [Number(c[1]), Number(c[2]), Number(c[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return null;
    return `${f[1]}-${f[2]}-${f[3]}T${pad(h)}:${pad(m)}:${pad(s)}${zone}`;
  }
  const d = sinceRE.exec(t);
  if (!d) return null;
  const unit = (d[2] ?? "m").toLowerCase();
  const secs = Number(d[1]) * (unit === "s" ? 1 : unit === "h" ? 3600 : 60);
  // The first row's wall clock moved on, written in its own zone (a zone
  // as written is a fixed offset, so its clock moves as UTC's does).
  const wall = Date.UTC(+f[1], +f[2] - 1, +f[3], +f[4], +f[5], +(f[6] ?? 0)) + Math.round(secs) * 1000;
  const w = new Date(wall);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}${zone}`;
}

// firstOf is the pointer of the same field in a list's first row, or null
// for a field in no list or in the first row.
export function firstOf(ptr: string): string | null {
  const m = /^(.*)\/(\d+)(\/[^/]+)$/.exec(ptr);
  return m && m[2] !== "0" ? `${m[1]}/0${m[3]}` : null;
}
