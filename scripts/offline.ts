/**
 * The service worker that makes a visited Archipel work with no network (README, "Works with no
 * signal"). The build writes `sw.js` beside `index.html` once every file is in the output folder:
 * its version is a hash of the files it keeps, so each deployment that changes a file makes a new
 * worker, which the browser finds at the next visit.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * Kept at install: the app's code, styles, fonts and workers, its basemap, data, place search and
 * administrative map (the national view reads all of it once drawn, a territory its own files).
 * The data's parts (`data/parts/`, src/data/parts.ts) are not: the whole files they are cut from
 * are, and a part is kept when a page fetches it (network first, like all of `data/`); a part
 * that cannot be read offline makes the page read the whole file instead.
 */
const PRECACHED =
  /^(index\.html|archipel\.config\.json|assets\/.+|admin\/.+\.json|basemap\/.+\.json|data\/(?!parts\/).+|places\/.+\.json)$/;

/** Every file of `dir`, relative, with "/" separators. */
function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The files the worker keeps at install, and a version that changes when any of them does. */
export function offlineManifest(outDir: string): { version: string; files: string[] } {
  const files = filesOf(outDir).filter((f) => PRECACHED.test(f));
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(outDir, file)));
  return { version: hash.digest('hex').slice(0, 16), files };
}

/**
 * The worker's code. The update rule:
 * - pages (`index.html`, whatever the query), `archipel.config.json` and `data/`: network first,
 *   the cached copy when the network fails or does not answer within 4 s;
 * - everything else of the site (hashed code and styles, fonts, basemap, place search,
 *   administrative map): the cache first, else the network, kept for next time;
 * - other origins (an online style, the address API, a `data=` URL): not touched.
 * A new deployment's worker installs (its files fetched in the background), takes over at once
 * and deletes the old version's cache: online, the next page load is the new deployment.
 */
export function serviceWorkerSource(version: string, files: string[]): string {
  return `// Archipel's service worker, written by the build (scripts/offline.ts). Version ${version}.
const CACHE = 'archipel-${version}';
const FILES = ${JSON.stringify(files)};
const SCOPE = new URL('./', self.location.href);
const FRESH = /^(index\\.html|archipel\\.config\\.json|data\\/.*)?$/;
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new URL(f, SCOPE).href))).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('archipel-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page sends what it fetched before the worker controlled it (the administrative map…).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'archipel-keep' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && u.startsWith(SCOPE.href));
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        urls.map((u) =>
          cache.match(u).then((hit) => hit || fetch(u).then((r) => (r.ok ? cache.put(u, r) : undefined))).catch(() => undefined),
        ),
      ),
    ).then(() => event.source && event.source.postMessage({ type: 'archipel-kept', count: urls.length })),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const path = url.pathname.slice(SCOPE.pathname.length);
  if (request.mode === 'navigate' || FRESH.test(path)) event.respondWith(networkFirst(request, request.mode === 'navigate'));
  else event.respondWith(cacheFirst(request));
});

async function networkFirst(request, page) {
  const cache = await caches.open(CACHE);
  const key = page ? new URL('index.html', SCOPE).href : request.url.split('?')[0];
  const network = fetch(request).then((response) => {
    if (response.ok && response.type === 'basic') cache.put(key, response.clone());
    return response;
  });
  network.catch(() => undefined);
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS));
  try {
    const first = await Promise.race([network, late]);
    if (first) return first;
  } catch {}
  const cached = await cache.match(key);
  return cached || network;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') cache.put(request, response.clone());
  return response;
}
`;
}

/** Writes `sw.js` into the build's output folder once everything else is there. */
export function offlineWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'archipel-offline-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      if (config.build.ssr || config.build.lib) return;
      const outDir = resolve(config.root, config.build.outDir);
      const { version, files } = offlineManifest(outDir);
      writeFileSync(join(outDir, 'sw.js'), serviceWorkerSource(version, files));
    },
  };
}
