/**
 * `npm run bench`: Archipel at 1,000 / 10,000 / 100,000 synthetic actors, measured side by side
 * with two baselines built here on the same data, through the same steps, in headless Chromium.
 *
 *   npm run bench [-- --sizes 1000,10000 --runs 3 --seed 42 --no-profile --targets archipel,maplibre,leaflet]
 *
 * Steps, each run on a fresh page (fresh browser context, empty cache), targets interleaved so that
 * the machine's drift weighs on all three alike:
 * 1. navigation → first idle of the clustered map, every actor drawn (sum of cluster counts checked);
 * 2. click the "library" category checkbox → map idle, sum of rendered counts = expected count;
 * 3. type a search (on top of that filter) → list and count updated; → map idle;
 * 4. export of the filtered set (only when the app has an "Exporter" button);
 * plus the main thread's JS heap after load (after a GC), bytes transferred by kind (gzip, as
 * served by `vite preview`, which compresses), and long tasks > 200 ms during load and filter.
 * Every figure is the median of the runs. Then, in Node, the nearest-20 query of `src/geo/nearest.ts`
 * against a linear scan, and one CPU profile of Archipel's filter change at the largest size.
 *
 * Writes `bench-results/latest.json` (and a dated copy) and prints the table to stdout; progress
 * goes to stderr. Generated data lives in `bench-results/data/`, never in `data/`.
 */
import { build, preview } from 'vite';
import type { Plugin, PreviewServer } from 'vite';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus, loadavg, totalmem } from 'node:os';
import type { AddressInfo } from 'node:net';
import { checkGenerated, generateActors, seededRandom, serialise, loadTowns } from './generate-actors';
import { filterActors, indexActors, NO_FILTERS } from '../src/data/filter';
import type { Filters } from '../src/data/filter';
import type { ActorFeature } from '../src/data/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench-results');
const DATA = join(OUT, 'data');
const SITE = join(OUT, 'site');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags that give WebGL through SwiftShader without a GPU (shared TESTING.md). */
const CHROMIUM_ARGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** The steps' parameters, in one place. */
const STEPS = {
  viewport: { width: 1280, height: 800 },
  /** The category checkbox clicked in step 2 (about 20 % of the actors). */
  filterCategory: 'library' as const,
  /** The search typed in step 3, on top of the category filter. */
  query: 'jaures',
  /** Actors listed beside the map (Archipel's page size). */
  listSize: 100,
  loadTimeoutMs: 240_000,
  stepTimeoutMs: 120_000,
  /** Quiet time after load before the filter, so that load work does not leak into it. */
  settleMs: 500,
  longTaskMs: 200,
  nearestQueries: 2000,
  naiveQueries: 100,
};

/** The plain background every map gets: no basemap, no tiles, so only the actors cost. */
const PLAIN_STYLE = {
  version: 8,
  name: 'bench plain background',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#F7F6F2' } }],
};

type TargetName = 'archipel' | 'maplibre' | 'leaflet';
const TARGET_LABEL: Record<TargetName, string> = {
  archipel: 'Archipel',
  maplibre: 'MapLibre recipe',
  leaflet: 'Leaflet.markercluster',
};

interface Options {
  sizes: number[];
  runs: number;
  seed: number;
  targets: TargetName[];
  profile: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value('--sizes') ?? '1000,10000,100000').split(',').map((s) => Number(s.replace(/[_k]/g, (c) => (c === 'k' ? '000' : ''))));
  const runs = Number(value('--runs') ?? 5);
  const seed = Number(value('--seed') ?? 42);
  const targets = (value('--targets') ?? 'archipel,maplibre,leaflet').split(',') as TargetName[];
  if (sizes.some((s) => !Number.isInteger(s) || s < 1) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    console.error('usage: npm run bench -- [--sizes 1000,10000,100000] [--runs 5] [--seed 42] [--targets archipel,maplibre,leaflet] [--no-profile]');
    process.exit(2);
  }
  for (const t of targets) if (!(t in TARGET_LABEL)) throw new Error(`unknown target ${t}`);
  return { sizes, runs, seed, targets, profile: !argv.includes('--no-profile') };
}

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Data

interface SizeData {
  size: number;
  file: string;
  /** URL path on the bench server. */
  url: string;
  bytes: number;
  expected: { all: number; filtered: number; searched: number };
}

