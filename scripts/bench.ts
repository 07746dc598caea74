/**
 * `npm run bench`: Archipel at 1,000 / 10,000 / 100,000 synthetic actors, measured side by side
 * with two baselines built here on the same data, through the same steps, in headless Chromium.
 *
 *   npm run bench [-- --sizes 1000,10000 --runs 3 --seed 42 --no-profile --targets archipel,maplibre,leaflet]
 *   npm run bench -- --sizes 100000 --profile-only      (only the profile of Archipel, and nearest-20)
 *   npm run bench -- --app-ref HEAD                       (measure a commit instead of the working tree)
 *   npm run bench -- --targets archipel --before main     (a change against a commit, run for run)
 *   npm run bench -- --embed-only                         (only what an embed's first visit downloads)
 *   npm run bench -- --national-only                      (only the national cases, scripts/bench/national.ts)
 *   npm run bench -- --network 20                         (the actors files sent at 20 Mbit/s, as over a real link)
 *
 * Steps, each run on a fresh page (fresh browser context, empty cache), targets interleaved so that
 * the machine's drift weighs on all three alike:
 * 1. navigation → first idle of the clustered map, every actor drawn (sum of cluster counts checked);
 *    then → everything drawn (Archipel adds its links, networks and islands after the actors' first idle);
 * 2. click the "library" category checkbox → map idle, sum of rendered counts = expected count; with the
 *    main thread's task time over that step (CDP `TaskDuration`) and the frames the map drew;
 * 3. export of that filtered set as GeoJSON (when the page has an export button): click → download
 *    starts, and the file holds the expected number of features;
 * 4. type a search (on top of that filter) → list and count updated; → map idle;
 * plus the main thread's JS heap after load (after a GC), bytes transferred by kind (gzip, as
 * served by `vite preview`, which compresses), and long tasks > 200 ms during load and filter.
 * Every figure is the median of the runs. Before them, what the first visit of an embed downloads
 * (`?embed=1`, shipped data, embedded basemap, French and English), against the budget of issue
 * "Organisers" (`scripts/embed-budget.ts`). After them, a 100 MB hostile-ish file previewed with the
 * file picker, with the longest main-thread task meanwhile (`scripts/bench/hostile-file.ts`,
 * `--no-hostile` skips it). Then, in Node, the nearest-20 query of `src/geo/nearest.ts`
 * against a linear scan, and one CPU profile of Archipel's filter change at the largest size.
 *
 * Writes `bench-results/latest.json` (and a dated copy) and prints the table to stdout; progress
 * goes to stderr. Generated data lives in `bench-results/data/`, never in `data/`.
 */
import { build } from 'vite';
import type { InlineConfig, Plugin, PreviewServer } from 'vite';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus, loadavg, totalmem } from 'node:os';
import { SourceMapConsumer } from 'source-map-js';
import type { RawSourceMap } from 'source-map-js';
import { checkGenerated, generateActors, seededRandom, serialise, loadTowns } from './generate-actors';
import { measureLoader } from './bench-loader';
import { describeHostileFile, measureHostileFile } from './bench/hostile-file';
import type { HostileFileFigures } from './bench/hostile-file';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { EMBED_BUDGET_KB, describeEmbedLoad, gzipResponseSize, measureEmbedLoad } from './embed-budget';
import type { EmbedLoad } from './embed-budget';
import { benchNational } from './bench/national';
import { filterActors, indexActors, NO_FILTERS } from '../src/core/filter';
import type { Filters } from '../src/core/filter';
import type { ActorFeature } from '../src/core/types';
import type { BenchHooks } from './bench/common';
import { TRACE_CATEGORIES, previewSite, traceEvents } from './bench/site';
import type { ProfileNode, TraceEvent } from './bench/site';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench-results');
const DATA = join(OUT, 'data');
const SITE = join(OUT, 'site');
const CHROMIUM = CHROMIUM_PATH;

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
  /** A whole run (load, filter, export, search) ends with an error past this. */
  runTimeoutMs: 600_000,
  stepTimeoutMs: 120_000,
  /** Quiet time before each step (after a forced GC), so that one step's work does not leak into the next. */
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

type TargetName = 'archipel' | 'maplibre' | 'leaflet' | 'before';
const TARGET_LABEL: Record<TargetName, string> = {
  archipel: 'Archipel',
  maplibre: 'MapLibre recipe',
  leaflet: 'Leaflet.markercluster',
  // Set from `--before REF`.
  before: 'Archipel before',
};

interface Options {
  sizes: number[];
  runs: number;
  seed: number;
  targets: TargetName[];
  profile: boolean;
  /** Only the profile (and nearest), no measured runs: for looking into one size quickly. */
  profileOnly: boolean;
  /** A git ref to measure instead of the working tree (e.g. to compare before/after a change). */
  appRef: string | null;
  /**
   * A git ref measured beside the app, run for run, as the target `before`: a change's own effect,
   * interleaved on the same machine, same pages, same data (the noise of a shared machine is larger
   * than most single changes).
   */
  before: string | null;
  /** Only the embed's first visit: what it downloads. */
  embedOnly: boolean;
  /** The 100 MB hostile file previewed in the page (`--no-hostile` skips it). */
  hostile: boolean;
  /** The national cases (a city embed, the national view on the shipped data): on unless `--no-national`. */
  national: boolean;
  nationalOnly: boolean;
  /**
   * Mbit/s at which the server sends the synthetic actors files (gzipped bytes), for every page
   * alike; null: as fast as the machine goes. On localhost the download costs CPU, not time on a
   * link: this shows what a reading does while a real download lasts.
   */
  networkMbps: number | null;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value('--sizes') ?? '1000,10000,100000')
    .split(',')
    .map((s) => Number(s.replace(/[_k]/g, (c) => (c === 'k' ? '000' : ''))));
  const runs = Number(value('--runs') ?? 5);
  const seed = Number(value('--seed') ?? 42);
  const targets = (value('--targets') ?? 'archipel,maplibre,leaflet').split(',') as TargetName[];
  if (
    sizes.some((s) => !Number.isInteger(s) || s < 1) ||
    !Number.isInteger(runs) ||
    runs < 1 ||
    !Number.isInteger(seed)
  ) {
    console.error(
      'usage: npm run bench -- [--sizes 1000,10000,100000] [--runs 5] [--seed 42] [--targets archipel,maplibre,leaflet] [--no-profile | --profile-only | --embed-only | --national-only | --no-national] [--no-hostile] [--app-ref GIT_REF] [--before GIT_REF] [--network MBPS]',
    );
    process.exit(2);
  }
  for (const t of targets) if (!(t in TARGET_LABEL)) throw new Error(`unknown target ${t}`);
  const before = value('--before') ?? null;
  const network = value('--network') === undefined ? null : Number(value('--network'));
  if (network !== null && !(network > 0)) throw new Error('--network takes a rate in Mbit/s');
  if (before !== null && !targets.includes('before')) targets.splice(targets.indexOf('archipel') + 1, 0, 'before');
  if (before === null && targets.includes('before')) throw new Error('the target "before" needs --before GIT_REF');
  return {
    sizes,
    runs,
    seed,
    targets,
    profile: !argv.includes('--no-profile'),
    profileOnly: argv.includes('--profile-only'),
    appRef: value('--app-ref') ?? null,
    before,
    embedOnly: argv.includes('--embed-only'),
    hostile: !argv.includes('--no-hostile'),
    national: !argv.includes('--no-national'),
    nationalOnly: argv.includes('--national-only'),
    networkMbps: network,
  };
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
    log(
      `data ${size}: generated ${rel(file)} (${(text.length / 1e6).toFixed(1)} MB) in ${ms(performance.now() - started)}; validating…`,
    );
    const check = await checkGenerated(text, rel(file));
    if (check.errors.length > 0)
      throw new Error(`generated data fails validation:\n${check.errors.slice(0, 10).join('\n')}`);
    writeFileSync(stamp, wanted);
  }
  const features = (JSON.parse(text) as { features: ActorFeature[] }).features;
  const indexed = indexActors(features);
  const filters = (patch: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...patch });
  const filtered = filterActors(indexed, filters({ categories: [STEPS.filterCategory] })).length;
  const searched = filterActors(indexed, filters({ categories: [STEPS.filterCategory], q: STEPS.query })).length;
  return {
    size,
    file,
    url: `/bench-data/${file.slice(DATA.length + 1)}`,
    bytes: text.length,
    expected: { all: features.length, filtered, searched },
  };
}

