import { describe, expect, inject, test } from 'vitest';
import { count, dataset } from './dataset';
import { openApp, pagesOfOneBrowser, renderedActorCount, screenshot, waitForMapIdle } from './browser';
import { BASEMAP_LAYER } from '../../src/map/basemap';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

/** Whether every file of the site this page fetched is in the worker's cache. */
async function everythingKept(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) return ['no controller yet'];
    const keys = (await caches.keys()).filter((k) => k.startsWith('archipel-'));
    if (keys.length !== 1) return [`caches: ${keys.join(',')}`];
    const cache = await caches.open(keys[0]!);
    const fetched = performance
      .getEntriesByType('resource')
      .map((e) => e.name.split('#')[0]!)
      .filter((u) => u.startsWith(location.origin) && !u.endsWith('/sw.js'));
    const missing: string[] = [];
    for (const url of [...new Set(fetched)]) if (!(await cache.match(url.split('?')[0]!))) missing.push(url);
    if (!(await cache.match(new URL('index.html', document.baseURI).href))) missing.push('index.html');
    return missing;
  });
}

describe('works with no signal', () => {
  test('after one visit, the app, its basemap and the shipped data show with the network cut', async () => {
    const { page, context, errors } = await openPage({
      serviceWorkers: 'allow',
      viewport: { width: 375, height: 667 },
    });
    await openApp(page, baseUrl, 'territory=brest');
    const brest = await page.locator('.result-count').textContent();
    // The worker installs once the map has drawn and the page is idle, then keeps what the page fetched before it took over.
    await expect.poll(() => everythingKept(page), { timeout: 120_000, interval: 1000 }).toEqual([]);

    expect(errors).toEqual([]);
    await context.setOffline(true);
    // The network is really cut: a file the worker never kept cannot be fetched (the browser logs that failure).
    const probe = await page.evaluate(() =>
      fetch(`not-kept-${Date.now()}.txt`).then(
        (r) => `status ${r.status}`,
        () => 'failed',
      ),
    );
    expect(probe).toBe('failed');
    errors.length = 0;

    await page.reload();
    await waitForMapIdle(page);
    await expect.poll(() => page.locator('.result-count').textContent()).toBe(brest);
    // The whole country too, on the map: every shipped actor drawn.
    await page.goto(`${baseUrl}`);
    await waitForMapIdle(page);
    await expect.poll(() => page.locator('.result-count').textContent()).toBe(`${dataset.actors.length} acteurs`);
    expect(await renderedActorCount(page)).toBe(dataset.actors.length);
    const basemap = await page.evaluate(
      (layers) => window.__archipelMap!.map.queryRenderedFeatures({ layers }).length,
      [BASEMAP_LAYER.land, BASEMAP_LAYER.placeLabels],
    );
    expect(basemap).toBeGreaterThan(0);
    // A territory the visit never framed: its communes come from the cache (the national view
    // reads the whole administrative map once drawn), its actors from the whole files, as its
    // part was never read; no request fails.
    await page.goto(`${baseUrl}?territory=dep:38`);
    await waitForMapIdle(page);
    const isere = count({ territory: 'dep:38' });
    expect(isere).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.result-count').textContent()).toMatch(new RegExp(`^${isere} acteurs?\\b`));
    // A part not opened during the visit comes from the cache too: the list.
    await page.goto(`${baseUrl}?territory=brest&view=list`);
    await expect.poll(() => page.locator('.actor-list li').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.goto(`${baseUrl}?territory=brest`);
    await waitForMapIdle(page);
    await screenshot(page, 'offline-brest-phone');
    expect(errors).toEqual([]);
    // The worker fetches the whole app (some 10 MB uncompressed) after the first visit: slow on a busy machine.
  }, 240_000);

  test('an embed registers no worker', async () => {
    const { page, errors } = await openPage({ serviceWorkers: 'allow' });
    await openApp(page, baseUrl, 'embed=1');
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    expect(errors).toEqual([]);
  });
});
