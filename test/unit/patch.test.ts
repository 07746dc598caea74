import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import {
  actorVersion,
  checkPatch,
  deliver,
  extractPatches,
  makePatch,
  MAX_URL_LENGTH,
  parseChannel,
  patchBody,
  proposeId,
} from '../../src/data/patch';
import type { Patch } from '../../src/data/patch';
import { applyOverrides, applyPatch, changesInWords, recordOverride } from '../../src/data/review';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { actorFixture } from './fixtures';
import type { ActorFeature, Territory } from '../../src/core/types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schema = JSON.parse(readFileSync(join(root, 'docs', 'patch.schema.json'), 'utf8'));
const matchesSchema = new Ajv({ allErrors: true }).compile(schema);

const brest: Territory = { id: 'brest', name: 'Brest', center: [-4.49, 48.39], bbox: [-4.8, 48.3, -4.3, 48.5] };
const context = { territories: [brest], networks: [{ id: 'rfflabs' }], checkOpeningHours };
const collection = (...features: ActorFeature[]) => ({ type: 'FeatureCollection', features });

const library = actorFixture({ id: 'brest-library', updated: '2023-01-08', source: 'https://example.org/a' });
const fablab = actorFixture({ id: 'brest-fablab', name: 'Fablab', category: 'fablab' }, [-4.5, 48.4]);

describe('a patch made by the form', () => {
  test('holds only what changed, the version it was made on, and no author unless given', () => {
    const patch = makePatch({
      op: 'update',
      id: 'brest-library',
      actor: library,
      changes: { name: library.properties.name, phone: '02 98 00 00 00', url: '' },
      date: '2026-12-06',
      note: ' New phone number ',
    });
    expect(patch).toEqual({
      'archipel-patch': 1,
      op: 'update',
      id: 'brest-library',
      version: actorVersion(library),
      changes: { phone: '02 98 00 00 00' },
      date: '2026-12-06',
      note: 'New phone number',
    });
    expect(matchesSchema(patch)).toBe(true);
    expect(checkPatch(patch).problems).toEqual([]);
  });

  test('the version changes whenever a fact changes', () => {
    expect(actorVersion(library)).toMatch(/^v1-[0-9a-f]{14}$/);
    expect(actorVersion(library)).toBe(actorVersion(actorFixture({ ...library.properties })));
    expect(actorVersion(actorFixture({ ...library.properties, phone: '1' }))).not.toBe(actorVersion(library));
    expect(actorVersion(actorFixture({ ...library.properties }, [-4.49, 48.3901]))).not.toBe(actorVersion(library));
  });

  test('an added place carries its fields and position; the author only when the person gives one', () => {
    const patch = makePatch({
      op: 'add',
      id: proposeId('Repair Café Saint-Martin', 'Brest'),
      changes: { name: 'Repair Café Saint-Martin', category: 'fablab', coordinates: [-4.49, 48.4], phone: '' },
      author: { name: ' Anne ', contact: '' },
      date: '2026-12-06',
    });
    expect(patch.id).toBe('brest-repair-cafe-saint-martin');
    expect(patch.changes).toEqual({ name: 'Repair Café Saint-Martin', category: 'fablab', coordinates: [-4.49, 48.4] });
    expect(patch.author).toEqual({ name: 'Anne' });
    expect(patch.version).toBeUndefined();
    expect(matchesSchema(patch)).toBe(true);
  });

  test('the schema and checkPatch refuse the same malformed documents', () => {
    const good = makePatch({ op: 'close', id: 'brest-library', actor: library, changes: {}, date: '2026-12-06' });
    const bad: unknown[] = [
      { ...good, op: 'delete' },
      { ...good, version: undefined },
      { ...good, id: 'Not a slug' },
      { ...good, date: '6/12/2026' },
      { ...good, changes: { source: 'me' } },
      { ...good, changes: { coordinates: [1] } },
      { ...good, author: { email: 'a@b.fr' } },
      { ...good, extra: 1 },
    ].map((p) => JSON.parse(JSON.stringify(p)));
    for (const doc of bad) {
      expect(matchesSchema(doc), JSON.stringify(doc)).toBe(false);
      expect(checkPatch(doc).patch, JSON.stringify(doc)).toBeNull();
    }
    expect(matchesSchema(good)).toBe(true);
    expect(checkPatch(good).patch).toEqual(good);
  });
});