/** Generates (or reuses, when made by the same generator with the same seed) and checks one file. */
async function prepareData(size: number, seed: number): Promise<SizeData> {
  const file = join(DATA, `actors-${size}${seed === 42 ? '' : `-seed${seed}`}.geojson`);
  const stamp = `${file}.stamp`;
  const generator = join(ROOT, 'scripts/generate-actors.ts');
  const wanted = `${seed} ${statSync(generator).mtimeMs}`;
  let text: string;
  if (existsSync(file) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
    text = readFileSync(file, 'utf8');
    log(`data ${size}: reusing ${rel(file)}`);
  } else {
    const started = performance.now();
    text = serialise(generateActors(size, seed));
    mkdirSync(DATA, { recursive: true });
    writeFileSync(file, text);
    log(`data ${size}: generated ${rel(file)} (${(text.length / 1e6).toFixed(1)} MB) in ${ms(performance.now() - started)}; validating…`);
    const check = await checkGenerated(text, rel(file));
    if (check.errors.length > 0) throw new Error(`generated data fails validation:\n${check.errors.slice(0, 10).join('\n')}`);
    writeFileSync(stamp, wanted);
  }
  const features = (JSON.parse(text) as { features: ActorFeature[] }).features;
  const indexed = indexActors(features);
  const filters = (patch: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...patch });
  const filtered = filterActors(indexed, filters({ categories: [STEPS.filterCategory] })).length;
  const searched = filterActors(indexed, filters({ categories: [STEPS.filterCategory], q: STEPS.query })).length;
  return { size, file, url: `/bench-data/${file.slice(DATA.length + 1)}`, bytes: text.length, expected: { all: features.length, filtered, searched } };
}

// ---------------------------------------------------------------------------------------------
// Builds and server

/** Builds the app (as shipped), an unminified copy for the profile, and the two baseline pages. */
async function buildSite(withProfile: boolean): Promise<void> {
  const quiet = { logLevel: 'warn' as const };
  let started = performance.now();
  await build({ ...quiet, root: ROOT, configFile: join(ROOT, 'vite.config.ts'), base: './', build: { outDir: SITE, emptyOutDir: true } });
  log(`built the app in ${ms(performance.now() - started)}`);
  if (withProfile) {
    started = performance.now();
    const dist = join(ROOT, 'node_modules/maplibre-gl/dist');
    await build({
      ...quiet,
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      base: './',
      build: { outDir: join(SITE, 'profile'), emptyOutDir: true, minify: false },
      // maplibre's own unminified build, so that the profile names its functions.
      resolve: {
        alias: [
          { find: /^maplibre-gl$/, replacement: join(dist, 'maplibre-gl-dev.mjs') },
          { find: /^maplibre-gl\/dist\/maplibre-gl-worker\.mjs/, replacement: join(dist, 'maplibre-gl-worker-dev.mjs') },
        ],
      },
    });
    log(`built the unminified app for the profile in ${ms(performance.now() - started)}`);
  }
  started = performance.now();
  const pages = join(ROOT, 'scripts/bench');
  await build({
    ...quiet,
    configFile: false,
    root: pages,
    base: './',
    build: {
      outDir: join(SITE, 'baselines'),
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: { maplibre: join(pages, 'maplibre/index.html'), leaflet: join(pages, 'leaflet/index.html') } },
    },
  });
  log(`built the baseline pages in ${ms(performance.now() - started)}`);
}

/** `vite preview` compresses only `text|javascript|/json|xml` types: serve `.geojson` as JSON so it is gzipped too. */
function geojsonAsJson(): Plugin {
  return {
    name: 'bench-geojson-as-json',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (/\.geojson$/.test((req.url ?? '').split('?')[0]!)) {
          const setHeader = res.setHeader.bind(res);
          res.setHeader = ((name: string, value: number | string | readonly string[]) =>
            setHeader(name, /^content-type$/i.test(name) ? 'application/json; charset=utf-8' : value)) as typeof res.setHeader;
        }
        next();
      });
    },
  };
}

async function serveSite(sizes: SizeData[]): Promise<{ server: PreviewServer; base: string }> {
  const dataDir = join(SITE, 'bench-data');
  mkdirSync(dataDir, { recursive: true });
  for (const s of sizes) {
    const target = join(dataDir, s.file.slice(DATA.length + 1));
    rmSync(target, { force: true });
    try {
      linkSync(s.file, target);
    } catch {
      copyFileSync(s.file, target);
    }
  }
  const server = await preview({
    configFile: false,
    root: ROOT,
    base: '/',
    logLevel: 'warn',
    build: { outDir: SITE },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins: [geojsonAsJson()],
  });
  const { port } = server.httpServer.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  // Archipel reads an online style from its config: give it the plain background (sirv serves new files).
  writeFileSync(join(SITE, 'bench-plain-style.json'), JSON.stringify(PLAIN_STYLE));
  const config = JSON.stringify({ styleUrl: `${base}/bench-plain-style.json`, styleTimeoutMs: 60_000 });
  writeFileSync(join(SITE, 'archipel.config.json'), config);
  if (existsSync(join(SITE, 'profile'))) writeFileSync(join(SITE, 'profile/archipel.config.json'), config);
  return { server, base };
}

// ---------------------------------------------------------------------------------------------
// In the page

declare global {
  interface Window {
    __bench?: { idle(): Promise<void>; renderedCount(): number };
    __benchLoadedAt?: number;
    __benchLongTasks?: [number, number][];
  }
}

