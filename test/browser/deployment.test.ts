import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { pagesOfOneBrowser, waitForMapIdle } from './browser';
import { count, dataset } from './dataset';
import { scriptEnv } from './test-data';

/**
 * A city's own Archipel, built as an organiser would (`npm run build -- --territory …`),
 * served by a plain static server from a sub-path.
 */
const openPage = pagesOfOneBrowser();
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.pbf': 'application/x-protobuf',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const BREST_METROPOLE = 'epci:242900314';

let out = '';
let server: Server;
let site = '';
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archipel-city-'));
  out = join(dir, 'dist');
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith('/ville/')) {
      res.statusCode = 404;
      return res.end();
    }
    let file = normalize(join(out, path.slice('/ville/'.length)));
    if (!file.startsWith(out)) {
      res.statusCode = 403;
      return res.end();
    }
    if (file.endsWith('/') || file === out) file = join(file, 'index.html');
    try {
      const body = readFileSync(file);
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ville/`;
  const config = join(dir, 'archipel.config.json');
  writeFileSync(
    config,
    JSON.stringify({ title: 'Brest, communs numériques', color: '0b6e4f', contact: 'mailto:contact@example.org' }),
  );
  await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/build.ts',
      '--territory',
      BREST_METROPOLE,
      '--config',
      config,
      '--site-url',
      site,
      '--out',
      out,
    ],
    // The data the rest of the suite serves (the curated layer), as `dataset.ts` reads it.
    { maxBuffer: 1 << 26, env: scriptEnv() },
  );
}, 240_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (out) rmSync(join(out, '..'), { recursive: true, force: true });
});

describe('a city’s own Archipel', () => {
  test('its data holds only its territory’s actors and the networks they belong to', () => {
    const actors = JSON.parse(readFileSync(join(out, 'data/actors.geojson'), 'utf8')) as {
      features: { properties: { id: string; territory: string; networks?: string[]; partners?: string[] } }[];
    };
    const expected = dataset.actors.filter((a) => a.properties.territory === 'brest').map((a) => a.properties.id);
    expect(actors.features.map((f) => f.properties.id).sort()).toEqual(expected.sort());
    expect(new Set(actors.features.map((f) => f.properties.territory))).toEqual(new Set(['brest']));
    const networks = JSON.parse(readFileSync(join(out, 'data/networks.json'), 'utf8')) as {
      id: string;
      memberOf?: string[];
    }[];
    const ids = new Set(networks.map((n) => n.id));
    // Every network named is shipped, and no network is shipped for nothing.
    const named = new Set(actors.features.flatMap((f) => f.properties.networks ?? []));
    for (const n of named) expect(ids.has(n)).toBe(true);
    for (const n of networks) for (const parent of n.memberOf ?? []) expect(ids.has(parent)).toBe(true);
    expect(networks.length).toBeLessThan(dataset.networks.length);
    const territories = JSON.parse(readFileSync(join(out, 'data/territories.json'), 'utf8')) as { id: string }[];
    expect(territories.map((t) => t.id)).toEqual(['brest']);
  });

  test('it works from a sub-path with its own title, colour and contact', async () => {
    const { page, errors } = await openPage();
    await page.goto(site);
    await waitForMapIdle(page);
    const brest = count({ territory: 'brest' });
    await expect.poll(() => page.locator('.result-count').textContent()).toBe(`${brest} acteurs`);
    expect(await page.title()).toBe('Brest, communs numériques');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Brest, communs numériques');
    expect(await page.getByRole('link', { name: 'Contact' }).getAttribute('href')).toBe('mailto:contact@example.org');
    expect(await page.locator('.app').evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim())).toBe(
      '#0b6e4f',
    );
    // Framed on the territory: every actor is in view.
    const inView = await page.evaluate(() => {
      const b = window.__archipelMap!.map.getBounds();
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    });
    expect(inView[0]).toBeGreaterThan(-6);
    expect(inView[2]).toBeLessThan(-3);
    expect(errors).toEqual([]);
  });

  test('a CMS that reads its oEmbed link renders the map', async () => {
    const { page, errors } = await openPage();
    // What a CMS does: fetch the page without running it, find the oEmbed link, fetch it.
    const html = await (await fetch(site)).text();
    const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
    expect(link).toBe(`${site}oembed.json`);
    const oembed = (await (await fetch(link!)).json()) as { type: string; html: string; width: number; height: number };
    expect(oembed).toMatchObject({ type: 'rich', width: 800, height: 600 });
    // A territory's own answer is there too.
    const brest = (await (await fetch(`${site}oembed/brest.json`)).json()) as { html: string };
    expect(brest.html).toContain('territory=brest');
    // The CMS's page, on another origin, with the answer's html in it.
    const cms = createServer((_, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="fr"><head><link rel="icon" href="data:,"><title>Mairie</title></head><body><h1>Actualités</h1>${oembed.html}</body></html>`,
      );
    });
    await new Promise<void>((resolve) => cms.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      cms.closeAllConnections();
      cms.close();
    });
    await page.goto(`http://127.0.0.1:${(cms.address() as AddressInfo).port}/actualites.html`);
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 30_000 });
    await expect
      .poll(() => frame.locator('.result-count').textContent(), { timeout: 30_000 })
      .toBe(`${count({ territory: 'brest' })} acteurs`);
    expect(await page.locator('iframe').getAttribute('title')).toBe(
      'Carte des acteurs des communs numériques (Archipel)',
    );
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