describe('channels', () => {
  const patch = makePatch({
    op: 'update',
    id: 'brest-library',
    actor: library,
    changes: { phone: '02 98 00 00 00' },
    date: '2026-12-06',
  });
  const text = { title: 'Correction: Médiathèque', intro: 'Proposed from Archipel.' };
  const body = patchBody(patch, text.intro);

  test.each([
    [
      { kind: 'gitlab', url: 'https://gitlab.com/group/archipel/' },
      `https://gitlab.com/group/archipel/-/issues/new?issue[title]=${encodeURIComponent(text.title)}&issue[description]=${encodeURIComponent(body)}`,
    ],
    [
      { kind: 'github', url: 'https://github.com/org/archipel' },
      `https://github.com/org/archipel/issues/new?title=${encodeURIComponent(text.title)}&body=${encodeURIComponent(body)}`,
    ],
    [
      { kind: 'gitea', url: 'https://codeberg.org/org/archipel' },
      `https://codeberg.org/org/archipel/issues/new?title=${encodeURIComponent(text.title)}&body=${encodeURIComponent(body)}`,
    ],
    [
      { kind: 'email', address: 'carte@example.org' },
      `mailto:carte@example.org?subject=${encodeURIComponent(text.title)}&body=${encodeURIComponent(body)}`,
    ],
  ])('%j gives its new-issue or mail link, whose body reads back as the patch', (raw, expected) => {
    const delivery = deliver(patch, parseChannel(raw), text);
    expect(delivery).toEqual({ kind: 'url', href: expected, channel: raw.kind });
    const param = new URL(expected).searchParams;
    const carried = param.get('body') ?? param.get('issue[description]')!;
    expect(extractPatches(carried)).toEqual([patch]);
  });

  test('no channel, or a link over the limit, gives the file to download', () => {
    expect(deliver(patch, null, text)).toMatchObject({ kind: 'download', reason: 'configured' });
    expect(deliver(patch, parseChannel({ kind: 'download' }), text)).toMatchObject({ reason: 'configured' });
    const long = { ...patch, note: 'x'.repeat(2000), changes: { description: 'é'.repeat(2000) } } as Patch;
    const delivery = deliver(long, parseChannel({ kind: 'github', url: 'https://github.com/o/r' }), text);
    expect(delivery).toMatchObject({
      kind: 'download',
      reason: 'tooLong',
      fileName: 'archipel-patch-brest-library-2026-12-06.json',
    });
    expect(encodeURIComponent(patchBody(long, '')).length).toBeGreaterThan(MAX_URL_LENGTH);
  });

  test('channels that are not https forges or plain addresses are ignored', () => {
    expect(parseChannel({ kind: 'github', url: 'javascript:alert(1)' })).toBeNull();
    expect(parseChannel({ kind: 'gitlab', url: 'http://gitlab.com/a/b' })).toBeNull();
    expect(parseChannel({ kind: 'email', address: 'a@b.fr?bcc=x@y.fr' })).toBeNull();
    expect(parseChannel({ kind: 'fax' })).toBeNull();
  });
});