// ---------------------------------------------------------------------------------------------
// Builds and server

/** Where the measured app's source is: the working tree, or a commit exported with `git archive`. */
interface AppSource {
  root: string;
  label: string;
  commit: string;
  dirty: boolean;
}

/**
 * The app to measure: the working tree by default; with `--app-ref REF`, that commit, exported
 * (read-only for the repository) to `bench-results/app-<sha>/` with the project's node_modules
 * linked in. Baseline pages always come from the working tree.
 */
function appSource(ref: string | null): AppSource {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  if (!ref) {
    const commit = git('rev-parse', 'HEAD');
    const dirty =
      git('status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts', 'public', 'package.json').length > 0;
    return {
      root: ROOT,
      label: `working tree on ${commit.slice(0, 10)}${dirty ? ', with changes in src' : ''}`,
      commit,
      dirty,
    };
  }
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const root = join(OUT, `app-${commit.slice(0, 10)}`);
  if (!existsSync(join(root, 'vite.config.ts'))) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    execFileSync('sh', ['-c', `git archive --format=tar ${commit} | tar -x -C "${root}"`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  }
  return { root, label: `${ref} = ${commit.slice(0, 10)}`, commit, dirty: false };
}

/** Builds the app (as shipped), an unminified copy for the profile, and the two baseline pages. */
async function buildSite(app: AppSource, withProfile: boolean, before: AppSource | null): Promise<void> {
  const quiet = { logLevel: 'warn' as const };
  // The app's config runs its asset scripts and reads data/ relative to the working directory.
  const cwd = process.cwd();
  const buildApp = async (
    source: AppSource,
    outDir: string,
    what: string,
    extra: Pick<InlineConfig, 'resolve'> & { build?: InlineConfig['build'] } = {},
  ) => {
    const began = performance.now();
    process.chdir(source.root);
    try {
      await build({
        ...quiet,
        root: source.root,
        configFile: join(source.root, 'vite.config.ts'),
        base: './',
        ...extra,
        build: { outDir, emptyOutDir: true, ...extra.build },
      });
    } finally {
      process.chdir(cwd);
    }
    log(`built ${what} (${source.label}) in ${ms(performance.now() - began)}`);
  };
  await buildApp(app, SITE, 'the app');
  if (before) await buildApp(before, join(SITE, 'before'), 'the app before');
  if (withProfile) {
    const dist = join(ROOT, 'node_modules/maplibre-gl/dist');
    await buildApp(app, join(SITE, 'profile'), 'the unminified app for the profile', {
      build: { minify: false, sourcemap: true },
      // maplibre's own unminified build, so that the profile names its functions.
      resolve: {
        alias: [
          { find: /^maplibre-gl$/, replacement: join(dist, 'maplibre-gl-dev.mjs') },
          {
            find: /^maplibre-gl\/dist\/maplibre-gl-worker\.mjs/,
            replacement: join(dist, 'maplibre-gl-worker-dev.mjs'),
          },
        ],
      },
    });
  }
  const started = performance.now();
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
      rollupOptions: {
        input: { maplibre: join(pages, 'maplibre/index.html'), leaflet: join(pages, 'leaflet/index.html') },
      },
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
            setHeader(
              name,
              /^content-type$/i.test(name) ? 'application/json; charset=utf-8' : value,
            )) as typeof res.setHeader;
        }
        next();
      });
    },
  };
}

/**
 * Sends the synthetic actors files (`/bench-data/`) at `bytesPerSecond`, counted after compression
 * (this runs before `vite preview`'s compression, which writes its output through it): the other
 * files come at once.
 */
function throttleData(bytesPerSecond: number): Plugin {
  const TICK_MS = 20;
  const perTick = Math.max(1, Math.round((bytesPerSecond * TICK_MS) / 1000));
  return {
    name: 'bench-throttle-data',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!(req.url ?? '').startsWith('/bench-data/')) return next();
        const write = res.write.bind(res) as (chunk: Buffer) => boolean;
        const end = res.end.bind(res) as () => typeof res;
        const queue: Buffer[] = [];
        let ending = false;
        let timer: ReturnType<typeof setInterval> | null = null;
        const pump = () => {
          for (let budget = perTick; budget > 0 && queue.length > 0; ) {
            const chunk = queue[0]!;
            const sent = chunk.subarray(0, budget);
            write(sent);
            budget -= sent.length;
            if (sent.length === chunk.length) queue.shift();
            else queue[0] = chunk.subarray(sent.length);
          }
          if (queue.length > 0) return;
          clearInterval(timer!);
          timer = null;
          if (ending) end();
        };
        const take = (chunk: unknown, encoding?: unknown) => {
          if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
          queue.push(
            typeof chunk === 'string'
              ? Buffer.from(chunk, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding)
              : Buffer.from(chunk as Uint8Array),
          );
          timer ??= setInterval(pump, TICK_MS);
        };
        res.write = ((chunk: unknown, encoding?: unknown) => {
          take(chunk, encoding);
          return true;
        }) as typeof res.write;
        res.end = ((chunk?: unknown, encoding?: unknown) => {
          take(chunk, encoding);
          ending = true;
          if (timer === null) end();
          return res;
        }) as typeof res.end;
        next();
      });
    },
  };
}

async function serveSite(
  sizes: SizeData[],
  networkMbps: number | null,
): Promise<{ server: PreviewServer; base: string }> {
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
  const plugins = [geojsonAsJson(), ...(networkMbps === null ? [] : [throttleData((networkMbps * 1e6) / 8)])];
  const { server, base } = await previewSite(ROOT, SITE, plugins);
  // Archipel reads an online style from its config: give it the plain background (sirv serves new files).
  writeFileSync(join(SITE, 'bench-plain-style.json'), JSON.stringify(PLAIN_STYLE));
  const config = JSON.stringify({ styleUrl: `${base}/bench-plain-style.json`, styleTimeoutMs: 60_000 });
  writeFileSync(join(SITE, 'archipel.config.json'), config);
  for (const dir of ['profile', 'before'])
    if (existsSync(join(SITE, dir))) writeFileSync(join(SITE, dir, 'archipel.config.json'), config);
  return { server, base };
}

