import { describe, expect, test, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset } from '../../src/data/load';
import { filterActors, indexActors } from '../../src/core/filter';
import { importText } from '../../src/data/import';
import { exportSelection } from '../../src/export';
import { decodeUrl } from '../../src/core/url';

// The shipped data is the national census (some 20,000 actors): each script run reads and checks it all.
vi.setConfig({ testTimeout: 180_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** Our fixtures in the standard's formats (made-up places): three v1.0.2 CSV rows near Aix-en-Provence, twelve v0 records. */
const CSV = join(fixtures, 'mediation-v1.0.2.csv');
const JSON_RECORDS = join(fixtures, 'mediation-v0.json');

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
const shipped = buildDataset({
  actors: shippedText('actors.geojson'),
  networks: shippedText('networks.json'),
  territories: shippedText('territories.json'),
});
const expectedIds = (query: string) =>
  filterActors(indexActors(shipped.actors), decodeUrl(query).state.filters).map((a) => a.properties.id);
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
  test('converts a CSV of the standard to a valid file (with a territory around its places)', () => {
    const dir = tmp();
    const territories = join(dir, 'territories.json');
    // Synthetic test territory around the rows' coordinates (Aix-en-Provence).
    writeFileSync(
      territories,
      JSON.stringify([{ id: 'exemple', name: 'Exemple (test)', center: [5.41, 43.52], bbox: [5.3, 43.4, 5.5, 43.6] }]),
    );
    const out = join(dir, 'exemple.geojson');
    const { status, stderr } = run('import', [CSV, '--out', out, '--territories', territories]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/read: +3\n/);
    expect(stderr).toMatch(/imported: +3\n/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual([
      'la-fabrique-des-possibles-structure-1',
      'mediatheque-des-calissons-structure-2',
      'espace-de-vie-sociale-les-lavandes-structure-3',
    ]);
    const validation = run('validate', [out, territories]);
    expect(validation.stdout).toContain('3/3 actors valid');
    expect(validation.status).toBe(0);
  });

  test('exits 1 and writes nothing when nothing can be imported', () => {
    const out = join(tmp(), 'rien.geojson');
    const { status, stderr } = run('import', [CSV, '--out', out]);
    expect(status).toBe(1);
    expect(stderr).toContain('noTerritory:territory: 3');
    expect(existsSync(out)).toBe(false);
  });

  test('imports JSON records of a regional file, prints the quality summary, and no phone or email', () => {
    const out = join(tmp(), 'hinaura.geojson');
    const { status, stderr } = run('import', [JSON_RECORDS, '--out', out]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/read: +12\n/);
    expect(stderr).toMatch(/probable duplicates \(same name within 50 m\): 1\n/);
    const records = JSON.parse(readFileSync(JSON_RECORDS, 'utf8')) as Record<string, unknown>[];
    for (const r of records) {
      if (typeof r.telephone === 'string' && r.telephone.length > 6) expect(stderr).not.toContain(r.telephone);
      if (typeof r.courriel === 'string') expect(stderr).not.toContain(r.courriel);
    }
    const imported = JSON.parse(readFileSync(out, 'utf8')).features;
    // The six places of the Grenoble area; the others are outside the shipped territories.
    expect(imported).toHaveLength(6);
    expect(
      imported.every((f: { properties: { territory: string } }) =>
        shipped.territories.some((t) => t.id === f.properties.territory),
      ),
    ).toBe(true);
  });

  test('refuses an unknown --territory with exit 2', () => {
    expect(run('import', [CSV, '--territory', 'atlantis']).status).toBe(2);
  });
});