describe('applying a patch', () => {
  const data = collection(library, fablab);
  const update = makePatch({
    op: 'update',
    id: 'brest-library',
    actor: library,
    changes: { phone: '02 98 00 00 00', coordinates: [-4.4915, 48.39] },
    author: { name: 'Anne', contact: 'anne@example.org' },
    date: '2026-12-06',
  });

  test('changes that actor only, with its provenance, and says so in words', () => {
    const result = applyPatch(data, update, context);
    if (!result.ok) throw new Error(result.reason);
    expect(result.collection.features[1]).toBe(fablab);
    expect(result.actor?.properties).toMatchObject({
      phone: '02 98 00 00 00',
      source: 'contribution: Anne, 2026-12-06 ; https://example.org/a',
      updated: '2026-12-06',
    });
    expect(JSON.stringify(result.collection)).not.toContain('anne@example.org');
    expect(changesInWords(result.changes)).toEqual([
      'phone: (none) → "02 98 00 00 00"',
      'position: moved 111 m (-4.49, 48.39 → -4.4915, 48.39)',
      'source: "https://example.org/a" → "contribution: Anne, 2026-12-06 ; https://example.org/a"',
      'updated: "2023-01-08" → "2026-12-06"',
    ]);
  });

  test('a patch made on an older version is refused, naming both versions, unless forced', () => {
    const changed = collection(actorFixture({ ...library.properties, name: 'Renamed since' }), fablab);
    const result = applyPatch(changed, update, context);
    expect(result.ok).toBe(false);
    const reason = (result as { reason: string }).reason;
    expect(reason).toContain(`version ${update.version}`);
    expect(reason).toContain(`version ${actorVersion(changed.features[0]!)}`);
    expect(reason).toContain('--force');
    expect(applyPatch(changed, update, { ...context, force: true }).ok).toBe(true);
  });

  test('a result the validator refuses is refused with its reasons', () => {
    const bad = { ...update, changes: { themes: ['fromation'] } } as Patch;
    const result = applyPatch(data, bad, context);
    expect(result).toMatchObject({ ok: false, reason: 'the patched actor does not pass validation' });
    expect((result as { issues: { code: string }[] }).issues.map((i) => i.code)).toEqual(['unknownValue']);
    const far = { ...update, changes: { coordinates: [0, 0] } } as Patch;
    expect(applyPatch(data, far, context).ok).toBe(false);
  });

  test('add puts a new actor last; an id already taken is refused; close removes only that actor', () => {
    const add = makePatch({
      op: 'add',
      id: 'brest-new-place',
      changes: {
        name: 'New place',
        category: 'association',
        roles: ['contributor'],
        themes: ['free-software'],
        territory: 'brest',
        address: '2 rue de Siam',
        postcode: '29200',
        commune: 'Brest',
        coordinates: [-4.48, 48.39],
      },
      date: '2026-12-06',
    });
    const added = applyPatch(data, add, context);
    if (!added.ok) throw new Error(added.reason);
    expect(added.collection.features.map((f) => (f as ActorFeature).properties.id)).toEqual([
      'brest-library',
      'brest-fablab',
      'brest-new-place',
    ]);
    expect(added.actor?.properties.source).toBe('contribution: anonymous, 2026-12-06');
    expect(applyPatch(added.collection, add, context)).toMatchObject({ ok: false });

    const close = makePatch({ op: 'close', id: 'brest-fablab', actor: fablab, changes: {}, date: '2026-12-06' });
    const closed = applyPatch(data, close, context);
    if (!closed.ok) throw new Error(closed.reason);
    expect(closed.collection.features).toEqual([library]);
    const partnered = collection(actorFixture({ ...library.properties, partners: ['brest-fablab'] }), fablab);
    expect(applyPatch(partnered, close, context)).toMatchObject({ ok: false });
  });

  test('an override of a source-derived actor is laid over it, curated winning; a closed one is left out', () => {
    let overrides = recordOverride({}, update, 'contribution: Anne, 2026-12-06');
    const [patched] = applyOverrides([library], overrides);
    expect(patched!.properties.phone).toBe('02 98 00 00 00');
    expect(patched!.geometry.coordinates).toEqual([-4.4915, 48.39]);
    expect(patched!.properties.updated).toBe('2026-12-06');
    const close = makePatch({ op: 'close', id: 'brest-fablab', actor: fablab, changes: {}, date: '2026-12-07' });
    overrides = recordOverride(overrides, close, 'contribution: anonymous, 2026-12-07');
    expect(applyOverrides([library, fablab], overrides).map((a) => a.properties.id)).toEqual(['brest-library']);
  });
});

