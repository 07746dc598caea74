import { describe, expect, inject, test } from 'vitest';
import { pagesOfOneBrowser, strictCsp, underPolicy, waitForMapIdle } from './browser';

const baseUrl = inject('baseUrl');

const openPage = pagesOfOneBrowser();

describe('under a strict Content-Security-Policy', () => {
  test('the map, the list, a detail and an export work with no violation', async () => {
    const { page, context, errors } = await openPage({ acceptDownloads: true });
    const violations = await underPolicy(page, context, baseUrl, strictCsp());
    await page.goto(`${baseUrl}?category=library`);
    await waitForMapIdle(page);
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to ${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    await page.getByRole('button', { name: 'Liste' }).click();
    await page.locator('.results-full .actor-open').first().click();
    await page.locator('.detail h2').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'GeoJSON', exact: true }).click();
    expect((await download).suggestedFilename()).toMatch(/\.geojson$/);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    // Control: the policy is really in force, an inline script is refused.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  });
});
