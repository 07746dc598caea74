import { describe, expect, inject, test } from 'vitest';
import { pagesOfOneBrowser, renderedActorCount, waitForMapIdle } from './browser';
import { dataset } from './dataset';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');

const openPage = pagesOfOneBrowser();

/** Serves a deployment configuration, as a site would put `archipel.config.json` beside the app. */
async function withConfig(page: Page, config: object) {
  await page.route('**/archipel.config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }),
  );
}

describe('deployment configuration', () => {
  test('an online style that fails falls back to the embedded basemap, actors, links and all', async () => {
    const { page } = await openPage();
    await withConfig(page, { styleUrl: 'https://tiles.example.org/style.json', styleTimeoutMs: 5000 });
    const asked: string[] = [];
    await page.route('https://tiles.example.org/**', async (route) => {
      asked.push(route.request().url());
      // A slow failure: the data comes while the online style is awaited, before the embedded one replaces it.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return route.fulfill({ status: 503, body: 'unavailable' });
    });
    await page.route('**/data/actors.geojson', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return route.continue();
    });
    await page.goto(baseUrl);
    await expect
      .poll(() => page.getByText('Le fond de carte en ligne est indisponible').isVisible(), { timeout: 20_000 })
      .toBe(true);
    await waitForMapIdle(page);
    expect(asked).toEqual(['https://tiles.example.org/style.json']);
    expect(await page.evaluate(() => window.__archipelMap!.map.getLayer('basemap-land') !== undefined)).toBe(true);
    expect(await renderedActorCount(page)).toBe(dataset.actors.length);
    expect(
      await page.evaluate(() => window.__archipelMap!.map.queryRenderedFeatures({ layers: ['archipel-links'] }).length),
    ).toBeGreaterThan(0);
  });

  test('the online address search, when configured, adds addresses to the commune suggestions', async () => {
    const { page } = await openPage();
    await withConfig(page, { addressSearchUrl: 'https://adresse.example.org/search/' });
    // A hand-written answer in the national address API's format.
    const answer = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [-4.4873, 48.3847] },
          properties: {
            label: '8 Rue de Siam 29200 Brest',
            name: '8 Rue de Siam',
            postcode: '29200',
            citycode: '29019',
            city: 'Brest',
            context: '29, Finistère, Bretagne',
            type: 'housenumber',
            id: '29019_1234_00008',
            score: 0.9,
          },
        },
      ],
    };
    const queries: string[] = [];
    await page.route('https://adresse.example.org/**', (route) => {
      queries.push(new URL(route.request().url()).searchParams.get('q') ?? '');
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(answer) });
    });
    await page.goto(baseUrl);
    await waitForMapIdle(page);
    // Typed key by key, as a person does: the service is asked once typing pauses, not at each key.
    await page.getByLabel('Commune ou code postal').pressSequentially('8 rue de siam', { delay: 20 });
    const option = page.getByRole('option', { name: /8 Rue de Siam/ });
    await option.waitFor();
    await option.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('near')).toBe('48.3847,-4.4873');
    // The last question is the whole text; a busy machine may pause once mid-typing, never at each key.
    expect(queries.at(-1)).toBe('8 rue de siam');
    expect(queries.length).toBeLessThanOrEqual(3);
  });
});
