import { describe, expect, inject, test } from 'vitest';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { openApp, openAppUi, pagesOfOneBrowser, seriousA11yViolations } from './browser';
import { dataset } from './dataset';
import { dataDir } from './test-data';
import { actorVersion, extractPatches } from '../../src/data/patch';
import type { Patch } from '../../src/data/patch';
import { applyPatch } from '../../src/data/review';
import { compareSource, makeChangelog } from '../../src/data/sync';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { selectActors } from '../../src/data/select';
import * as freshness from '../../src/data/freshness';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();
const matchesSchema = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync('docs/patch.schema.json', 'utf8')));
// The served file (the curated layer, test-data.ts): the one the page's actors, and so the patches' versions, come from.
const rawActors = JSON.parse(readFileSync(`${dataDir}/actors.geojson`, 'utf8'));
const context = { territories: dataset.territories, networks: dataset.networks, checkOpeningHours };
// An actor with no phone: the correction adds one.
const actor = dataset.actors.find((a) => !a.properties.phone && !a.properties.partners)!;
const today = () => new Date().toISOString().slice(0, 10);

async function withConfig(page: Page, config: object) {
  await page.route('**/archipel.config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }),
  );
}

/** Opens the actor, presses "Suggest a correction", adds a phone number and prepares the proposal. */
async function suggestPhone(page: Page) {
  await openAppUi(page, baseUrl, `selected=${actor.properties.id}`);
  await page.getByRole('button', { name: 'Proposer une correction' }).click();
  await page.getByRole('heading', { name: `Proposer une correction : ${actor.properties.name}` }).waitFor();
  expect(page.url()).toContain(`suggest=${actor.properties.id}`);
  await page.getByLabel('Téléphone du lieu').fill('02 98 00 00 00');
  await page.getByLabel('Pourquoi ce changement ?').fill('Affiché sur la porte');
  await page.getByRole('button', { name: 'Préparer la proposition' }).click();
}

/** What the patch must be, whatever the channel. */
function expectPhonePatch(patch: unknown) {
  expect(matchesSchema(patch)).toBe(true);
  expect(patch).toEqual({
    'archipel-patch': 1,
    op: 'update',
    id: actor.properties.id,
    version: actorVersion(actor),
    changes: { phone: '02 98 00 00 00' },
    date: today(),
    note: 'Affiché sur la porte',
  });
  // And `npm run review`'s code applies it to the shipped data.
  const applied = applyPatch(rawActors, patch as Patch, context);
  expect(applied.ok).toBe(true);
}

