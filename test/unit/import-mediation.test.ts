import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  importMediationCsv,
  importMediationJson,
  SERVICE_THEMES,
  TYPOLOGY_CATEGORIES,
  categoryFromName,
} from '../../src/data/import/mediation-numerique';
import { CATEGORY_ROLES } from '../../src/data/import/common';
import { detectFormat, importText } from '../../src/data/import';
import { validateNetworks, validateTerritories } from '../../src/data/validate';
import { formatIssue } from '../../src/data/issue-text';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { createTranslator } from '../../src/i18n';
import { nodeAdmin } from '../../scripts/admin-files';
import type { Territory } from '../../src/core/types';

const en = createTranslator('en');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const territories = validateTerritories(JSON.parse(fixture('territories.json')), 'territories.json').valid;
const networks = validateNetworks(JSON.parse(fixture('networks.json')), 'networks.json').valid;

/**
 * Our fixtures in the standard's formats, with made-up places and contacts (see test/fixtures/README.md):
 * three v1.0.2 CSV rows around Aix-en-Provence, and twelve v0 JSON records in Auvergne-Rhône-Alpes
 * with the flaws of the real regional files (pivot 00000000000000, mixed-case communes, missing
 * hours, a place listed twice, a site that is not a web address).
 */
const EXAMPLE = 'mediation-v1.0.2.csv';
const HINAURA = 'mediation-v0.json';
const exampleCsv = fixture(EXAMPLE);
const hinaura = JSON.parse(fixture(HINAURA)) as Record<string, unknown>[];

/** Synthetic test territories: around the CSV's places (in Aix-en-Provence), and the whole Auvergne-Rhône-Alpes region. */
const aroundExample: Territory = {
  id: 'exemple',
  name: 'Exemple (test)',
  center: [5.41, 43.52],
  bbox: [5.3, 43.4, 5.5, 43.6],
};
const region: Territory = {
  id: 'aura',
  name: 'Auvergne-Rhône-Alpes (test)',
  center: [4.5, 45.5],
  bbox: [2.0, 44.0, 7.3, 46.9],
};

const options = (extra: object = {}) => ({ file: HINAURA, territories, networks, checkOpeningHours, ...extra });

/** A v0 record of the real file's shape, with made-up values. */
function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: 't1',
    nom: 'Espace numérique de test',
    services: 'Prendre en main un ordinateur;Accéder à une connexion internet',
    pivot: '00000000000000',
    commune: 'GRENOBLE',
    code_postal: '38000',
    adresse: '1 rue de Test',
    latitude: 45.19,
    longitude: 5.72,
    source: 'Test',
    date_maj: '2022-01-01',
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