// ---------------------------------------------------------------------------------------------
// In the page

declare global {
  interface Window {
    __bench?: BenchHooks;
    __benchLoadedAt?: number;
    /** When everything the page draws was drawn (for Archipel, the archipelago too). */
    __benchAllDrawnAt?: number;
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
      if (!value) return;
      (value.firstIdle ?? value.idle)().then(() => {
        w.__benchLoadedAt ??= performance.now();
      });
      value.idle().then(() => {
        w.__benchAllDrawnAt ??= performance.now();
      });
    },
  });
  type ArchipelMap = {
    idle(): Promise<void>;
    actorsIdle?(): Promise<void>;
    map: {
      queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[];
      on(type: 'render', listener: () => void): void;
    };
  };
  let archipel: ArchipelMap | undefined;
  Object.defineProperty(w, '__archipelMap', {
    configurable: true,
    get: () => archipel,
    set(m: ArchipelMap | undefined) {
      archipel = m;
      if (!m) return;
      let renders = 0;
      m.map.on('render', () => renders++);
      w.__bench = {
        idle: () => m.idle(),
        ...(m.actorsIdle ? { firstIdle: () => m.actorsIdle!() } : {}),
        renders: () => renders,
        // As `renderedActorCount` of test/browser/browser.ts: each cluster or actor counted once.
        renderedCount() {
          const seen = new Set<string>();
          let total = 0;
          for (const f of m.map.queryRenderedFeatures({ layers: ['archipel-clusters', 'archipel-actors'] })) {
            const key =
              f.properties.cluster_id !== undefined
                ? `c${String(f.properties.cluster_id)}`
                : `a${String(f.properties.id)}`;
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
  /** Navigation → everything drawn (Archipel: with the links, networks and islands' request). */
  allDrawnMs: number;
  loadCount: number;
  filterMs: number;
  /** Main-thread task time between the filter's click and the idle after it (CDP `TaskDuration`). */
  filterBusyMs: number;
  /** Frames the map drew for the filter (null where the page cannot tell). */
  filterFrames: number | null;
  filterCount: number;
  searchListMs: number;
  searchMapMs: number;
  searchCount: number;
  exportMs: number | null;
  exportCount: number | null;
  heapMB: number;
  /** Heap of the page's dedicated workers (maplibre's), after a GC in each. */
  workerHeapMB: number;
  bytes: Record<ByteKind, number>;
  rawBytes: Record<ByteKind, number>;
  resources: { path: string; kind: ByteKind; encoded: number; raw: number }[];
  longLoad: { count: number; maxMs: number; totalMs: number };
  longFilter: { count: number; maxMs: number; totalMs: number };
  countsOk: boolean;
}

type ByteKind = 'js' | 'css' | 'data' | 'font' | 'other';

function pageUrl(base: string, target: TargetName, data: SizeData, profile = false): string {
  const q = `data=${encodeURIComponent(data.url)}`;
  if (target === 'archipel') return `${base}/${profile ? 'profile/' : ''}?${q}`;
  if (target === 'before') return `${base}/before/?${q}`;
  return `${base}/baselines/${target}/index.html?${q}`;
}

/**
 * Bytes by kind, from CDP Network events: `encodedDataLength` (on the wire, headers included). The
 * page's CDP session does not see what a dedicated worker fetches (Archipel's foreign-data worker
 * fetches a `data=` file): Playwright's own events do, and what they saw beyond CDP's is added
 * (body as received, encoded, plus headers).
 */
function watchBytes(
  cdp: CDPSession,
  page: Page,
): () => {
  encoded: Record<ByteKind, number>;
  raw: Record<ByteKind, number>;
  gzipped: boolean;
  resources: { path: string; kind: ByteKind; encoded: number; raw: number }[];
} {
  const kinds = new Map<string, ByteKind>();
  const urls = new Map<string, string>();
  const resources: { path: string; kind: ByteKind; encoded: number; raw: number }[] = [];
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
    urls.set(e.requestId, url.replace(/^https?:\/\/[^/]+/, '').slice(0, 120));
    if (kind === 'data' && /actors-/.test(url)) {
      const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
      if (!encoding) gzipped = false;
    }
  });
  cdp.on('Network.dataReceived', (e) => rawById.set(e.requestId, (rawById.get(e.requestId) ?? 0) + e.dataLength));
  // Every request Playwright saw finish, by address: those beyond CDP's are a worker's.
  const seen: { url: string; encoded: number; encoding: string | undefined }[] = [];
  page.on('requestfinished', (request) => {
    void Promise.all([request.sizes(), request.response()])
      .then(([sizes, response]) =>
        seen.push({
          url: request.url(),
          encoded: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: response?.headers()['content-encoding'],
        }),
      )
      .catch(() => undefined);
  });
  const workers = () => {
    const byCdp = new Map<string, number>();
    for (const url of urls.values()) byCdp.set(url, (byCdp.get(url) ?? 0) + 1);
    const extra: typeof seen = [];
    for (const r of seen) {
      const path = r.url.replace(/^https?:\/\/[^/]+/, '').slice(0, 120);
      const left = byCdp.get(path) ?? 0;
      if (left > 0) byCdp.set(path, left - 1);
      else extra.push(r);
    }
    return extra;
  };
  cdp.on('Network.loadingFinished', (e) => {
    const kind = kinds.get(e.requestId);
    if (!kind) return;
    encoded[kind] += e.encodedDataLength;
    raw[kind] += rawById.get(e.requestId) ?? 0;
    resources.push({
      path: urls.get(e.requestId) ?? '',
      kind,
      encoded: e.encodedDataLength,
      raw: rawById.get(e.requestId) ?? 0,
    });
  });
  return () => {
    const all = { encoded: { ...encoded }, raw: { ...raw }, gzipped, resources: [...resources] };
    for (const r of workers()) {
      // Workers' scripts are measured apart (see `runOnce`); their data is counted here.
      if (!/\/(bench-)?data\//.test(r.url)) continue;
      all.encoded.data += r.encoded;
      all.resources.push({
        path: `${r.url.replace(/^https?:\/\/[^/]+/, '')} (worker)`,
        kind: 'data',
        encoded: r.encoded,
        raw: 0,
      });
      if (/actors-/.test(r.url) && !r.encoding) all.gzipped = false;
    }
    return all;
  };
}

function longTasksIn(tasks: [number, number][], from: number, to: number) {
  const hits = tasks.filter(
    ([start, duration]) => duration > STEPS.longTaskMs && start < to && start + duration > from,
  );
  return {
    count: hits.length,
    maxMs: Math.max(0, ...hits.map(([, d]) => d)),
    totalMs: hits.reduce((sum, [, d]) => sum + d, 0),
  };
}

/** How long a worker has to answer a heap question before it is taken as gone. */
const WORKER_ANSWER_MS = 5000;

/**
 * Used JS heap of every dedicated worker, after a GC in each, through the browser's CDP session
 * (a page session cannot reach its workers in Playwright). Runs are one context at a time, so the
 * workers found are the page's.
 */
async function workerHeaps(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await session.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string }[];
    };
    const replies = new Map<number, (value: { result?: Record<string, unknown>; error?: unknown }) => void>();
    session.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown>; error?: unknown };
      if (m.id !== undefined) replies.get(m.id)?.(m);
    });
    let next = 1;
    let total = 0;
    for (const target of targetInfos.filter((t) => t.type === 'worker')) {
      const attached = (await session
        .send('Target.attachToTarget', { targetId: target.targetId, flatten: false })
        .catch(() => null)) as { sessionId: string } | null;
      if (!attached) continue;
      const { sessionId } = attached;
      // A worker that ends between the listing and the question never answers (the foreign-data
      // worker once its check is done): it holds no heap then, and the run must not wait for it.
      const call = async (method: string) => {
        const id = next++;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const reply = new Promise<{ result?: Record<string, unknown>; error?: unknown }>((resolve) => {
          replies.set(id, resolve);
          timer = setTimeout(() => resolve({ error: 'no answer' }), WORKER_ANSWER_MS);
        });
        await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
        return reply.finally(() => clearTimeout(timer));
      };
      await call('HeapProfiler.collectGarbage');
      const usage = await call('Runtime.getHeapUsage');
      total += Number(usage.result?.usedSize ?? 0);
      await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
    return total;
  } finally {
    await session.detach().catch(() => undefined);
  }
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

