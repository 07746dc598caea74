/**
 * `npm run bench`, national cases (issue "Speed at national scale", parts 1 and 2): on the shipped
 * national data (`data/actors.geojson`, cut into parts by the build, src/data/parts.ts),
 *
 * - a city embed (`?embed=1&territory=brest`, Brest métropole) against the same embed of a city
 *   build that ships only that city (`npm run build -- --territory brest`, scripts/deployment.ts):
 *   data bytes transferred (gzip, CDP encodedDataLength) and first idle;
 * - the national view (`/`) against MapLibre's cluster recipe on the same file;
 * - for each page, "navigation → first useful list" (the count and the first entries of the list
 *   shown) beside "navigation → map idle".
 * Runs interleave the four pages, each on a fresh context; figures are medians.
 */
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';

export interface NationalOptions {
  browser: Browser;
  /** The bench server's origin, serving `site`. */
  base: string;
  /** The built app's folder (the national build), served at `base`. */
  site: string;
  /** The measured app's source folder (for the city build). */
  appRoot: string;
  runs: number;
  viewport: { width: number; height: number };
  log: (message: string) => void;
}

/** The city measured: Brest métropole, by its legacy id, as embeds write it. */
const CITY = 'brest';
const CITY_PART = 'epci-242900314';

interface PageRun {
  /**
   * Navigation → every actor drawn (clusters or alone) and the map idle: Archipel's `actorsIdle()`,
   * the recipe's first idle. What "first idle" means in the main bench too.
   */
  idleMs: number;
  /**
   * Navigation → the counts by département drawn and the map idle, before any actor (the national
   * view of the full app: src/map/summary-view.ts); null when the page draws no summary first.
   */
  summaryMs: number | null;
  /** Navigation → everything drawn: Archipel's `idle()` (+ links, networks and islands); the recipe's first idle. */
  allDrawnMs: number | null;
  usefulMs: number | null;
  /** The number the count said at first useful list. */
  usefulCount: number | null;
  dataKB: number;
  dataFiles: string[];
  drawn: number;
}

type PageName = 'embed' | 'city' | 'national' | 'recipe';

const LABEL: Record<PageName, string> = {
  embed: `city embed on the national build (\`?embed=1&territory=${CITY}\`)`,
  city: `embed of a city build with only that city's files (\`npm run build -- --territory ${CITY}\`, \`?embed=1\`)`,
  national: 'national view, full app (`/`)',
  recipe: 'MapLibre cluster recipe, same national file',
};

