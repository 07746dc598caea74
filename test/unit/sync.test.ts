import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareSource, findConflicts, joinedAndLeft, makeChangelog } from '../../src/data/sync';
import type { Changelog } from '../../src/data/sync';
import type { ActorFeature } from '../../src/core/types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'sync');
const features = (name: string): ActorFeature[] => JSON.parse(readFileSync(join(fixtures, name), 'utf8')).features;
const previous = features('previous.geojson');
const next = features('next.geojson');

describe('what changed in a source', () => {
  const changes = compareSource({ source: 'test-source', previous, next });
  const of = (kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.id);

  test('added, gone, moved beyond 100 m, renamed, hours and contact changed', () => {
    expect(of('added')).toEqual(['test-e']);
    expect(of('gone')).toEqual(['test-d']);
    // test-a moved about 4 m: a source's rounding, not a move.
    expect(of('moved')).toEqual(['test-b']);
    expect(changes.find((c) => c.kind === 'moved')?.distance_m).toBe(300);
    expect(changes.find((c) => c.kind === 'renamed')).toMatchObject({
      id: 'test-c',
      before: 'Lieu C',
      after: 'Lieu C renommé',
    });
    expect(changes.find((c) => c.kind === 'hours')).toMatchObject({ id: 'test-c', after: 'Mo-Fr 09:00-17:00' });
    expect(changes.find((c) => c.kind === 'contact')).toMatchObject({ id: 'test-a', field: 'phone' });
    expect(changes).toHaveLength(6);
  });

  test('the same version twice changes nothing', () => {
    expect(compareSource({ source: 's', previous: next, next })).toEqual([]);
  });

  test('a curated fact the source contradicts is a conflict, never applied', () => {
    const overrides = {
      'test-c': {
        changes: { name: 'Lieu C (nom vérifié)' },
        source: 'contribution: Anne, 2025-12-01',
        updated: '2025-12-01',
      },
    };
    const curated = new Map([['test-d', previous[3]!]]);
    expect(findConflicts(changes, { actors: curated, overrides })).toEqual([
      {
        source: 'test-source',
        id: 'test-c',
        field: 'name',
        curated: 'Lieu C (nom vérifié)',
        incoming: 'Lieu C renommé',
      },
      { source: 'test-source', id: 'test-d', field: '(gone from the source)', curated: 'kept', incoming: null },
    ]);
    // The same change, agreed by the curated layer, is no conflict.
    const agreed = { 'test-c': { ...overrides['test-c'], changes: { name: 'Lieu C renommé' } } };
    expect(findConflicts(changes, { actors: new Map(), overrides: agreed })).toEqual([]);
  });

  test('who joined and left, per network and territory, between two dates, from the changelogs only', () => {
    const logs: Changelog[] = [
      makeChangelog('2026-01-01', null, [], compareSource({ source: 's', previous: [], next: previous }), []),
      makeChangelog('2026-02-01', '2026-01-01', [], changes, []),
    ];
    const between = joinedAndLeft(logs, '2026-01-15', '2026-03-01');
    expect(between.dates).toEqual(['2026-02-01']);
    expect(between.groups).toEqual([
      { group: 'brest', kind: 'territory', joined: ['Lieu E'], left: ['Lieu D'] },
      { group: 'chatons', kind: 'network', joined: ['Lieu E'], left: ['Lieu D'] },
    ]);
    expect(joinedAndLeft(logs, '2025-01-01', '2026-01-01').groups[0]?.joined).toHaveLength(4);
  });
});

describe('npm run sync', { timeout: 120_000 }, () => {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const sync = (data: string, date: string) =>
    spawnSync(tsx, [join(root, 'scripts', 'sync.ts'), '--data', data, '--date', date], { cwd: root, encoding: 'utf8' });

  test('prints and writes the changes of a source’s next version, per source and territory, with conflicts', () => {
    const data = join(mkdtempSync(join(tmpdir(), 'archipel-sync-')), 'data');
    mkdirSync(data);
    for (const name of ['territories.json', 'networks.json'])
      cpSync(join(root, 'test', 'fixtures', name), join(data, name));
    const sources = JSON.parse(readFileSync(join(fixtures, 'sources.json'), 'utf8'));
    writeFileSync(join(data, 'sources.json'), JSON.stringify([sources[0]]));
    cpSync(join(fixtures, 'previous.geojson'), join(data, 'source.geojson'));
    const first = sync(data, '2026-01-01');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('test-source (Fixture publisher (test only)): 4 places read, 4 changes (first run)');

    cpSync(join(fixtures, 'next.geojson'), join(data, 'source.geojson'));
    mkdirSync(join(data, 'curated'));
    writeFileSync(
      join(data, 'curated', 'overrides.json'),
      JSON.stringify({ 'test-c': { changes: { name: 'Lieu C (nom vérifié)' }, source: 'x', updated: '2025-12-01' } }),
    );
    const second = sync(data, '2026-02-01');
    expect(second.status).toBe(0);
    expect(second.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'test-source (Fixture publisher (test only)): 4 places read, 6 changes since 2026-01-01',
        '  contact changed: test-a "Lieu A" (brest), phone: "02 98 00 00 01" → "02 98 00 00 09"',
        '  moved: test-b "Lieu B" (brest), 300 m',
        '  renamed: test-c "Lieu C renommé" (brest), was "Lieu C"',
        '  hours changed: test-c "Lieu C renommé" (brest), opening_hours: "Mo-Fr 09:00-12:00" → "Mo-Fr 09:00-17:00"',
        '  added: test-e "Lieu E" (brest)',
        '  gone: test-d "Lieu D" (brest)',
        'conflict: test-source: test-c name: curated "Lieu C (nom vérifié)" kept, source says "Lieu C renommé"',
        'brest: 1 contact, 1 moved, 1 renamed, 1 hours, 1 added, 1 gone',
      ]),
    );
    const log = JSON.parse(readFileSync(join(data, 'changelog', '2026-02-01.json'), 'utf8')) as Changelog;
    expect(log.since).toBe('2026-01-01');
    expect(log.bySource['test-source']).toEqual({ contact: 1, moved: 1, renamed: 1, hours: 1, added: 1, gone: 1 });
    expect(log.conflicts).toHaveLength(1);
    expect(readFileSync(join(data, 'changelog', '2026-02-01.md'), 'utf8')).toContain('## Conflicts with curated facts');
    expect(JSON.parse(readFileSync(join(data, 'changelog', 'index.json'), 'utf8'))).toEqual([
      '2026-01-01',
      '2026-02-01',
    ]);
    // The curated layer is read, never written.
    expect(existsSync(join(data, 'curated', 'actors.geojson'))).toBe(false);
  });

  test('a source that cannot be read keeps its last import and exits 1', () => {
    const data = join(mkdtempSync(join(tmpdir(), 'archipel-sync-')), 'data');
    mkdirSync(data);
    for (const name of ['territories.json', 'networks.json'])
      cpSync(join(root, 'test', 'fixtures', name), join(data, name));
    const sources = JSON.parse(readFileSync(join(fixtures, 'sources.json'), 'utf8'));
    writeFileSync(join(data, 'sources.json'), JSON.stringify([sources[1]]));
    const result = sync(data, '2026-01-01');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: offline-source: not read');
  });
});
