import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { toCsv, provenanceFileName, toProvenanceJson } from '../../src/export/csv';
import { toGeoJSON } from '../../src/export/geojson';
import {
  buildProvenance,
  describeFilters,
  exportDate,
  exportQuery,
  isExportDate,
  summariseSources,
  GENERATOR,
} from '../../src/export/provenance';
import { exportSelection } from '../../src/export';
import { ACTOR_PROPERTY_ORDER } from '../../src/data/validate';
import { TEMPLATE_COLUMNS, unescapeCell } from '../../src/data/import/template-csv';
import { NO_FILTERS } from '../../src/core/filter';
import { DEFAULT_URL_STATE, decodeUrl } from '../../src/core/url';
import { createTranslator } from '../../src/i18n';
import * as hoursModule from '../../src/data/hours';
import type { ActorFeature, ActorProperties, Territory } from '../../src/core/types';
import type { MessageKey, Params, Translator } from '../../src/i18n';
import type { Provenance } from '../../src/export/provenance';
import { actorFixture } from './fixtures';

const actor = actorFixture;

const territories: Territory[] = [
  { id: 'brest', name: 'Brest', center: [-4.486, 48.39], bbox: [-4.77, 48.33, -4.26, 48.5] },
  { id: 'grenoble', name: 'Grenoble', center: [5.724, 45.188], bbox: [5.55, 45.03, 5.98, 45.33] },
];

const provenance: Provenance = {
  permalink: 'https://example.org/archipel/?theme=training',
  filtersInWords: { fr: 'Thème : Formation', en: 'Theme: Training' },
  date: '2026-01-02',
  actors: 1,
  sources: ['example.org'],
  licence: 'ODbL-1.0',
  generator: GENERATOR,
};

/** The rows of a CSV as a spreadsheet reads them (papaparse, no un-escaping). */
function cells(csv: string): string[][] {
  return Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
}

