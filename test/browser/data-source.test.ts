import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pagesOfOneBrowser, renderedActorCount, screenshot, serveCollection, waitForMapIdle } from './browser';
import { dataset } from './dataset';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

/** Console lines Chromium itself writes for a refused or failed request: expected here. */
const NETWORK_NOISE = /CORS policy|Failed to load resource|net::ERR_/;

const FEATURE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-4.4861, 48.3904] },
      properties: {
        id: 'brest-other-site',
        name: 'Lieu d’un autre site',
        category: 'fablab',
        roles: ['opportunity-space'],
        themes: ['making'],
        territory: 'brest',
        address: '1 rue',
        postcode: '29200',
        commune: 'Brest',
      },
    },
  ],
};

// Another origin: the page is served from 127.0.0.1, this server is reached as "localhost".
let other: Server;
let otherUrl = '';
const hanging = new Set<import('node:http').ServerResponse>();
beforeAll(async () => {
  other = createServer((req, res) => {
    if (req.url?.startsWith('/cors')) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Content-Type', 'application/geo+json');
      res.end(JSON.stringify(FEATURE));
    } else if (req.url?.startsWith('/never')) {
      // A server that never ends: a space every second (so the 15 s stall rule never stops it: only Cancel does).
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.write('{"type":"FeatureCollection","features":[');
      const timer = setInterval(() => res.write(' '), 1000);
      res.on('close', () => clearInterval(timer));
      hanging.add(res);
    } else {
      // No CORS header: the browser refuses to give the page the answer.
      res.setHeader('Content-Type', 'application/geo+json');
      res.end(JSON.stringify(FEATURE));
    }
  });
  await new Promise<void>((resolve) => other.listen(0, resolve));
  otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  other.closeAllConnections();
  await new Promise((resolve) => other.close(resolve));
});

const shippedCount = `${dataset.actors.length} acteurs`;

