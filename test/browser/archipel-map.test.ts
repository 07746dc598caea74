import { describe, expect, inject, test } from 'vitest';
import { pagesOfOneBrowser } from './browser';
import { count } from './dataset';
import type { Frame, Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

/** The policy the README recommends, for the host page and the map alike. */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>City website</title>
<script type="module" src="./archipel-map.js"></script></head>
<body><h1>Our digital commons</h1>
<archipel-map id="west" territory="brest" lang="fr" height="420"></archipel-map>
<archipel-map id="east" territory="grenoble" category="library" lang="en" height="420"></archipel-map>
</body></html>`;

async function frameOf(page: Page, id: string): Promise<Frame> {
  const handle = await page.locator(`#${id}`).evaluateHandle((el) => el.shadowRoot!.querySelector('iframe')!);
  const frame = (await handle.asElement()!.contentFrame())!;
  await frame.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
  await frame.evaluate(() => window.__archipelMap!.idle());
  return frame;
}

type Heard = { id: string; type: string; detail: { count?: number; query?: string; name?: string } };
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);

describe('<archipel-map>', () => {
  // Two maps drawn by a software GPU on a shared machine: a longer time than one.
  test('two elements on one page under a strict CSP: each shows its own territory and fires its own events', async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1100, height: 1000 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    // Every document (the host page and both maps) is served with the strict policy.
    await context.route(`${baseUrl}**`, async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      if (route.request().url().includes('wc-host.html'))
        return route.fulfill({
          contentType: 'text/html',
          body: HOST,
          headers: { 'content-security-policy': STRICT_CSP },
        });
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
    });
    // The host page's own listeners (an init script: the policy forbids inline scripts in the page).
    await context.addInitScript(() => {
      const w = window as unknown as { heard: unknown[] };
      w.heard = [];
      for (const type of ['archipel:ready', 'archipel:filtered', 'archipel:selected'])
        document.addEventListener(type, (e) =>
          w.heard.push({ id: (e.target as HTMLElement).id, type, detail: (e as CustomEvent).detail }),
        );
    });
    await page.goto(`${baseUrl}wc-host.html`);
    const west = await frameOf(page, 'west');
    const east = await frameOf(page, 'east');
    const brest = count({ territory: 'brest' });
    const grenobleLibraries = count({ territory: 'grenoble', categories: ['library'] });
    expect(brest).not.toBe(grenobleLibraries);
    await expect.poll(() => west.locator('.result-count').textContent()).toMatch(new RegExp(`^${brest} acteurs`));
    await expect
      .poll(() => east.locator('.result-count').textContent())
      .toMatch(new RegExp(`^${grenobleLibraries} actors`));
    // Each ready event comes from its own element, with its own count.
    await expect
      .poll(async () =>
        (await heard(page)).filter((h) => h.type === 'archipel:ready').map((h) => [h.id, h.detail.count]),
      )
      .toEqual(
        expect.arrayContaining([
          ['west', brest],
          ['east', grenobleLibraries],
        ]),
      );
    // The frames' titles follow each one's language.
    const titles = await page.evaluate(() =>
      ['west', 'east'].map((id) => document.getElementById(id)!.shadowRoot!.querySelector('iframe')!.title),
    );
    expect(titles).toEqual([
      'Carte des acteurs des communs numériques (Archipel)',
      'Map of the actors of the digital commons (Archipel)',
    ]);

    // A method: only the element it is called on changes, and only it reports.
    await page.evaluate(() =>
      (document.getElementById('west') as HTMLElement & { setFilters(q: string): void }).setFilters(
        'territory=brest&category=library',
      ),
    );
    const brestLibraries = count({ territory: 'brest', categories: ['library'] });
    await expect
      .poll(async () => (await heard(page)).filter((h) => h.type === 'archipel:filtered').at(-1))
      .toMatchObject({ id: 'west', detail: { count: brestLibraries, query: 'category=library&territory=brest' } });
    await expect.poll(() => west.locator('.result-count').textContent()).toMatch(new RegExp(`^${brestLibraries} `));
    expect(await east.locator('.result-count').textContent()).toMatch(new RegExp(`^${grenobleLibraries} actors`));

    // An attribute change is a command too: the east map shows all of Grenoble, without reloading.
    await page.evaluate(() => document.getElementById('east')!.removeAttribute('category'));
    await expect
      .poll(async () => (await heard(page)).filter((h) => h.type === 'archipel:filtered').at(-1))
      .toMatchObject({ id: 'east', detail: { count: count({ territory: 'grenoble' }) } });

    // Opening an actor in a frame is heard from that element.
    await west.getByRole('button', { name: 'Liste' }).click();
    const first = west.locator('.results-full .actor-open').first();
    const name = await first.locator('.actor-name').textContent();
    await first.click();
    await expect
      .poll(async () => (await heard(page)).filter((h) => h.type === 'archipel:selected').at(-1))
      .toMatchObject({ id: 'west', detail: { name } });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
