import { describe, expect, inject, test } from 'vitest';
import { pagesOfOneBrowser, waitForMapIdle } from './browser';

const baseUrl = inject('baseUrl');

/** The policy the README recommends for a deployment: nothing inline, nothing from elsewhere. */
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

const openPage = pagesOfOneBrowser();

describe('under a strict Content-Security-Policy', () => {
  test('the map, the list, a detail and an export work with no violation', async () => {
    const { page, context, errors } = await openPage({ acceptDownloads: true });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await context.route(`${baseUrl}**`, async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
    });
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