/**
 * Export of the filtered set as GeoJSON, only if the page has a button for it: click → the
 * download starts. Returns the time and the number of features in the file.
 */
async function exportStep(page: Page): Promise<{ ms: number; count: number } | null> {
  let button = page
    .getByRole('region', { name: /Export/i })
    .getByRole('button', { name: /GeoJSON/ })
    .first();
  let menu = false;
  if ((await button.count()) === 0) {
    button = page.getByRole('button', { name: /Exporter|Export/ }).first();
    menu = true;
  }
  if ((await button.count()) === 0) return null;
  const download = page.waitForEvent('download', { timeout: STEPS.stepTimeoutMs });
  const started = Date.now();
  await button.click();
  if (menu) {
    // A menu may ask for a format first: take GeoJSON.
    const format = page
      .getByRole('button', { name: /GeoJSON/ })
      .or(page.getByRole('menuitem', { name: /GeoJSON/ }))
      .first();
    const raced = await Promise.race([
      download.then(() => 'done' as const),
      page.waitForTimeout(1500).then(() => 'wait' as const),
    ]);
    if (raced === 'wait' && (await format.count()) > 0) await format.click();
  }
  const file = await download;
  const ms = Date.now() - started;
  const path = await file.path();
  const count = (JSON.parse(readFileSync(path, 'utf8')) as { features?: unknown[] }).features?.length ?? -1;
  return { ms, count };
}

