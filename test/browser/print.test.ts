import { describe, expect, inject, test } from 'vitest';
import jsQR from 'jsqr';
import { pagesOfOneBrowser, screenshot, seriousA11yViolations, waitForMapIdle } from './browser';
import { dataset } from './dataset';
import { haversineKm } from '../../src/geo/distance';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

describe('the orientation sheet to take away', () => {
  test('view=print lists the nearest places with hours in words, a map, directions, and a QR code that decodes to the same list', async () => {
    const { page, errors } = await openPage({ viewport: { width: 900, height: 1200 } });
    const near = { lat: 48.3996, lon: -4.5047 };
    await page.goto(`${baseUrl}?need=forms&near=${near.lat},${near.lon}&view=print`);
    await waitForMapIdle(page).catch(() => undefined); // the map is not shown in this view
    const sheet = page.locator('.print-sheet');
    await sheet.waitFor();
    // Nearest first, as computed here from the data.
    const { intentOf } = await import('../../src/data/intents');
    const expected = dataset.actors
      .filter((a) => intentOf('forms').offers(a))
      .map((a) => ({ a, km: haversineKm([near.lon, near.lat], a.geometry.coordinates) }))
      .sort((x, y) => x.km - y.km)
      .slice(0, 12)
      .map((x) => x.a.properties.name);
    await expect
      .poll(() => page.locator('.print-item h3').evaluateAll((hs) => hs.map((h) => h.childNodes[2]?.textContent)))
      .toEqual(expected);
    // Hours in words for the place that has them (the Pimms: Monday afternoon only).
    const pimms = page.locator('.print-item', { hasText: 'Pimms' });
    await expect.poll(() => pimms.locator('.print-hours').textContent()).toMatch(/lun\.? 14:00–17:00/);
    expect(await pimms.textContent()).toContain('02 29 02 83 37');
    expect(await pimms.locator('.print-directions a').getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions\?to=48\.3861%2C-4\.5126/,
    );
    expect(await page.locator('.print-map circle').count()).toBeGreaterThan(expected.length);

    // The QR code, drawn to a canvas in the page and decoded here.
    const image = await page.locator('.print-qr svg').evaluate(async (svg) => {
      const xml = new XMLSerializer().serializeToString(svg);
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 400;
      canvas.height = 400;
      const ctx = canvas.getContext('2d')!;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(img, 0, 0, 400, 400);
      return Array.from(ctx.getImageData(0, 0, 400, 400).data);
    });
    const decoded = jsQR(Uint8ClampedArray.from(image), 400, 400);
    expect(decoded?.data).toBe(`${baseUrl}?need=forms&near=${near.lat},${near.lon}&view=list`);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'print-sheet');
    // In print, only the sheet: no header, panel or buttons.
    expect(await page.locator('.header').isVisible()).toBe(false);
    expect(await page.locator('.print-actions').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
  }, 300_000);
});
