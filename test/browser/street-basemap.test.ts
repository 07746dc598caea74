import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import {
  pagesOfOneBrowser,
  screenshot,
  seriousA11yViolations,
  strictCsp,
  underPolicy,
  waitForMapIdle,
} from './browser';
import { BASEMAP_LAYER } from '../../src/map/basemap';
import { STREET_LAYER, STREET_SOURCE } from '../../src/map/street-basemap';
import type { Page } from 'playwright-core';

/**
 * The online street basemap (`streetBasemap` in `archipel.config.json`), with the IGN's service
 * stood in for by a tile server of this test, on another origin (`localhost`, the app being on
 * `127.0.0.1`): vector tiles with the source layers of the Plan IGN, cut here from a made-up grid
 * of streets and blocks around the centre of Brest (test geometry, not real streets).
 */
const baseUrl = inject('baseUrl');
const pagesOf = pagesOfOneBrowser();
/**
 * Pages that may reach the tile server on the loopback: a document that a route fulfils (the
 * strict CSP below) counts as public for Chromium's Local Network Access, which then blocks its
 * requests to `localhost`. A real deployment and the IGN are both public, with no such question.
 */
const openPage = (options: Parameters<typeof pagesOf>[0] = {}) =>
  pagesOf({ permissions: ['local-network-access'], ...options });

const BREST = { lat: 48.3905, lon: -4.487 };
const VIEW = `map=15/${BREST.lat}/${BREST.lon}`;

/** A grid of streets every ~150 m, a main one through the middle, a building in each block, names on some streets. */
function fixture(): Record<string, GeoJSON.FeatureCollection> {
  const dLon = 0.002;
  const dLat = 0.0014;
  const n = 8;
  const lons = Array.from({ length: 2 * n + 1 }, (_, i) => BREST.lon + (i - n) * dLon);
  const lats = Array.from({ length: 2 * n + 1 }, (_, i) => BREST.lat + (i - n) * dLat);
  const [west, east] = [lons[0]!, lons.at(-1)!];
  const [south, north] = [lats[0]!, lats.at(-1)!];
  const line = (coordinates: [number, number][], properties: Record<string, string>): GeoJSON.Feature => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties,
  });
  const roads: GeoJSON.Feature[] = [];
  const names: GeoJSON.Feature[] = [];
  lons.forEach((lon, i) => {
    roads.push(
      line(
        [
          [lon, south],
          [lon, north],
        ],
        { symbo: i === n ? 'PRINCIPALE_1' : 'LOCALE_1' },
      ),
    );
    if (i % 2 === 0)
      names.push(
        line(
          [
            [lon, south],
            [lon, north],
          ],
          { nom_gauche: `R. d'essai ${i}`, nom_desabrege: `Rue d'essai ${i}` },
        ),
      );
  });
  for (const lat of lats)
    roads.push(
      line(
        [
          [west, lat],
          [east, lat],
        ],
        { symbo: 'LOCALE_2' },
      ),
    );
  const buildings: GeoJSON.Feature[] = [];
  for (let i = 0; i < lons.length - 1; i++)
    for (let j = 0; j < lats.length - 1; j++) {
      const [w, e] = [lons[i]! + dLon * 0.2, lons[i + 1]! - dLon * 0.2];
      const [s, nn] = [lats[j]! + dLat * 0.2, lats[j + 1]! - dLat * 0.2];
      buildings.push({
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [e, s],
              [e, nn],
              [w, nn],
              [w, s],
            ],
          ],
        },
        properties: { symbo: 'BATI_QQUE' },
      });
    }
  const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({
    type: 'FeatureCollection',
    features,
  });
  return {
    routier_route: collection(roads),
    bati_surf: collection(buildings),
    toponyme_routier_odonyme_lin: collection(names),
  };
}

const indexes = Object.entries(fixture()).map(
  ([layer, data]) => [layer, new GeoJSONVT(data, { maxZoom: 18, indexMaxZoom: 4, buffer: 64 })] as const,
);

/** What the tile server does: answer, or never answer (a service that hangs). */
let mode: 'answer' | 'hang' = 'answer';
const asked: string[] = [];
const hanging = new Set<ServerResponse>();
/** How long each hanging request was waited for before the browser gave it up, in ms. */
const gaveUp: number[] = [];
let server: Server;
let tiles = '';