describe('data= from elsewhere', () => {
  test('a file on another site without CORS: the page explains the header to add, and the shipped map works', async () => {
    const { page, errors } = await openPage();
    const started = Date.now();
    await page.goto(`${baseUrl}?data=${encodeURIComponent(`${otherUrl}/nocors/actors.geojson`)}`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    const text = await alert.textContent();
    expect(text).toContain('Access-Control-Allow-Origin: *');
    expect(text).toContain(`localhost:${new URL(otherUrl).port}`);
    // The shipped map loads after the failure: on a busy machine, in more than a second.
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 15_000 }).toBe(shippedCount);
    // The shipped map is usable: a filter works.
    await page.getByRole('link', { name: 'Revenir à la carte d’origine' }).waitFor();
    expect(await page.getByRole('link', { name: 'Revenir à la carte d’origine' }).getAttribute('href')).not.toContain(
      'data=',
    );
    await waitForMapIdle(page);
    expect(await renderedActorCount(page)).toBe(dataset.actors.length);
    // The legend, however long, ends above the scale bar instead of covering it.
    const legend = await page.locator('.legend').boundingBox();
    const scale = await page.locator('.maplibregl-ctrl-scale').boundingBox();
    expect(legend!.y + legend!.height).toBeLessThanOrEqual(scale!.y);
    await screenshot(page, 'data-cors-refused');
    expect(errors.filter((e) => !NETWORK_NOISE.test(e))).toEqual([]);
  });

  test('a file on another site that allows it: shown, and the page names its source', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${baseUrl}?data=${encodeURIComponent(`${otherUrl}/cors/actors.geojson`)}`);
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 }).toBe('1 acteur');
    const source = page.locator('.notice-source');
    expect(await source.textContent()).toContain(
      `Données de localhost:${new URL(otherUrl).port} — pas la carte officielle`,
    );
    await source.getByRole('link', { name: 'Revenir à la carte d’origine' }).click();
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 }).toBe(shippedCount);
    expect(page.url()).not.toContain('data=');
    expect(errors).toEqual([]);
  });

  test('a file is drawn before its places are checked; the check then takes out what it rejects, and says why', async () => {
    const place = (id: string, coordinates: [number, number], postcode: string, commune: string) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: {
        id,
        name: `Lieu ${id}`,
        category: 'library',
        roles: ['public-service'],
        themes: ['training'],
        address: '1 rue',
        postcode,
        commune,
        source: 'exemple',
      },
    });
    const features = [
      place('verifier-brest', [-4.4861, 48.3904], '29200', 'Brest'),
      place('verifier-grenoble', [5.7245, 45.1885], '38000', 'Grenoble'),
      // Said to be in Brest, placed in Grenoble: only the administrative map can tell.
      place('verifier-loin', [5.73, 45.19], '29200', 'Brest'),
    ];
    const { page, context, errors } = await openPage();
    await serveCollection(page, '**/a-verifier.geojson', features);
    // The administrative map is held back until the first drawing has been seen.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/admin/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}?data=a-verifier.geojson`);
    await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
    await page.evaluate(() => window.__archipelMap!.actorsIdle());
    expect(await page.locator('.result-count').textContent()).toBe('3 acteurs');
    expect(await renderedActorCount(page)).toBe(3);
    const checking = page.getByRole('status').filter({ hasText: 'Vérification des communes et des positions…' });
    expect(await checking.count()).toBe(1);

    release();
    await waitForMapIdle(page);
    expect(await page.locator('.result-count').textContent()).toBe('2 acteurs');
    expect(await renderedActorCount(page)).toBe(2);
    expect(await checking.count()).toBe(0);
    // With no territory of its own, a place is on its département's island, named as the map names it.
    const islands = await page.evaluate(() =>
      window
        .__archipelMap!.map.querySourceFeatures('archipel-island-labels')
        .map((f) => `${f.properties.territory} ${f.properties.name}`),
    );
    expect(islands).toEqual(expect.arrayContaining(['dep:29 Finistère', 'dep:38 Isère']));
    await page.getByRole('button', { name: 'Voir le détail' }).click();
    const rejected = page.locator('.issues .issue-error');
    await expect.poll(() => rejected.count()).toBe(1);
    expect(await rejected.textContent()).toContain('(verifier-loin)');
    expect(await rejected.textContent()).toMatch(/la position est à \d+ km de Brest/);
    expect(errors).toEqual([]);
  });

  test('a fast 404 shows an error within 2 s, over the shipped map', async () => {
    const { page, errors } = await openPage();
    // The answer waits until the page shows that it is loading: the time measured is the page's
    // handling of the 404, not the start of the app on a busy machine.
    let shown: () => void = () => {};
    const loadingShown = new Promise<void>((resolve) => (shown = resolve));
    let answered = 0;
    await page.route('**/missing.geojson', async (route) => {
      // At most 10 s: the page gives up a silent server after 15 s (a timeout, not a 404).
      await Promise.race([loadingShown, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      answered = Date.now();
      return route.fulfill({ status: 404, body: 'Not found' });
    });
    await page.goto(`${baseUrl}?data=missing.geojson`);
    await page.getByText('Chargement des données…').waitFor({ timeout: 30_000 });
    // And until the map has drawn its basemap: its first frames compile WebGL programs, a task of
    // seconds with software rendering that any answer would wait behind.
    await page.waitForFunction(() => window.__archipelMap?.map.loaded() === true, null, { timeout: 30_000 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // While the data loads, the legend names the types without a row of zeros.
    expect(await page.locator('.legend .legend-item').count()).toBeGreaterThan(0);
    expect(await page.locator('.legend .option-count').count()).toBe(0);
    shown();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(Date.now() - answered).toBeLessThan(2000);
    expect(await alert.textContent()).toContain('missing.geojson est introuvable (erreur 404)');
    // The shipped map loads after the failure: on a busy machine, in more than a second.
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 15_000 }).toBe(shippedCount);
    expect(await page.locator('.legend .option-count').count()).toBeGreaterThan(0);
    // Nothing brings "loading" back over the error.
    await page.waitForTimeout(500);
    expect(await page.getByText('Chargement des données…').count()).toBe(0);
    expect(errors.filter((e) => !NETWORK_NOISE.test(e))).toEqual([]);
  });

  test('a web page instead of data is named as such', async () => {
    const { page } = await openPage();
    await page.route('**/page.geojson', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Hello</title>' }),
    );
    await page.goto(`${baseUrl}?data=page.geojson&lang=en`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('gives a web page, not a data file');
  });

  test('a server that never ends: Cancel stops it and offers the shipped map', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${baseUrl}?data=${encodeURIComponent(`${otherUrl}/never/actors.geojson`)}`);
    const cancel = page.getByRole('button', { name: 'Annuler' });
    await cancel.waitFor({ timeout: 10_000 });
    await cancel.click();
    await page.getByText('Chargement annulé').waitFor({ timeout: 2000 });
    expect(await page.getByText('Chargement des données…').count()).toBe(0);
    await page.getByRole('link', { name: 'Revenir à la carte d’origine' }).click();
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 }).toBe(shippedCount);
    expect(errors.filter((e) => !NETWORK_NOISE.test(e))).toEqual([]);
  });
});
