import { describe, expect, inject, test } from 'vitest';
import { count, dataset } from './dataset';
import { archipelFrame, pagesOfOneBrowser, screenshot, seriousA11yViolations } from './browser';
import {
  EMBED_BUDGET_KB,
  describeEmbedLoad,
  firstLoadKeysOfRest,
  lazyParts,
  measureEmbedLoad,
} from '../../scripts/embed-budget';
import { frMore } from '../../src/i18n/fr-more';

const baseUrl = inject('baseUrl');

const openPage = pagesOfOneBrowser();

describe('embedding', () => {
  test('a host page shows the filtered map, keeps its own scroll, and hears selections and filter changes', async () => {
    const { page, errors } = await openPage({ viewport: { width: 1000, height: 600 } });
    await page.goto(`${baseUrl}embed-example.html`);
    const frame = await archipelFrame(page);
    const training = count({ themes: ['training'] });
    await expect
      .poll(() => frame.locator('.result-count').textContent())
      .toBe(`${training} acteurs sur ${dataset.actors.length}`);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { received: { type: string }[] }).received.some((m) => m.type === 'archipel:ready'),
        ),
      )
      .toBe(true);

    // The wheel over the map scrolls the host page (cooperative gestures), not the map.
    const zoomBefore = await frame.evaluate(() => window.__archipelMap!.map.getZoom());
    const box = (await page.locator('iframe').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 150);
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await frame.evaluate(() => window.__archipelMap!.map.getZoom())).toBe(zoomBefore);

    // The host sets filters by message; the map answers with the new count.
    await page.getByRole('button', { name: 'Médiathèques / libraries' }).click();
    const libraries = count({ categories: ['library'] });
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { received: { type: string; count: number; query: string }[] }).received
            .filter((m) => m.type === 'archipel:filtered')
            .at(-1),
        ),
      )
      .toMatchObject({ count: libraries, query: 'category=library' });

    // Opening an actor in the frame is told to the host.
    await frame.getByRole('button', { name: 'Liste' }).click();
    const first = frame.locator('.results-full .actor-open').first();
    const name = await first.locator('.actor-name').textContent();
    await first.click();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { received: { type: string; name: string }[] }).received
              .filter((m) => m.type === 'archipel:selected')
              .at(-1)?.name,
        ),
      )
      .toBe(name);
    expect(errors).toEqual([]);
  });

  test('the builder’s snippet, pasted into a page, reproduces the view', async () => {
    const { page } = await openPage();
    await page.goto(`${baseUrl}?category=library&lang=en`);
    await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Embed' }).click();
    await page.getByRole('checkbox', { name: 'Legend' }).uncheck();
    const snippet = await page.getByLabel('Code to paste').inputValue();
    expect(snippet).toMatch(/^<iframe src="[^"]+embed=1[^"]*" title="Map of the actors/);
    // The builder's page is done with: closed, its map stops drawing while the host page loads.
    await page.context().close();

    const host = await openPage();
    await host.page.goto(`${baseUrl}embed-example.js`); // any page of the same origin, then replace it
    await host.page.setContent(
      `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>Host</title></head><body><h1>City website</h1>${snippet}</body></html>`,
    );
    const frame = await archipelFrame(host.page);
    await expect
      .poll(() => frame.locator('.result-count').textContent())
      .toBe(`${count({ categories: ['library'] })} actors of ${dataset.actors.length}`);
    expect(await frame.locator('.legend').count()).toBe(0);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await frame.getByRole('link', { name: /Open the full map/ }).getAttribute('href')).toMatch(
      /category=library/,
    );
  });

  test('an embed fits a 300×300 frame', async () => {
    const { page } = await openPage({ viewport: { width: 300, height: 300 } });
    await page.goto(`${baseUrl}?embed=1`);
    await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth,
      y: document.documentElement.scrollHeight,
    }));
    expect(overflow.x).toBeLessThanOrEqual(300);
    expect(overflow.y).toBeLessThanOrEqual(300);
    const mapHeight = await page.evaluate(() => window.__archipelMap!.map.getCanvas().clientHeight);
    expect(mapHeight).toBeGreaterThan(80);
  });

  test('a 900 px embed has the wide layout, its list beside the map, and its filters one button away', async () => {
    const { page, errors } = await openPage({ viewport: { width: 900, height: 600 } });
    await page.goto(`${baseUrl}?embed=1`);
    await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
    await page.evaluate(() => window.__archipelMap!.idle());
    // The list is beside the map, the filters folded behind their button.
    expect(await page.locator('.app.is-compact').count()).toBe(0);
    await expect.poll(() => page.locator('.results-compact .actor-open').count()).toBeGreaterThan(0);
    const toggle = page.getByRole('button', { name: 'Filtres et lieu' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('checkbox', { name: /^Fablab/ }).count()).toBe(0);
    await screenshot(page, 'embed-900-folded');
    // Keyboard: the button opens the filters, which then filter.
    await toggle.focus();
    await page.keyboard.press('Enter');
    const fablabs = page.getByRole('checkbox', { name: /^Fablab/ });
    await fablabs.check();
    const expected = count({ categories: ['fablab'] });
    await expect
      .poll(() => page.locator('.result-count').textContent())
      .toBe(`${expected} acteurs sur ${dataset.actors.length}`);
    await screenshot(page, 'embed-900-filters');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  // Issue "Organisers": the first visit of an embed ships under 60 kB gzip of JS and CSS besides
  // MapLibre's own files. Bytes, not time: they do not depend on the machine.
  test.each(['fr-FR', 'en-GB'])(
    'the first visit of an embed (%s) ships less than the budget of JS and CSS besides MapLibre',
    async (locale) => {
      const { context, errors } = await openPage({ viewport: { width: 640, height: 480 }, locale });
      const load = await measureEmbedLoad(context, `${baseUrl}?embed=1`);
      console.log(describeEmbedLoad(load).join('\n'));
      // The measure sees the whole app: its entry, the map module, a catalogue, and MapLibre.
      const names = load.resources.map((r) => r.path.replace(/^.*\//, ''));
      expect(names).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^index-.*\.js$/),
          expect.stringMatching(/^mount-.*\.js$/),
          expect.stringMatching(locale === 'fr-FR' ? /^fr-.*\.js$/ : /^en-.*\.js$/),
        ]),
      );
      expect(load.maplibreKB).toBeGreaterThan(200);
      expect(load.oursKB).toBeLessThan(EMBED_BUDGET_KB);
      // Only the catalogue of the language shown is fetched.
      expect(names.some((n) => (locale === 'fr-FR' ? /^en-.*\.js$/ : /^fr-.*\.js$/).test(n))).toBe(false);
      expect(errors).toEqual([]);
    },
  );

  // The first load fetches only the core of the catalogue (src/i18n/fr.ts): a word of its code
  // taken from the rest would show late, after a second fetch.
  test('the code of the first load asks for no word of the rest of the catalogue', () => {
    const parts = lazyParts('src/ui');
    expect(parts).toEqual(expect.arrayContaining(['DetailPanel', 'FilterPanel', 'GraphView', 'IssueList', 'NearBox']));
    expect(firstLoadKeysOfRest('dist/assets', Object.keys(frMore), parts)).toEqual([]);
  });
});