describe('proposals from the app', { timeout: 150_000 }, () => {
  test.each([
    [
      'gitlab',
      { kind: 'gitlab', url: 'https://gitlab.example.org/city/carte' },
      'issue[description]',
      'https://gitlab.example.org/city/carte/-/issues/new?',
    ],
    [
      'github',
      { kind: 'github', url: 'https://github.com/city/carte' },
      'body',
      'https://github.com/city/carte/issues/new?',
    ],
    [
      'gitea',
      { kind: 'gitea', url: 'https://codeberg.org/city/carte' },
      'body',
      'https://codeberg.org/city/carte/issues/new?',
    ],
    ['email', { kind: 'email', address: 'carte@example.org' }, 'body', 'mailto:carte@example.org?'],
  ])(
    'a correction sent through %s gives the prefilled link, with the patch in it',
    async (_, channel, param, prefix) => {
      const { page, external, errors } = await openPage();
      await withConfig(page, { contribute: channel });
      await suggestPhone(page);
      const link = page.getByRole('link', {
        name: channel.kind === 'email' ? 'Écrire le courriel prérempli' : 'Ouvrir le ticket prérempli',
      });
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      expect(href.startsWith(prefix)).toBe(true);
      const query = new URLSearchParams(href.slice(href.indexOf('?') + 1));
      const title = query.get(
        channel.kind === 'gitlab' ? 'issue[title]' : channel.kind === 'email' ? 'subject' : 'title',
      );
      expect(title).toBe(`[Archipel] Correction: ${actor.properties.name} (${actor.properties.id})`);
      const patches = extractPatches(query.get(param)!);
      expect(patches).toHaveLength(1);
      expectPhonePatch(patches[0]);
      // Built, never fetched: the page asked nothing of the forge.
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
    },
  );

  test('with no channel, the proposal is a file to download; the form passes axe', async () => {
    const { page, errors } = await openPage();
    await suggestPhone(page);
    const link = page.getByRole('link', { name: /^Télécharger archipel-patch-/ });
    await link.waitFor();
    expect(await page.getByText('téléchargez le fichier et envoyez-le').isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`archipel-patch-${actor.properties.id}-${today()}.json`);
    const text = readFileSync((await download.path())!, 'utf8');
    expectPhonePatch(JSON.parse(text));
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a link over the length limit falls back to the download, saying why', async () => {
    const { page } = await openPage();
    await withConfig(page, { contribute: { kind: 'github', url: 'https://github.com/city/carte' } });
    await openAppUi(page, baseUrl, `suggest=${actor.properties.id}`);
    // A link to the form, opened directly: the form is the actor's, with its facts filled in.
    await page.getByRole('heading', { name: `Proposer une correction : ${actor.properties.name}` }).waitFor();
    expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe(actor.properties.name);
    await page.getByLabel('Description').fill('é'.repeat(1500));
    await page.getByRole('button', { name: 'Préparer la proposition' }).click();
    await page.getByText('Elle est trop longue pour un lien').waitFor();
    expect(await page.getByRole('link', { name: /^Télécharger archipel-patch-/ }).count()).toBe(1);
  });

  test('adding a place: the validator names what is missing; a click on the map places the pin', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl);
    await page.getByRole('button', { name: 'Ajouter un lieu' }).click();
    await page.getByRole('heading', { name: 'Ajouter un lieu' }).waitFor();
    await page.getByRole('button', { name: 'Préparer la proposition' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Pas encore de position.');

    await page.getByRole('button', { name: 'Placer en cliquant sur la carte' }).click();
    const canvas = page.locator('.maplibregl-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.getByText(/^Position : \d/).waitFor();
    expect(await page.locator('.pick-marker').count()).toBe(1);
    const point = await page.evaluate(() => {
      const c = window.__archipelMap!.map.unproject([0, 0]);
      return c;
    });
    expect(point).toBeTruthy();

    await page.getByLabel('Nom', { exact: true }).fill('Atelier de test');
    await page.getByRole('button', { name: 'Préparer la proposition' }).click();
    await alert.waitFor();
    // The validator's own words: what a file with this place would be refused for.
    const problems = await page.locator('.suggest-problems li').allTextContents();
    expect(problems).toContain('champ obligatoire « address » absent');
    expect(errors).toEqual([]);
  });

  test('a complete new place gives a valid "add" patch that review accepts', async () => {
    const { page } = await openPage();
    const brest = dataset.territories.find((t) => t.id === 'brest')!;
    await openAppUi(page, baseUrl, `suggest=new&territory=brest&near=${brest.center[1]},${brest.center[0]}`);
    await page.getByLabel('Nom', { exact: true }).fill('Atelier de test');
    await page.locator('#sg-address').fill('1 rue de Siam');
    await page.locator('#sg-postcode').fill('29200');
    await page.locator('#sg-commune').fill('Brest');
    await page.getByLabel('Type de lieu').selectOption('fablab');
    await page.locator('.suggest').getByRole('checkbox', { name: 'Contributeur aux communs', exact: true }).check();
    await page.locator('.suggest').getByRole('checkbox', { name: 'Fabrication', exact: true }).check();
    await page.getByRole('button', { name: /^Placer au lieu cherché/ }).click();
    await page.getByRole('button', { name: 'Préparer la proposition' }).click();
    const link = page.getByRole('link', { name: /^Télécharger archipel-patch-brest-atelier-de-test-/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const patch = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(matchesSchema(patch)).toBe(true);
    expect(patch).toMatchObject({
      op: 'add',
      id: 'brest-atelier-de-test',
      changes: { territory: 'brest', category: 'fablab', coordinates: [brest.center[0], brest.center[1]] },
    });
    const applied = applyPatch(rawActors, patch, context);
    expect(applied.ok).toBe(true);
  });
});

describe('every fact shows its age', { timeout: 150_000 }, () => {
  test('the detail says when and from where the facts were checked, and what is missing', async () => {
    const { page } = await openPage();
    await openAppUi(page, baseUrl, 'view=list');
    for (const n of [0, 40, 81]) {
      const a = dataset.actors[n]!;
      await page.locator('#results .actor-open', { hasText: a.properties.name }).first().click();
      await page.getByRole('heading', { name: a.properties.name, exact: true }).waitFor();
      expect(await page.locator('.detail .fresh-age').textContent()).toMatch(/^vérifié en \S+ \d{4} · \S+/);
      expect(await page.locator('.detail .fresh-missing').textContent()).toMatch(/^(Manque : |Fiche complète)/);
      await page.getByRole('button', { name: 'Fermer la fiche' }).click();
    }
  });

  test('"to check" is a filter in the URL; the list shows exactly those actors', async () => {
    const { page } = await openPage();
    await openAppUi(page, baseUrl, 'view=list&check=stale');
    const expected = selectActors(
      dataset.actors,
      {
        filters: { categories: [], roles: [], themes: [], match: 'any', q: '', territory: null },
        near: null,
        radius: null,
        open: null,
        unknownHours: false,
        need: null,
        check: 'stale',
        stale: null,
      },
      { now: Date.now(), hours: null, freshness },
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(dataset.actors.length);
    await expect
      .poll(async () => (await page.locator('#results .actor-name').allTextContents()).length, { timeout: 30_000 })
      .toBe(expected.length);
    expect((await page.locator('#results .actor-name').allTextContents()).sort()).toEqual(
      expected.map((a) => a.properties.name).sort(),
    );
    await page.getByRole('radio', { name: 'Toutes les fiches' }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('check'), { timeout: 30_000 }).toBe(null);
    await page.getByRole('radio', { name: /^Anciennes \(plus de 2 ans\) ou incomplètes/ }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('check'), { timeout: 30_000 }).toBe('1');
    // Nothing older than 50 years: the empty list says the filter empties it, and lifts it.
    await openAppUi(page, baseUrl, 'view=list&check=stale&stale=50');
    const answer = page.locator('.empty-answer');
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.locator('.empty').textContent()).toBe(
      'Aucun lieu ne répond à tous ces critères : c’est le filtre « fiches à vérifier : Anciennes (plus de 50 ans) » qui vide la liste.',
    );
    await answer
      .getByRole('button', {
        name: `Sans le filtre « fiches à vérifier : Anciennes (plus de 50 ans) » : ${dataset.actors.length} lieux`,
      })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('check'), { timeout: 30_000 }).toBe(null);
    await expect
      .poll(async () => (await page.locator('#results .actor-name').allTextContents()).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
  });
});

describe('change over time', { timeout: 150_000 }, () => {
  test('view=stats lists who joined and left, per network and territory, from the changelogs only', async () => {
    const { page, errors } = await openPage();
    const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/sync/${name}`, 'utf8')).features;
    const first = compareSource({ source: 's', previous: [], next: fixture('previous.geojson') });
    const second = compareSource({ source: 's', previous: fixture('previous.geojson'), next: fixture('next.geojson') });
    const logs: Record<string, unknown> = {
      'index.json': ['2026-01-01', '2026-02-01'],
      '2026-01-01.json': makeChangelog('2026-01-01', null, [], first, []),
      '2026-02-01.json': makeChangelog('2026-02-01', '2026-01-01', [], second, []),
    };
    await page.route('**/data/changelog/*', (route) => {
      const name = new URL(route.request().url()).pathname.split('/').at(-1)!;
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(logs[name]) });
    });
    await openAppUi(page, baseUrl, 'view=stats');
    const table = page.locator('.changes-table');
    await table.waitFor();
    const brest = dataset.territories.find((t) => t.id === 'brest')!.name;
    const chatons = dataset.networks.find((n) => n.id === 'chatons')!.name;
    const rows = async () =>
      (await table.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()).sort();
    // The changelogs may come before the data that names their territories and networks: the rows
    // say their ids until then.
    await expect
      .poll(rows, { timeout: 30_000 })
      .toEqual(
        [
          `${brest} 5 — Lieu A, Lieu B, Lieu C, Lieu D, Lieu E 1 — Lieu D`,
          `${chatons} 2 — Lieu D, Lieu E 1 — Lieu D`,
        ].sort(),
      );
    await page.getByLabel('Du').fill('2026-01-15');
    await expect
      .poll(rows, { timeout: 30_000 })
      .toEqual([`${brest} 1 — Lieu E 1 — Lieu D`, `${chatons} 1 — Lieu E 1 — Lieu D`].sort());
    expect(errors).toEqual([]);
  });
});
