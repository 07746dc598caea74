import { describe, expect, inject, test } from 'vitest';
import { dataset, expectedActors } from './dataset';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { scriptEnv } from './test-data';
import { openAppUi, pagesOfOneBrowser, renderedActorCount, serveCollection, waitForMapIdle } from './browser';
import { exportDate } from '../../src/export/provenance';
import { selectActors } from '../../src/data/select';
import { decodeUrl } from '../../src/core/url';
import * as hours from '../../src/data/hours';
import type { Page } from 'playwright-core';
import { actorFixture } from '../unit/fixtures';
import { loadForeign } from '../../src/data/foreign-load';

const baseUrl = inject('baseUrl');

const openPage = pagesOfOneBrowser();

async function download(page: Page, button: string): Promise<{ name: string; text: string }[]> {
  const files: { name: string; text: string }[] = [];
  page.on('download', async (d) => {
    const path = await d.path();
    files.push({ name: d.suggestedFilename(), text: readFileSync(path!, 'utf8') });
  });
  await page.getByRole('button', { name: button, exact: true }).click();
  // What the user reads when it is done: how many actors went into which files.
  await expect
    .poll(() => page.locator('.export-status').textContent(), { timeout: 30_000 })
    .toMatch(/^\d[\d\u202f]* acteurs? exportés? : archipel-/);
  return files;
}