describe('npm run review', { timeout: 120_000 }, () => {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const run = (script: string, args: string[]) =>
    spawnSync(tsx, [join(root, 'scripts', `${script}.ts`), ...args], { cwd: root, encoding: 'utf8' });
  const shipped = JSON.parse(readFileSync(join(root, 'data', 'actors.geojson'), 'utf8'));
  const target: ActorFeature = shipped.features[3];

  function dataCopy() {
    const dir = mkdtempSync(join(tmpdir(), 'archipel-review-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    for (const name of ['actors.geojson', 'networks.json', 'territories.json'])
      cpSync(join(root, 'data', name), join(data, name));
    return { dir, data };
  }

  test('applies a patch carried in an issue body; npm run validate passes; nothing else moves', () => {
    const { dir, data } = dataCopy();
    const patch = makePatch({
      op: 'update',
      id: target.properties.id,
      actor: target,
      changes: { phone: '02 98 00 00 00', opening_hours: 'Tu-Sa 10:00-18:00' },
      date: '2026-12-06',
      note: 'Seen on the door',
    });
    const issue = join(dir, 'issue.md');
    writeFileSync(issue, patchBody(patch, 'Proposed from Archipel.'));
    const result = run('review', [issue, '--data', data]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${target.properties.id} "${target.properties.name}" updated`);
    expect(result.stdout).toContain('  phone: (none) → "02 98 00 00 00"');
    expect(result.stdout).toContain('1 patch applied, 0 refused');
    const after = JSON.parse(readFileSync(join(data, 'actors.geojson'), 'utf8'));
    expect(after.features.filter((_: unknown, i: number) => i !== 3)).toEqual(
      shipped.features.filter((_: unknown, i: number) => i !== 3),
    );
    expect(after.features[3].properties.source).toMatch(/^contribution: anonymous, 2026-12-06 ; /);
    expect(run('validate', [join(data, 'actors.geojson')]).status).toBe(0);

    // The same patch again: the actor has changed since, so it is stale.
    const again = run('review', [issue, '--data', data]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`refused: the patch was made on version ${patch.version}`);
    expect(again.stderr).toContain('--force');
  });

  test('with a curated layer, a source-derived actor gets an override there', () => {
    const { dir, data } = dataCopy();
    mkdirSync(join(data, 'curated'));
    const patch = makePatch({
      op: 'update',
      id: target.properties.id,
      actor: target,
      changes: { phone: '02 98 00 00 01' },
      author: { name: 'Anne' },
      date: '2026-12-06',
    });
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify(patch));
    expect(run('review', [file, '--data', data]).status).toBe(0);
    const overrides = JSON.parse(readFileSync(join(data, 'curated', 'overrides.json'), 'utf8'));
    expect(overrides).toEqual({
      [target.properties.id]: {
        source: 'contribution: Anne, 2026-12-06',
        updated: '2026-12-06',
        changes: { phone: '02 98 00 00 01' },
      },
    });
  });

  test('a file with no patch, and a malformed patch, are refused with exit 1', () => {
    const { dir, data } = dataCopy();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ 'archipel-patch': 1, op: 'update', id: 'x' }));
    const result = run('review', [file, '--data', data]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refused: not a valid patch');
    expect(result.stderr).toContain('version is required to update or close');
    expect(readFileSync(join(data, 'actors.geojson'), 'utf8')).toBe(
      readFileSync(join(root, 'data', 'actors.geojson'), 'utf8'),
    );
  });
});
