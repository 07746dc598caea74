import { describe, expect, inject, test } from 'vitest';
import { count, dataset } from './dataset';
import {
  openApp,
  openAppUi,
  pagesOfOneBrowser,
  renderedActorCount,
  screenshot,
  seriousA11yViolations,
  waitForMapIdle,
} from './browser';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');

const openPage = pagesOfOneBrowser();

const liveCount = (page: Page) => page.locator('.result-count').textContent();
/** What the live count says for `n` of the shipped actors. */
const countText = (n: number) => `${n} ${n === 1 ? 'acteur' : 'acteurs'} sur ${dataset.actors.length}`;

describe('exploring', () => {
  test('a filter toggled by the user goes into the URL; reloading it and going back restore the view', async () => {
    const { page, errors } = await openPage();
    await openAppUi(page, baseUrl);
    await page.getByRole('checkbox', { name: /^Médiathèque, bibliothèque/ }).check();
    const libraries = count({ categories: ['library'] });
    await expect
      .poll(() => liveCount(page), { timeout: 30_000 })
      .toBe(`${libraries} acteurs sur ${dataset.actors.length}`);
    expect(new URL(page.url()).searchParams.get('category')).toBe('library');

    await page.getByRole('checkbox', { name: /^Formation/ }).check();
    const both = count({ categories: ['library'], themes: ['training'] });
    await expect.poll(() => liveCount(page), { timeout: 30_000 }).toBe(countText(both));
    expect(new URL(page.url()).search).toBe('?category=library&theme=training');

    await page.reload();
    await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
    await expect.poll(() => liveCount(page), { timeout: 30_000 }).toBe(countText(both));
    expect(await page.getByRole('checkbox', { name: /^Formation/ }).isChecked()).toBe(true);

    await page.goBack();
    await expect
      .poll(() => liveCount(page), { timeout: 30_000 })
      .toBe(`${libraries} acteurs sur ${dataset.actors.length}`);
    expect(await page.getByRole('checkbox', { name: /^Formation/ }).isChecked()).toBe(false);
    await page.goForward();
    await expect.poll(() => liveCount(page), { timeout: 30_000 }).toBe(countText(both));
    expect(errors).toEqual([]);
  }, 120_000);

  test('the legend is the category filter', async () => {
    const { page } = await openPage();
    await openAppUi(page, baseUrl);
    await page
      .locator('.legend')
      .getByRole('button', { name: /Fablab/ })
      .click();
    const fablabs = count({ categories: ['fablab'] });
    await expect.poll(() => liveCount(page), { timeout: 30_000 }).toBe(countText(fablabs));
    await waitForMapIdle(page);
    expect(await renderedActorCount(page)).toBe(fablabs);
    expect(await page.getByRole('checkbox', { name: /^Fablab/ }).isChecked()).toBe(true);
  });

  test('search ignores accents', async () => {
    const { page } = await openPage();
    await openAppUi(page, baseUrl);
    await page.getByLabel('Rechercher un nom, une commune, un mot').fill('mediatheque');
    const expected = count({ q: 'mediatheque' });
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => liveCount(page), { timeout: 30_000 }).toBe(countText(expected));
    expect(new URL(page.url()).searchParams.get('q')).toBe('mediatheque');
  });

  test('lang=en shows English, and an invalid parameter is reported while the rest works', async () => {
    const { page, errors } = await openPage();
    await openAppUi(page, baseUrl, 'lang=en&theme=training,fromation&view=table');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect
      .poll(() => liveCount(page), { timeout: 30_000 })
      .toContain(`${count({ themes: ['training'] })} actors of`);
    const notice = page.getByText('Address parameters ignored: theme=fromation, view=table');
    expect(await notice.isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Training/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('the list works by keyboard: open an actor, read it, close it, land back', async () => {
    const { page } = await openPage();
    await openAppUi(page, baseUrl, 'view=list');
    const first = page.locator('.results-full .actor-open').first();
    const name = (await first.locator('.actor-name').textContent())!;
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.detail h2').textContent(), { timeout: 30_000 }).toBe(name);
    // Focus moves to the detail's title once it is drawn.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 30_000 }).toBe('detail-title');
    expect(page.url()).toContain('selected=');
    await page.keyboard.press('Escape');
    expect(await page.locator('.detail').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(name);
    expect(page.url()).not.toContain('selected=');
  });

  test('axe finds no serious or critical violation on the map, the list and an open detail', async () => {
    const { page } = await openPage();
    await openApp(page, baseUrl);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Liste' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('.results-full .actor-open').first().click();
    await page.locator('.detail h2').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'list-detail');
  }, 120_000);

  test('a link frames what it names: its actor before its place, its place at once, else all the actors', async () => {
    const actor = dataset.actors.find((a) => a.properties.territory === 'grenoble')!;
    const { page, errors } = await openPage();
    const centre = () => page.evaluate(() => window.__archipelMap!.map.getCenter().toArray());
    // An actor in Grenoble and a place in Brest: the actor is what the link is about.
    await openApp(page, baseUrl, `selected=${actor.properties.id}&near=48.39,-4.486`);
    const [lon, lat] = await centre();
    expect(Math.abs(lon! - actor.geometry.coordinates[0])).toBeLessThan(0.01);
    expect(Math.abs(lat! - actor.geometry.coordinates[1])).toBeLessThan(0.01);
    expect(await page.evaluate(() => window.__archipelMap!.map.getZoom())).toBeGreaterThanOrEqual(15);
    // A place alone.
    await openApp(page, baseUrl, 'near=48.39,-4.486');
    const [nearLon, nearLat] = await centre();
    expect(nearLon).toBeCloseTo(-4.486, 2);
    expect(nearLat).toBeCloseTo(48.39, 2);
    // Nothing named: every actor is on screen.
    await openApp(page, baseUrl);
    expect(await renderedActorCount(page)).toBe(dataset.actors.length);
    expect(errors).toEqual([]);
  }, 120_000);
});
