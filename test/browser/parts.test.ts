import { describe, expect, inject, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { count, dataset, expectedActors } from './dataset';
import { pagesOfOneBrowser, screenshot, waitForMapIdle } from './browser';

/**
 * The shipped data in parts (src/data/parts.ts): a view framed on a territory reads only the
 * parts that hold it, and is useful (exact count, list) before its map is idle; France, and an
 * export of it, hold every actor.
 */
const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

const BREST_PART = 'data/parts/epci-242900314.geojson';
const GRENOBLE_PART = 'data/parts/epci-200040715.geojson';

/** The data files the page asks for, in order, as paths under the app. */
function dataRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const path = request.url().split('?')[0]!;
    if (path.startsWith(baseUrl) && path.slice(baseUrl.length).startsWith('data/'))
      seen.push(path.slice(baseUrl.length));
  });
  return seen;
}

/**
 * Records, in the page, when the count first said `text` with `listed` entries in the list, and
 * when the map first went idle (performance.now() of each).
 */
async function watchFirstUseful(page: Page, text: string, listed: number) {
  await page.addInitScript(
    ({ text, listed }) => {
      const w = window as unknown as Record<string, unknown>;
      const check = () => {
        if (w.__usefulAt !== undefined) return;
        const shown = document.querySelector('.result-count')?.textContent?.replace(/\s/g, ' ');
        if (shown === text && document.querySelectorAll('.actor-list > li').length >= listed)
          w.__usefulAt = performance.now();
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
      let map: { idle(): Promise<void> } | undefined;
      Object.defineProperty(window, '__archipelMap', {
        configurable: true,
        get: () => map,
        set(value: { idle(): Promise<void> } | undefined) {
          map = value;
          value?.idle().then(() => {
            w.__idleAt ??= performance.now();
          });
        },
      });
    },
    { text: text.replace(/\s/g, ' '), listed },
  );
}

const whenRecorded = (page: Page) =>
  expect
    .poll(() => page.evaluate(() => (window as unknown as { __idleAt?: number }).__idleAt), { timeout: 90_000 })
    .toBeGreaterThan(0);

describe('a view pays for what it shows', () => {
  test('an embed framed on Brest reads only Brest’s part, counts and lists it exactly before its map is idle, and nothing more until the view widens', async () => {
    const { page, errors } = await openPage({ viewport: { width: 1200, height: 800 } });
    const brest = count({ territory: 'brest' });
    expect(brest).toBeGreaterThan(5);
    expect(brest).toBeLessThan(dataset.actors.length);
    const expectedCount = `${brest} acteurs sur ${dataset.actors.length}`;
    await watchFirstUseful(page, expectedCount, Math.min(brest, 5));
    const requests = dataRequests(page);
    await page.goto(`${baseUrl}?embed=1&territory=brest`);
    await whenRecorded(page);
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 }).toBe(expectedCount);
    const { usefulAt, idleAt } = await page.evaluate(() => {
      const w = window as unknown as { __usefulAt?: number; __idleAt?: number };
      return { usefulAt: w.__usefulAt, idleAt: w.__idleAt };
    });
    expect(usefulAt).toBeGreaterThan(0);
    expect(usefulAt!).toBeLessThanOrEqual(idleAt!);
    // The list names Brest's actors, and only them.
    const names = await page.locator('.actor-list > li .actor-name').allTextContents();
    const brestNames = new Set(expectedActors({ territory: 'brest' }).map((a) => a.properties.name));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(brestNames).toContain(name);
    // Some time later, still only Brest's part (and the territories' names) was read.
    await page.waitForTimeout(2000);
    expect(requests.filter((r) => r.startsWith('data/')).sort()).toEqual([BREST_PART, 'data/territories.json']);
    await screenshot(page, 'parts-embed-brest');

    // The view widens to Grenoble (back and forward, or a host page): read, then counted exactly.
    await page.evaluate(() => {
      history.pushState(null, '', '?embed=1&territory=grenoble');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect
      .poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 })
      .toBe(`${count({ territory: 'grenoble' })} acteurs sur ${dataset.actors.length}`);
    expect(requests).toContain('data/actors.geojson');
    expect(errors).toEqual([]);
  }, 180_000);

  test('the full app framed on Grenoble shows it from its part, then reads the rest while idle: France then counts every actor', async () => {
    const { page, errors } = await openPage({ viewport: { width: 1200, height: 800 } });
    const grenoble = count({ territory: 'grenoble' });
    await watchFirstUseful(page, `${grenoble} acteurs sur ${dataset.actors.length}`, 1);
    const requests = dataRequests(page);
    await page.goto(`${baseUrl}?territory=grenoble`);
    await whenRecorded(page);
    const usefulAt = await page.evaluate(() => (window as unknown as { __usefulAt?: number }).__usefulAt);
    expect(usefulAt).toBeGreaterThan(0);
    // Grenoble's part came first; the whole file after it, once the page was idle.
    expect(requests[0]).toBe(GRENOBLE_PART);
    await expect.poll(() => requests.includes('data/actors.geojson'), { timeout: 30_000 }).toBe(true);
    expect(requests.indexOf('data/actors.geojson')).toBeGreaterThan(requests.indexOf(GRENOBLE_PART));
    expect(requests.filter((r) => r.startsWith('data/parts/'))).toEqual([GRENOBLE_PART, 'data/parts/summary.json']);

    // France: every actor, counted and drawn.
    await page.evaluate(() => {
      history.pushState(null, '', location.pathname);
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect
      .poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 })
      .toBe(`${dataset.actors.length} acteurs`);
    await waitForMapIdle(page);
    expect(errors).toEqual([]);
  }, 180_000);

  test('the national view reads no part, and its export holds every actor', async () => {
    const { page, errors } = await openPage({ viewport: { width: 1200, height: 800 } });
    const requests = dataRequests(page);
    await page.goto(baseUrl);
    await expect
      .poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 })
      .toBe(`${dataset.actors.length} acteurs`);
    // No part: the whole file (its administrative map is read once everything is drawn, without the summary).
    expect(requests.filter((r) => r.startsWith('data/parts/'))).toEqual([]);
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page
      .getByRole('region', { name: /Export/i })
      .getByRole('button', { name: /GeoJSON/ })
      .first()
      .click();
    const file = await download;
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
      features: { properties: { id: string } }[];
    };
    expect(exported.features.map((f) => f.properties.id).sort()).toEqual(
      dataset.actors.map((a) => a.properties.id).sort(),
    );
    expect(errors).toEqual([]);
  }, 180_000);

  test('a page framed on Brest widened to France says no count until every actor is read, and its export of France holds every actor', async () => {
    const { page, errors } = await openPage({ viewport: { width: 1200, height: 800 } });
    // The whole file is held back: the page has only Brest's part when France is asked.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(`${baseUrl}data/actors.geojson`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}?territory=brest`);
    await expect
      .poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 })
      .toBe(`${count({ territory: 'brest' })} acteurs sur ${dataset.actors.length}`);
    await page.evaluate(() => {
      history.pushState(null, '', location.pathname);
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    // No count is said that is not exact while France is read.
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 }).toBe('');
    // An export asked now reads France itself.
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page
      .getByRole('region', { name: /Export/i })
      .getByRole('button', { name: /GeoJSON/ })
      .first()
      .click();
    release();
    const file = await download;
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
      features: { properties: { id: string } }[];
    };
    expect(exported.features.length).toBe(dataset.actors.length);
    await expect
      .poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 })
      .toBe(`${dataset.actors.length} acteurs`);
    expect(errors).toEqual([]);
  }, 180_000);
});