function answer(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/';
  asked.push(url);
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (mode === 'hang') {
    hanging.add(res);
    const since = Date.now();
    res.on('close', () => {
      hanging.delete(res);
      gaveUp.push(Date.now() - since);
    });
    return;
  }
  const match = /^\/plan-ign\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(url);
  if (!match) {
    res.statusCode = 404;
    return res.end();
  }
  const [z, x, y] = match.slice(1).map(Number) as [number, number, number];
  const layers = Object.fromEntries(
    indexes.flatMap(([layer, index]) => {
      const tile = index.getTile(z, x, y);
      return tile ? [[layer, tile]] : [];
    }),
  );
  if (Object.keys(layers).length === 0) {
    res.statusCode = 204;
    return res.end();
  }
  res.setHeader('Content-Type', 'application/x-protobuf');
  res.end(Buffer.from(fromGeojsonVt(layers, { version: 2, extent: 4096 })));
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tiles = `http://localhost:${(server.address() as AddressInfo).port}/plan-ign/{z}/{x}/{y}.pbf`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The deployment's configuration, as a site puts `archipel.config.json` beside the app. */
async function withStreets(page: Page) {
  await page.route('**/archipel.config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ streetBasemap: { tiles, attribution: 'Plan IGN © IGN (test)' } }),
    }),
  );
}

/** The share of pixels that differ between two screenshots of the same size, counted in a blank page of the same browser. */
async function differingShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async (images) => {
        const pixels = await Promise.all(
          images.map(async (data) => {
            const img = new Image();
            img.src = `data:image/png;base64,${data}`;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width;
            canvas.height = img.height;
            const ctx = canvas.getContext('2d')!;
            ctx.drawImage(img, 0, 0);
            return ctx.getImageData(0, 0, img.width, img.height).data;
          }),
        );
        const [pa, pb] = pixels as [Uint8ClampedArray, Uint8ClampedArray];
        if (pa.length !== pb.length) return 1;
        let differ = 0;
        for (let i = 0; i < pa.length; i += 4)
          if (Math.abs(pa[i]! - pb[i]!) + Math.abs(pa[i + 1]! - pb[i + 1]!) + Math.abs(pa[i + 2]! - pb[i + 2]!) > 6)
            differ++;
        return differ / (pa.length / 4);
      },
      [a.toString('base64'), b.toString('base64')],
    );
  } finally {
    await blank.close();
  }
}

const streetsShown = (page: Page) =>
  page.evaluate(
    ({ roads, buildings }) => {
      const map = window.__archipelMap!.map;
      if (!map.getLayer(roads)) return { roads: 0, buildings: 0 };
      return {
        roads: map.queryRenderedFeatures({ layers: [roads] }).length,
        buildings: map.queryRenderedFeatures({ layers: [buildings] }).length,
      };
    },
    { roads: STREET_LAYER.roads, buildings: STREET_LAYER.buildings },
  );

const embeddedShown = (page: Page) =>
  page.evaluate(
    (layers) => window.__archipelMap!.map.queryRenderedFeatures({ layers }).length,
    [BASEMAP_LAYER.land, BASEMAP_LAYER.coastDetailLand],
  );

const attribution = (page: Page) => page.locator('.maplibregl-ctrl-attrib-inner').textContent();

/** The map as a person sees it: the canvas, with the marks and controls drawn over it. */
const mapShot = (page: Page) => page.locator('.maplibregl-canvas').screenshot();

