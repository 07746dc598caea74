import { describe, expect, inject, test } from 'vitest';
import { dataset } from './dataset';
import { readFileSync } from 'node:fs';
import { openAppUi, pagesOfOneBrowser, screenshot, seriousA11yViolations, waitForMapIdle } from './browser';
import { haversineKm } from '../../src/geo/distance';
import { createPlaceSearch, decodePlaces } from '../../src/data/places';
import type { ActorFeature } from '../../src/core/types';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const places = createPlaceSearch(decodePlaces(JSON.parse(readFileSync('public/places/communes.json', 'utf8'))));

/** Actors nearest first from a point, computed here from the data, not by the app. */
function nearestFirst(lat: number, lon: number, keep: (a: ActorFeature) => boolean): ActorFeature[] {
  return dataset.actors
    .filter(keep)
    .map((actor) => ({ actor, km: haversineKm([lon, lat], actor.geometry.coordinates) }))
    .sort((a, b) => a.km - b.km)
    .map((n) => n.actor);
}

const openPage = pagesOfOneBrowser();

/** Presses Tab until the focus is on an element matching `selector` (keyboard only, no click). */
async function tabTo(page: Page, matches: (el: Element) => boolean | string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(`(${matches.toString()})(document.activeElement)`);
    if (found) return;
  }
  throw new Error('focus never reached the element');
}

