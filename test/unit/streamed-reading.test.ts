import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadForeign, loadForeignCollection } from '../../src/data/foreign-load';
import { StreamedReading } from '../../src/data/streamed-reading';
import type { StreamedResult } from '../../src/data/streamed-reading';
import type { LoadedDataset } from '../../src/data/load';
import type { ActorFeature } from '../../src/core/types';
import { actorFixture } from './fixtures';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const shipped = {
  networks: { file: 'networks.json', text: fixture('networks.json') },
  territories: { file: 'territories.json', text: fixture('territories.json') },
};

/**
 * The file's first reading as the worker makes it while the bytes come, given in parts of `size`;
 * `told`: the actors it told of before the end, with their positions.
 */
async function stream(
  file: string,
  text: string,
  size: number,
  shippedFirst: boolean,
  told: { actor: ActorFeature; at: number }[] = [],
): Promise<StreamedResult> {
  const reading = new StreamedReading(file, (actors, at) => {
    for (const [i, actor] of actors.entries()) told.push({ actor, at: at[i]! });
  });
  if (shippedFirst) reading.setShipped(shipped);
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) reading.push(bytes.slice(at, at + size));
  if (!shippedFirst) reading.setShipped(shipped);
  return reading.finish();
}

/** What the worker draws first from it: the streamed reading, or a reading of the parsed collection. */
async function firstReading(file: string, result: StreamedResult): Promise<LoadedDataset | null> {
  if (result.dataset) return result.dataset;
  return result.collection && loadForeignCollection(file, result.collection, shipped);
}

/** The first reading of the whole text at once, without the administrative map nor the hours' check. */
const whole = (file: string, text: string) => loadForeign(file, text, shipped, undefined, undefined, false);

/** The same collection with its own territories written after its features. */
function listsAfterFeatures(text: string): string {
  const { territories, ...rest } = JSON.parse(text);
  return JSON.stringify({ ...rest, territories });
}

describe('a file from elsewhere validated while it downloads', () => {
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
        for (const shippedFirst of [true, false]) {
          const result = await stream(file, text, size, shippedFirst);
          // Validated as it came, not read again at the end.
          expect(result.dataset, `${size}, ${shippedFirst}`).not.toBeNull();
          expect(result.dataset).toEqual(expected);
        }
    });

  test('actors told before the end, and the rest, make the first reading in the order of the file', async () => {
    // 3,000 actors, one in ten naming a later one as partner, one in a hundred a duplicate.
    const features = Array.from({ length: 3000 }, (_, i) =>
      actorFixture({ id: `a-${i % 100 === 99 ? i - 1 : i}`, ...(i % 10 === 0 ? { partners: [`a-${i + 1}`] } : {}) }),
    );
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    const expected = await whole('many.geojson', text);
    expect(expected.actors).toHaveLength(2970);
    const told: { actor: ActorFeature; at: number }[] = [];
    const result = await stream('many.geojson', text, 4096, true, told);
    expect(result.dataset).toEqual(expected);
    // Most were told as they came; none twice, none that the reading does not hold as it is.
    expect(told.length).toBeGreaterThan(2000);
    const all = [...told, ...result.rest!.actors.map((actor, i) => ({ actor, at: result.rest!.at[i]! }))];
    expect(new Set(all.map((t) => t.at)).size).toBe(all.length);
    all.sort((a, b) => a.at - b.at);
    expect(all.map((t) => t.actor)).toEqual(expected.actors);
  });

  test('own territories written after the features: read from the parsed collection, the same', async () => {
    const text = listsAfterFeatures(fixture('own-territories.geojson'));
    const expected = await whole('own.geojson', text);
    expect(expected.territories.some((t) => t.id === 'quimper')).toBe(true);
    const result = await stream('own.geojson', text, 64, true);
    // The features were checked against lists without Quimper: that validation is not used, and
    // what it told is void.
    expect(result.dataset).toBeNull();
    expect(await firstReading('own.geojson', result)).toEqual(expected);
  });

  test('OpenStreetMap GeoJSON goes through its importer, from the parsed collection', async () => {
    const text = fixture('osm-sample.geojson');
    const expected = await whole('export.geojson', text);
    expect(expected.actors.length).toBeGreaterThan(0);
    const result = await stream('export.geojson', text, 100, true);
    expect(result.dataset).toBeNull();
    expect(await firstReading('export.geojson', result)).toEqual(expected);
  });

  test('a collection without its type is refused the same way', async () => {
    const text = '{"features":[{"type":"Feature"}]}';
    const result = await stream('x.geojson', text, 5, true);
    expect(result.dataset).toBeNull();
    expect(await firstReading('x.geojson', result)).toEqual(await whole('x.geojson', text));
  });

  test('a file that is no collection is left to be read whole', async () => {
    for (const text of ['id,name\n1,a\n', '[{"nom":"x"}]', '{"type":"FeatureCollection","features":[1,]}'])
      expect(await stream('x', text, 3, true)).toEqual({ collection: null, dataset: null });
  });
});