/**
 * Runs before any page script: records long tasks, and turns Archipel's `window.__archipelMap`
 * (or a baseline's `window.__bench`) into `__bench`, noting when the map first went idle.
 */
function initScript() {
  const w = window as unknown as Record<string, unknown> & Window;
  w.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__benchLongTasks!.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task timing: the figures say 0
  }
  let bench: Window['__bench'];
  Object.defineProperty(w, '__bench', {
    configurable: true,
    get: () => bench,
    set(value: Window['__bench']) {
      bench = value;
      value?.idle().then(() => {
        w.__benchLoadedAt ??= performance.now();
      });
    },
  });
  type ArchipelMap = {
    idle(): Promise<void>;
    map: { queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[] };
  };
  let archipel: ArchipelMap | undefined;
  Object.defineProperty(w, '__archipelMap', {
    configurable: true,
    get: () => archipel,
    set(m: ArchipelMap | undefined) {
      archipel = m;
      if (!m) return;
      w.__bench = {
        idle: () => m.idle(),
        // As `renderedActorCount` of test/browser/browser.ts: each cluster or actor counted once.
        renderedCount() {
          const seen = new Set<string>();
          let total = 0;
          for (const f of m.map.queryRenderedFeatures({ layers: ['archipel-clusters', 'archipel-actors'] })) {
            const key = f.properties.cluster_id !== undefined ? `c${String(f.properties.cluster_id)}` : `a${String(f.properties.id)}`;
            if (seen.has(key)) continue;
            seen.add(key);
            total += (f.properties.point_count as number | undefined) ?? 1;
          }
          return total;
        },
      };
    },
  });
}

/**
 * tsx compiles this file with esbuild's `keepNames`, which wraps named functions in `__name(…)`:
 * functions sent to the page need that helper there too.
 */
async function addInitScripts(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  await context.addInitScript(initScript);
}

interface RunResult {
  loadMs: number;
  loadCount: number;
  filterMs: number;
  filterCount: number;
  searchListMs: number;
  searchMapMs: number;
  searchCount: number;
  exportMs: number | null;
  heapMB: number;
  /** Heap of the page's dedicated workers (maplibre's), after a GC in each. */
  workerHeapMB: number;
  bytes: Record<ByteKind, number>;
  rawBytes: Record<ByteKind, number>;
  longLoad: { count: number; maxMs: number; totalMs: number };
  longFilter: { count: number; maxMs: number; totalMs: number };
  countsOk: boolean;
}

type ByteKind = 'js' | 'css' | 'data' | 'font' | 'other';

function pageUrl(base: string, target: TargetName, data: SizeData, profile = false): string {
  const q = `data=${encodeURIComponent(data.url)}`;
  if (target === 'archipel') return `${base}/${profile ? 'profile/' : ''}?${q}`;
  return `${base}/baselines/${target}/index.html?${q}`;
}

