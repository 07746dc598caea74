import { describe, expect, inject, test } from 'vitest';
import { dataset } from './dataset';
import { openAppUi, pagesOfOneBrowser, screenshot, seriousA11yViolations, waitForMapIdle } from './browser';
import * as hours from '../../src/data/hours';
import { selectActors } from '../../src/data/select';
import { decodeUrl } from '../../src/core/url';
import { haversineKm } from '../../src/geo/distance';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();
const phone = { viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true } as const;

/** The names the app should list for a query, computed here by the shared selection. */
function expectedNames(query: string): string[] {
  const { state } = decodeUrl(query);
  return selectActors(dataset.actors, state, { now: Date.now(), hours })
    .map((a) => a.properties.name)
    .sort();
}

describe('the resident walk, on a phone with the shipped data', () => {
  test('Bellevue is Brest’s quartier; help with online forms lists the France services; this week lists open places; an empty list says why and how out', async () => {
    const { page, errors } = await openPage(phone);
    await page.goto(`${baseUrl}?territory=brest`);
    await waitForMapIdle(page);

    // Where: "Bellevue" and Enter chooses Brest's quartier, not Bellevue-la-Montagne (Haute-Loire).
    await page.getByRole('button', { name: 'Filtres et lieu' }).click();
    const place = page.locator('#near-place');
    await place.waitFor();
    await place.fill('Bellevue');
    await expect
      .poll(() => page.locator('#near-suggestions [role="option"]').first().textContent())
      .toBe('Bellevue (Brest)');
    await place.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('near')).not.toBeNull();
    const [lat, lon] = new URL(page.url()).searchParams.get('near')!.split(',').map(Number) as [number, number];
    // Brest's Bellevue: within 3 km of Brest's centre.
    expect(haversineKm([-4.4861, 48.3904], [lon, lat])).toBeLessThan(3);
    expect(await page.getByText('Près de : Bellevue (Brest)').isVisible()).toBe(true);

    // What: help with online forms, a need read from what places offer.
    // By keyboard, as the list of needs scrolls sideways on a phone.
    await page.getByRole('button', { name: 'De l’aide pour mes démarches en ligne' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('need')).toBe('forms');
    await page.getByRole('button', { name: 'Masquer les filtres' }).click();
    await page.getByRole('button', { name: 'Liste' }).click();
    const names = () => page.locator('.results-full .actor-name').allTextContents();
    await expect.poll(async () => (await names()).sort()).toEqual(expectedNames('territory=brest&need=forms'));
    expect(await names()).toContain('Vivre la Ville – Pimms Médiation Brest (France services des Quatre-Moulins)');
    // Nearest first from Bellevue: the first is in the quartier, under a kilometre away.
    const firstName = (await names())[0];
    const first = dataset.actors.find((a) => a.properties.name === firstName)!;
    expect(haversineKm([lon, lat], first.geometry.coordinates)).toBeLessThan(1);
    await screenshot(page, 'resident-forms-near-bellevue');

    // When: this week.
    await page.getByRole('button', { name: 'Filtres et lieu' }).click();
    await page.getByLabel('ouvert cette semaine').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).searchParams.get('open')).toBe('week');
    await page.getByRole('button', { name: 'Masquer les filtres' }).click();
    const openThisWeek = expectedNames('territory=brest&need=forms&open=week');
    expect(openThisWeek.length).toBeGreaterThan(0);
    await expect.poll(async () => (await names()).sort()).toEqual(openThisWeek);
    expect(await names()).toContain('Vivre la Ville – Pimms Médiation Brest (France services des Quatre-Moulins)');

    // A filter that empties the list: the explanation and the ways out, each with its count.
    await page.goto(`${baseUrl}?territory=brest&need=forms&category=fablab&open=week&view=list`);
    await waitForMapIdle(page);
    const answer = page.locator('.empty-answer');
    await answer.waitFor();
    expect(await answer.locator('.empty').textContent()).toMatch(/vide la liste/);
    const ways = await answer.locator('.way-out').allTextContents();
    expect(ways.length).toBeGreaterThan(0);
    const withoutType = ways.find((w) => w.startsWith('Sans le type'))!;
    expect(withoutType).toBeDefined();
    const promised = Number(/(\d+) lieux?$/.exec(withoutType)![1]);
    expect(promised).toBe(expectedNames('territory=brest&need=forms&open=week').length);
    await screenshot(page, 'resident-empty-answer');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await answer.getByRole('button', { name: withoutType }).click();
    await expect.poll(async () => (await names()).length).toBe(promised);
    expect(new URL(page.url()).searchParams.get('category')).toBeNull();
    expect(errors).toEqual([]);
  }, 300_000);

  test('open now with nobody open says how many places have no known hours and shows them on demand', async () => {
    const { page, errors } = await openPage(phone);
    // Sunday 3 a.m. in Paris: no shipped place is open then.
    await openAppUi(page, baseUrl, 'territory=brest&open=2026-12-06T03:00&view=list');
    const answer = page.locator('.empty-answer');
    await answer.waitFor();
    const unknown = expectedNames('territory=brest&open=2026-12-06T03:00&hours=unknown').length;
    const ways = await answer.locator('.way-out').allTextContents();
    expect(ways[0]).toBe(`${unknown} lieux n’ont pas d’horaires connus — les montrer ?`);
    await answer.locator('.way-out').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('hours'), { timeout: 30_000 }).toBe('unknown');
    await expect.poll(() => page.locator('.results-full .actor-name').count(), { timeout: 30_000 }).toBe(unknown);
    expect(await page.locator('.results-full .hours-unknown').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 180_000);

  test('in English, badges carry English initials', async () => {
    const { page } = await openPage(phone);
    await openAppUi(page, baseUrl, 'lang=en&category=library&view=list');
    await page.locator('.results-full .badge').first().waitFor();
    expect(new Set(await page.locator('.results-full .badge').allTextContents())).toEqual(new Set(['L']));
  }, 180_000);
});
