// The course's service worker: on install it caches every page and asset
// of this build (the list and the build's version are written in front of
// this file by the site build); it answers from that cache first, so the
// course works offline; a new build brings a new version, whose cache
// replaces the old one when it activates.

interface Build {
  version: string;
  files: string[];
}

const sw = self as any;
const build: Build = sw.KATABOOK;
const CACHE = `katabook-${build.version}`;

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
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("katabook-") && k !== CACHE).map((k) => caches.delete(k))))
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
