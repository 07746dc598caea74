import { describe, expect, inject, test } from 'vitest';
import { dataset, expectedActors } from './dataset';
import { openApp, pagesOfOneBrowser, renderedActorCount, screenshot, waitForMapIdle } from './browser';
import { haversineKm } from '../../src/geo/distance';
import { networkPositions } from '../../src/geo/links';

const baseUrl = inject('baseUrl');
/** The shipped data as the validator sees it: the expected answers come from here, not from the app. */

const openPage = pagesOfOneBrowser();

describe('the map on the shipped data', () => {
  test('shows every actor, clustered, with no network request, and opens an actor', async () => {
    const { page, errors, external } = await openPage();
    await openApp(page, baseUrl);
    expect(dataset.actors.length).toBeGreaterThanOrEqual(80);
    expect(await renderedActorCount(page)).toBe(dataset.actors.length);
    const clusters = await page.evaluate(
      () => window.__archipelMap!.map.queryRenderedFeatures({ layers: ['archipel-clusters'] }).length,
    );
    expect(clusters).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.result-count').textContent()).toBe(`${dataset.actors.length} acteurs`);
    await screenshot(page, 'map-france');

    // Zoom onto one actor and click it where the map draws it (away from any network's marker, drawn on top).
    const networkSpots = [...networkPositions(dataset.networks, dataset.actors).values()];
    const target = dataset.actors.find(
      (a) =>
        a.properties.territory === 'brest' &&
        networkSpots.every((spot) => haversineKm(spot, a.geometry.coordinates) > 0.2),
    )!;
    await page.evaluate(
      ([lon, lat]) => window.__archipelMap!.map.jumpTo({ center: [lon!, lat!], zoom: 18 }),
      target.geometry.coordinates,
    );
    await waitForMapIdle(page);
    const point = await page.evaluate(([lon, lat]) => {
      const map = window.__archipelMap!.map;
      const p = map.project([lon!, lat!]);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    }, target.geometry.coordinates);
    await page.mouse.click(point.x, point.y);
    const heading = page.locator('.detail h2');
    await expect.poll(() => heading.textContent()).not.toBeNull();
    const name = await heading.textContent();
    // Several actors can share one building: the opened one must be drawn at that spot.
    const opened = dataset.actors.find((a) => a.properties.name === name)!;
    expect(opened.geometry.coordinates).toEqual(target.geometry.coordinates);
    expect(page.url()).toContain(`selected=${opened.properties.id}`);
    await waitForMapIdle(page);
    await screenshot(page, 'actor-detail');
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a filtered URL shows exactly the actors the data says, on the map and in the list', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, 'theme=training&category=library');
    const expected = expectedActors({ themes: ['training'], categories: ['library'] });
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(dataset.actors.length);
    await page.evaluate(() =>
      window.__archipelMap!.map.fitBounds(
        [
          [-5.5, 44.5],
          [6.5, 48.8],
        ],
        { duration: 0 },
      ),
    );
    await waitForMapIdle(page);
    expect(await renderedActorCount(page)).toBe(expected.length);

    await page.getByRole('button', { name: 'Liste' }).click();
    const names = await page.locator('.results-full .actor-name').allTextContents();
    expect(names.sort()).toEqual(expected.map((a) => a.properties.name).sort());
    expect(page.url()).toContain('view=list');
    expect(errors).toEqual([]);
  });
});
