/**
 * `npx tsx scripts/bench/national-profile.ts [--build] [--slow]`: one CPU profile of the national view's load
 * (`/`, the shipped data) from an unminified build (`bench-results/national-profile/`), from
 * navigation to every actor drawn: the main thread's self time by function, and its long tasks;
 * screenshots of the counts by département drawn first (`bench-results/national-summary.png`)
 * and of the actors (`national-actors.png`).
 */
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { previewSite } from './site';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SITE = join(ROOT, 'bench-results/national-profile');

if (process.argv.includes('--build') || !existsSync(join(SITE, 'index.html'))) {
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    base: '/',
    logLevel: 'warn',
    build: { outDir: SITE, emptyOutDir: true, minify: false, sourcemap: false },
  });
  writeFileSync(
    join(SITE, 'plain-style.json'),
    JSON.stringify({
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#F7F6F2' } }],
    }),
  );
}
const { server, base } = await previewSite(ROOT, SITE);
// The bench's plain background, so that only the actors cost. The app takes an absolute http(s)
// URL only (src/state/config.ts): a relative one was refused, and the profiles of session 6 were of
// the embedded basemap.
writeFileSync(
  join(SITE, 'archipel.config.json'),
  JSON.stringify({ styleUrl: `${base}/plain-style.json`, styleTimeoutMs: 60_000 }),
);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) (w.__longTasks as number[][]).push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    let v: { actorsIdle(): Promise<void>; summaryIdle?(): Promise<boolean> } | undefined;
    Object.defineProperty(w, '__archipelMap', {
      configurable: true,
      get: () => v,
      set(m) {
        v = m;
        w.__mapAt ??= performance.now();
        m?.actorsIdle().then(() => (w.__idleAt ??= performance.now()));
        // A page that draws no summary first (the app since session 6) says so at once.
        if (m?.summaryIdle)
          m.summaryIdle().then((drawn: boolean) => (w.__summaryAt ??= drawn ? performance.now() : -1));
        else if (m) w.__summaryAt ??= -1;
      },
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => console.error(`page ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  // `--slow`: a connection of 10 Mbit/s with 40 ms of latency, where the data takes its time.
  if (process.argv.includes('--slow')) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: 10e6 / 8,
      uploadThroughput: 5e6 / 8,
    });
  }
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await page.goto(`${base}/${process.argv.find((a) => a.startsWith('?')) ?? ''}`);
  const summaryAt = (await page
    .waitForFunction(() => (window as unknown as { __summaryAt?: number }).__summaryAt, null, { timeout: 120_000 })
    .then((h) => h.jsonValue())) as number;
  if (summaryAt > 0) await page.screenshot({ path: join(ROOT, 'bench-results/national-summary.png') });
  const idleAt = (await page
    .waitForFunction(() => (window as unknown as { __idleAt?: number }).__idleAt, null, { timeout: 120_000 })
    .then((h) => h.jsonValue())) as number;
  await page.screenshot({ path: join(ROOT, 'bench-results/national-actors.png') });
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: {
      nodes: {
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
        parent?: number;
        children?: number[];
      }[];
      samples: number[];
      timeDeltas: number[];
    };
  };
  writeFileSync(join(ROOT, 'bench-results/national-load.cpuprofile'), JSON.stringify(profile));
  const tasks = (await page.evaluate(
    () => (window as unknown as { __longTasks: number[][] }).__longTasks,
  )) as number[][];
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(id)!;
    const name = (f: typeof n.callFrame) =>
      `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(name(n.callFrame), (self.get(name(n.callFrame)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur)!.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .filter(([k]) => !/^\((idle|program|root)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  const mapAt = await page.evaluate(() => (window as unknown as { __mapAt?: number }).__mapAt ?? -1);
  console.log(`map mounted: ${mapAt.toFixed(0)} ms`);
  console.log(`counts by département drawn: ${summaryAt > 0 ? `${summaryAt.toFixed(0)} ms` : 'no'}`);
  console.log(`first idle (every actor drawn): ${idleAt.toFixed(0)} ms`);
  console.log(`long tasks (start, duration): ${tasks.map(([s, d]) => `${s!.toFixed(0)}+${d!.toFixed(0)}`).join(', ')}`);
  console.log(`\nself time, main thread:\n${top(self, 40)}`);
  console.log(`\ntotal time, main thread:\n${top(total, 60)}`);
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
