import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadForeign } from '../../src/data/foreign-load';
import { cutRuns } from '../../src/data/collection-reader';
import { RunReading } from '../../src/data/run-reading';
import type { LoadedDataset } from '../../src/data/load';
import { actorFixture } from './fixtures';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const shipped = {
  networks: { file: 'networks.json', text: fixture('networks.json') },
  territories: { file: 'territories.json', text: fixture('territories.json') },
};

/**
 * The file's first reading as the page makes it from the runs the worker cuts while the bytes
 * come in parts of `size`; the shipped lists told before the first run or after the last.
 */
function readRuns(file: string, bytes: Uint8Array | string, size: number, shippedFirst = true): LoadedDataset | null {
  const reading = new RunReading(file);
  if (shippedFirst) reading.setShipped(shipped);
  const cut = cutRuns((message) =>
    message.type === 'head' ? reading.setHead(message.head) : reading.add(message.text, message.count),
  );
  const all = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  for (let at = 0; at < all.length; at += size) cut.push(all.slice(at, at + size));
  const collection = cut.end();
  if (!shippedFirst) reading.setShipped(shipped);
  return reading.finish(collection);
}

/** The first reading of the whole text at once, without the administrative map nor the hours' check. */
const whole = (file: string, text: string) => loadForeign(file, text, shipped, undefined, undefined, false);

/** The same collection with its own territories written after its features. */
function listsAfterFeatures(text: string): string {
  const { territories, ...rest } = JSON.parse(text);
  return JSON.stringify({ ...rest, territories });
}

describe('a file from elsewhere read on the page from the runs the worker cuts as it downloads', () => {
  const files: Record<string, string> = {
    // Rejected features, duplicate ids, partners naming later and rejected actors, bad opening hours.
    'bad-actors.geojson': fixture('bad-actors.geojson'),
    // Its own territories, before its features.
    'own-territories.geojson': fixture('own-territories.geojson'),
    'actors.geojson': fixture('data/actors.geojson'),
  };
  for (const [file, text] of Object.entries(files))
    test(`${file}: the same actors, issues and lists as a reading of the whole file`, async () => {
      const expected = await whole(file, text);
      expect(expected.actors.length).toBeGreaterThan(0);
      for (const size of [1_000_000, 64, 7])
        for (const shippedFirst of [true, false])
          expect(readRuns(file, text, size, shippedFirst), `${size}, ${shippedFirst}`).toEqual(expected);
    });

  test('thousands of actors, partners naming later ones, duplicates: the reading of the whole file', async () => {
    // 3,000 actors, one in ten naming a later one as partner, one in a hundred a duplicate.
    const features = Array.from({ length: 3000 }, (_, i) =>
      actorFixture({ id: `a-${i % 100 === 99 ? i - 1 : i}`, ...(i % 10 === 0 ? { partners: [`a-${i + 1}`] } : {}) }),
    );
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    const expected = await whole('many.geojson', text);
    expect(expected.actors).toHaveLength(2970);
    expect(expected.issues.filter((i) => i.code === 'duplicateId')).toHaveLength(30);
    expect(readRuns('many.geojson', text, 4096)).toEqual(expected);
  });

  test('runs that waited for the lists are read in tasks of their own, to the same reading', async () => {
    const features = Array.from({ length: 20_000 }, (_, i) => actorFixture({ id: `a-${i}` }));
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    const reading = new RunReading('many.geojson');
    const cut = cutRuns((message) =>
      message.type === 'head' ? reading.setHead(message.head) : reading.add(message.text, message.count),
    );
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at < bytes.length; at += 65_536) cut.push(bytes.slice(at, at + 65_536));
    const collection = cut.end();
    // Every run waited for the lists: told now, they are read a few at a time.
    reading.setShipped(shipped);
    expect(await reading.finishLater(collection)).toEqual(await whole('many.geojson', text));
  });

  test('an empty collection: no actor, the shipped lists', async () => {
    const text = '{"type":"FeatureCollection","features":[]}';
    expect(readRuns('empty.geojson', text, 5)).toEqual(await whole('empty.geojson', text));
  });

  // What the page cannot read from the runs: the worker then reads the file whole.
  test('own territories written after the features: not read from the runs', async () => {
    const text = listsAfterFeatures(fixture('own-territories.geojson'));
    expect((await whole('own.geojson', text)).territories.some((t) => t.id === 'quimper')).toBe(true);
    // The runs were checked against lists without Quimper.
    expect(readRuns('own.geojson', text, 64)).toBeNull();
  });

  test('OpenStreetMap GeoJSON, which goes through its importer', async () => {
    const text = fixture('osm-sample.geojson');
    expect((await whole('export.geojson', text)).actors.length).toBeGreaterThan(0);
    for (const size of [100, 1_000_000]) expect(readRuns('export.geojson', text, size)).toBeNull();
  });

  test('a collection without its type, or with a broken feature, or bytes that are not UTF-8', () => {
    expect(readRuns('x.geojson', '{"features":[{"type":"Feature"}]}', 5)).toBeNull();
    const ok = actorFixture({ id: 'a-1' });
    const broken = `{"type":"FeatureCollection","features":[${JSON.stringify(ok)},{"type":}]}`;
    for (const size of [3, 1_000_000]) expect(readRuns('x.geojson', broken, size)).toBeNull();
    const latin1 = new TextEncoder().encode(
      `{"type":"FeatureCollection","features":[${JSON.stringify(actorFixture({ id: 'a-1', name: 'M#diath#que' }))}]}`,
    );
    latin1[latin1.indexOf(0x23)] = 0xe9;
    expect(readRuns('x.geojson', latin1, 1_000_000)).toBeNull();
  });

  test('a file that is no collection', () => {
    for (const text of ['id,name\n1,a\n', '[{"nom":"x"}]', '{"type":"FeatureCollection","features":[1,]}'])
      expect(readRuns('x', text, 3)).toBeNull();
  });
});
