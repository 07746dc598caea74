import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { readDataset } from '../../src/data/load';
import { nodeAdminSource } from '../../scripts/admin-files';
import { filterActors, indexActors, NO_FILTERS } from '../../src/core/filter';
import type { Filters } from '../../src/core/filter';
import { pagesOfOneBrowser, renderedActorCount, waitForMapIdle } from './browser';

/**
 * The shipped national census (`data/`, built by `npm run data`), as a visitor gets it: the rest
 * of the browser suite serves the curated layer (`test-data.ts`); this file builds the app with
 * the real shipped data, serves it, and checks what a user sees of it. Loading some 20,000
 * actors is slow on a shared machine (cutting the data per territory is issue 21): the timeouts
 * are generous, and the timings are printed.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(ROOT, 'data');
const read = (name: string) => ({ file: name, text: readFileSync(join(DATA, name), 'utf8') });
// What the page must show, computed from the shipped files, never from the page.
const shipped = await readDataset(
  { actors: read('actors.geojson'), networks: read('networks.json'), territories: read('territories.json') },
  undefined,
  nodeAdminSource(),
);
const indexed = indexActors(shipped.actors, shipped.admin);
const expected = (filters: Partial<Filters>) => filterActors(indexed, { ...NO_FILTERS, ...filters });

let server: PreviewServer | undefined;
let baseUrl = '';
let out = '';
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'archipel-census-'));
  const before = { data: process.env.ARCHIPEL_DATA_DIR, nodeEnv: process.env.NODE_ENV };
  // The build that ships (as in global-setup.ts), with the real data folder.
  process.env.ARCHIPEL_DATA_DIR = DATA;
  process.env.NODE_ENV = 'production';
  const started = Date.now();
  try {
    await build({ logLevel: 'warn', base: './', mode: 'production', build: { outDir: out, emptyOutDir: true } });
  } finally {
    // Put back as it was, unset included: the browser files share one worker (vite.config.ts), and
    // `process.env.X = undefined` would set the string "undefined" for the files after this one.
    for (const [name, value] of [
      ['ARCHIPEL_DATA_DIR', before.data],
      ['NODE_ENV', before.nodeEnv],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  console.log(`census: app built with the shipped data in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  server = await preview({
    build: { outDir: out },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  baseUrl = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
}, 300_000);
afterAll(async () => {
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const openPage = pagesOfOneBrowser();
/** The count line, without the thousands separator the locale may put in. */
const countLine = async (page: Page) => ((await page.locator('.result-count').textContent()) ?? '').replace(/\s/g, ' ');
const plain = (text: string) => text.replace(/[\s\u202f\u00a0]/g, '');

/** Opens `query` and says how long the count and the idle map took (ms from navigation). */
async function openTimed(page: Page, query: string, label: string): Promise<void> {
  const started = Date.now();
  await page.goto(`${baseUrl}${query}`);
  await page.locator('.result-count').filter({ hasText: /\d/ }).waitFor({ timeout: 120_000 });
  const counted = Date.now() - started;
  if (query.includes('view=list')) {
    console.log(`census: ${label}: count shown after ${counted} ms`);
    return;
  }
  await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 120_000 });
  await page.evaluate(() => window.__archipelMap!.idle());
  console.log(`census: ${label}: count shown after ${counted} ms, map idle after ${Date.now() - started} ms`);
}

const total = shipped.actors.length;

