// The course's service worker: on install it caches every page and asset
// of this build (the list and the build's version are written in front of
// this file by the site build); it answers from that cache first, so the
// course works offline; a new build brings a new version, whose cache
// replaces the old one when it activates.
//
// Cache names carry the worker's scope (the course's folder): another
// course on the same host (/a/ and /b/ on one GitHub Pages account) has
// caches of its own, which this worker never touches.

interface Build {
  version: string;
  files: string[];
}

const sw = self as any;
const build: Build = sw.KATABOOK;
const PREFIX = `katabook:${sw.registration.scope}:`;
const CACHE = PREFIX + build.version;

// ours tells whether a cache belongs to this course: named with its scope,
// or an older build's ("katabook-<version>", no scope) that holds this
// course's index.
async function ours(name: string): Promise<boolean> {
  if (name.startsWith(PREFIX)) return true;
  if (!name.startsWith("katabook-")) return false;
  const c = await caches.open(name);
  return !!(await c.match(new URL("index.html", sw.registration.scope).href));
}

sw.addEventListener("install", (e: any) => {
  e.waitUntil(
    caches
      .open(CACHE)
      // no-cache: a host that sends Last-Modified without Cache-Control
      // lets the HTTP cache answer with the previous build's pages, which
      // would then be cached as this build's; revalidate every file instead.
      .then((c) => c.addAll(build.files.map((f) => new Request(f, { cache: "no-cache" }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (e: any) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map(async (k) => (await ours(k)) && caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener("fetch", (e: any) => {
  const req: Request = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== location.origin) return;
  e.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Asset URLs carry ?v=<build>; the cache keys do not.
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (err) {
        const index = await cache.match("index.html");
        if (index && req.mode === "navigate") return index;
        throw err;
      }
    }),
  );
});