describe('research: exports and foreign data', () => {
  test('the app exports exactly the filtered actors, byte for byte what npm run export writes', async () => {
    const query = 'territory=grenoble&theme=open-knowledge,training&category=library,social-centre';
    const { page, errors } = await openPage({ acceptDownloads: true });
    await openAppUi(page, baseUrl, query);
    const expected = expectedActors({
      territory: 'grenoble',
      themes: ['training', 'open-knowledge'],
      categories: ['library', 'social-centre'],
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(dataset.actors.length);

    const files = await download(page, 'GeoJSON');
    await expect.poll(() => files.length, { timeout: 30_000 }).toBe(1);
    const file = files[0]!;
    expect(file.name).toBe(`archipel-${exportDate()}.geojson`);
    const json = JSON.parse(file.text);
    expect(json.features.map((f: { properties: { id: string } }) => f.properties.id).sort()).toEqual(
      expected.map((a) => a.properties.id).sort(),
    );
    expect(json.metadata.permalink).toContain('territory=grenoble');

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
      { encoding: 'utf8', env: scriptEnv() },
    );
    expect(file.text).toBe(cli);

    const csv = await download(page, 'CSV (tableur)');
    await expect.poll(() => csv.length, { timeout: 30_000 }).toBe(2);
    const table = csv.find((f) => f.name.endsWith('.csv'))!;
    expect(table.text.charCodeAt(0)).toBe(0xfeff);
    expect(table.text.trimEnd().split('\r\n')).toHaveLength(expected.length + 1);
    expect(csv.some((f) => f.name.endsWith('.provenance.json'))).toBe(true);
    expect(errors).toEqual([]);
  });

  test('data= with a CSV of the template: good rows shown, the two bad ones listed with their reasons', async () => {
    const header =
      'id,name,category,roles,themes,territory,address,postcode,commune,url,email,phone,description,opening_hours,wheelchair,networks,partners,source,updated,longitude,latitude';
    const rows = [
      'brest-csv-a,"Atelier ""Le Clou"", Brest",fablab,opportunity-space|contributor,making|training,brest,"2 rue de Siam",29200,Brest,https://example.org,,,"Deux lignes\nde description",,,,,"exemple",2026-11-28,-4.4861,48.3904',
      'brest-csv-b,Médiathèque d’essai,library,public-service,training,brest,"1 place",29200,Brest,,,,,,,,,exemple,2026-11-28,-4.49,48.39',
      'brest-csv-c,Ligne sans thème,library,public-service,,brest,"1 place",29200,Brest,,,,,,,,,exemple,2026-11-28,-4.49,48.39',
      'brest-csv-d,Ligne inversée,library,public-service,training,brest,"1 place",29200,Brest,,,,,,,,,exemple,2026-11-28,48.39,-4.49',
      'grenoble-csv-e,Bibliothèque à Grenoble,library,public-service,open-knowledge,grenoble,"1 rue",38000,Grenoble,,,,,,,,,exemple,2026-11-28,5.7245,45.1885',
    ];
    const { page, errors } = await openPage();
    await page.route('**/partenaires.csv', (route) =>
      route.fulfill({ contentType: 'text/csv', body: `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n` }),
    );
    await page.goto(`${baseUrl}?data=partenaires.csv`);
    await waitForMapIdle(page);
    await expect.poll(() => page.locator('.result-count').textContent()).toBe('3 acteurs');
    await page.evaluate(() =>
      window.__archipelMap!.map.fitBounds(
        [
          [-5.5, 44.5],
          [6.5, 48.8],
        ],
        { duration: 0 },
      ),
    );
    await waitForMapIdle(page);
    expect(await renderedActorCount(page)).toBe(3);
    await page.getByRole('button', { name: 'Voir le détail' }).click();
    // The list comes with its code, fetched at the first click.
    await expect.poll(() => page.locator('.issues .issue-error').count()).toBe(2);
    const issues = await page.locator('.issues .issue-error').allTextContents();
    // Line numbers are the file's: the first row's description spans two lines.
    expect(issues[0]).toContain('partenaires.csv ligne 5 (brest-csv-c)');
    expect(issues[1]).toContain('partenaires.csv ligne 6 (brest-csv-d)');
    expect(issues[1]).toContain('inversées');
    await page.getByRole('button', { name: 'Liste' }).click();
    expect(await page.locator('.results-full .actor-name').allTextContents()).toContain('Atelier "Le Clou", Brest');
    expect(errors).toEqual([]);
  });

  test('a file with hundreds of rejected rows: the list opens on the first hundred, and every one can be shown', async () => {
    const features = [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-4.4861, 48.3904] },
        properties: {
          id: 'brest-many-ok',
          name: 'Le seul lieu valide',
          category: 'fablab',
          roles: ['contributor'],
          themes: ['making'],
          territory: 'brest',
          address: '2 rue de Siam',
          postcode: '29200',
          commune: 'Brest',
          source: 'exemple',
        },
      },
      ...Array.from({ length: 250 }, (_, i) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-4.49, 48.39] },
        properties: { id: `brest-many-${i}`, name: `Lieu ${i}`, category: 'fab-lab' },
      })),
    ];
    const { page, errors } = await openPage();
    await serveCollection(page, '**/beaucoup.geojson', features);
    await page.goto(`${baseUrl}?data=beaucoup.geojson`);
    await waitForMapIdle(page);
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 }).toBe('1 acteur');
    await page.getByRole('button', { name: 'Voir le détail' }).click();
    const listed = page.locator('.issues li');
    await expect.poll(() => listed.count(), { timeout: 30_000 }).toBe(100);
    expect(await listed.first().textContent()).toContain('(brest-many-0)');
    // The rest, by a keyboard-reachable button, a thousand at a time, until the last rejected row.
    const more = page.getByRole('button', { name: /^En montrer .+ de plus$/ });
    for (let clicks = 0; (await more.count()) > 0 && clicks < 20; clicks++) {
      const before = await listed.count();
      await more.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => listed.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    }
    expect(await more.count()).toBe(0);
    expect(await listed.filter({ hasText: '(brest-many-249)' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  test('data= with an OpenStreetMap export: the page cannot read its runs, the worker reads it whole, through its importer', async () => {
    const text = readFileSync('test/fixtures/osm-sample.geojson', 'utf8');
    const shipped = {
      networks: { file: 'networks.json', text: readFileSync('test/fixtures/data/networks.json', 'utf8') },
      territories: { file: 'territories.json', text: readFileSync('test/fixtures/data/territories.json', 'utf8') },
    };
    // What its first reading keeps (the administrative map cannot be read here: it stands).
    const expected = await loadForeign('export.geojson', text, shipped, undefined, undefined, false);
    expect(expected.actors.length).toBeGreaterThan(1);
    const { page, errors } = await openPage();
    await page.route('**/admin/**', (route) => route.fulfill({ status: 503, body: '' }));
    await serveCollection(page, '**/export.geojson', JSON.parse(text).features);
    await page.goto(`${baseUrl}?data=export.geojson`);
    await waitForMapIdle(page);
    await expect
      .poll(() => page.locator('.result-count').first().textContent(), { timeout: 30_000 })
      .toBe(`${expected.actors.length} acteurs`);
    expect(await renderedActorCount(page)).toBe(expected.actors.length);
    // Named as the importer names them, OpenStreetMap's tags read.
    for (const actor of expected.actors.slice(0, 3))
      await expect.poll(() => page.getByText(actor.properties.name, { exact: true }).count()).toBeGreaterThan(0);
    // The only errors: the administrative map this test refuses.
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  });

  test('data= with thousands of actors naming partners: every valid one shown, and exported in the order of the file', async () => {
    // Read by the page run by run while it downloads (src/data/run-reading.ts): the partners are
    // checked at the end, and the actors must come out in the file's order. The administrative map
    // cannot be read here, so the full check fails and this first reading stands (else the
    // check's own reading, made in the worker, would replace it).
    const features = Array.from({ length: 3000 }, (_, i) =>
      actorFixture(
        {
          id: `brest-lieu-${i}`,
          name: `Lieu ${i}`,
          source: 'exemple',
          ...(i % 10 === 0 ? { partners: [`brest-lieu-${i + 1}`] } : {}),
        },
        [-4.5 + (i % 50) / 2000, 48.385 + Math.floor(i / 50) / 5000],
      ),
    );
    // An id given twice: the second entry is rejected, with its reason.
    features[2503]!.properties.id = 'brest-lieu-7';
    const expected = features.filter((_, i) => i !== 2503).map((f) => f.properties.id);
    const { page, errors } = await openPage({ acceptDownloads: true });
    await page.route('**/admin/**', (route) => route.fulfill({ status: 503, body: '' }));
    await serveCollection(page, '**/lieux.geojson', features);
    await page.goto(`${baseUrl}?data=lieux.geojson`);
    await waitForMapIdle(page);
    await expect
      .poll(() => page.locator('.result-count').first().textContent(), { timeout: 30_000 })
      .toBe('2\u202f999 acteurs');
    const files = await download(page, 'GeoJSON');
    await expect.poll(() => files.length, { timeout: 30_000 }).toBe(1);
    const json = JSON.parse(files[0]!.text);
    expect(json.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(expected);
    // The partners are kept with the actors that name them.
    expect(json.features[0].properties.partners).toEqual(['brest-lieu-1']);
    // The entry left out is listed, with why.
    await page.getByRole('button', { name: 'Voir le détail' }).click();
    await expect
      .poll(() => page.locator('.issues li').filter({ hasText: '#2503' }).first().textContent(), { timeout: 10_000 })
      .toContain('identifiant « brest-lieu-7 » en double (déjà en #7)');
    // Only the administrative map refused, as this test wants.
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  });

  test('an export selects by place, radius and opening time as the list does; a previewed file exports its own actors', async () => {
    // Brest centre, 4 km, a Wednesday afternoon in Paris time.
    const query = 'near=48.39,-4.486&radius=4&open=2026-11-25T15:00';
    const expected = selectActors(dataset.actors, decodeUrl(query).state, { now: Date.now(), hours });
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(
      selectActors(dataset.actors, decodeUrl('near=48.39,-4.486&radius=4').state, { now: 0, hours: null }).length,
    );
    const { page, context, errors } = await openPage({ acceptDownloads: true });
    // The worker reads the data again here, as it does for selections too large to copy
    // (the first test takes the other path: the page's selection copied to the worker).
    await context.addInitScript(() => (window.__archipelExportCopyLimit = 0));
    await page.goto(`${baseUrl}?${query}`);
    await waitForMapIdle(page);
    // The map can be idle before the data and the hours module are there.
    await expect
      .poll(() => page.locator('.result-count').first().textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`^${expected.length} acteurs? sur ${dataset.actors.length}`));

    const files = await download(page, 'GeoJSON');
    await expect.poll(() => files.length, { timeout: 30_000 }).toBe(1);
    const json = JSON.parse(files[0]!.text);
    expect(json.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(
      expected.map((a) => a.properties.id),
    );
    expect(json.metadata.permalink).toContain('radius=4');
    expect(json.metadata.permalink).toContain('open=2026-11-25T15:00');
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
      { encoding: 'utf8', env: scriptEnv() },
    );
    expect(files[0]!.text).toBe(cli);

    // A file previewed from the computer: its actors are the ones exported, with no licence claimed.
    const csv = [
      'id,name,category,roles,themes,territory,address,postcode,commune,source,longitude,latitude',
      'brest-mine-a,Mon atelier,fablab,contributor,making,brest,"2 rue de Siam",29200,Brest,exemple,-4.4861,48.3904',
      'brest-mine-b,Ma médiathèque,library,public-service,training,brest,"1 place",29200,Brest,exemple,-4.49,48.391',
    ].join('\r\n');
    await page.goto(`${baseUrl}`);
    await waitForMapIdle(page);
    await page
      .locator('.file-button input[type=file]')
      .setInputFiles({ name: 'mes-lieux.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect
      .poll(() => page.locator('.result-count').first().textContent(), { timeout: 30_000 })
      .toMatch(/^2 acteurs/);
    const mine = await download(page, 'GeoJSON');
    await expect.poll(() => mine.length).toBe(1);
    const exported = JSON.parse(mine[0]!.text);
    expect(exported.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual([
      'brest-mine-a',
      'brest-mine-b',
    ]);
    expect(exported.metadata.licence).toBeNull();
    expect(errors).toEqual([]);
  });
});
