import { describe, expect, inject, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pagesOfOneBrowser, renderedActorCount, waitForMapIdle } from './browser';
import { exportDate } from '../../src/export/provenance';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

const FIXTURE = 'test/fixtures/own-territories.geojson';

describe('a data= file with its own territories', { timeout: 150_000 }, () => {
  test('the app shows its actor in its own territory, and exports the bytes npm run export writes', async () => {
    const { page, errors } = await openPage({ acceptDownloads: true });
    // The file as a site would serve it, at the path npm run export reads it from.
    const body = readFileSync(FIXTURE, 'utf8');
    await page.route(`**/${FIXTURE}`, (route) => route.fulfill({ contentType: 'application/geo+json', body }));
    const query = `data=${FIXTURE}&territory=quimper`;
    await page.goto(`${baseUrl}?${query}`);
    await waitForMapIdle(page);
    // The file's one actor, in its own territory "quimper" (not one of the shipped ones).
    await expect.poll(() => page.locator('.result-count').first().textContent(), { timeout: 60_000 }).toBe('1 acteur');
    expect(new URL(page.url()).searchParams.get('territory')).toBe('quimper');
    expect(await renderedActorCount(page)).toBe(1);

    const files: { name: string; text: string }[] = [];
    page.on('download', async (d) => {
      const path = await d.path();
      files.push({ name: d.suggestedFilename(), text: readFileSync(path!, 'utf8') });
    });
    await page.getByRole('button', { name: 'GeoJSON', exact: true }).click();
    await expect
      .poll(() => page.locator('.export-status').textContent(), { timeout: 30_000 })
      .toMatch(/^1 acteur exporté : archipel-/);
    await expect.poll(() => files.length).toBe(1);
    const exported = JSON.parse(files[0]!.text);
    expect(exported.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual([
      'quimper-lieu-d-essai',
    ]);

    const appUrl = new URL(page.url());
    const cli = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/export.ts',
        appUrl.search,
        '--date',
        exportDate(),
        '--base',
        `${appUrl.origin}${appUrl.pathname}`,
      ],
      { encoding: 'utf8' },
    );
    expect(files[0]!.text).toBe(cli);
    expect(errors).toEqual([]);
  });
});
