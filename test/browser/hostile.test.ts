import { describe, expect, inject, test } from 'vitest';
import { pagesOfOneBrowser, waitForMapIdle } from './browser';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');

/** Payloads that run script if anything inserts data as HTML or follows a data link. */
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  "');window.__pwned=1;//",
  '{{constructor.constructor("window.__pwned=1")()}}',
  '=HYPERLINK("http://evil.example","x")',
];

function hostileCollection() {
  const base = {
    category: 'association',
    roles: ['contributor'],
    themes: ['free-software'],
    territory: 'brest',
    postcode: '29200',
    commune: 'Brest',
  };
  const features = PAYLOADS.map((payload, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-4.486 + i * 0.0004, 48.39] },
    properties: {
      ...base,
      id: `brest-hostile-${i}`,
      name: `Hostile ${i} ${payload}`,
      address: payload,
      description: `${payload}\n${payload}`,
      source: `${payload} ; javascript:window.__pwned=1`,
      url: 'https://example.org/?q=%3Cscript%3E',
      email: 'contact@example.org',
    },
  }));
  // Rejected ones: their reasons are shown, as text, in the issues panel.
  features.push({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-4.48, 48.39] },
    properties: {
      ...base,
      id: 'brest-hostile-link',
      name: PAYLOADS[0]!,
      address: 'x',
      description: 'x',
      source: 'x',
      url: 'javascript:window.__pwned=1',
      email: 'x',
    },
  });
  features.push({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-4.48, 48.39] },
    properties: {
      ...base,
      id: 'brest-hostile-cat',
      name: 'x',
      address: 'x',
      description: 'x',
      source: 'x',
      category: PAYLOADS[2]!,
      url: 'https://example.org',
      email: 'x@y.z',
    },
  });
  return { type: 'FeatureCollection', features };
}

const openPage = pagesOfOneBrowser();

async function armTrap(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}

/** Walks every place data text shows: map labels, list, detail, rejected entries, embed builder. */
async function visitEverything(page: Page) {
  await waitForMapIdle(page);
  await page.evaluate(() => window.__archipelMap!.map.jumpTo({ center: [-4.485, 48.39], zoom: 17 }));
  await waitForMapIdle(page);
  const labels = await page.evaluate(
    () => window.__archipelMap!.map.queryRenderedFeatures({ layers: ['archipel-actor-labels'] }).length,
  );
  expect(labels).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Liste' }).click();
  const items = page.locator('.results-full .actor-open');
  expect(await items.count()).toBe(PAYLOADS.length);
  for (let i = 0; i < PAYLOADS.length; i++) {
    await items.nth(i).click();
    await page.locator('.detail h2').waitFor();
    // The payload is shown as the text it is.
    expect(await page.locator('.detail h2').textContent()).toMatch(/^Hostile \d /);
    expect(await page.locator('.detail a[href^="javascript:"]').count()).toBe(0);
  }
  await page.getByRole('button', { name: 'Voir le détail' }).click();
  expect(await page.locator('.issues').textContent()).toContain('javascript:window.__pwned=1');
  await page.getByRole('button', { name: 'Intégrer' }).click();
  await page.getByLabel('Code à coller').waitFor();
}

describe('hostile data', () => {
  test('through data=: shown as harmless text everywhere, no script runs, no dialog opens', async () => {
    const { page, errors } = await openPage();
    const dialogs = await armTrap(page);
    await page.route('**/hostile.geojson', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(hostileCollection()) }),
    );
    await page.goto(`${baseUrl}?data=hostile.geojson&lang=fr`);
    await visitEverything(page);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    // Control: the trap does fire when a payload is inserted as HTML.
    await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), PAYLOADS[0]!);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBe(1);
  });

  test('through the shipped loader: the same', async () => {
    const { page } = await openPage();
    const dialogs = await armTrap(page);
    await page.route('**/data/actors.geojson', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(hostileCollection()) }),
    );
    await page.goto(`${baseUrl}?lang=fr`);
    await visitEverything(page);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
