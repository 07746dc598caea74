import { describe, expect, inject, test } from 'vitest';
import { openApp, pagesOfOneBrowser, renderedActorCount, screenshot, waitForMapIdle } from './browser';
import { count } from './dataset';
import { BASEMAP_LAYER } from '../../src/map/basemap';
import { ARCHIPELAGO_LAYER } from '../../src/map/archipelago';
import { LINK_STYLE, NETWORK_STYLE } from '../../src/map/marks';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

describe('a map you can read', () => {
  test('switching language relabels the map in place: the actors stay drawn at every frame', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, 'territory=brest');
    const before = await renderedActorCount(page);
    expect(before).toBe(count({ territory: 'brest' }));
    // Sample what the map renders at each frame from just before the switch until after it.
    await page.evaluate(() => {
      const w = window as unknown as { __samples: number[]; __sampling: boolean; __sameMap: unknown };
      w.__samples = [];
      w.__sampling = true;
      w.__sameMap = window.__archipelMap!.map;
      const sample = () => {
        if (!w.__sampling) return;
        const map = window.__archipelMap!.map;
        const seen = new Set<string>();
        let total = 0;
        for (const f of map.queryRenderedFeatures({ layers: ['archipel-clusters', 'archipel-actors'] })) {
          const key = f.properties.cluster_id !== undefined ? `c${f.properties.cluster_id}` : `a${f.properties.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          total += (f.properties.point_count as number | undefined) ?? 1;
        }
        w.__samples.push(total);
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await page.locator('.header button[lang="en"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.locator('.maplibregl-ctrl-zoom-in').getAttribute('aria-label')).toBe('Zoom in');
    await page.waitForTimeout(1500);
    const { samples, sameMap } = await page.evaluate(() => {
      const w = window as unknown as { __samples: number[]; __sampling: boolean; __sameMap: unknown };
      w.__sampling = false;
      return { samples: w.__samples, sameMap: w.__sameMap === window.__archipelMap!.map };
    });
    expect(samples.length).toBeGreaterThan(3);
    expect(Math.min(...samples)).toBe(before);
    expect(sameMap).toBe(true);
    expect(await page.locator('.maplibregl-canvas').getAttribute('aria-label')).toMatch(/^Map of the actors/);
    expect(await page.locator('.maplibregl-ctrl-attrib-button').getAttribute('aria-label')).toBe('Show map sources');
    // The embedded basemap's names in English where they have one.
    const field = await page.evaluate(
      (id) => JSON.stringify(window.__archipelMap!.map.getLayoutProperty(id, 'text-field')),
      BASEMAP_LAYER.placeLabels,
    );
    expect(field).toContain('name_en');
    await screenshot(page, 'language-switched-map');
    expect(errors).toEqual([]);
  }, 120_000);

  test('the legend explains every mark of the archipelago, drawn as the map draws it', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, 'territory=brest');
    const marks = page.locator('.legend-mark');
    await expect
      .poll(() => marks.evaluateAll((items) => items.map((li) => li.getAttribute('data-mark'))))
      .toEqual([
        'cluster',
        'link-membership',
        'link-partnership',
        'link-network-membership',
        'network-seat',
        'network-members',
        'island',
      ]);
    for (const text of ['Membre d’un réseau', 'Partenaires', 'Réseau membre d’un réseau', 'Réseau, à son siège']) {
      expect(await page.locator('.legend-marks').textContent()).toContain(text);
    }
    // Each line as the map's layers draw it: colour, and dashes for partnerships only.
    const map = await page.evaluate(
      ([links, partnerships]) => {
        const m = window.__archipelMap!.map;
        return {
          colors: JSON.stringify(m.getPaintProperty(links!, 'line-color')),
          partnership: m.getPaintProperty(partnerships!, 'line-color'),
          dash: m.getPaintProperty(partnerships!, 'line-dasharray'),
        };
      },
      [ARCHIPELAGO_LAYER.links, ARCHIPELAGO_LAYER.partnerships],
    );
    const line = (kind: string) =>
      page.locator(`[data-mark="link-${kind}"] line`).evaluate((l) => ({
        stroke: l.getAttribute('stroke'),
        dash: l.getAttribute('stroke-dasharray'),
        width: Number(l.getAttribute('stroke-width')),
      }));
    const membership = await line('membership');
    expect(map.colors).toContain(membership.stroke);
    expect(membership.dash).toBeNull();
    expect(map.colors).toContain((await line('network-membership')).stroke);
    const partnership = await line('partnership');
    expect(partnership.stroke).toBe(map.partnership);
    expect(partnership.dash).toBe((map.dash as number[]).map((d) => d * partnership.width).join(' '));
    expect(membership.stroke).toBe(LINK_STYLE.membership.color);
    // Diamonds: filled at a seat, hollow at the members' centre, in the networks' colour.
    const fill = (mark: string) => page.locator(`[data-mark="${mark}"] polygon`).getAttribute('fill');
    expect(await fill('network-seat')).toBe(NETWORK_STYLE.color);
    expect(await fill('network-members')).toBe('#FFFFFF');
    // And each of these is on the map of Brest.
    const drawn = await page.evaluate(
      (layers) => {
        const m = window.__archipelMap!.map;
        return Object.fromEntries(layers.map((id) => [id, m.queryRenderedFeatures({ layers: [id] }).length]));
      },
      [
        ARCHIPELAGO_LAYER.links,
        ARCHIPELAGO_LAYER.partnerships,
        ARCHIPELAGO_LAYER.localNetworks,
        ARCHIPELAGO_LAYER.islandFill,
      ],
    );
    for (const [layer, n] of Object.entries(drawn)) expect(n, layer).toBeGreaterThan(0);
    await page.locator('.legend').screenshot({ path: 'test-results/screenshots/legend-marks.png' });
    await screenshot(page, 'legend-brest');
    expect(errors).toEqual([]);
  }, 120_000);

  test('names of networks never cover a cluster or an actor, and local networks’ diamonds lie under them', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, 'territory=brest');
    // As framed (names left out where they would cover), then closer, where names have room.
    const check = () =>
      page.evaluate(
        ([labels]) => {
          const m = window.__archipelMap!.map;
          const names = m.queryRenderedFeatures({ layers: labels! }).length;
          const covered: string[] = [];
          const marks = m.queryRenderedFeatures({ layers: ['archipel-clusters', 'archipel-actors'] });
          for (const f of marks) {
            const p = m.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
            const over = m.queryRenderedFeatures(
              [
                [p.x - 10, p.y - 10],
                [p.x + 10, p.y + 10],
              ],
              { layers: labels! },
            );
            for (const o of over)
              covered.push(`${o.properties.name} over ${f.properties.point_count ?? f.properties.name}`);
          }
          return { names, marks: marks.length, covered };
        },
        [[ARCHIPELAGO_LAYER.networkLabels, ARCHIPELAGO_LAYER.localNetworkLabels]],
      );
    const framed = await check();
    expect(framed.marks).toBeGreaterThan(3);
    expect(framed.covered).toEqual([]);
    // The diamonds of local networks and of networks placed at their members' centre stand on
    // their members: they are drawn, under the clusters and actors, whose counts stay readable.
    const order = await page.evaluate((layer) => {
      const m = window.__archipelMap!.map;
      const ids = m.getStyle().layers.map((l) => l.id);
      return {
        diamonds: m.queryRenderedFeatures({ layers: [layer] }).length,
        under: ['archipel-clusters', 'archipel-cluster-count', 'archipel-actors'].every(
          (id) => ids.indexOf(layer) >= 0 && ids.indexOf(layer) < ids.indexOf(id),
        ),
      };
    }, ARCHIPELAGO_LAYER.localNetworks);
    expect(order).toEqual({ diamonds: expect.any(Number), under: true });
    expect(order.diamonds).toBeGreaterThan(0);
    const names: number[] = [];
    for (const zoom of [12, 13, 14]) {
      await page.evaluate((z) => window.__archipelMap!.map.jumpTo({ zoom: z }), zoom);
      await waitForMapIdle(page);
      const result = await check();
      expect(result.covered, `zoom ${zoom}`).toEqual([]);
      names.push(result.names);
    }
    // Names are left out where they would cover, not everywhere.
    expect(Math.max(...names), names.join(',')).toBeGreaterThan(0);
    await screenshot(page, 'network-names-beside-clusters');
    expect(errors).toEqual([]);
  }, 120_000);
  test('clusters split at a city zoom: Brest framed shows many marks, not one donut (issue 17)', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, 'territory=brest');
    // What is drawn: each mark once (a cluster's count, or 1 for an actor alone).
    const drawn = await page.evaluate(() => {
      const m = window.__archipelMap!.map;
      const marks = new Map<string, number>();
      for (const f of m.queryRenderedFeatures({ layers: ['archipel-clusters', 'archipel-actors'] })) {
        const key = f.properties.cluster_id !== undefined ? `c${f.properties.cluster_id}` : `a${f.properties.id}`;
        marks.set(key, (f.properties.point_count as number | undefined) ?? 1);
      }
      return { zoom: m.getZoom(), marks: [...marks.values()] };
    });
    const total = count({ territory: 'brest' });
    expect(total).toBeGreaterThan(30);
    // Framed on the city (Brest métropole), every actor drawn…
    expect(drawn.zoom).toBeGreaterThan(9.5);
    expect(drawn.marks.reduce((a, b) => a + b, 0)).toBe(total);
    // …as many marks, none holding half of them (with one radius at every zoom: 5 marks, one of 24 of the 41).
    expect(drawn.marks.length, drawn.marks.join(',')).toBeGreaterThanOrEqual(8);
    expect(Math.max(...drawn.marks), drawn.marks.join(',')).toBeLessThan(total / 2);
    await screenshot(page, 'brest-city-clusters');
    expect(errors).toEqual([]);
  }, 120_000);
});