describe('the online street basemap', () => {
  test('at zoom 15 in Brest, streets, buildings and street names from the configured service are drawn over the embedded basemap, credited, under a strict CSP that names its host', async () => {
    mode = 'answer';
    asked.length = 0;
    const { page, context, errors, external } = await openPage();
    const host = new URL(tiles).origin;
    // The README's policy, with the tile service's origin added to connect-src.
    const violations = await underPolicy(page, context, baseUrl, strictCsp([host]));
    await withStreets(page);
    await page.goto(`${baseUrl}?${VIEW}`);
    await waitForMapIdle(page);
    await expect.poll(async () => (await streetsShown(page)).buildings, { timeout: 30_000 }).toBeGreaterThan(20);
    await waitForMapIdle(page);
    const shown = await streetsShown(page);
    expect(shown.roads).toBeGreaterThan(10);
    const names = await page.evaluate(
      (layer) =>
        window.__archipelMap!.map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties.nom_gauche),
      STREET_LAYER.names,
    );
    expect(names.some((name) => /^R\. d'essai \d+$/.test(String(name)))).toBe(true);
    // Under the basemap's town names and our marks: the last street layer comes before them.
    const order = await page.evaluate(() => window.__archipelMap!.map.getStyle().layers.map((l) => l.id));
    expect(order.indexOf(STREET_LAYER.names)).toBeLessThan(order.indexOf(BASEMAP_LAYER.placeLabels));
    expect(order.indexOf(STREET_LAYER.water)).toBeGreaterThan(order.indexOf(BASEMAP_LAYER.coastDetailLand));
    expect(await embeddedShown(page)).toBeGreaterThan(0);
    expect(await attribution(page)).toContain('Plan IGN © IGN (test)');

    // What a person sees: the same view with the street layers hidden differs in a good part of the map.
    const png = await mapShot(page);
    await screenshot(page, 'street-basemap-brest-z15');
    await page.evaluate((ids) => {
      const map = window.__archipelMap!.map;
      for (const id of ids) map.setLayoutProperty(id, 'visibility', 'none');
    }, Object.values(STREET_LAYER));
    await waitForMapIdle(page);
    const without = await mapShot(page);
    expect(await differingShare(page, png, without)).toBeGreaterThan(0.15);
    await page.evaluate((ids) => {
      const map = window.__archipelMap!.map;
      for (const id of ids) map.setLayoutProperty(id, 'visibility', 'visible');
    }, Object.values(STREET_LAYER));

    expect(asked.length).toBeGreaterThan(0);
    // Tiles of the view only.
    expect(asked.every((url) => url.startsWith('/plan-ign/15/'))).toBe(true);
    expect(external).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  test('a service that hangs: the embedded basemap is drawn at once and stays, the first idle does not wait for it, no error', async () => {
    mode = 'hang';
    asked.length = 0;
    gaveUp.length = 0;
    const { page, context, errors } = await openPage();
    await withStreets(page);
    await page.goto(`${baseUrl}?${VIEW}`);
    // Would time out if the first idle waited for the service.
    await waitForMapIdle(page);
    expect(await embeddedShown(page)).toBeGreaterThan(0);
    // The app did ask, once the map had drawn everything; the map stays idle while the request hangs.
    await expect.poll(() => asked.length, { timeout: 30_000 }).toBe(1);
    await waitForMapIdle(page);
    // The app gives up after its time limit (8 s), with no answer and no error, and adds nothing.
    await expect.poll(() => gaveUp.length, { timeout: 30_000 }).toBe(1);
    expect(gaveUp[0]).toBeGreaterThanOrEqual(7000);
    expect(await page.evaluate((id) => window.__archipelMap!.map.getSource(id) === undefined, STREET_SOURCE)).toBe(
      true,
    );
    expect(await attribution(page)).not.toContain('IGN (test)');
    await screenshot(page, 'street-basemap-hanging');
    // Moving on: still drawn, still idle, and a service that did not answer is not asked again at once.
    await page.evaluate(() => window.__archipelMap!.map.panBy([200, 0], { duration: 0 }));
    await waitForMapIdle(page);
    expect(await embeddedShown(page)).toBeGreaterThan(0);
    expect(asked.length).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  test('offline: the embedded basemap with no error and no request, before and after the streets were drawn', async () => {
    mode = 'answer';
    asked.length = 0;
    const { page, context, errors } = await openPage();
    await withStreets(page);
    // Opened at the scale of France (nothing asked for streets there), then the network is cut.
    await page.goto(baseUrl);
    await waitForMapIdle(page);
    // The street code comes after the first idle: let it arrive before the cut.
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            performance.getEntriesByType('resource').some((e) => /\/street-basemap-[^/]*\.js$/.test(e.name)),
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    // And the administrative map, read once everything is drawn (src/ui/admin-later.ts): a fetch the cut
    // would fail, which the browser logs.
    const adminFiles = () =>
      page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/admin/')).length);
    await expect.poll(adminFiles, { timeout: 30_000 }).toBeGreaterThan(0);
    let seen = -1;
    await expect
      .poll(
        async () => {
          const now = await adminFiles();
          const stable = now === seen;
          seen = now;
          return stable;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    expect(asked).toEqual([]);
    await context.setOffline(true);
    await page.evaluate(({ lat, lon }) => window.__archipelMap!.map.jumpTo({ center: [lon, lat], zoom: 15 }), BREST);
    await waitForMapIdle(page);
    expect(await embeddedShown(page)).toBeGreaterThan(0);
    expect(await page.evaluate((id) => window.__archipelMap!.map.getSource(id) === undefined, STREET_SOURCE)).toBe(
      true,
    );
    await screenshot(page, 'street-basemap-offline');
    expect(asked).toEqual([]);

    // Back online, the streets come at the next move; cut again, moving on draws the embedded basemap, with no error.
    await context.setOffline(false);
    await page.evaluate(() => window.__archipelMap!.map.panBy([10, 0], { duration: 0 }));
    await expect.poll(async () => (await streetsShown(page)).roads, { timeout: 30_000 }).toBeGreaterThan(0);
    await waitForMapIdle(page);
    // The credit added to the attribution control keeps it accessible.
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.setOffline(true);
    const before = asked.length;
    await page.evaluate(() => window.__archipelMap!.map.jumpTo({ center: [-4.43, 48.41], zoom: 16 }));
    await waitForMapIdle(page);
    expect(await embeddedShown(page)).toBeGreaterThan(0);
    expect(asked.length).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