/** Bytes by kind, from CDP Network events: `encodedDataLength` (on the wire, headers included). */
function watchBytes(cdp: CDPSession): () => { encoded: Record<ByteKind, number>; raw: Record<ByteKind, number>; gzipped: boolean } {
  const kinds = new Map<string, ByteKind>();
  const encoded: Record<ByteKind, number> = { js: 0, css: 0, data: 0, font: 0, other: 0 };
  const raw: Record<ByteKind, number> = { js: 0, css: 0, data: 0, font: 0, other: 0 };
  const rawById = new Map<string, number>();
  let gzipped = true;
  cdp.on('Network.responseReceived', (e) => {
    const url = e.response.url;
    const kind: ByteKind = /\/(bench-)?data\//.test(url)
      ? 'data'
      : e.type === 'Script' || /javascript/.test(e.response.mimeType)
        ? 'js'
        : e.type === 'Stylesheet'
          ? 'css'
          : e.type === 'Font'
            ? 'font'
            : 'other';
    kinds.set(e.requestId, kind);
    if (kind === 'data' && /actors-/.test(url)) {
      const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
      if (!encoding) gzipped = false;
    }
  });
  cdp.on('Network.dataReceived', (e) => rawById.set(e.requestId, (rawById.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on('Network.loadingFinished', (e) => {
    const kind = kinds.get(e.requestId);
    if (!kind) return;
    encoded[kind] += e.encodedDataLength;
    raw[kind] += rawById.get(e.requestId) ?? 0;
  });
  return () => ({ encoded: { ...encoded }, raw: { ...raw }, gzipped });
}

function longTasksIn(tasks: [number, number][], from: number, to: number) {
  const hits = tasks.filter(([start, duration]) => duration > STEPS.longTaskMs && start < to && start + duration > from);
  return {
    count: hits.length,
    maxMs: Math.max(0, ...hits.map(([, d]) => d)),
    totalMs: hits.reduce((sum, [, d]) => sum + d, 0),
  };
}

/**
 * Used JS heap of every dedicated worker, after a GC in each, through the browser's CDP session
 * (a page session cannot reach its workers in Playwright). Runs are one context at a time, so the
 * workers found are the page's.
 */
async function workerHeaps(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
    const replies = new Map<number, (value: { result?: Record<string, unknown>; error?: unknown }) => void>();
    session.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown>; error?: unknown };
      if (m.id !== undefined) replies.get(m.id)?.(m);
    });
    let next = 1;
    let total = 0;
    for (const target of targetInfos.filter((t) => t.type === 'worker')) {
      const { sessionId } = (await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
      const call = async (method: string) => {
        const id = next++;
        const reply = new Promise<{ result?: Record<string, unknown>; error?: unknown }>((resolve) => replies.set(id, resolve));
        await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
        return reply;
      };
      await call('HeapProfiler.collectGarbage');
      const usage = await call('Runtime.getHeapUsage');
      total += Number(usage.result?.usedSize ?? 0);
      await session.send('Target.detachFromTarget', { sessionId });
    }
    return total;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Bytes of a gzip response body for `url` (as the server sends it), plus its headers. */
async function gzipSize(url: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let size = Object.entries(res.headers).reduce((sum, [k, v]) => sum + k.length + String(v).length + 4, 0) + 17;
      res.on('data', (chunk: Buffer) => (size += chunk.length));
      res.on('end', () => resolve(size));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Waits, in the page, until the count says `expected` and the list holds what it should. */
async function searchStep(page: Page, query: string, expected: number, listSize: number) {
  return page.evaluate(
    async ({ query, expected, listSize }) => {
      const input = document.getElementById('search-q') as HTMLInputElement;
      const countOf = () => {
        const text = document.querySelector('.result-count')?.textContent ?? '';
        const digits = /^[\d\s\u00a0\u202f]+/.exec(text)?.[0].replace(/\D/g, '');
        return digits ? Number(digits) : -1;
      };
      const listed = () => document.querySelectorAll('.actor-list > li').length;
      const t0 = performance.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Checked at each frame: the figure is the frame that shows the new list.
      const shownAt = await new Promise<number>((done) => {
        const check = () => {
          if (countOf() === expected && listed() === Math.min(listSize, expected)) done(performance.now());
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      await window.__bench!.idle();
      const mapAt = performance.now();
      return { listMs: shownAt - t0, mapMs: mapAt - t0, count: window.__bench!.renderedCount() };
    },
    { query, expected, listSize },
  );
}

/** Export of the filtered set, only if the page has a button for it: click → download. */
async function exportStep(page: Page): Promise<number | null> {
  const button = page.getByRole('button', { name: /Exporter|Export/ }).first();
  if ((await button.count()) === 0) return null;
  const started = Date.now();
  const download = page.waitForEvent('download', { timeout: STEPS.stepTimeoutMs });
  await button.click();
  // A menu may ask for a format first: take GeoJSON.
  const format = page.getByRole('button', { name: /GeoJSON/ }).or(page.getByRole('menuitem', { name: /GeoJSON/ })).first();
  const raced = await Promise.race([download.then(() => 'done' as const), page.waitForTimeout(1500).then(() => 'wait' as const)]);
  if (raced === 'wait' && (await format.count()) > 0) await format.click();
  await download;
  return Date.now() - started;
}

async function runOnce(browser: Browser, base: string, target: TargetName, data: SizeData): Promise<RunResult> {
  const context = await browser.newContext({ viewport: STEPS.viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true });
  try {
    await addInitScripts(context);
    const page = await context.newPage();
    const failFast = new Promise<never>((_, reject) => page.on('pageerror', (error) => reject(new Error(`page error: ${error.message}`))));
    failFast.catch(() => undefined);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytes = watchBytes(cdp);

    await page.goto(pageUrl(base, target, data));
    const loadMs = await Promise.race([
      page.waitForFunction(() => window.__benchLoadedAt, null, { timeout: STEPS.loadTimeoutMs, polling: 50 }).then((h) => h.jsonValue() as Promise<number>),
      failFast,
    ]);
    const loadCount = await page.evaluate(() => window.__bench!.renderedCount());
    const transferred = bytes();
    if (!transferred.gzipped) log('warning: the actors file was not served compressed');

    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const workers = await workerHeaps(browser);
    // The page's CDP session does not see the fetch of a dedicated worker's script: measured apart.
    for (const url of new Set(page.workers().map((w) => w.url()))) transferred.encoded.js += await gzipSize(url);
    await page.waitForTimeout(STEPS.settleMs);

    const filter = await Promise.race([
      page.evaluate(async (id) => {
        const t0 = performance.now();
        (document.getElementById(id) as HTMLInputElement).click();
        await window.__bench!.idle();
        const t1 = performance.now();
        return { t0, t1, count: window.__bench!.renderedCount() };
      }, `f-category-${STEPS.filterCategory}`),
      failFast,
    ]);
    await page.waitForTimeout(STEPS.settleMs);
    const search = await Promise.race([searchStep(page, STEPS.query, data.expected.searched, STEPS.listSize), failFast]);
    const exportMs = await exportStep(page);
    const tasks = await page.evaluate(() => window.__benchLongTasks ?? []);
    const countsOk = loadCount === data.expected.all && filter.count === data.expected.filtered && search.count === data.expected.searched;
    if (!countsOk) {
      log(
        `  ${target} ${data.size}: counts drawn ${loadCount}/${filter.count}/${search.count}, expected ${data.expected.all}/${data.expected.filtered}/${data.expected.searched}`,
      );
    }
    return {
      loadMs,
      loadCount,
      filterMs: filter.t1 - filter.t0,
      filterCount: filter.count,
      searchListMs: search.listMs,
      searchMapMs: search.mapMs,
      searchCount: search.count,
      exportMs,
      heapMB: heap.usedSize / 2 ** 20,
      workerHeapMB: workers / 2 ** 20,
      bytes: transferred.encoded,
      rawBytes: transferred.raw,
      longLoad: longTasksIn(tasks, 0, loadMs),
      longFilter: longTasksIn(tasks, filter.t0, filter.t1),
      countsOk,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Profile of Archipel's filter change

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown>; name?: string };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface ThreadSummary {
  thread: string;
  busyMs: number;
  sampledMs: number;
  top: { fn: string; where: string; selfMs: number; share: number }[];
}

/**
 * Traces one filter change of Archipel (unminified build) with the V8 sampling profiler on every
 * thread, and sums, between the click and the map's idle, each thread's busy time and each
 * function's self time.
 */
async function profileFilter(browser: Browser, base: string, data: SizeData): Promise<{ filterMs: number; threads: ThreadSummary[] }> {
  const context = await browser.newContext({ viewport: STEPS.viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    await addInitScripts(context);
    const page = await context.newPage();
    const failFast = new Promise<never>((_, reject) => page.on('pageerror', (error) => reject(new Error(`page error: ${error.message}`))));
    failFast.catch(() => undefined);
    await page.goto(pageUrl(base, 'archipel', data, true));
    await Promise.race([page.waitForFunction(() => window.__benchLoadedAt, null, { timeout: STEPS.loadTimeoutMs, polling: 100 }), failFast]);
    await page.waitForTimeout(1000);
    await browser.startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'v8.execute', '__metadata'],
    });
    await page.waitForTimeout(200);
    const filter = await page.evaluate(async (id) => {
      console.timeStamp('bench-filter-start');
      const t0 = performance.now();
      (document.getElementById(id) as HTMLInputElement).click();
      await window.__bench!.idle();
      const t1 = performance.now();
      console.timeStamp('bench-filter-end');
      return t1 - t0;
    }, `f-category-${STEPS.filterCategory}`);
    await page.waitForTimeout(300);
    const buffer = await browser.stopTracing();
    const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(trace) ? trace : trace.traceEvents;
    writeFileSync(join(OUT, `trace-filter-${data.size}.json`), buffer);
    return { filterMs: filter, threads: summariseTrace(events) };
  } finally {
    await context.close();
  }
}

function summariseTrace(events: TraceEvent[]): ThreadSummary[] {
  const stamp = (message: string) => events.find((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === message)?.ts;
  const from = stamp('bench-filter-start');
  const to = stamp('bench-filter-end');
  if (from === undefined || to === undefined) throw new Error('the trace has no filter time stamps');
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
    if (e.ph === 'M' && e.name === 'process_name') processNames.set(e.pid, String(e.args?.name));
  }
  const label = (pid: number, tid: number) => `${threadNames.get(`${pid}:${tid}`) ?? `thread ${tid}`} (${processNames.get(pid) ?? `pid ${pid}`})`;

  // Busy time: top-level tasks of each thread, clipped to the window.
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !e.cat.split(',').includes('toplevel')) continue;
    const start = Math.max(e.ts, from);
    const end = Math.min(e.ts + e.dur, to);
    if (end <= start) continue;
    const key = `${e.pid}:${e.tid}`;
    busy.set(key, (busy.get(key) ?? 0) + (end - start) / 1000);
  }

  // Self time from the sampling profiles: one profile per thread (its id), in chunks.
  const profiles = new Map<string, { pid: number; tid: number; start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id !== undefined) {
      profiles.set(`${e.pid}:${e.id}`, { pid: e.pid, tid: e.tid, start: Number((e.args?.data as { startTime?: number } | undefined)?.startTime ?? e.ts), nodes: new Map(), samples: [], deltas: [] });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id === undefined) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
    p.samples.push(...(data?.cpuProfile?.samples ?? []));
    p.deltas.push(...(data?.timeDeltas ?? []));
  }
  const self = new Map<string, Map<string, number>>();
  const sampled = new Map<string, number>();
  for (const p of profiles.values()) {
    const key = `${p.pid}:${p.tid}`;
    const perFn = self.get(key) ?? new Map<string, number>();
    self.set(key, perFn);
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      const next = p.deltas[i + 1] ?? 0;
      if (t < from || t > to) continue;
      const node = p.nodes.get(p.samples[i]!);
      if (!node) continue;
      const fn = node.callFrame.functionName || '(anonymous)';
      if (fn === '(idle)') continue;
      const where = node.callFrame.url ? `${node.callFrame.url.replace(/^.*\//, '')}:${node.callFrame.lineNumber + 1}` : '';
      const name = `${fn}\t${where}`;
      perFn.set(name, (perFn.get(name) ?? 0) + next / 1000);
      sampled.set(key, (sampled.get(key) ?? 0) + next / 1000);
    }
  }
  const keys = new Set([...busy.keys(), ...self.keys()]);
  const out: ThreadSummary[] = [];
  for (const key of keys) {
    const [pid, tid] = key.split(':').map(Number) as [number, number];
    const sampledMs = sampled.get(key) ?? 0;
    const busyMs = busy.get(key) ?? 0;
    if (busyMs < 5 && sampledMs < 5) continue;
    const top = [...(self.get(key) ?? new Map<string, number>()).entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, selfMs]) => {
        const [fn, where] = name.split('\t') as [string, string];
        return { fn, where, selfMs: round(selfMs), share: sampledMs > 0 ? round(selfMs / sampledMs, 3) : 0 };
      });
    out.push({ thread: label(pid, tid), busyMs: round(busyMs), sampledMs: round(sampledMs), top });
  }
  return out.sort((a, b) => Math.max(b.busyMs, b.sampledMs) - Math.max(a.busyMs, a.sampledMs));
}

