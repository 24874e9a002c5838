// Micro Pause's service worker: cache-first, so the app starts with no network at all.
//
// The cache name carries the build's version (a hash of the built files): a new build is a
// new worker with a new cache, and activating it deletes the old one. Everything one load
// needs is fetched at install time; the renderer files are chosen the way flutter.js chooses
// them, so a phone stores only the variant it will run.
"use strict";

const CACHE = "micropause-__VERSION__";
const CORE = __CORE__;
const RENDERERS = __RENDERERS__;
// Fetched by the Python worker as the host sends them: compressed on the wire, or else their
// .gz copy (python-worker.js fetchPayload); pre-cached the same way, so offline the worker
// finds whichever this host gave it.
const PAYLOADS = __PAYLOADS__;

// flutter.js's choice, as far as a service worker can see it: Chromium-based engines with
// WasmGC run the dart2wasm client on skwasm (the "heavy" skwasm without Chromium's break
// iterators), others the dart2js client on CanvasKit, the "chromium" CanvasKit when the
// engine has Chromium's break iterators. (flutter.js also wants WebGL and image codecs;
// every WasmGC Chromium has both.) A miss is still cached after the first load: the page
// reports what it loaded.
function rendererVariant() {
  const blink = /Chrome\//.test(self.navigator.userAgent);
  const v8Breaks =
    typeof Intl.v8BreakIterator !== "undefined" && typeof Intl.Segmenter !== "undefined";
  const wasmGC = WebAssembly.validate(
    new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 95, 1, 120, 0]));
  if (blink && wasmGC) return v8Breaks ? "skwasm" : "skwasm_heavy";
  return blink && v8Breaks ? "chromium" : "full";
}

async function cachePayload(cache, url) {
  const plain = await fetch(url);
  if (plain.ok && plain.headers.get("content-encoding")) return cache.put(url, plain);
  if (plain.body) plain.body.cancel().catch(() => {});
  return cache.add(url + ".gz");
}

self.addEventListener("install", (event) => {
  const urls = CORE.concat(RENDERERS[rendererVariant()] || []);
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all([
        cache.addAll(urls), ...PAYLOADS.map((url) => cachePayload(cache, url)),
      ]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("micropause-") && k !== CACHE).map((k) => caches.delete(k))
      ))
      .then(() => self.clients.claim())
  );
});

// The page reports what it actually loaded, so a file the lists above missed is still there
// next time offline.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-urls" || !Array.isArray(data.urls)) return;
  const own = data.urls.filter((u) => new URL(u).origin === self.location.origin);
  const reply = event.ports && event.ports[0];
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(own.map(async (u) => {
    if (!(await cache.match(u, { ignoreSearch: true }))) {
      try { await cache.add(u); } catch (e) { /* offline or gone: the next load tries again */ }
    }
  }))).then(() => { if (reply) reply.postMessage("cached"); }));
});

async function respond(request) {
  const cache = await caches.open(CACHE);
  // Every navigation is the same single page (routes live after the #), so the shell answers.
  const key = request.mode === "navigate" ? "./" : request;
  const hit = await cache.match(key, { ignoreSearch: true });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") cache.put(request, response.clone());
    return response;
  } catch (error) {
    return Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});

// A nudge notification was clicked (the page shows them through this worker, so they work while
// the page is in the background): bring the app forward and let the page open the lesson in
// place, without a reload; with no window open, open one on the lesson.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const route = (event.notification.data || {}).route || "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        return open.focus().then((w) => (w || open).postMessage({ type: "micropause-open", route }));
      }
      return self.clients.openWindow(`./#${route}?from=notification`);
    })
  );
});
