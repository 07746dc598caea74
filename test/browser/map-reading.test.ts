import { describe, expect, inject, test } from 'vitest';
import { openApp, pagesOfOneBrowser, renderedActorCount, screenshot } from './browser';
import { count } from './dataset';
import { BASEMAP_LAYER } from '../../src/map/basemap';

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
});