async function runOnce(browser: Browser, base: string, target: TargetName, data: SizeData): Promise<RunResult> {
  const context = await browser.newContext({
    viewport: STEPS.viewport,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
  });
  // A run that stops answering (a page that never reaches idle, a worker that never replies) is
  // ended and reported with the step it was in, instead of holding the whole bench.
  let step = 'navigation';
  let stuck: string | null = null;
  const watchdog = setTimeout(() => {
    stuck = step;
    void context.close();
  }, STEPS.runTimeoutMs);
  try {
    await addInitScripts(context);
    const page = await context.newPage();
    const failFast = new Promise<never>((_, reject) =>
      page.on('pageerror', (error) => reject(new Error(`page error: ${error.message}`))),
    );
    failFast.catch(() => undefined);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytes = watchBytes(cdp, page);

    await page.goto(pageUrl(base, target, data));
    const loadMs = await Promise.race([
      page
        .waitForFunction(() => window.__benchLoadedAt, null, { timeout: STEPS.loadTimeoutMs, polling: 50 })
        .then((h) => h.jsonValue() as Promise<number>),
      failFast,
    ]);
    const loadCount = await page.evaluate(() => window.__bench!.renderedCount());
    step = 'all drawn';
    const allDrawnMs = await Promise.race([
      page
        .waitForFunction(() => window.__benchAllDrawnAt, null, { timeout: STEPS.loadTimeoutMs, polling: 50 })
        .then((h) => h.jsonValue() as Promise<number>),
      failFast,
    ]);
    const transferred = bytes();
    step = 'heaps';
    if (!transferred.gzipped) log('warning: the actors file was not served compressed');

    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const workers = await workerHeaps(browser);
    // The page's CDP session does not see the fetch of a dedicated worker's script: measured apart.
    for (const url of new Set(page.workers().map((w) => w.url()))) {
      // Body and headers, as CDP's encodedDataLength counts the page's own fetches.
      const { body, headers } = await gzipResponseSize(url);
      const size = body + headers;
      transferred.encoded.js += size;
      transferred.resources.push({
        path: `${url.replace(/^https?:\/\/[^/]+/, '')} (worker, measured apart)`,
        kind: 'js',
        encoded: size,
        raw: 0,
      });
    }
    await page.waitForTimeout(STEPS.settleMs);
    step = 'filter';

    await cdp.send('Performance.enable');
    const taskSeconds = async () =>
      ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.find(
        (m) => m.name === 'TaskDuration',
      )?.value ?? 0;
    const busyBefore = await taskSeconds();
    const filter = await Promise.race([
      page.evaluate(async (id) => {
        const frames0 = window.__bench!.renders?.() ?? null;
        const t0 = performance.now();
        (document.getElementById(id) as HTMLInputElement).click();
        await window.__bench!.idle();
        const t1 = performance.now();
        const frames1 = window.__bench!.renders?.() ?? null;
        return {
          t0,
          t1,
          count: window.__bench!.renderedCount(),
          frames: frames0 === null || frames1 === null ? null : frames1 - frames0,
        };
      }, `f-category-${STEPS.filterCategory}`),
      failFast,
    ]);
    const filterBusyMs = ((await taskSeconds()) - busyBefore) * 1000;
    // Each step starts from a collected heap and a quiet page, so that one step's garbage is not
    // collected on the next one's time.
    const quiet = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await page.waitForTimeout(STEPS.settleMs);
    };
    await quiet();
    step = 'export';
    const exported = await Promise.race([exportStep(page), failFast]);
    await quiet();
    step = 'search';
    const search = await Promise.race([
      searchStep(page, STEPS.query, data.expected.searched, STEPS.listSize),
      failFast,
    ]);
    const tasks = await page.evaluate(() => window.__benchLongTasks ?? []);
    const countsOk =
      loadCount === data.expected.all &&
      filter.count === data.expected.filtered &&
      search.count === data.expected.searched &&
      (exported === null || exported.count === data.expected.filtered);
    if (!countsOk) {
      log(
        `  ${target} ${data.size}: counts drawn ${loadCount}/${filter.count}/${search.count}, exported ${exported?.count ?? '-'}; expected ${data.expected.all}/${data.expected.filtered}/${data.expected.searched}`,
      );
    }
    return {
      loadMs,
      allDrawnMs,
      loadCount,
      filterMs: filter.t1 - filter.t0,
      filterBusyMs,
      filterFrames: filter.frames,
      filterCount: filter.count,
      searchListMs: search.listMs,
      searchMapMs: search.mapMs,
      searchCount: search.count,
      exportMs: exported?.ms ?? null,
      exportCount: exported?.count ?? null,
      heapMB: heap.usedSize / 2 ** 20,
      workerHeapMB: workers / 2 ** 20,
      bytes: transferred.encoded,
      rawBytes: transferred.raw,
      resources: transferred.resources,
      // Until everything is drawn: a file from elsewhere's check and its drawing are part of its load.
      longLoad: longTasksIn(tasks, 0, allDrawnMs),
      longFilter: longTasksIn(tasks, filter.t0, filter.t1),
      countsOk,
    };
  } catch (error) {
    if (stuck === null) throw error;
    throw new Error(`no answer after ${ms(STEPS.runTimeoutMs)}, at the step "${stuck}"`);
  } finally {
    clearTimeout(watchdog);
    await context.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Profile of Archipel's load and filter change

interface FunctionTime {
  fn: string;
  where: string;
  selfMs: number;
  /** Share of the thread's sampled time. */
  share: number;
  /** Where it is called from, most time first. */
  callers: string[];
}

interface ThreadSummary {
  thread: string;
  /** Time in top-level tasks, clipped to the window. */
  busyMs: number;
  /** Time the sampling profiler saw running (JS, GC, and natives called from JS). */
  sampledMs: number;
  top: FunctionTime[];
  /** Top-level tasks over 30 ms, in order, with what ran most in each. */
  tasks: { startMs: number; durMs: number; top: string[] }[];
}

interface PhaseProfile {
  windowMs: number;
  /** Animation frames the main thread ran in the window (each one a WebGL draw). */
  animationFrames: number;
  threads: ThreadSummary[];
}

/**
 * Traces Archipel (unminified build, so the profile names functions) with the V8 sampling
 * profiler on every thread: from navigation to the first idle, from the filter click to the idle
 * after it, and from the export click to the download. Each phase is summed between time stamps
 * the page writes.
 */
async function profileArchipel(
  browser: Browser,
  base: string,
  data: SizeData,
): Promise<{ filterMs: number; load: PhaseProfile; filter: PhaseProfile; export: PhaseProfile | null }> {
  const context = await browser.newContext({ viewport: STEPS.viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    await addInitScripts(context);
    await context.addInitScript(() => {
      console.timeStamp('bench-load-start');
      const poll = setInterval(() => {
        if (window.__benchLoadedAt === undefined) return;
        clearInterval(poll);
        console.timeStamp('bench-load-end');
      }, 5);
    });
    const page = await context.newPage();
    const failFast = new Promise<never>((_, reject) =>
      page.on('pageerror', (error) => reject(new Error(`page error: ${error.message}`))),
    );
    failFast.catch(() => undefined);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.goto(pageUrl(base, 'archipel', data, true));
    await Promise.race([
      page.waitForFunction(() => window.__benchLoadedAt, null, { timeout: STEPS.loadTimeoutMs, polling: 100 }),
      failFast,
    ]);
    await page.waitForTimeout(200);
    const loadTrace = await browser.stopTracing();
    writeFileSync(join(OUT, `trace-load-${data.size}.json`), loadTrace);
    const load = summariseTrace(traceEvents(loadTrace), 'bench-load-start', 'bench-load-end');

    // The filter from a page that has drawn everything (and checked a file from elsewhere), as in
    // the measured runs: else the filter's profile holds the end of the load.
    await page.waitForFunction(() => window.__benchAllDrawnAt, null, { timeout: STEPS.loadTimeoutMs, polling: 100 });
    await page.waitForTimeout(1000);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.waitForTimeout(200);
    const filterMs = await page.evaluate(async (id) => {
      console.timeStamp('bench-filter-start');
      const t0 = performance.now();
      (document.getElementById(id) as HTMLInputElement).click();
      await window.__bench!.idle();
      const t1 = performance.now();
      console.timeStamp('bench-filter-end');
      return t1 - t0;
    }, `f-category-${STEPS.filterCategory}`);
    await page.waitForTimeout(300);
    const filterTrace = await browser.stopTracing();
    writeFileSync(join(OUT, `trace-filter-${data.size}.json`), filterTrace);
    const filter = summariseTrace(traceEvents(filterTrace), 'bench-filter-start', 'bench-filter-end');

    // The export of that filtered set, when the app has one: click → download.
    let exported: PhaseProfile | null = null;
    const button = page
      .getByRole('region', { name: /Export/i })
      .getByRole('button', { name: /GeoJSON/ })
      .first();
    if ((await button.count()) > 0) {
      await page.waitForTimeout(1000);
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await page.waitForTimeout(200);
      const download = page.waitForEvent('download', { timeout: STEPS.stepTimeoutMs });
      await page.evaluate(() => console.timeStamp('bench-export-start'));
      await button.click();
      await download;
      await page.evaluate(() => console.timeStamp('bench-export-end'));
      await page.waitForTimeout(200);
      const exportTrace = await browser.stopTracing();
      writeFileSync(join(OUT, `trace-export-${data.size}.json`), exportTrace);
      exported = summariseTrace(traceEvents(exportTrace), 'bench-export-start', 'bench-export-end');
    }
    return { filterMs, load, filter, export: exported };
  } finally {
    await context.close();
  }
}

function summariseTrace(events: TraceEvent[], startStamp: string, endStamp: string): PhaseProfile {
  const stamps = (message: string) =>
    events
      .filter((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === message)
      .map((e) => e.ts);
  const to = stamps(endStamp)[0];
  const from = stamps(startStamp)
    .filter((ts) => to === undefined || ts <= to)
    .pop();
  if (from === undefined || to === undefined) throw new Error(`the trace has no ${startStamp}/${endStamp} time stamps`);
  // Only the page's renderer process (the one that wrote the stamps) and the GPU process.
  const pagePid = events.find((e) => e.name === 'TimeStamp' && e.ts === to)!.pid;
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
    if (e.ph === 'M' && e.name === 'process_name') processNames.set(e.pid, String(e.args?.name));
  }
  const label = (key: string) => {
    const [pid] = key.split(':').map(Number) as [number];
    return `${threadNames.get(key) ?? `thread ${key}`} (${processNames.get(pid) ?? `pid ${pid}`})`;
  };
  const inWindow = (e: TraceEvent) => e.ts < to && e.ts + (e.dur ?? 0) > from;
  const relevant = (pid: number) => pid === pagePid || processNames.get(pid) === 'GPU Process';

  // Busy time and tasks: top-level tasks of each thread (nested ones merged), clipped to the window.
  const intervals = new Map<string, { start: number; end: number }[]>();
  for (const e of events) {
    // Tasks, plus script runs (a worker's long message handler is not always under a task event).
    if (e.ph !== 'X' || e.dur === undefined || !relevant(e.pid) || !inWindow(e)) continue;
    if (!e.cat.split(',').some((c) => c === 'toplevel' || c === 'v8.execute' || c === 'devtools.timeline')) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = intervals.get(key) ?? [];
    list.push({ start: Math.max(e.ts, from), end: Math.min(e.ts + e.dur, to) });
    intervals.set(key, list);
  }
  const busy = new Map<string, number>();
  const tasksOf = new Map<string, { start: number; end: number }[]>();
  for (const [key, list] of intervals) {
    list.sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const i of list) {
      const last = merged[merged.length - 1];
      if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
      else merged.push({ ...i });
    }
    tasksOf.set(key, merged);
    busy.set(
      key,
      merged.reduce((sum, i) => sum + (i.end - i.start) / 1000, 0),
    );
  }
  const mainKey = [...threadNames.entries()].find(([k, name]) => name === 'CrRendererMain' && busy.has(k))?.[0];
  const animationFrames = events.filter(
    (e) => e.name === 'FireAnimationFrame' && `${e.pid}:${e.tid}` === mainKey && inWindow(e),
  ).length;

  // Samples: one profile per thread (its id), in chunks.
  const profiles = new Map<
    string,
    { key: string; start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }
  >();
  for (const e of events) {
    if (e.name === 'Profile' && e.id !== undefined && relevant(e.pid)) {
      const startTime = Number((e.args?.data as { startTime?: number } | undefined)?.startTime ?? e.ts);
      profiles.set(`${e.pid}:${e.id}`, {
        key: `${e.pid}:${e.tid}`,
        start: startTime,
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id === undefined) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const data = e.args?.data as
      | { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
    p.samples.push(...(data?.cpuProfile?.samples ?? []));
    p.deltas.push(...(data?.timeDeltas ?? []));
  }
  const nameOf = (node: ProfileNode) => {
    const fn = node.callFrame.functionName || '(anonymous)';
    return `${fn}\t${originalPlace(node.callFrame)}`;
  };
  /** Per thread: samples as (time, function, caller). */
  const samplesOf = new Map<string, { t: number; ms: number; name: string; caller: string }[]>();
  for (const p of profiles.values()) {
    const list = samplesOf.get(p.key) ?? [];
    samplesOf.set(p.key, list);
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      if (t < from || t > to) continue;
      const node = p.nodes.get(p.samples[i]!);
      if (!node || node.callFrame.functionName === '(idle)') continue;
      // The first caller that is not a native or an anonymous wrapper says more than "(anonymous)".
      let parent = node.parent !== undefined ? p.nodes.get(node.parent) : undefined;
      while (parent && parent.parent !== undefined && !parent.callFrame.url) parent = p.nodes.get(parent.parent);
      list.push({
        t,
        ms: Math.max(0, p.deltas[i + 1] ?? 0) / 1000,
        name: nameOf(node),
        caller: parent ? nameOf(parent).replace('\t', ' ') : '',
      });
    }
  }
  const topOf = (samples: { ms: number; name: string; caller: string }[], n: number, total: number): FunctionTime[] => {
    const self = new Map<string, { ms: number; callers: Map<string, number> }>();
    for (const s of samples) {
      const entry = self.get(s.name) ?? { ms: 0, callers: new Map<string, number>() };
      entry.ms += s.ms;
      if (s.caller) entry.callers.set(s.caller, (entry.callers.get(s.caller) ?? 0) + s.ms);
      self.set(s.name, entry);
    }
    return [...self.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, n)
      .map(([name, { ms: selfMs, callers }]) => {
        const [fn, where] = name.split('\t') as [string, string];
        const byTime = [...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2);
        return {
          fn,
          where,
          selfMs: round(selfMs),
          share: total > 0 ? round(selfMs / total, 3) : 0,
          callers: byTime.map(([c, m]) => `${c} (${round(m)} ms)`),
        };
      });
  };

  const out: ThreadSummary[] = [];
  for (const key of new Set([...busy.keys(), ...samplesOf.keys()])) {
    const samples = samplesOf.get(key) ?? [];
    const sampledMs = samples.reduce((sum, s) => sum + s.ms, 0);
    const busyMs = busy.get(key) ?? 0;
    if (busyMs < 5 && sampledMs < 5) continue;
    const tasks = (tasksOf.get(key) ?? [])
      .filter((task) => task.end - task.start > 30_000)
      .map((task) => {
        const inside = samples.filter((s) => s.t >= task.start && s.t <= task.end);
        const total = inside.reduce((sum, s) => sum + s.ms, 0);
        return {
          startMs: round((task.start - from) / 1000),
          durMs: round((task.end - task.start) / 1000),
          top: topOf(inside, 4, total).map((f) => `${f.fn} ${f.selfMs} ms`),
        };
      });
    out.push({
      thread: label(key),
      busyMs: round(busyMs),
      sampledMs: round(sampledMs),
      top: topOf(samples, 15, sampledMs),
      tasks,
    });
  }
  out.sort((a, b) => Math.max(b.busyMs, b.sampledMs) - Math.max(a.busyMs, a.sampledMs));
  return { windowMs: round((to - from) / 1000), animationFrames, threads: out };
}

const sourceMaps = new Map<string, SourceMapConsumer | null>();

/**
 * Where a profiled function comes from: `src/core/filter.ts:84` through the profile build's
 * source maps, else the bundle's file name and line.
 */
function originalPlace(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return '';
  const file = frame.url.replace(/^.*\//, '');
  const local = /\/profile\/assets\/[^/?#]+\.js$/.test(frame.url) ? join(SITE, 'profile/assets', file) : null;
  let consumer = sourceMaps.get(file);
  if (consumer === undefined) {
    consumer =
      local && existsSync(`${local}.map`)
        ? new SourceMapConsumer(JSON.parse(readFileSync(`${local}.map`, 'utf8')) as RawSourceMap)
        : null;
    sourceMaps.set(file, consumer);
  }
  const found = consumer?.originalPositionFor({ line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) });
  if (found?.source)
    return `${found.source
      .replace(/^(\.\.\/)+/, '')
      .replace(/^(bench-results\/)?app-[0-9a-f]+\//, '')
      .replace(/^node_modules\//, '')}:${found.line}`;
  return `${file}:${frame.lineNumber + 1}`;
}

function profileText(title: string, phase: PhaseProfile): string[] {
  const lines = [
    `${title}: window ${ms(phase.windowMs)}, ${phase.animationFrames} animation frames on the main thread; busy time per thread, then top self time (callers):`,
  ];
  for (const t of phase.threads.slice(0, 5)) {
    lines.push(`- ${t.thread}: busy ${ms(t.busyMs)}, sampled ${ms(t.sampledMs)}`);
    for (const f of t.top.slice(0, 8)) {
      lines.push(
        `    ${ms(f.selfMs).padStart(7)} ${(f.share * 100).toFixed(0).padStart(3)} %  ${f.fn}  ${f.where}${f.callers.length ? `  ← ${f.callers[0]}` : ''}`,
      );
    }
    if (t.tasks.length > 0 && t.sampledMs > 0) {
      lines.push(
        `    tasks > 30 ms: ${t.tasks.map((k) => `+${ms(k.startMs)} ${ms(k.durMs)} [${k.top.slice(0, 2).join(', ')}]`).join('; ')}`,
      );
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Nearest-20 in Node

async function benchNearest(data: SizeData, seed: number, appRoot: string) {
  const module = join(appRoot, 'src/geo/nearest.ts');
  if (!existsSync(module)) return null;
  const { createNearestIndex } = (await import(pathToFileURL(module).href)) as typeof import('../src/geo/nearest');
  const { haversineKm } = await import('../src/geo/distance');
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
  allDrawnMs: number;
  filterMs: number;
  filterBusyMs: number;
  filterFrames: number | null;
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
    allDrawnMs: med((r) => r.allDrawnMs),
    filterMs: med((r) => r.filterMs),
    filterBusyMs: med((r) => r.filterBusyMs),
    filterFrames:
      results.length > 0 && results.every((r) => r.filterFrames !== null) ? med((r) => r.filterFrames!) : null,
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
  {
    label: 'navigation → all drawn (Archipel: + links, networks, the file checked)',
    value: (s) => s.allDrawnMs,
    format: seconds,
    ratio: true,
  },
  { label: `filter (click "${STEPS.filterCategory}") → idle`, value: (s) => s.filterMs, format: seconds, ratio: true },
  {
    label: '  filter: main-thread task time',
    value: (s) => s.filterBusyMs,
    format: seconds,
    ratio: true,
  },
  {
    label: '  filter: frames drawn by the map (n)',
    value: (s) => s.filterFrames,
    format: (v) => v.toFixed(0),
    ratio: false,
  },
  { label: `search "${STEPS.query}" → list shown`, value: (s) => s.searchListMs, format: seconds, ratio: true },
  { label: `search "${STEPS.query}" → map idle`, value: (s) => s.searchMapMs, format: seconds, ratio: true },
  {
    label: `export GeoJSON of "${STEPS.filterCategory}" → download`,
    value: (s) => s.exportMs,
    format: seconds,
    ratio: true,
  },
  { label: 'JS heap after load, main thread (MB)', value: (s) => s.heapMB, format: (v) => v.toFixed(1), ratio: true },
  {
    label: 'JS heap after load, workers (MB)',
    value: (s) => s.workerHeapMB,
    format: (v) => v.toFixed(1),
    ratio: false,
  },
  {
    label: 'JS + CSS transferred, gzip (kB), `data=` path',
    value: (s) => s.gzipKB.js + s.gzipKB.css,
    format: (v) => v.toFixed(0),
    ratio: true,
  },
  { label: 'data transferred, gzip (kB)', value: (s) => s.gzipKB.data, format: (v) => v.toFixed(0), ratio: true },
  {
    label: 'long tasks > 200 ms until all drawn (n)',
    value: (s) => s.longLoad.count,
    format: (v) => v.toFixed(0),
    ratio: false,
  },
  { label: '  longest until all drawn', value: (s) => s.longLoad.maxMs, format: seconds, ratio: false },
  {
    label: 'long tasks > 200 ms during filter (n)',
    value: (s) => s.longFilter.count,
    format: (v) => v.toFixed(0),
    ratio: false,
  },
  { label: '  longest during filter', value: (s) => s.longFilter.maxMs, format: seconds, ratio: false },
];

function seconds(v: number): string {
  return v >= 100 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;
}

function table(sizes: number[], targets: TargetName[], results: Map<number, Map<TargetName, Summary>>): string {
  const others = targets.filter((t) => t !== 'archipel');
  const header = [
    'size',
    'metric (median)',
    ...targets.map((t) => TARGET_LABEL[t]),
    ...(targets.includes('archipel') ? others.map((t) => `Archipel ÷ ${TARGET_LABEL[t]}`) : []),
  ];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`];
  for (const size of sizes) {
    const bySize = results.get(size)!;
    let first = true;
    for (const row of [...ROWS, null]) {
      const cells: string[] = [
        first ? size.toLocaleString('en-US') : '',
        row ? row.label : 'exact counts drawn (runs ok)',
      ];
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
          const va = row && a?.runs ? row.value(a) : null;
          const vb = row && b?.runs ? row.value(b) : null;
          cells.push(row?.ratio && va !== null && vb !== null && vb > 0 ? `${(va / vb).toFixed(2)}×` : '');
        }
      }
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The embed's first visit

/**
 * What `?embed=1` downloads on a first visit, as a city's website would show it: shipped data and
 * the embedded basemap (the bench's config, which points at the plain background, is hidden).
 */
async function benchEmbed(browser: Browser, base: string): Promise<Record<'fr' | 'en', EmbedLoad>> {
  const result: Partial<Record<'fr' | 'en', EmbedLoad>> = {};
  for (const [lang, locale] of [
    ['fr', 'fr-FR'],
    ['en', 'en-GB'],
  ] as const) {
    const context = await browser.newContext({
      viewport: { width: 640, height: 480 },
      locale,
      timezoneId: 'Europe/Paris',
    });
    try {
      await context.route('**/archipel.config.json', (route) => route.fulfill({ status: 404, body: '' }));
      result[lang] = await measureEmbedLoad(context, `${base}/?embed=1`);
    } finally {
      await context.close();
    }
  }
  return result as Record<'fr' | 'en', EmbedLoad>;
}

function embedTable(embed: Record<'fr' | 'en', EmbedLoad>): string[] {
  const row = (label: string, pick: (l: EmbedLoad) => number) =>
    `| ${label} | ${pick(embed.fr).toFixed(1)} | ${pick(embed.en).toFixed(1)} |`;
  return [
    `Embed, first visit (\`?embed=1\`, shipped data, embedded basemap; gzip bodies, each file once, until the network is quiet after the first idle):`,
    '',
    '| kB gzip | French browser | English browser |',
    '| --- | ---: | ---: |',
    row(`our JS + CSS (budget ${EMBED_BUDGET_KB})`, (l) => l.oursKB),
    row('MapLibre JS + CSS', (l) => l.maplibreKB),
    row('data, basemap, fonts', (l) => l.otherKB),
    '',
    ...describeEmbedLoad(embed.fr)
      .slice(1)
      .map((line) => `French:${line.replace(/^\s*ours:/, '')}`),
    ...describeEmbedLoad(embed.en)
      .slice(1)
      .map((line) => `English:${line.replace(/^\s*ours:/, '')}`),
  ];
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  mkdirSync(OUT, { recursive: true });
  log(
    `sizes ${options.sizes.join(', ')}, ${options.runs} runs, seed ${options.seed}, targets ${options.targets.join(', ')}`,
  );

  const datas: SizeData[] = [];
  for (const size of options.sizes) datas.push(await prepareData(size, options.seed));
  const largest = datas.reduce((a, b) => (b.size > a.size ? b : a));
  const profile =
    options.profile && options.targets.includes('archipel') && !options.embedOnly && !options.nationalOnly;
  const app = appSource(options.appRef);
  const before = options.before === null ? null : appSource(options.before);
  if (before) TARGET_LABEL.before = `Archipel at ${options.before}`;
  await buildSite(app, profile, before);
  const { server, base } = await serveSite(datas, options.networkMbps);
  log(`serving ${rel(SITE)} at ${base}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const results = new Map<number, Map<TargetName, Summary>>();
  const raw: Record<string, Record<string, RunResult[]>> = {};
  let profileResult: Awaited<ReturnType<typeof profileArchipel>> | null = null;
  let embed: Record<'fr' | 'en', EmbedLoad> | null = null;
  let hostile: HostileFileFigures | null = null;
  let national: Awaited<ReturnType<typeof benchNational>> | null = null;
  try {
    if (options.targets.includes('archipel') && !options.profileOnly && !options.nationalOnly) {
      log("the embed's first visit (shipped data), French and English…");
      embed = await benchEmbed(browser, base);
      log(
        `  ours ${embed.fr.oursKB.toFixed(1)} kB (fr), ${embed.en.oursKB.toFixed(1)} kB (en) gzip; budget ${EMBED_BUDGET_KB}`,
      );
    }
    if (options.national && !options.profileOnly && !options.embedOnly) {
      const nationalRuns = {
        browser,
        base,
        site: SITE,
        appRoot: app.root,
        runs: options.runs,
        viewport: STEPS.viewport,
        log,
      };
      national = await benchNational(nationalRuns);
    }
    for (const data of options.profileOnly || options.embedOnly || options.nationalOnly ? [] : datas) {
      const perTarget = new Map<TargetName, RunResult[]>(options.targets.map((t) => [t, []]));
      const errors = new Map<TargetName, string[]>(options.targets.map((t) => [t, []]));
      for (let run = 1; run <= options.runs; run++) {
        for (const target of options.targets) {
          const t0 = performance.now();
          try {
            const r = await runOnce(browser, base, target, data);
            perTarget.get(target)!.push(r);
            log(
              `${data.size} run ${run}/${options.runs} ${target}: load ${ms(r.loadMs)}, filter ${ms(r.filterMs)}, export ${r.exportMs === null ? 'n/a' : ms(r.exportMs)}, search ${ms(r.searchListMs)}/${ms(r.searchMapMs)}, heap ${r.heapMB.toFixed(0)}+${r.workerHeapMB.toFixed(0)} MB${r.countsOk ? '' : ', COUNTS WRONG'} (${ms(performance.now() - t0)})`,
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
      log(`profiling Archipel's load and filter change at ${largest.size} (unminified build)…`);
      try {
        profileResult = await profileArchipel(browser, base, largest);
      } catch (error) {
        log(`profile failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (
      options.hostile &&
      options.targets.includes('archipel') &&
      !options.profileOnly &&
      !options.embedOnly &&
      !options.nationalOnly
    ) {
      log('a 100 MB hostile-ish file previewed in the page…');
      try {
        hostile = await measureHostileFile(browser, `${base}/`);
        log(`  ${describeHostileFile(hostile)}`);
      } catch (error) {
        log(`hostile file failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
  if (options.nationalOnly) {
    process.stdout.write(`${national ? national.lines.join('\n') : 'no national measure'}\n`);
    return;
  }
  if (options.embedOnly) {
    process.stdout.write(`${embed ? embedTable(embed).join('\n') : 'no embed measure'}\n`);
    return;
  }
  log('nearest-20 in Node…');
  const nearest = await benchNearest(largest, options.seed, app.root);
  log('loader, largest fuzz case…');
  const loader = measureLoader();

  const meta = {
    date: new Date().toISOString(),
    app: { measured: app.label, commit: app.commit, uncommittedChangesInSrc: app.dirty },
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
    background:
      'plain background style for all three (no basemap, no tiles); Archipel gets it through archipel.config.json',
    compression:
      'vite preview gzip (level 6 default), .geojson served as application/json so that it is compressed too; figures are CDP encodedDataLength (headers included)',
    expected: Object.fromEntries(datas.map((d) => [d.size, d.expected])),
    dataBytes: Object.fromEntries(datas.map((d) => [d.size, d.bytes])),
    durationS: 0,
  };
  meta.durationS = round((performance.now() - started) / 1000);
  const summaries = Object.fromEntries([...results].map(([size, m]) => [size, Object.fromEntries(m)]));
  const json = {
    meta,
    embed,
    national: national?.json ?? null,
    results: summaries,
    runs: raw,
    nearest,
    loader,
    hostile,
    profile: profileResult,
  };
  writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(OUT, `bench-${meta.date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(json, null, 2)}\n`);

  const out: string[] = [];
  out.push(
    `Archipel benchmark (${app.label}), ${meta.date.slice(0, 16)}Z, Chromium ${meta.chromium} (SwiftShader), Node ${meta.node}, ${meta.cpus} cores; median of ${options.runs} runs, fresh page each; plain background for all${options.networkMbps === null ? '' : `; the actors files sent at ${options.networkMbps} Mbit/s (gzip bytes), the other files at once`}.`,
  );
  out.push('');
  if (!options.profileOnly) out.push(table(options.sizes, options.targets, results));
  out.push('');
  if (embed) out.push(...embedTable(embed), '');
  if (national) out.push(...national.lines, '');
  out.push(
    `Expected counts: ${datas.map((d) => `${d.size}: all ${d.expected.all}, "${STEPS.filterCategory}" ${d.expected.filtered}, + "${STEPS.query}" ${d.expected.searched}`).join('; ')}.`,
  );
  if (nearest) {
    out.push(
      `Nearest 20 (Node, src/geo/nearest.ts, ${nearest.size} actors): index build ${nearest.buildMs} ms, query median ${nearest.queryMedianMs} ms (p95 ${nearest.queryP95Ms} ms) over ${nearest.queries} queries; linear scan + sort: ${nearest.naiveMedianMs} ms (${round(nearest.naiveMedianMs / nearest.queryMedianMs, 0)}× slower).`,
    );
  } else out.push('Nearest 20: n/a (no src/geo/nearest.ts).');
  out.push(
    `Loader, largest fuzz case (Node, src/data/load.ts): ${round(loader.bytes / 1e6, 1)} MB, ${loader.features} features (${loader.kept} kept, ${loader.rejected} rejected with a reason) in ${ms(loader.ms)}; heap +${round(loader.heapMB, 0)} MB, RSS ${round(loader.rssMB, 0)} MB.`,
  );
  if (hostile)
    out.push(
      '',
      'A hostile-ish file previewed with the file picker (scripts/bench/hostile-file.ts): choice → list, → map idle, and the longest main-thread task meanwhile.',
      '',
      '| file | list | map | longest task | tasks > 200 ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      describeHostileFile(hostile),
    );
  if (profileResult) {
    out.push('');
    out.push(
      ...profileText(
        `Profile of Archipel's filter change at ${largest.size} (unminified build, one run: ${ms(profileResult.filterMs)})`,
        profileResult.filter,
      ),
    );
    out.push('');
    out.push(
      ...profileText(`Profile of Archipel's load at ${largest.size} (navigation → first idle)`, profileResult.load),
    );
    if (profileResult.export) {
      out.push('');
      out.push(
        ...profileText(
          `Profile of Archipel's GeoJSON export of "${STEPS.filterCategory}" at ${largest.size} (click → download)`,
          profileResult.export,
        ),
      );
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
