import { chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';

export const CHROMIUM = CHROMIUM_PATH;
export const SCREENSHOTS = 'test-results/screenshots';

/**
 * No host but the loopback resolves: the app must work with no network, and a request that
 * leaves it fails at once. (Routing every request through the test process instead would slow
 * every page, and turn off the browser's cache.)
 */
const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, LOOPBACK_ONLY], headless: true });
}

/**
 * The Chromium of this worker, launched at first use and kept for the files after (the browser
 * files run one after another in one worker: vite.config.ts). A Chromium that crashed or was
 * closed is launched again. It is closed when the worker stops (Playwright closes the browsers
 * it launched on SIGTERM and on exit).
 */
let shared: Promise<Browser> | undefined;
function sharedBrowser(): Promise<Browser> {
  if (!shared) {
    const launching = launch();
    const forget = () => {
      if (shared === launching) shared = undefined;
    };
    shared = launching;
    launching.then((browser) => browser.on('disconnected', forget), forget);
  }
  return shared;
}

/**
 * The Chromium for the tests of a file (one per worker, shared by its files: see
 * {@link sharedBrowser}): returns how to open a page in it (see {@link newPage}), each page in
 * its own fresh context (no cache, storage or service worker carried from one test to the next).
 */
export function pagesOfOneBrowser(): (options?: BrowserContextOptions) => ReturnType<typeof newPage> {
  let browser: Browser | undefined;
  // The contexts a test opened, closed once it ends: a page left open would go on drawing its map
  // (software WebGL) during the next test.
  const opened: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await sharedBrowser();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    // Nothing of this file is left for the next one: any context still open is closed.
    if (browser?.isConnected()) await Promise.all(browser.contexts().map((context) => context.close()));
  });
  return async (options = {}) => {
    const opening = await newPage(browser!, options);
    opened.push(opening.context);
    return opening;
  };
}

/**
 * A page that records any uncaught error or map error, and any request that leaves the
 * loopback (`external`): the app must work with no network.
 */
export async function newPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; context: BrowserContext; errors: string[]; external: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // The built app registers a service worker; only the tests of it allow it (test/browser/offline.test.ts),
    // so the others see every request (routes, counts of files) as a first visit would.
    serviceWorkers: 'block',
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  // Requests that leave the loopback are noted (and fail at once: see `launch`).
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:', 'chrome-extension:'].includes(url.protocol)) return;
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return;
    external.push(url.href);
  });
  return { page, context, errors, external };
}

/** Opens the app at `query` and waits until the map has drawn everything. */
export async function openApp(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}${query ? `?${query.replace(/^\?/, '')}` : ''}`);
  await waitForMapIdle(page);
}

/**
 * Opens the app at `query` and waits only until its map handle exists: for steps that read the page's
 * text and controls, not the map's drawing (which {@link openApp} waits for, links and islands included).
 */
export async function openAppUi(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}${query ? `?${query.replace(/^\?/, '')}` : ''}`);
  await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
}

/** Serves these features, as a site would a GeoJSON file, at every address matching `pattern` (a `data=` file). */
export async function serveCollection(page: Page, pattern: string, features: readonly unknown[]): Promise<void> {
  const body = JSON.stringify({ type: 'FeatureCollection', features });
  await page.route(pattern, (route) => route.fulfill({ contentType: 'application/geo+json', body }));
}

export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
  await page.evaluate(() => window.__archipelMap!.idle());
}

/**
 * The actors the map shows in the viewport: the sum of rendered cluster counts
 * plus single actors, each feature counted once (tiles may repeat a feature).
 */
export async function renderedActorCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = window.__archipelMap!.map;
    const features = map.queryRenderedFeatures({ layers: ['archipel-clusters', 'archipel-actors'] });
    const seen = new Set<string>();
    let total = 0;
    for (const f of features) {
      const key = f.properties.cluster_id !== undefined ? `c${f.properties.cluster_id}` : `a${f.properties.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total += (f.properties.point_count as number | undefined) ?? 1;
    }
    return total;
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** The Archipel embed in a host page's iframe, once its map is idle. */
export async function archipelFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe');
  const frame = (await handle.contentFrame())!;
  await frame.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
  await frame.evaluate(() => window.__archipelMap!.idle());
  return frame;
}

/** The policy the README recommends for a deployment: nothing inline, nothing from elsewhere (plus `connect`). */
export function strictCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Serves the pages under `baseUrl` with the Content-Security-Policy `policy`; returns the
 * violations the page reports in its console (read it after the steps).
 */
export async function underPolicy(
  page: Page,
  context: BrowserContext,
  baseUrl: string,
  policy: string,
): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await context.route(`${baseUrl}**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  return violations;
}
