import { describe, expect, inject, test } from 'vitest';
import { count, dataset } from './dataset';
import {
  openApp,
  openAppUi,
  pagesOfOneBrowser,
  renderedActorCount,
  seriousA11yViolations,
  waitForMapIdle,
} from './browser';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();
const liveCount = (page: Page) => page.locator('.result-count').textContent();
const countText = (n: number) => `${n} ${n === 1 ? 'acteur' : 'acteurs'} sur ${dataset.actors.length}`;
/** The map's view: its centre and the box it shows. */
const view = (page: Page) =>
  page.evaluate(() => {
    const map = window.__archipelMap!.map;
    const b = map.getBounds();
    return { center: map.getCenter().toArray(), box: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
  });

// Each test opens the app (and the export runs npm run export): longer than the default on a shared machine.
describe('territories of the administrative map', { timeout: 150_000 }, () => {
  test.each([
    // Finistère: Brest's actors; its box holds Brest and Quimper, not Grenoble.
    { id: 'dep:29', inside: [-4.1, 47.99], centre: [-4.15, 48.25], km: 60 },
    // Grenoble-Alpes Métropole.
    { id: 'epci:200040715', inside: [5.72, 45.19], centre: [5.72, 45.15], km: 25 },
    // Grenoble, the commune.
    { id: 'commune:38185', inside: [5.72, 45.19], centre: [5.72, 45.18], km: 6 },
  ])('?territory=$id frames the territory and shows only its actors', async ({ id, inside, centre, km }) => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, `?territory=${id}`);
    const expected = count({ territory: id });
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(dataset.actors.length);
    await expect.poll(() => liveCount(page)).toBe(countText(expected));
    await waitForMapIdle(page);
    expect(await renderedActorCount(page)).toBe(expected);
    const { center, box } = await view(page);
    // The territory's place is in view, and the view is centred on it (within `km`).
    expect(inside[0]! >= box[0]! && inside[0]! <= box[2]! && inside[1]! >= box[1]! && inside[1]! <= box[3]!).toBe(true);
    const dx = (center[0]! - centre[0]!) * 111 * Math.cos((centre[1]! * Math.PI) / 180);
    const dy = (center[1]! - centre[1]!) * 111;
    expect(Math.hypot(dx, dy)).toBeLessThan(km);
    // Not the whole of France: the view is the territory's.
    expect(box[2]! - box[0]!).toBeLessThan(id === 'dep:29' ? 6 : 2);
    expect(errors).toEqual([]);
  });

  test('a comma list shows the actors of both; the old ids still work', async () => {
    const { page } = await openPage();
    await openAppUi(page, baseUrl, '?territory=brest,commune:38185');
    const both = count({ territory: 'brest,commune:38185' });
    expect(both).toBe(count({ territory: 'brest' }) + count({ territory: 'commune:38185' }));
    await expect.poll(() => liveCount(page), { timeout: 30_000 }).toBe(countText(both));
  });

  test('the place search finds "Brest métropole", "Isère" and "Échirolles"; choosing a territory filters by it', async () => {
    const { page, errors } = await openPage();
    await openAppUi(page, baseUrl);
    const field = page.locator('#near-place');
    await field.waitFor();
    await field.click();
    const options = page.locator('#near-suggestions [role="option"]');
    for (const [typed, shown] of [
      ['Brest métropole', 'Brest Métropole (intercommunalité)'],
      ['Isère', 'Isère (département)'],
      ['Échirolles', 'Échirolles (38130)'],
    ] as const) {
      await field.fill('');
      await page.keyboard.type(typed);
      await expect.poll(() => options.allTextContents(), { timeout: 20_000 }).toContain(shown);
    }
    await field.fill('');
    await page.keyboard.type('Isère');
    await expect.poll(() => options.allTextContents(), { timeout: 20_000 }).toContain('Isère (département)');
    await options.filter({ hasText: 'Isère (département)' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('territory'), { timeout: 30_000 }).toBe('dep:38');
    await expect.poll(() => liveCount(page), { timeout: 30_000 }).toBe(countText(count({ territory: 'dep:38' })));
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('?territory=commune:35238, a commune of a département without actors: kept, 0 actors said and explained, framed on it', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, '?territory=commune:35238');
    expect(count({ territory: 'commune:35238' })).toBe(0);
    await expect.poll(() => liveCount(page)).toBe(`0 acteur sur ${dataset.actors.length}`);
    // Not dropped as unknown: the URL keeps it and no problem is reported about it.
    expect(new URL(page.url()).searchParams.get('territory')).toBe('commune:35238');
    expect(await page.locator('.notices').textContent()).not.toContain('35238');
    // Framed on Rennes (its centre within a few km), not on the whole of France.
    const { center, box } = await view(page);
    expect(Math.hypot((center[0]! + 1.68) * 74, (center[1]! - 48.11) * 111)).toBeLessThan(8);
    expect(box[2]! - box[0]!).toBeLessThan(1);
    // The empty answer says which condition leaves nothing: the territory, by its name.
    await page.getByRole('button', { name: 'Pourquoi ?' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('le territoire Rennes');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
