// Service worker: the site keeps working when the line is down, on a PC where it was opened once.
// Published as /sw.js by scripts/mkdocs_hooks.py, which puts this build's id (BUILD) and file
// lists (SHELL: pages, styles, scripts, search; RUNTIME: Pyodide and the explainers) above this
// code. One cache per build: a page and everything it loads always come from the same build.
// A new build installs next to the old one and takes over when the reader agrees (the notice
// that explain.js shows) or when every tab of the old one is closed; the old cache is then
// deleted. The pasted text never reaches this worker: it handles requests for site files only.
// PACKED maps a file to its gzip twin: the worker fetches the twin and unpacks it itself, so
// that filling the cache costs the compressed size also on a host that compresses nothing.
// HEADERS are the site's security headers (the same as _headers): responses from the cache
// carry them, so the page's policy also covers the worker scripts on hosts that send no headers.
/* global BUILD, SHELL, RUNTIME, PACKED, HEADERS */
const PREFIX = "site-";
const CACHE = PREFIX + BUILD;
const scope = new URL(self.registration.scope);
const abs = (rel) => new URL(rel, scope).href;
const SHELL_URLS = SHELL.map(abs);
const RUNTIME_URLS = RUNTIME.map(abs);
const KNOWN = new Set([...SHELL_URLS, ...RUNTIME_URLS]);
const IS_RUNTIME = new Set(RUNTIME_URLS);
const NOT_FOUND = abs("404.html");

// Revalidate with the server (a 304 costs nothing): never copy an older build's file out of the
// HTTP cache into this build's cache.
const fresh = (url) => new Request(url, { cache: "no-cache" });

const TWIN = new Map(Object.entries(PACKED).map(([rel, twin]) => [abs(rel), abs(twin)]));
const TYPES = {
  html: "text/html; charset=utf-8", css: "text/css; charset=utf-8", js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8", json: "application/json", xml: "application/xml",
  svg: "image/svg+xml", py: "text/x-python; charset=utf-8", txt: "text/plain; charset=utf-8",
  wasm: "application/wasm",
};

function typeOf(url) {
  const path = new URL(url).pathname;
  const ext = path.endsWith("/") ? "html" : path.split(".").pop().toLowerCase();
  return TYPES[ext];
}

async function fetchOne(url) {
  const twin = TWIN.get(url);
  let body = null;
  let type = typeOf(url);
  if (twin && typeof DecompressionStream === "function") {
    const packed = await fetch(fresh(twin));
    if (packed.ok) body = await new Response(packed.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  }
  if (body === null) {
    const response = await fetch(fresh(url));
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    type = response.headers.get("Content-Type") || type;
    body = await response.arrayBuffer();
  }
  return new Response(body, { status: 200, headers: { ...HEADERS, "Content-Type": type || "application/octet-stream" } });
}

async function cacheMissing(cache, urls) {
  const have = new Set((await cache.keys()).map((r) => r.url));
  const todo = urls.filter((u) => !have.has(u));
  // A few at a time: a phone on a slow line should still load the page it is on.
  for (let i = 0; i < todo.length; i += 4) {
    const batch = todo.slice(i, i + 4);
    const responses = await Promise.all(batch.map(fetchOne));
    await Promise.all(batch.map((url, k) => cache.put(url, responses[k])));
  }
}

async function hadRuntimeBefore() {
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    if ((await old.keys()).some((r) => /\/pyodide\.asm\.wasm(\.\w+)?$/.test(r.url))) return true;
  }
  return false;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cacheMissing(cache, SHELL_URLS);
    // A reader who used a paste box with the previous build keeps it working offline.
    if (await hadRuntimeBefore()) await cacheMissing(cache, RUNTIME_URLS);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "cache-runtime") {
    // A paste box was used: keep Python and the explainers for offline use too.
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      let ok = true;
      try {
        await cacheMissing(cache, RUNTIME_URLS);
      } catch {
        ok = false;
      }
      if (event.source) event.source.postMessage({ type: "runtime-cached", ok, build: BUILD });
    })());
  } else if (data.type === "build") {
    if (event.source) event.source.postMessage({ type: "build", build: BUILD });
  }
});

async function respond(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && IS_RUNTIME.has(key)) await cache.put(key, response.clone());
  return response;
}

async function navigate(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const cache = await caches.open(CACHE);
    const page = await cache.match(NOT_FOUND);
    if (page) return new Response(page.body, { status: 404, headers: page.headers });
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  let key = url.origin + url.pathname;
  if (!KNOWN.has(key) && KNOWN.has(key + "/")) key += "/";
  if (KNOWN.has(key)) event.respondWith(respond(request, key));
  else if (request.mode === "navigate") event.respondWith(navigate(request));
});