describe('a CSV of the standard (v1.0.2, `|` lists)', () => {
  test('is recognised, and every row imported with its commune, anywhere in France', async () => {
    expect(detectFormat(EXAMPLE, exampleCsv).format).toBe('mediation-csv');
    const admin = await nodeAdmin(['13']);
    const result = importMediationCsv(exampleCsv, { ...options(), file: EXAMPLE, admin });
    expect(result.summary).toMatchObject({ read: 3, imported: 3, rejected: 0 });
    // The rows' INSEE codes (Aix-en-Provence, and a neighbour for the third), checked against the positions.
    expect(result.features.map((f) => f.properties.insee)).toEqual(['13001', '13001', '13109']);
  });

  test('maps every field of the standard', () => {
    const result = importMediationCsv(exampleCsv, { ...options(), file: EXAMPLE, territories: [aroundExample] });
    expect(result.issues).toEqual([]);
    expect(result.features).toHaveLength(3);
    const feature = result.features[0]!;
    expect(feature.geometry.coordinates).toEqual([5.4497, 43.5283]);
    expect(feature.properties).toEqual({
      id: 'la-fabrique-des-possibles-structure-1',
      name: 'La Fabrique des Possibles',
      // TIERS_LIEUX|ASSO: the first mapped code wins.
      category: 'third-place',
      roles: ['opportunity-space'],
      // Maîtrise…, Insertion…, Loisirs… → training; every place → digital-inclusion.
      themes: ['training', 'digital-inclusion'],
      address: '12 BIS RUE DES ARTS, Bâtiment B',
      postcode: '13100',
      commune: 'Aix-en-Provence',
      // The standard's code_insee.
      insee: '13001',
      // The first of each list (sites, emails).
      url: 'https://fabrique-possibles.example/',
      email: 'contact@fabrique-possibles.example',
      phone: '+33400000101',
      // The summary, not the detail.
      description: "Ateliers d'initiation au numérique pour tous les âges.",
      opening_hours: 'Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00',
      source: 'Coopérative numérique (exemple) ; mediation-v1.0.2.csv, id structure-1, pivot 98765432100017',
      updated: '2024-04-02',
    });
  });

  test('the real files’ flaws: a zero pivot is not kept, a lower-case commune is kept as given, no hours is no hours', () => {
    const result = importMediationCsv(exampleCsv, { ...options(), file: EXAMPLE, territories: [aroundExample] });
    expect(result.features[1]!.properties).toEqual({
      id: 'mediatheque-des-calissons-structure-2',
      name: 'MEDIATHEQUE DES CALISSONS',
      // BIB: a library, a public service.
      category: 'library',
      roles: ['public-service', 'opportunity-space'],
      themes: ['digital-inclusion'],
      address: '3 AVENUE DES TILLEULS',
      postcode: '13090',
      commune: 'aix-en-provence',
      insee: '13001',
      source: 'Coopérative numérique (exemple) ; mediation-v1.0.2.csv, id structure-2',
      updated: '2023-11-20',
      // "Accès internet et matériel informatique": public computers on site (census, issue 14).
      services: ['public-internet'],
    });
    // EVS; "Acquisition de matériel…" → equipment.
    expect(result.features[2]!.properties).toMatchObject({
      category: 'social-centre',
      themes: ['training', 'digital-inclusion', 'equipment'],
      source: 'Coopérative numérique (exemple) ; mediation-v1.0.2.csv, id structure-3',
    });
  });

  test('reads the same row with `;` between cells and `;` in lists (v0 style)', () => {
    const header = 'id;nom;commune;code_postal;adresse;latitude;longitude;typologie;services;horaires;date_maj;pivot';
    const row =
      's-2;Médiathèque Test;Grenoble;38000;2 rue;45,19;5,72;BIB;Aide aux démarches administratives|Acquisition de matériel informatique à prix solidaire;Mo 10:00-12:00;2024-01-01;00000000000000';
    const rowV0 =
      's-3;Fablab Test;Grenoble;38000;3 rue;45,18;5,71;;Prendre en main un ordinateur;;2024-01-01;00000000000000';
    const result = importMediationCsv(`${header}\n${row}\n${rowV0}\n`, { ...options(), file: 'x.csv' });
    expect(result.issues).toEqual([]);
    expect(
      result.features.map((f) => [f.properties.id, f.properties.category, f.properties.roles, f.properties.themes]),
    ).toEqual([
      ['mediatheque-test-s-2', 'library', ['public-service', 'opportunity-space'], ['digital-inclusion', 'equipment']],
      ['fablab-test-s-3', 'fablab', ['opportunity-space'], ['training', 'digital-inclusion']],
    ]);
    expect(result.features[0]!.properties.source).toBe('x.csv, id s-2');
  });
});