// ---------------------------------------------------------------------------------------------
// Nearest-20 in Node

async function benchNearest(data: SizeData, seed: number) {
  const module = join(ROOT, 'src/geo/nearest.ts');
  if (!existsSync(module)) return null;
  const { createNearestIndex } = (await import(pathToFileURL(module).href)) as typeof import('../src/geo/nearest');
  const { haversineKm } = await import('../src/data/validate');
  const features = (JSON.parse(readFileSync(data.file, 'utf8')) as { features: ActorFeature[] }).features;
  let started = performance.now();
  const index = createNearestIndex(features);
  const buildMs = performance.now() - started;
  // Query points: towns drawn by population, as residents are.
  const towns = loadTowns();
  const random = seededRandom(seed + 1);
  const points = Array.from({ length: STEPS.nearestQueries }, () => {
    const t = towns[Math.floor(random() ** 3 * towns.length)]!;
    return [t.lat + (random() - 0.5) * 0.05, t.lon + (random() - 0.5) * 0.05] as const;
  });
  for (const [lat, lon] of points.slice(0, 100)) index.nearest(lat, lon, 20); // warm-up
  const times: number[] = [];
  for (const [lat, lon] of points) {
    started = performance.now();
    index.nearest(lat, lon, 20);
    times.push(performance.now() - started);
  }
  // What a page without an index does: every distance, then a sort.
  const naive: number[] = [];
  for (const [lat, lon] of points.slice(0, STEPS.naiveQueries)) {
    started = performance.now();
    const d = features.map((f, i) => [haversineKm([lon, lat], f.geometry.coordinates), i] as const);
    d.sort((a, b) => a[0] - b[0]);
    d.slice(0, 20);
    naive.push(performance.now() - started);
  }
  return {
    size: data.size,
    buildMs: round(buildMs),
    queryMedianMs: round(median(times), 4),
    queryP95Ms: round(quantile(times, 0.95), 4),
    naiveMedianMs: round(median(naive), 2),
    queries: times.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Figures

function median(values: number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const rel = (path: string) => path.slice(ROOT.length + 1);

interface Summary {
  runs: number;
  failed: number;
  errors: string[];
  countsOk: string;
  loadMs: number;
  filterMs: number;
  searchListMs: number;
  searchMapMs: number;
  exportMs: number | null;
  heapMB: number;
  workerHeapMB: number;
  gzipKB: Record<ByteKind, number>;
  rawKB: Record<ByteKind, number>;
  longLoad: { count: number; maxMs: number };
  longFilter: { count: number; maxMs: number };
}

function summarise(results: RunResult[], errors: string[]): Summary {
  const med = (pick: (r: RunResult) => number) => round(median(results.map(pick)));
  const kinds: ByteKind[] = ['js', 'css', 'data', 'font', 'other'];
  return {
    runs: results.length,
    failed: errors.length,
    errors,
    countsOk: `${results.filter((r) => r.countsOk).length}/${results.length}`,
    loadMs: med((r) => r.loadMs),
    filterMs: med((r) => r.filterMs),
    searchListMs: med((r) => r.searchListMs),
    searchMapMs: med((r) => r.searchMapMs),
    exportMs: results.every((r) => r.exportMs !== null) && results.length > 0 ? med((r) => r.exportMs!) : null,
    heapMB: med((r) => r.heapMB),
    workerHeapMB: med((r) => r.workerHeapMB),
    gzipKB: Object.fromEntries(kinds.map((k) => [k, med((r) => r.bytes[k] / 1000)])) as Record<ByteKind, number>,
    rawKB: Object.fromEntries(kinds.map((k) => [k, med((r) => r.rawBytes[k] / 1000)])) as Record<ByteKind, number>,
    longLoad: { count: med((r) => r.longLoad.count), maxMs: med((r) => r.longLoad.maxMs) },
    longFilter: { count: med((r) => r.longFilter.count), maxMs: med((r) => r.longFilter.maxMs) },
  };
}

type Row = { label: string; value: (s: Summary) => number | null; format: (v: number) => string; ratio: boolean };

const ROWS: Row[] = [
  { label: 'navigation → first clustered idle', value: (s) => s.loadMs, format: seconds, ratio: true },
  { label: `filter (click "${STEPS.filterCategory}") → idle`, value: (s) => s.filterMs, format: seconds, ratio: true },
  { label: `search "${STEPS.query}" → list shown`, value: (s) => s.searchListMs, format: seconds, ratio: true },
  { label: `search "${STEPS.query}" → map idle`, value: (s) => s.searchMapMs, format: seconds, ratio: true },
  { label: 'export of the filtered set', value: (s) => s.exportMs, format: seconds, ratio: true },
  { label: 'JS heap after load, main thread (MB)', value: (s) => s.heapMB, format: (v) => v.toFixed(1), ratio: true },
  { label: 'JS heap after load, workers (MB)', value: (s) => s.workerHeapMB, format: (v) => v.toFixed(1), ratio: false },
  { label: 'JS + CSS transferred, gzip (kB)', value: (s) => s.gzipKB.js + s.gzipKB.css, format: (v) => v.toFixed(0), ratio: true },
  { label: 'data transferred, gzip (kB)', value: (s) => s.gzipKB.data, format: (v) => v.toFixed(0), ratio: true },
  { label: 'long tasks > 200 ms during load (n)', value: (s) => s.longLoad.count, format: (v) => v.toFixed(0), ratio: false },
  { label: '  longest during load', value: (s) => s.longLoad.maxMs, format: seconds, ratio: false },
  { label: 'long tasks > 200 ms during filter (n)', value: (s) => s.longFilter.count, format: (v) => v.toFixed(0), ratio: false },
  { label: '  longest during filter', value: (s) => s.longFilter.maxMs, format: seconds, ratio: false },
];

function seconds(v: number): string {
  return v >= 100 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;
}

function table(sizes: number[], targets: TargetName[], results: Map<number, Map<TargetName, Summary>>): string {
  const others = targets.filter((t) => t !== 'archipel');
  const header = ['size', 'metric (median)', ...targets.map((t) => TARGET_LABEL[t]), ...(targets.includes('archipel') ? others.map((t) => `Archipel ÷ ${TARGET_LABEL[t]}`) : [])];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`];
  for (const size of sizes) {
    const bySize = results.get(size)!;
    let first = true;
    for (const row of [...ROWS, null]) {
      const cells: string[] = [first ? size.toLocaleString('en-US') : '', row ? row.label : 'exact counts drawn (runs ok)'];
      first = false;
      for (const t of targets) {
        const s = bySize.get(t);
        if (!s || s.runs === 0) cells.push('failed');
        else if (!row) cells.push(s.countsOk + (s.failed ? ` (${s.failed} failed)` : ''));
        else {
          const v = row.value(s);
          cells.push(v === null || Number.isNaN(v) ? 'n/a' : row.format(v));
        }
      }
      if (targets.includes('archipel')) {
        for (const t of others) {
          const a = bySize.get('archipel');
          const b = bySize.get(t);
          const va = row && a && a.runs ? row.value(a) : null;
          const vb = row && b && b.runs ? row.value(b) : null;
          cells.push(row?.ratio && va !== null && vb !== null && vb > 0 ? `${(va / vb).toFixed(2)}×` : '');
        }
      }
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  mkdirSync(OUT, { recursive: true });
  log(`sizes ${options.sizes.join(', ')}, ${options.runs} runs, seed ${options.seed}, targets ${options.targets.join(', ')}`);

  const datas: SizeData[] = [];
  for (const size of options.sizes) datas.push(await prepareData(size, options.seed));
  const largest = datas.reduce((a, b) => (b.size > a.size ? b : a));
  const profile = options.profile && options.targets.includes('archipel');
  await buildSite(profile);
  const { server, base } = await serveSite(datas);
  log(`serving ${rel(SITE)} at ${base}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const results = new Map<number, Map<TargetName, Summary>>();
  const raw: Record<string, Record<string, RunResult[]>> = {};
  let profileResult: Awaited<ReturnType<typeof profileFilter>> | null = null;
  try {
    for (const data of datas) {
      const perTarget = new Map<TargetName, RunResult[]>(options.targets.map((t) => [t, []]));
      const errors = new Map<TargetName, string[]>(options.targets.map((t) => [t, []]));
      for (let run = 1; run <= options.runs; run++) {
        for (const target of options.targets) {
          const t0 = performance.now();
          try {
            const r = await runOnce(browser, base, target, data);
            perTarget.get(target)!.push(r);
            log(
              `${data.size} run ${run}/${options.runs} ${target}: load ${ms(r.loadMs)}, filter ${ms(r.filterMs)}, search ${ms(r.searchListMs)}/${ms(r.searchMapMs)}, heap ${r.heapMB.toFixed(0)}+${r.workerHeapMB.toFixed(0)} MB${r.countsOk ? '' : ', COUNTS WRONG'} (${ms(performance.now() - t0)})`,
            );
          } catch (error) {
            const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
            errors.get(target)!.push(message);
            log(`${data.size} run ${run}/${options.runs} ${target}: FAILED ${message}`);
          }
        }
      }
      results.set(data.size, new Map(options.targets.map((t) => [t, summarise(perTarget.get(t)!, errors.get(t)!)])));
      raw[data.size] = Object.fromEntries(perTarget);
    }
    if (profile) {
      log(`profiling Archipel's filter change at ${largest.size} (unminified build)…`);
      try {
        profileResult = await profileFilter(browser, base, largest);
      } catch (error) {
        log(`profile failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
  log('nearest-20 in Node…');
  const nearest = await benchNearest(largest, options.seed);

  const meta = {
    date: new Date().toISOString(),
    chromium: await chromiumVersion(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGB: round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((v) => round(v, 2)),
    runs: options.runs,
    sizes: options.sizes,
    seed: options.seed,
    steps: STEPS,
    background: 'plain background style for all three (no basemap, no tiles); Archipel gets it through archipel.config.json',
    compression: 'vite preview gzip (level 6 default), .geojson served as application/json so that it is compressed too; figures are CDP encodedDataLength (headers included)',
    expected: Object.fromEntries(datas.map((d) => [d.size, d.expected])),
    dataBytes: Object.fromEntries(datas.map((d) => [d.size, d.bytes])),
    durationS: 0,
  };
  meta.durationS = round((performance.now() - started) / 1000);
  const summaries = Object.fromEntries([...results].map(([size, m]) => [size, Object.fromEntries(m)]));
  const json = { meta, results: summaries, runs: raw, nearest, profile: profileResult };
  writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(OUT, `bench-${meta.date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(json, null, 2)}\n`);

  const out: string[] = [];
  out.push(
    `Archipel benchmark, ${meta.date.slice(0, 16)}Z, Chromium ${meta.chromium} (SwiftShader), Node ${meta.node}, ${meta.cpus} cores; median of ${options.runs} runs, fresh page each; plain background for all.`,
  );
  out.push('');
  out.push(table(options.sizes, options.targets, results));
  out.push('');
  out.push(
    `Expected counts: ${datas.map((d) => `${d.size}: all ${d.expected.all}, "${STEPS.filterCategory}" ${d.expected.filtered}, + "${STEPS.query}" ${d.expected.searched}`).join('; ')}.`,
  );
  if (nearest) {
    out.push(
      `Nearest 20 (Node, src/geo/nearest.ts, ${nearest.size} actors): index build ${nearest.buildMs} ms, query median ${nearest.queryMedianMs} ms (p95 ${nearest.queryP95Ms} ms) over ${nearest.queries} queries; linear scan + sort: ${nearest.naiveMedianMs} ms (${round(nearest.naiveMedianMs / nearest.queryMedianMs, 0)}× slower).`,
    );
  } else out.push('Nearest 20: n/a (no src/geo/nearest.ts).');
  if (profileResult) {
    out.push('');
    out.push(`Profile of Archipel's filter change at ${largest.size} (unminified build, one run: ${ms(profileResult.filterMs)}); busy time per thread, then top self time:`);
    for (const t of profileResult.threads.slice(0, 6)) {
      out.push(`- ${t.thread}: busy ${ms(t.busyMs)}, JS sampled ${ms(t.sampledMs)}`);
      for (const f of t.top.slice(0, 8)) out.push(`    ${ms(f.selfMs).padStart(7)}  ${(f.share * 100).toFixed(0).padStart(3)} %  ${f.fn}  ${f.where}`);
    }
  }
  out.push('');
  out.push(`Written: ${rel(join(OUT, 'latest.json'))} (${meta.durationS} s in all).`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function chromiumVersion(): Promise<string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