describe('residents', () => {
  test('on a phone, by keyboard only: choose a commune, ask for training, open the nearest place, come back', async () => {
    const { page, errors } = await openPage({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
    await page.goto(baseUrl);
    await waitForMapIdle(page);
    await tabTo(page, (el) => el.classList.contains('sheet-toggle'));
    await page.keyboard.press('Enter');
    // The sheet's controls are fetched as it opens: a person sees them appear before tabbing on.
    await page.locator('#near-place').waitFor();
    await tabTo(page, (el) => el.id === 'near-place');
    await page.keyboard.type('Grenoble');
    await page.locator('#near-suggestions [role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('near')).not.toBeNull();
    await page.locator('#f-theme-training').waitFor();
    await tabTo(page, (el) => el.id === 'f-theme-training');
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).searchParams.get('theme')).toBe('training');
    await tabTo(page, (el) => el.classList.contains('sheet-toggle'));
    await page.keyboard.press('Enter');
    await tabTo(page, (el) => el.classList.contains('tab') && el.textContent === 'Liste');
    await page.keyboard.press('Enter');

    const grenoble = places.search('Grenoble', 1)[0]!;
    const expected = nearestFirst(grenoble.lat, grenoble.lon, (a) => a.properties.themes.includes('training'));
    const first = page.locator('.results-full .actor-open').first();
    await expect.poll(() => first.locator('.actor-name').textContent()).toBe(expected[0]!.properties.name);
    const shown = await page.locator('.results-full .actor-name').allTextContents();
    expect(shown).toEqual(expected.map((a) => a.properties.name));
    await screenshot(page, 'phone-nearest-list');

    await tabTo(page, (el) => el.classList.contains('actor-open'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.detail h2').textContent()).toBe(expected[0]!.properties.name);
    await screenshot(page, 'phone-detail');
    await page.keyboard.press('Escape');
    expect(await page.locator('.detail').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('actor-open'))).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('near= in the URL restores the nearest-first list with distances', async () => {
    const { page } = await openPage();
    await page.goto(`${baseUrl}?near=48.3904,-4.4861&view=list`);
    await waitForMapIdle(page);
    const expected = nearestFirst(48.3904, -4.4861, () => true).slice(0, 10);
    await expect
      .poll(() => page.locator('.results-full .actor-name').first().textContent())
      .toBe(expected[0]!.properties.name);
    expect((await page.locator('.results-full .actor-name').allTextContents()).slice(0, 10)).toEqual(
      expected.map((a) => a.properties.name),
    );
    expect(await page.locator('.results-full .distance').first().textContent()).toMatch(/^\d+\s?m$|^\d+,\d\s?km$/);
    await screenshot(page, 'desktop-nearest-list');
  });

  test('geolocation granted: the list sorts around the position; refused: a clear message and the place field', async () => {
    const granted = await openPage({
      permissions: ['geolocation'],
      geolocation: { latitude: 45.1885, longitude: 5.7245 },
    });
    await openAppUi(granted.page, baseUrl);
    await granted.page.getByRole('button', { name: 'Autour de moi' }).click();
    await expect
      .poll(() => new URL(granted.page.url()).searchParams.get('near'), { timeout: 30_000 })
      .toBe('45.1885,5.7245');
    expect(await granted.page.getByText('Près de : ma position').isVisible()).toBe(true);
    const closest = nearestFirst(45.1885, 5.7245, () => true)[0]!;
    expect(await granted.page.locator('.results-compact .actor-name').first().textContent()).toBe(
      closest.properties.name,
    );
    // Done with: closed, its map stops drawing while the second page loads.
    await granted.context.close();

    const refused = await openPage({ permissions: [] });
    await openAppUi(refused.page, baseUrl);
    await refused.page.getByRole('button', { name: 'Autour de moi' }).click();
    await expect
      .poll(() => refused.page.locator('.near-status').textContent(), { timeout: 30_000 })
      .toContain('Localisation refusée');
    expect(await refused.page.evaluate(() => document.activeElement?.id)).toBe('near-place');
    expect(new URL(refused.page.url()).searchParams.get('near')).toBeNull();
  });

  test('open at a chosen time keeps exactly the places open then, in Paris time', async () => {
    const { page } = await openPage({ timezoneId: 'America/New_York' });
    // A Tuesday morning, 10:30 in Paris.
    await openAppUi(page, baseUrl, 'open=2026-12-01T10:30&view=list');
    const withHours = dataset.actors.filter((a) => a.properties.opening_hours);
    expect(withHours.length).toBeGreaterThan(0);
    const { isOpenAt, parisInstant } = await import('../../src/data/hours');
    const at = parisInstant(2026, 12, 1, 10, 30);
    const expected = withHours
      .filter((a) => isOpenAt(a.properties.opening_hours, at))
      .map((a) => a.properties.name)
      .sort();
    // Some are open then, some are not: the check can tell a broken evaluator from a working one.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(withHours.length);
    await expect
      .poll(async () => (await page.locator('.results-full .actor-name').allTextContents()).sort(), { timeout: 30_000 })
      .toEqual(expected);
  });

  test('on a phone, the open sheet keeps its head and scrolls to its very end; a radius from a link shows in the distance field', async () => {
    const { page, errors } = await openPage({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
    await openAppUi(page, baseUrl, 'near=48.3904,-4.4861&radius=4');
    await page.getByRole('button', { name: 'Filtres et lieu' }).click();
    // 4 km is not one of the usual distances: the field says it rather than showing blank.
    await expect
      .poll(
        () => page.getByLabel('Distance').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? ''),
        { timeout: 30_000 },
      )
      .toMatch(/4,0\s?km/);
    const more = page.locator('.side-more');
    await more.evaluate((m) => (m.scrollTop = m.scrollHeight));
    // The sheet's scroller ends inside the screen and its last section (the file preview) can be
    // read to its end; the search field has not scrolled away.
    expect(await more.evaluate((m) => m.getBoundingClientRect().bottom)).toBeLessThanOrEqual(667);
    const preview = (await page.locator('.side-more .preview').boundingBox())!;
    expect(preview.height).toBeGreaterThan(0);
    expect(preview.y + preview.height).toBeLessThanOrEqual(667);
    const search = await page.locator('#search-q').boundingBox();
    expect(search!.y).toBeGreaterThan(0);
    const toggle = (await page.getByRole('button', { name: 'Masquer les filtres' }).boundingBox())!;
    expect(toggle.y).toBeGreaterThan(0);
    expect(toggle.y + toggle.height).toBeLessThanOrEqual(667);
    expect(errors).toEqual([]);
  });

  test('on a phone, the skip link opens the list and puts the focus on it', async () => {
    const { page, errors } = await openPage({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
    await openAppUi(page, baseUrl);
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 30_000 })
      .toBe('Aller à la liste des acteurs');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 30_000 }).toBe('results');
    expect(new URL(page.url()).searchParams.get('view')).toBe('list');
    expect(await page.locator('#results .actor-name').count()).toBe(dataset.actors.length);
    expect(errors).toEqual([]);
  });
  test('on a phone, the count and the territory picker never cover each other, the picker scrolled up to the count or its suggestions open', async () => {
    const { page, errors } = await openPage({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
    await page.goto(`${baseUrl}?territory=brest`);
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Filtres et lieu' }).click();
    const count = page.locator('.side .result-count');
    const input = page.locator('#territory');
    await input.waitFor();
    /** Both boxes, whether they overlap, and what a tap at the middle of each reaches. */
    const layout = () =>
      page.evaluate(() => {
        const c = document.querySelector('.side .result-count')!.getBoundingClientRect();
        const picker = document.querySelector('#territory')!;
        const p = picker.getBoundingClientRect();
        const overlap = c.left < p.right && p.left < c.right && c.top < p.bottom && p.top < c.bottom;
        const at = (r: DOMRect) => document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {
          overlap,
          countOnTop: at(c)?.closest('.result-count') !== null,
          pickerOnTop: at(p) === picker,
          countBottom: Math.round(c.bottom),
          pickerTop: Math.round(p.top),
        };
      });
    // The picker scrolled up as far as it goes under the sheet's head: it stops below the count.
    await input.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    let now = await layout();
    expect(now.overlap).toBe(false);
    expect(now.countOnTop).toBe(true);
    expect(now.pickerOnTop).toBe(true);
    expect(now.pickerTop).toBeGreaterThanOrEqual(now.countBottom);
    // Typing: the suggestions open below the field, and the count stays readable above.
    await input.focus();
    await page.keyboard.type('Finist');
    await expect
      .poll(() => page.locator('#territory-suggestions [role="option"]').allTextContents(), { timeout: 30_000 })
      .toContain('Finistère (département)');
    now = await layout();
    expect(now.overlap).toBe(false);
    expect(now.countOnTop).toBe(true);
    const list = (await page.locator('#territory-suggestions').boundingBox())!;
    const countBox = (await count.boundingBox())!;
    expect(list.y).toBeGreaterThanOrEqual(countBox.y + countBox.height);
    await screenshot(page, 'phone-count-and-territory-picker');
    expect(errors).toEqual([]);
  });
});