describe(`JSON records of a regional file (${HINAURA}, v0 fields)`, () => {
  test('is recognised as JSON records of the standard', () => {
    expect(detectFormat(HINAURA, fixture(HINAURA)).format).toBe('mediation-json');
  });

  test('anywhere in France: 12 read = imported + rejected, none rejected for where it is', () => {
    const result = importText(fixture(HINAURA), options());
    expect(result.summary).toMatchObject({
      file: HINAURA,
      format: 'mediation-json',
      read: 12,
      imported: 12,
      rejected: 0,
    });
    expect(result.features.filter((f) => /grenoble/i.test(f.properties.commune))).toHaveLength(3);
  });

  test('over the whole region: every place imported, mapped, hours kept, probable duplicates reported', () => {
    const result = importMediationJson(hinaura, options({ territories: [region] }));
    expect(result.summary).toMatchObject({ read: 12, imported: 12, rejected: 0, duplicates: 1, warnings: 2 });
    const count = (pick: (p: (typeof result.features)[number]['properties']) => boolean) =>
      result.features.filter((f) => pick(f.properties)).length;
    expect(count((p) => p.themes.includes('digital-inclusion'))).toBe(12);
    expect(count((p) => p.themes.includes('training'))).toBe(8);
    expect(count((p) => p.themes.includes('participation'))).toBe(2);
    // "some missing hours": 9 records have hours, all valid; the others are kept without.
    expect(count((p) => p.opening_hours !== undefined)).toBe(9);
    // "facebook" is not a web address: dropped with a warning.
    expect(count((p) => p.url !== undefined)).toBe(3);
    expect(result.features.map((f) => f.properties.category)).toEqual([
      'public-body',
      'library',
      'social-centre',
      'internet-access',
      'internet-access',
      'association',
      'public-body',
      'internet-access',
      'internet-access',
      'third-place',
      'library',
      'internet-access',
    ]);
    const duplicate = result.issues.find((i) => i.id === 'l-atelier-numerique-1011')!;
    expect(formatIssue(duplicate, en)).toMatch(/^mediation-v0\.json \[4\] \(l-atelier-numerique-1011\): /);
    expect(duplicate.params).toEqual({ other: 'l-atelier-numerique-999', at: '[3]', metres: 0 });
  });

  test('known flaws: pivot 00000000000000 is not kept, mixed-case communes are kept as given', () => {
    const result = importMediationJson(hinaura, options({ territories: [region] }));
    // Only the one real pivot (a SIRET) is kept in the source.
    expect(result.features.filter((f) => f.properties.source!.includes('pivot')).map((f) => f.properties.id)).toEqual([
      'mediatheque-du-parc-12',
    ]);
    const first = result.features[0]!.properties;
    expect(first).toMatchObject({
      id: 'maison-de-services-au-public-du-haut-chablais-0',
      commune: 'ABONDANCE',
      category: 'public-body',
      source: `Hinaura ; ${HINAURA}, id 0`,
    });
    expect(result.features.map((f) => f.properties.commune)).toEqual(
      expect.arrayContaining(['Aix les bains', 'Saint Etienne', 'Seyssinet - Pariset', 'GRENOBLE', 'Grenoble']),
    );
  });

  test('never copies phones or emails into messages', () => {
    const result = importMediationJson(
      hinaura.map((r, i) => (i < 5 ? { ...r, courriel: `pas-une-adresse-${i}`, latitude: 45.19, longitude: 5.72 } : r)),
      options({ territories: [region] }),
    );
    const text = JSON.stringify(result.issues) + result.issues.map((i) => formatIssue(i, en)).join('\n');
    expect(result.issues.filter((i) => i.code === 'emailInvalid')).toHaveLength(5);
    expect(hinaura.filter((r) => typeof r.telephone === 'string')).toHaveLength(8);
    expect(hinaura.filter((r) => typeof r.courriel === 'string')).toHaveLength(7);
    for (const r of hinaura) {
      if (typeof r.telephone === 'string') expect(text).not.toContain(r.telephone);
      if (typeof r.courriel === 'string') expect(text).not.toContain(r.courriel);
    }
    expect(text).not.toContain('pas-une-adresse');
  });
});