describe('toCsv', () => {
  test('starts with a BOM, ends lines with CRLF (the last one too), header in template order', () => {
    const csv = toCsv([actor()]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(TEMPLATE_COLUMNS.join(','));
    // Every property but `fact_sources` (an object: GeoJSON only), then the position.
    expect(TEMPLATE_COLUMNS).toEqual([
      ...ACTOR_PROPERTY_ORDER.filter((k) => k !== 'fact_sources'),
      'longitude',
      'latitude',
    ]);
  });

  test('no actor gives the header alone', () => {
    expect(toCsv([])).toBe(`\ufeff${TEMPLATE_COLUMNS.join(',')}\r\n`);
  });

  test('lists are joined by |, absent fields are empty cells, coordinates are plain numbers', () => {
    const csv = toCsv([
      actor({
        roles: ['public-service', 'opportunity-space'],
        themes: ['training', 'equipment'],
        networks: ['papi-brest', 'chatons'],
      }),
    ]);
    const [header, row] = cells(csv) as [string[], string[]];
    const get = (c: string) => row[header.indexOf(c)];
    expect(get('roles')).toBe('public-service|opportunity-space');
    expect(get('themes')).toBe('training|equipment');
    expect(get('networks')).toBe('papi-brest|chatons');
    expect(get('partners')).toBe('');
    expect(get('email')).toBe('');
    // Negative numbers are not formulas: no escaping on coordinates.
    expect(get('longitude')).toBe('-4.49');
    expect(get('latitude')).toBe('48.39');
  });

  test.each([
    ['=1+1', "'=1+1"],
    ['+33 2 98 00 00 00', "'+33 2 98 00 00 00"],
    ['-- voir plus bas', "'-- voir plus bas"],
    ['@home', "'@home"],
    ["'=déjà échappé", "''=déjà échappé"],
    ["''-deux", "'''-deux"],
    ['=HYPERLINK("http://x")\nsuite', '\'=HYPERLINK("http://x")\nsuite'],
    ["'apostrophe simple", "'apostrophe simple"],
    ['a = b', 'a = b'],
  ])('neutralises formulas: %j is written %j, and read back as it was', (value, written) => {
    const csv = toCsv([actor({ description: value })]);
    const [header, row] = cells(csv) as [string[], string[]];
    const cell = row[header.indexOf('description')]!;
    expect(cell).toBe(written);
    expect(unescapeCell(cell)).toBe(value);
  });

  test('quotes, commas, line breaks and accents survive RFC 4180 quoting', () => {
    const description = 'Il a dit "bonjour", puis\r\nest parti ; à bientôt — ½ 😀';
    const csv = toCsv([actor({ description, name: 'Café, "Le Lieu"' })]);
    expect(csv).toContain('"Il a dit ""bonjour"", puis\r\nest parti ; à bientôt — ½ 😀"');
    expect(csv).toContain('"Café, ""Le Lieu"""');
    const [header, row] = cells(csv) as [string[], string[]];
    expect(row[header.indexOf('description')]).toBe(description);
    expect(row).toHaveLength(TEMPLATE_COLUMNS.length);
  });

  test('the sidecar is named after the CSV and holds the provenance', () => {
    expect(provenanceFileName('archipel-2026-01-02.csv')).toBe('archipel-2026-01-02.provenance.json');
    expect(provenanceFileName('out/x.CSV')).toBe('out/x.provenance.json');
    expect(JSON.parse(toProvenanceJson(provenance))).toEqual(provenance);
    expect(toProvenanceJson(provenance).endsWith('}\n')).toBe(true);
  });
});

describe('toGeoJSON', () => {
  test('writes type, metadata, features; properties in schema order; 2-space indent; newline at end', () => {
    const shuffled = actor({ updated: '2026-01-01', source: 'https://example.org', url: 'https://example.org/x' });
    const reordered = Object.fromEntries(Object.entries(shuffled.properties).reverse()) as unknown as ActorProperties;
    const text = toGeoJSON([{ ...shuffled, properties: reordered }], provenance);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "type": "FeatureCollection",\n  "metadata": {\n')).toBe(true);
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['type', 'metadata', 'features']);
    expect(json.metadata).toEqual(provenance);
    expect(Object.keys(json.features[0])).toEqual(['type', 'geometry', 'properties']);
    expect(Object.keys(json.features[0].properties)).toEqual(ACTOR_PROPERTY_ORDER.filter((k) => k in reordered));
  });

  test('leaves metadata out when there is no provenance (an import)', () => {
    expect(Object.keys(JSON.parse(toGeoJSON([actor()])))).toEqual(['type', 'features']);
  });

  test('is stable: the same actors give the same bytes', () => {
    expect(toGeoJSON([actor()], provenance)).toBe(toGeoJSON([actor()], provenance));
  });
});

/** The real translator, with the message keys this feature asks for (until the catalogues have them). */
function withExportKeys(lang: 'fr' | 'en'): Translator {
  const base = createTranslator(lang);
  const extra: Record<string, string> =
    lang === 'fr'
      ? {
          'export.filters.none': 'tous les acteurs',
          'export.filters.group': '{label} : {values}',
          'export.filters.or': ' ou ',
          'export.filters.and': ' et ',
          'export.filters.q': 'texte « {q} »',
          'export.filters.separator': ' ; ',
        }
      : {
          'export.filters.none': 'all actors',
          'export.filters.group': '{label}: {values}',
          'export.filters.or': ' or ',
          'export.filters.and': ' and ',
          'export.filters.q': 'text "{q}"',
          'export.filters.separator': '; ',
        };
  const t = ((key: MessageKey, params?: Params) => {
    const own = extra[key];
    if (own === undefined) return base(key, params);
    return own.replace(/\{(\w+)\}/g, (whole, name: string) => String(params?.[name] ?? whole));
  }) as Translator;
  return Object.assign(t, { lang, number: base.number, plural: base.plural });
}

describe('provenance', () => {
  const fr = withExportKeys('fr');
  const en = withExportKeys('en');

  test('describeFilters says every filter in words, in both languages', () => {
    const filters = {
      ...NO_FILTERS,
      categories: ['library' as const],
      themes: ['training' as const, 'making' as const],
      match: 'all' as const,
      q: 'quartier',
      territory: 'grenoble',
    };
    expect(describeFilters(filters, fr, territories)).toBe(
      `Territoire : Grenoble ; ${fr('filters.category')} : Médiathèque, bibliothèque ; Thème : Formation et ${fr('theme.making')} ; texte « quartier »`,
    );
    expect(describeFilters(filters, en, territories)).toBe(
      'Territory: Grenoble; Type of actor: Media library, library; Theme: Training and Making; text "quartier"',
    );
    expect(describeFilters({ ...filters, match: 'any', q: '', territory: null, categories: [] }, en)).toBe(
      'Theme: Training or Making',
    );
    expect(describeFilters(NO_FILTERS, en)).toBe('all actors');
    expect(describeFilters({ ...NO_FILTERS, territory: 'nowhere' }, en, territories)).toBe('Territory: nowhere');
  });

  test('the permalink reproduces the selection only: filters and data, not the view', () => {
    const { state } = decodeUrl('map=12/48.39/-4.49&theme=training&selected=x&lang=en&category=library&view=list');
    expect(exportQuery(state)).toBe('category=library&theme=training');
    const p = buildProvenance({
      state,
      actors: [actor()],
      territories,
      date: '2026-01-02',
      baseUrl: 'https://example.org/archipel/',
      translators: { fr, en },
    });
    expect(p.permalink).toBe('https://example.org/archipel/?category=library&theme=training');
    expect(buildProvenance({ state: DEFAULT_URL_STATE, actors: [], territories, date: '2026-01-02' }).permalink).toBe(
      './',
    );
  });

  test('has the fields in a fixed order, the licence of our data, the generator and the count', () => {
    const p = buildProvenance({
      state: DEFAULT_URL_STATE,
      actors: [actor(), actor({ id: 'b' })],
      territories,
      date: '2026-01-02',
      translators: { fr, en },
    });
    expect(Object.keys(p)).toEqual([
      'permalink',
      'filtersInWords',
      'date',
      'actors',
      'sources',
      'licence',
      'generator',
    ]);
    expect(p).toMatchObject({
      actors: 2,
      licence: 'ODbL-1.0',
      date: '2026-01-02',
      filtersInWords: { fr: 'tous les acteurs', en: 'all actors' },
    });
    expect(p.generator).toMatch(/^Archipel \d+\.\d+\.\d+/);
  });

  test('the place with its radius and the opening time select too: in the permalink, open=now as its minute, and in words', () => {
    const { state } = decodeUrl('near=48.39,-4.49&radius=2.5&open=now&category=library&map=12/48.39/-4.49');
    const now = hoursModule.parisInstant(2026, 11, 25, 10, 0).getTime();
    const p = buildProvenance({
      state,
      now,
      hours: hoursModule,
      actors: [actor()],
      territories,
      date: '2026-11-25',
      baseUrl: 'https://example.org/',
      translators: { fr: createTranslator('fr'), en: createTranslator('en') },
    });
    expect(p.permalink).toBe('https://example.org/?category=library&near=48.39,-4.49&radius=2.5&open=2026-11-25T10:00');
    expect(p.filtersInWords.fr).toBe(
      'Type d’acteur : Médiathèque, bibliothèque ; à moins de 2,5 km de 48.39, -4.49 ; ouverts le 2026-11-25 à 10:00 (heure de Paris)',
    );
    expect(p.filtersInWords.en).toBe(
      'Type of actor: Media library, library; within 2.5 km of 48.39, -4.49; open on 2026-11-25 at 10:00 (Paris time)',
    );
    // A place alone sorts the list but selects nothing out: not part of the selection.
    expect(exportQuery(decodeUrl('near=48.39,-4.49&theme=training').state)).toBe('theme=training');
  });

  test('exportSelection exports what the place, radius and time select', () => {
    const near = actor({ id: 'near', opening_hours: 'Mo-Fr 09:00-18:00' }, [-4.49, 48.39]);
    const far = actor({ id: 'far', opening_hours: 'Mo-Fr 09:00-18:00' }, [-4.3, 48.45]);
    const closed = actor({ id: 'closed', opening_hours: 'Sa 10:00-12:00' }, [-4.49, 48.391]);
    const { state } = decodeUrl('near=48.39,-4.49&radius=3&open=2026-11-25T10:00');
    const out = exportSelection({
      dataset: { actors: [near, far, closed], territories, networks: [] },
      state,
      hours: hoursModule,
      format: 'geojson',
      date: '2026-11-25',
    });
    expect(out.actors.map((a) => a.properties.id)).toEqual(['near']);
    expect(() =>
      exportSelection({
        dataset: { actors: [near], territories, networks: [] },
        state,
        format: 'geojson',
        date: '2026-11-25',
      }),
    ).toThrow(/open=/);
  });

  test('a file previewed from the computer has no licence we could vouch for', () => {
    expect(
      buildProvenance({ state: DEFAULT_URL_STATE, localFile: 'mine.csv', actors: [], territories, date: '2026-01-02' })
        .licence,
    ).toBeNull();
  });

  test('a file loaded with data= has no licence we could vouch for', () => {
    const { state } = decodeUrl('data=https://example.org/x.csv');
    expect(buildProvenance({ state, actors: [], territories, date: '2026-01-02' }).licence).toBeNull();
  });

  test('sources are summarised as distinct hosts and named sources, sorted', () => {
    const actors = [
      actor({
        source: 'https://www.a-brest.net/article1.html ; Étude Sciences Po Chaire Villes et numérique, Brest/Grenoble',
      }),
      actor({ source: 'http://a-brest.net/article2.html (archive) ; dépôt GitHub public indexé (liste SQL)' }),
      actor({ source: undefined }),
    ];
    expect(summariseSources(actors)).toEqual([
      'a-brest.net',
      'dépôt GitHub public indexé',
      'Étude Sciences Po Chaire Villes et numérique, Brest/Grenoble',
    ]);
  });

  test('dates are UTC days', () => {
    expect(exportDate(new Date('2026-03-01T23:30:00-02:00'))).toBe('2026-03-02');
    expect(isExportDate('2026-02-28')).toBe(true);
    expect(isExportDate('2026-02-30')).toBe(false);
    expect(isExportDate('2026-2-3')).toBe(false);
  });
});

describe('exportSelection', () => {
  const dataset = {
    actors: [actor(), actor({ id: 'grenoble-lab', category: 'fablab', territory: 'grenoble' }, [5.72, 45.18])],
    territories,
    networks: [],
  };

  test('filters with the URL state and writes GeoJSON with its provenance inside', () => {
    const { state } = decodeUrl('category=fablab');
    const out = exportSelection({ dataset, state, format: 'geojson', date: '2026-01-02' });
    expect(out.files.map((f) => f.name)).toEqual(['archipel-2026-01-02.geojson']);
    const json = JSON.parse(out.files[0]!.text);
    expect(json.features.map((f: ActorFeature) => f.properties.id)).toEqual(['grenoble-lab']);
    expect(json.metadata.actors).toBe(1);
  });

  test('writes CSV and its provenance sidecar', () => {
    const out = exportSelection({ dataset, state: DEFAULT_URL_STATE, format: 'csv', date: '2026-01-02' });
    expect(out.files.map((f) => [f.name, f.mime])).toEqual([
      ['archipel-2026-01-02.csv', 'text/csv;charset=utf-8'],
      ['archipel-2026-01-02.provenance.json', 'application/json'],
    ]);
    expect(out.files[0]!.text).toBe(toCsv(dataset.actors));
    expect(JSON.parse(out.files[1]!.text)).toEqual(out.provenance);
  });
});

describe('the CSV template shipped with the app', () => {
  test('is exactly the header an export writes', async () => {
    const { readFileSync } = await import('node:fs');
    const { toCsv } = await import('../../src/export/csv');
    expect(readFileSync('public/template/acteurs-modele.csv', 'utf8')).toBe(toCsv([]));
  });
});