function initScript() {
  const w = window as unknown as Record<string, unknown>;
  const firstNumber = (text: string) => {
    const digits = /^[\d\s\u00a0\u202f]+/.exec(text)?.[0].replace(/\D/g, '');
    return digits ? Number(digits) : null;
  };
  const check = () => {
    if (w.__nationalUsefulAt !== undefined) return;
    const text = document.querySelector('.result-count')?.textContent ?? '';
    if (firstNumber(text) !== null && document.querySelectorAll('.actor-list > li').length > 0) {
      w.__nationalUsefulAt = performance.now();
      w.__nationalUsefulCount = firstNumber(text);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  type Idle = { idle(): Promise<void>; actorsIdle?(): Promise<void>; summaryIdle?(): Promise<boolean> };
  const hook = (name: string) => {
    let value: Idle | undefined;
    Object.defineProperty(w, name, {
      configurable: true,
      get: () => value,
      set(v: Idle | undefined) {
        value = v;
        if (!v) return;
        (v.actorsIdle ?? v.idle)().then(() => {
          w.__nationalIdleAt ??= performance.now();
        });
        v.idle().then(() => {
          w.__nationalAllDrawnAt ??= performance.now();
        });
        // The national view's counts by département, drawn before the actors (src/map/summary-view.ts).
        v.summaryIdle?.().then((drawn) => {
          if (drawn) w.__nationalSummaryAt ??= performance.now();
        });
      },
    });
  };
  hook('__archipelMap');
  hook('__bench');
}

/** Sum of cluster counts and single actors drawn (Archipel's layers, or the recipe's). */
function drawnCount(): number {
  type Feature = { properties: Record<string, unknown> };
  const w = window as unknown as {
    __archipelMap?: { map: { queryRenderedFeatures(o: { layers: string[] }): Feature[] } };
    __bench?: { renderedCount(): number };
  };
  if (!w.__archipelMap) return w.__bench?.renderedCount() ?? -1;
  const seen = new Set<string>();
  let total = 0;
  for (const f of w.__archipelMap.map.queryRenderedFeatures({ layers: ['archipel-clusters', 'archipel-actors'] })) {
    const key =
      f.properties.cluster_id !== undefined ? `c${String(f.properties.cluster_id)}` : `a${String(f.properties.id)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total += (f.properties.point_count as number | undefined) ?? 1;
  }
  return total;
}

async function runPage(o: NationalOptions, url: string): Promise<PageRun> {
  const context = await o.browser.newContext({ viewport: o.viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
    await context.addInitScript(initScript);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const dataIds = new Map<string, string>();
    let dataBytes = 0;
    const files: string[] = [];
    cdp.on('Network.responseReceived', (e) => {
      const path = e.response.url.replace(/^https?:\/\/[^/]+/, '');
      if (/\/data\//.test(path)) dataIds.set(e.requestId, path);
    });
    cdp.on('Network.loadingFinished', (e) => {
      const path = dataIds.get(e.requestId);
      if (path === undefined) return;
      dataBytes += e.encodedDataLength;
      files.push(path.slice(path.indexOf('/data/') + 1));
    });
    await page.goto(url);
    const idleMs = (await page
      .waitForFunction(() => (window as unknown as { __nationalIdleAt?: number }).__nationalIdleAt, null, {
        timeout: 240_000,
        polling: 50,
      })
      .then((h) => h.jsonValue())) as number;
    const allDrawnMs = (await page
      .waitForFunction(() => (window as unknown as { __nationalAllDrawnAt?: number }).__nationalAllDrawnAt, null, {
        timeout: 240_000,
        polling: 50,
      })
      .then((h) => h.jsonValue())
      .catch(() => null)) as number | null;
    // What the first view fetches after its first idle still counts (a late part, the map's names).
    await page.waitForTimeout(1500);
    const after = await page.evaluate(() => {
      const w = window as unknown as {
        __nationalUsefulAt?: number;
        __nationalUsefulCount?: number;
        __nationalSummaryAt?: number;
      };
      return {
        usefulMs: w.__nationalUsefulAt ?? null,
        usefulCount: w.__nationalUsefulCount ?? null,
        summaryMs: w.__nationalSummaryAt ?? null,
      };
    });
    const drawn = await page.evaluate(drawnCount);
    return { idleMs, allDrawnMs, ...after, dataKB: dataBytes / 1000, dataFiles: files.sort(), drawn };
  } finally {
    await context.close();
  }
}

/** The city build, beside the national one on the same server (`/city/`). */
async function buildCity(o: NationalOptions): Promise<string> {
  const outDir = join(o.site, 'city');
  const cwd = process.cwd();
  const before = process.env.ARCHIPEL_TERRITORY;
  process.env.ARCHIPEL_TERRITORY = CITY;
  process.chdir(o.appRoot);
  try {
    await build({
      logLevel: 'warn',
      root: o.appRoot,
      configFile: join(o.appRoot, 'vite.config.ts'),
      base: './',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.chdir(cwd);
    if (before === undefined) delete process.env.ARCHIPEL_TERRITORY;
    else process.env.ARCHIPEL_TERRITORY = before;
  }
  // The same plain background as every other page of the bench, and the city's own settings.
  const bench = JSON.parse(readFileSync(join(o.site, 'archipel.config.json'), 'utf8')) as object;
  const own = JSON.parse(readFileSync(join(outDir, 'archipel.config.json'), 'utf8')) as object;
  writeFileSync(join(outDir, 'archipel.config.json'), JSON.stringify({ ...own, ...bench }));
  return outDir;
}

const median = (values: number[]) => {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const seconds = (v: number) =>
  Number.isNaN(v) ? 'n/a' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export async function benchNational(o: NationalOptions): Promise<{ lines: string[]; json: unknown }> {
  o.log(`national: building the city build (${CITY}) beside the national one…`);
  await buildCity(o);
  const index = JSON.parse(readFileSync(join(o.site, 'data/parts/index.json'), 'utf8')) as {
    total: number;
    valid: number | null;
    views: Record<string, { count: number }>;
  };
  const expected: Record<PageName, number> = {
    embed: index.views[CITY_PART]?.count ?? -1,
    city: index.views[CITY_PART]?.count ?? -1,
    national: index.valid ?? index.total,
    recipe: index.total,
  };
  const urls: Record<PageName, string> = {
    embed: `${o.base}/?embed=1&territory=${CITY}`,
    // No `territory=`: the city build's own files, whole (they hold only the city).
    city: `${o.base}/city/?embed=1`,
    national: `${o.base}/`,
    recipe: `${o.base}/baselines/maplibre/index.html?data=${encodeURIComponent('/data/actors.geojson')}`,
  };
  const names = Object.keys(urls) as PageName[];
  const runs = new Map<PageName, PageRun[]>(names.map((n) => [n, []]));
  // The machine is shared: the load average (1 min) after each page, printed with the table.
  const loads: number[] = [];
  for (let run = 1; run <= o.runs; run++) {
    for (const name of names) {
      try {
        const r = await runPage(o, urls[name]);
        runs.get(name)!.push(r);
        loads.push(loadavg()[0]!);
        o.log(
          `national run ${run}/${o.runs} ${name}: summary ${r.summaryMs === null ? '-' : seconds(r.summaryMs)}, idle ${seconds(r.idleMs)}, all drawn ${r.allDrawnMs === null ? 'n/a' : seconds(r.allDrawnMs)}, useful ${r.usefulMs === null ? 'n/a' : seconds(r.usefulMs)} (count ${r.usefulCount ?? '-'}), data ${r.dataKB.toFixed(1)} kB (${r.dataFiles.length} files), drawn ${r.drawn}`,
        );
      } catch (error) {
        o.log(
          `national run ${run}/${o.runs} ${name}: FAILED ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      }
    }
  }
  const m = (name: PageName, pick: (r: PageRun) => number | null) =>
    median(
      runs
        .get(name)!
        .map(pick)
        .filter((v): v is number => v !== null),
    );
  const lines = [
    `National data (${index.total} actors in data/actors.geojson, cut into parts by the build): median of ${o.runs} runs, fresh page each, plain background; load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${cpus().length} cores.`,
    '',
    '| page | data transferred, gzip (kB) | navigation → first useful list | navigation → counts by département drawn | navigation → first idle (every actor drawn) | navigation → all drawn | count shown / expected (runs ok) | files fetched |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const name of names) {
    const list = runs.get(name)!;
    const ok = list.filter((r) => r.usefulCount === expected[name]).length;
    const files = list[0]?.dataFiles ?? [];
    const shownFiles = files.length > 4 ? `${files.slice(0, 3).join(', ')}… (${files.length})` : files.join(', ');
    lines.push(
      `| ${LABEL[name]} | ${m(name, (r) => r.dataKB).toFixed(1)} | ${seconds(m(name, (r) => r.usefulMs))} | ${list.some((r) => r.summaryMs !== null) ? seconds(m(name, (r) => r.summaryMs)) : '–'} | ${seconds(m(name, (r) => r.idleMs))} | ${seconds(m(name, (r) => r.allDrawnMs))} | ${list[0]?.usefulCount ?? '-'} / ${expected[name]} (${ok}/${list.length}) | ${shownFiles} |`,
    );
  }
  const ratios = {
    cityBytes: m('embed', (r) => r.dataKB) / m('city', (r) => r.dataKB),
    cityIdle: m('embed', (r) => r.idleMs) / m('city', (r) => r.idleMs),
    nationalIdle: m('national', (r) => r.idleMs) / m('recipe', (r) => r.idleMs),
    nationalSummary: m('national', (r) => r.summaryMs) / m('recipe', (r) => r.idleMs),
  };
  lines.push(
    '',
    `City embed ÷ city alone: data bytes ${ratio(
      m('embed', (r) => r.dataKB),
      m('city', (r) => r.dataKB),
    )} (target ≤ 1.2×), first idle ${ratio(
      m('embed', (r) => r.idleMs),
      m('city', (r) => r.idleMs),
    )} (target ≤ 1.1×).`,
    `National view, counts by département drawn (the summary, before any actor) ÷ the recipe's first idle: ${
      runs.get('national')!.some((r) => r.summaryMs !== null)
        ? ratio(
            m('national', (r) => r.summaryMs),
            m('recipe', (r) => r.idleMs),
          )
        : 'never drawn before the actors in these runs'
    } (not the issue's measure).`,
    `National view ÷ MapLibre recipe, first idle (every actor drawn, in their own clusters): ${ratio(
      m('national', (r) => r.idleMs),
      m('recipe', (r) => r.idleMs),
    )} (target ≤ 1.0×).`,
  );
  return { lines, json: { expected, urls, ratios, loads, runs: Object.fromEntries(runs) } };
}
