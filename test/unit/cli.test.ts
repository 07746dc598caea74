import { describe, expect, test, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataset } from '../../src/data/load';
import { loadForeign } from '../../src/data/foreign-load';
import { nodeAdminSource } from '../../scripts/admin-files';
import { filterActors, indexActors } from '../../src/core/filter';
import { importText } from '../../src/data/import';
import { exportSelection } from '../../src/export';
import { decodeUrl } from '../../src/core/url';

// The shipped data is the national census (some 20,000 actors): each script run reads and checks it all.
vi.setConfig({ testTimeout: 180_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const JSON_RECORDS = fileURLToPath(new URL('../fixtures/mediation-v0.json', import.meta.url));

/** Runs one of our scripts as `npm run <name>` would (`tsx scripts/<name>.ts`). */
function run(script: 'import' | 'export' | 'validate', args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(tsx, [join(root, 'scripts', `${script}.ts`), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    // An export of the whole census is some 10 MB of GeoJSON on standard output (the default cap is 1 MB).
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const shippedText = (name: string) => ({ file: name, text: readFileSync(join(root, 'data', name), 'utf8') });
const shipped = await readDataset(
  {
    actors: shippedText('actors.geojson'),
    networks: shippedText('networks.json'),
    territories: shippedText('territories.json'),
  },
  undefined,
  nodeAdminSource(),
);
const expectedIds = (query: string) =>
  filterActors(indexActors(shipped.actors, shipped.admin), decodeUrl(query).state.filters).map((a) => a.properties.id);
const tmp = () => mkdtempSync(join(tmpdir(), 'archipel-cli-'));

describe('npm run export', () => {
  test.each([
    'theme=training&category=library',
    'territory=grenoble&theme=digital-inclusion,making',
    'q=médiathèque',
    'role=contributor&theme=free-software,hosting&match=all',
    '',
  ])('gives exactly the actors the app shows for %j, and the app’s bytes', (query) => {
    const { status, stdout } = run('export', [query, '--date', '2026-01-02']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(expectedIds(query));
    const app = exportSelection({
      dataset: shipped,
      state: decodeUrl(query).state,
      format: 'geojson',
      date: '2026-01-02',
    });
    expect(stdout).toBe(app.files[0]!.text);
  });

  test('a data= file with its own territories: the app’s loader and bytes (the issue’s bug: the CLI dropped them)', async () => {
    const query = 'territory=quimper&data=test/fixtures/own-territories.geojson';
    const { status, stdout } = run('export', [query, '--date', '2026-01-02']);
    expect(status).toBe(0);
    const text = readFileSync(join(root, 'test/fixtures/own-territories.geojson'), 'utf8');
    // What the app reads for data= (src/data/browser-load.ts), then exports.
    const app = await loadForeign(
      'own-territories.geojson',
      text,
      { networks: shippedText('networks.json'), territories: shippedText('territories.json') },
      nodeAdminSource(),
    );
    const expected = exportSelection({
      dataset: app,
      state: decodeUrl(query).state,
      format: 'geojson',
      date: '2026-01-02',
    });
    expect(JSON.parse(stdout).features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual([
      'quimper-lieu-d-essai',
    ]);
    expect(stdout).toBe(expected.files[0]!.text);
  });

  test('the selection is not empty for the documented example', () => {
    expect(expectedIds('theme=training&category=library').length).toBeGreaterThan(0);
  });

  test('writes CSV and its provenance sidecar with --out; the date comes from ARCHIPEL_EXPORT_DATE', () => {
    const dir = tmp();
    const out = join(dir, 'selection.csv');
    const query = 'category=library';
    const { status } = run('export', [query, '--format', 'csv', '--out', out], { ARCHIPEL_EXPORT_DATE: '2026-01-03' });
    expect(status).toBe(0);
    const csv = readFileSync(out, 'utf8');
    const back = importText(csv, {
      file: 'selection.csv',
      territories: shipped.territories,
      networks: shipped.networks,
    });
    expect(back.features.map((f) => f.properties.id)).toEqual(expectedIds(query));
    const sidecar = JSON.parse(readFileSync(join(dir, 'selection.provenance.json'), 'utf8'));
    expect(sidecar).toMatchObject({
      date: '2026-01-03',
      permalink: './?category=library',
      licence: 'ODbL-1.0',
      actors: expectedIds(query).length,
    });
  });

  test('takes the app address from a whole URL for the permalink', () => {
    const { stdout } = run('export', ['https://example.org/carte/?theme=making&map=12/45/5', '--date', '2026-01-02']);
    expect(JSON.parse(stdout).metadata.permalink).toBe('https://example.org/carte/?theme=making');
  });

  test('reports ignored URL values, as the app does', () => {
    const { status, stderr } = run('export', ['theme=fromation', '--date', '2026-01-02']);
    expect(status).toBe(0);
    expect(stderr).toContain('ignored URL value: theme=fromation');
  });

  test('writes the links of the selection', () => {
    const { status, stdout } = run('export', ['territory=brest', '--format', 'links', '--date', '2026-01-02']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.type).toBe('FeatureCollection');
    expect(json.metadata.date).toBe('2026-01-02');
    expect(Array.isArray(json.features)).toBe(true);
  });

  test('refuses a bad format or date with exit 2', () => {
    expect(run('export', ['', '--format', 'xlsx']).status).toBe(2);
    expect(run('export', ['', '--date', '02/01/2026']).status).toBe(2);
  });
});

describe('npm run import', () => {
  const fixtures = join(root, 'test', 'fixtures');

  test('imports a national file whole: read = imported + rejected, rejected only for impossible positions', () => {
    const out = join(tmp(), 'national.geojson');
    const { status, stderr } = run('import', [join(fixtures, 'mediation-national.csv'), '--out', out], {
      ARCHIPEL_LANG: 'en',
    });
    expect(status).toBe(0);
    expect(stderr).toMatch(/read: +11\n/);
    expect(stderr).toMatch(/imported: +7\n/);
    expect(stderr).toMatch(/rejected: +4\n/);
    expect(stderr).toContain('geometryMissing:geometry: 1');
    expect(stderr).toContain('farFromCommune:geometry: 1');
    expect(stderr).toContain('coordinatesSwapped:geometry: 1');
    expect(stderr).toContain('outsideFrance:geometry: 1');
    expect(stderr).toContain('position is 647 km from Reims (51), its commune');
    expect(stderr).toContain('postcode "380000" does not exist');
    expect(stderr).toContain('postcode "30252Cedex" does not exist');
    expect(stderr).toContain('update date "1970-01-01" is implausible');
    expect(stderr).toContain('commune "Quimper" is not a commune of postcode 29200');
    const features = JSON.parse(readFileSync(out, 'utf8')).features as { properties: Record<string, string> }[];
    // Brest, Échirolles, La Réunion, Grenoble, Nîmes, Quimper twice: each with its commune.
    expect(features.map((f) => f.properties.insee)).toEqual([
      '29019',
      '38151',
      '97411',
      '38185',
      '30189',
      '29232',
      '29232',
    ]);
    // The output validates on its own.
    const validation = run('validate', [out]);
    expect(validation.stdout).toContain('7/7 actors valid');
    expect(validation.status).toBe(0);
  });

  test('--territory keeps only the places of these territories, never calls a row invalid', () => {
    const out = join(tmp(), 'finistere.geojson');
    const { status, stderr } = run('import', [
      join(fixtures, 'mediation-national.csv'),
      '--out',
      out,
      '--territory',
      'dep:29,commune:38185',
    ]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/rejected: +4\n/);
    expect(stderr).toContain('kept by --territory dep:29,commune:38185: 4 of 7 imported');
    const ids = JSON.parse(readFileSync(out, 'utf8')).features.map(
      (f: { properties: { insee: string } }) => f.properties.insee,
    );
    expect(ids).toEqual(['29019', '38185', '29232', '29232']);
  });

  test('imports the older JSON layout (v0), finding communes spelt loosely', () => {
    const out = join(tmp(), 'v0.geojson');
    const { status, stderr } = run('import', [join(fixtures, 'mediation-hinaura-v0.json'), '--out', out], {
      ARCHIPEL_LANG: 'en',
    });
    expect(status).toBe(0);
    expect(stderr).toMatch(/read: +3\n/);
    expect(stderr).toMatch(/imported: +2\n/);
    expect(stderr).toContain('position is 136 km from Annecy (74), its commune');
    const features = JSON.parse(readFileSync(out, 'utf8')).features as { properties: Record<string, string> }[];
    // "Pont de Claix" is Le Pont-de-Claix; "SAINT GERVAIS" in 74170 is Saint-Gervais-les-Bains.
    expect(features.map((f) => f.properties.insee)).toEqual(['38317', '74236']);
  });

  test('exits 1 and writes nothing when nothing can be imported', () => {
    const dir = tmp();
    const input = join(dir, 'rien.csv');
    const lines = readFileSync(join(fixtures, 'mediation-national.csv'), 'utf8').split('\n');
    writeFileSync(input, `${lines[0]}\n${lines[8]}\n`);
    const out = join(dir, 'rien.geojson');
    const { status, stderr } = run('import', [input, '--out', out]);
    expect(status).toBe(1);
    expect(stderr).toContain('geometryMissing:geometry: 1');
    expect(existsSync(out)).toBe(false);
  });

  test('refuses an unknown --territory with exit 2', () => {
    const input = join(fixtures, 'mediation-national.csv');
    expect(run('import', [input, '--territory', 'atlantis']).status).toBe(2);
    expect(run('import', [input, '--territory', 'dep:99']).status).toBe(2);
  });

  test('imports JSON records of a regional file whole: read = imported + rejected; prints no phone or email', () => {
    const out = join(tmp(), 'hinaura.geojson');
    const { status, stderr } = run('import', [JSON_RECORDS, '--out', out]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/read: +12\n/);
    const imported = Number(/imported: +(\d+)\n/.exec(stderr)![1]);
    const rejected = Number(/rejected: +(\d+)\n/.exec(stderr)![1]);
    expect(imported + rejected).toBe(12);
    expect(JSON.parse(readFileSync(out, 'utf8')).features).toHaveLength(imported);
    const records = JSON.parse(readFileSync(JSON_RECORDS, 'utf8')) as Record<string, unknown>[];
    for (const r of records) {
      if (typeof r.telephone === 'string' && r.telephone.length > 6) expect(stderr).not.toContain(r.telephone);
      if (typeof r.courriel === 'string') expect(stderr).not.toContain(r.courriel);
    }
  });
});