describe('rejections and warnings', () => {
  const run = (...records: Record<string, unknown>[]) => importMediationJson(records, { ...options(), file: 'r.json' });
  const messages = (result: ReturnType<typeof run>) => result.issues.map((i) => `${i.severity}: ${formatIssue(i, en)}`);

  test('a record without coordinates is rejected, never placed at 0,0', () => {
    const result = run(
      record({ latitude: undefined }),
      record({ id: 't2', longitude: '' }),
      record({ id: 't3', latitude: 0, longitude: 0 }),
    );
    expect(result.features).toEqual([]);
    expect(messages(result)).toEqual([
      'error: r.json [0] (espace-numerique-de-test-t1): missing geometry',
      'error: r.json [1] (espace-numerique-de-test-t2): missing geometry',
      // [0, 0]: a missing position.
      expect.stringMatching(/^error: r\.json \[2\] \(espace-numerique-de-test-t3\): /),
    ]);
    expect(result.summary.rejectedByReason).toEqual({ 'geometryMissing:geometry': 2, 'coordinatesZero:geometry': 1 });
  });

  test('invalid hours, a non-web site and a bad date are dropped with a warning; the place is kept', () => {
    const result = run(record({ horaires: 'Mo-Fr 9h', site_web: 'www.exemple.fr', date_maj: '05/05/2021' }));
    expect(result.features).toHaveLength(1);
    const p = result.features[0]!.properties;
    expect(p.opening_hours).toBeUndefined();
    expect(p.url).toBeUndefined();
    expect(p.updated).toBeUndefined();
    expect(result.issues.map((i) => [i.severity, i.code, i.field])).toEqual([
      ['warning', 'urlScheme', 'url'],
      ['warning', 'dateInvalid', 'updated'],
      ['warning', 'openingHoursInvalid', 'opening_hours'],
    ]);
    expect(result.summary).toMatchObject({ imported: 1, rejected: 0, warnings: 3 });
  });

  test('unknown services and typology codes are warnings; the first http(s) site is kept', () => {
    const result = run(
      record({
        services: 'Service inconnu;Prendre en main un ordinateur',
        typologie: 'XYZ;CCAS',
        site_web: 'facebook;https://exemple.fr',
      }),
    );
    expect(result.features[0]!.properties).toMatchObject({
      category: 'public-body',
      roles: ['public-service', 'opportunity-space'],
      url: 'https://exemple.fr',
    });
    expect(messages(result)).toEqual([
      'warning: r.json [0] (espace-numerique-de-test-t1): unknown typologie "XYZ"',
      'warning: r.json [0] (espace-numerique-de-test-t1): unknown services "Service inconnu"',
    ]);
  });

  test('a missing name or address is the validator’s rejection', () => {
    const result = run(record({ adresse: undefined }));
    expect(messages(result)).toEqual([
      'error: r.json [0] (espace-numerique-de-test-t1): missing required field "address"',
    ]);
  });

  test('a postcode given as a number gets its leading zero back', () => {
    const result = importMediationJson([record({ code_postal: 1000 })], { ...options(), territories: [region] });
    expect(result.features[0]!.properties.postcode).toBe('01000');
  });

  test('ids are deterministic and distinct for the same name', () => {
    const a = run(record({ id: 'A 1' }), record({ id: 'a-2', latitude: 45.2 }));
    expect(a.features.map((f) => f.properties.id)).toEqual([
      'espace-numerique-de-test-a-1',
      'espace-numerique-de-test-a-2',
    ]);
    expect(run(record({ id: 'A 1' })).features[0]!.properties.id).toBe('espace-numerique-de-test-a-1');
  });
});

describe('mapping tables', () => {
  const doc = readFileSync(new URL('../../src/data/import/MAPPING.md', import.meta.url), 'utf8');

  test('every service, typology code and category rule of the code is in MAPPING.md', () => {
    for (const [service, themes] of Object.entries(SERVICE_THEMES)) {
      expect(doc).toMatch(
        new RegExp(`\\| ${service.replace(/[()]/g, '\\$&')}( \\(v0\\))? \\| ${themes.join(', ')} \\|`),
      );
    }
    for (const code of Object.keys(TYPOLOGY_CATEGORIES)) expect(doc).toMatch(new RegExp(`[| ,]${code}[ ,|]`));
    for (const [category, roles] of Object.entries(CATEGORY_ROLES))
      expect(doc).toContain(`| ${category} | ${roles.join(', ')} |`);
  });

  test('name rules decide when typologie is absent', () => {
    expect(categoryFromName('MEDIATHEQUE DE BERNIN')).toBe('library');
    expect(categoryFromName('Maison des Habitant-es Essarts Surieux')).toBe('social-centre');
    expect(categoryFromName('Centre Social Jean Moulin')).toBe('social-centre');
    expect(categoryFromName('Mairie de Revel')).toBe('public-body');
    expect(categoryFromName('Association PANGOLIN')).toBe('association');
    expect(categoryFromName('Numerinaute')).toBe('internet-access');
  });
});