describe('the shipped census, as a visitor gets it', { timeout: 240_000 }, () => {
  test('France: every shipped actor is counted and drawn', async () => {
    // The national file: more than 18,000 places (issue 14, "Done when"), every one valid.
    expect(total).toBeGreaterThanOrEqual(18_000);
    expect(shipped.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const { page, errors } = await openPage();
    await openTimed(page, '', 'France');
    expect(plain(await countLine(page))).toBe(`${total}acteurs`);
    await page.evaluate(() => window.__archipelMap!.map.jumpTo({ center: [2.5, 46.6], zoom: 4 }));
    await waitForMapIdle(page);
    // Clusters count exactly: all of metropolitan France in view holds all but the overseas places.
    const metropolitan = shipped.actors.filter((a) => a.geometry.coordinates[0] > -6 && a.geometry.coordinates[0] < 10);
    const rendered = await renderedActorCount(page);
    expect(rendered).toBeGreaterThanOrEqual(metropolitan.length * 0.95);
    expect(rendered).toBeLessThanOrEqual(total);
    expect(errors).toEqual([]);
  });

  test('?territory=brest: Brest métropole’s census places, with its public internet access places and France services', async () => {
    const brest = expected({ territory: 'brest' });
    const franceServices = brest.filter((a) => a.properties.sources?.includes('france-services'));
    const publicInternet = expected({ territory: 'brest', categories: ['internet-access'] });
    // Not only the curated layer: places of the national lists, and counters of France services.
    expect(brest.filter((a) => !a.properties.sources?.includes('curated')).length).toBeGreaterThan(0);
    expect(franceServices.length).toBeGreaterThan(0);
    // Public internet access whatever the category: libraries and France services among them, and
    // at least 15 places in Brest métropole (issue 14, "Done when").
    expect(publicInternet.length).toBeGreaterThanOrEqual(15);
    expect(publicInternet.some((a) => a.properties.category === 'library')).toBe(true);
    expect(publicInternet.some((a) => franceServices.includes(a))).toBe(true);

    const { page, errors } = await openPage();
    await openTimed(page, '?territory=brest&view=list', 'Brest métropole (list)');
    await expect.poll(async () => plain(await countLine(page))).toBe(`${brest.length}acteurssur${total}`);
    const names = async () => (await page.locator('.results-full .actor-name').allTextContents()).sort();
    await expect.poll(names, { timeout: 60_000 }).toEqual(brest.map((a) => a.properties.name).sort());
    for (const counter of franceServices) expect(await names()).toContain(counter.properties.name);

    // The public internet access filter lists every such place, whatever its category.
    await openTimed(page, '?territory=brest&category=internet-access&view=list', 'Brest, public internet access');
    await expect.poll(async () => plain(await countLine(page))).toBe(`${publicInternet.length}acteurssur${total}`);
    await expect.poll(names, { timeout: 60_000 }).toEqual(publicInternet.map((a) => a.properties.name).sort());
    expect(errors).toEqual([]);
  });

  test('a library merged from two lists shows both sources in its detail panel; a France services counter says it offers public internet access', async () => {
    const library = expected({ territory: 'brest', categories: ['library'] }).find(
      (a) => !a.properties.sources?.includes('curated') && (a.properties.sources?.length ?? 0) > 1,
    );
    expect(library).toBeDefined();
    const citations = library!.properties.source!.split(' ; ');
    expect(citations.length).toBeGreaterThan(1);
    const { page, errors } = await openPage();
    await openTimed(page, `?territory=brest&selected=${library!.properties.id}`, 'Brest, a library selected');
    await expect
      .poll(() => page.locator('.detail h2').textContent(), { timeout: 60_000 })
      .toBe(library!.properties.name);
    expect(await page.locator('.detail .sources li').allTextContents()).toEqual(citations);
    // The Ministry of Culture's list is named among them.
    expect(citations.some((c) => c.startsWith('Ministère de la Culture'))).toBe(true);

    const counter = expected({ territory: 'brest' }).find(
      (a) =>
        a.properties.sources?.includes('france-services') &&
        !a.properties.sources.includes('curated') &&
        a.properties.services?.includes('public-internet'),
    )!;
    await openTimed(page, `?territory=brest&selected=${counter.properties.id}`, 'Brest, a France services counter');
    await expect
      .poll(() => page.locator('.detail h2').textContent(), { timeout: 60_000 })
      .toBe(counter.properties.name);
    expect(await page.locator('.detail .detail-service').textContent()).toBe(
      'Accès public à internet (postes en libre accès)',
    );
    expect(await page.locator('.detail .sources li').allTextContents()).toEqual(
      counter.properties.source!.split(' ; '),
    );
    expect(errors).toEqual([]);
  });
});
