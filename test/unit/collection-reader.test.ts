import { describe, expect, test } from 'vitest';
import { CollectionReader, cutRuns, parseRun } from '../../src/data/collection-reader';
import type { CutMessage } from '../../src/data/collection-reader';

const encoder = new TextEncoder();

/** The bytes cut in parts of the given sizes (repeated), as a download would give them. */
function parts(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    out.push(bytes.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * What the reader makes of the bytes, given in parts, with its runs parsed as the page parses
 * them: the collection (null if the reader or a run's parse gave up), and the runs' features.
 */
function read(bytes: Uint8Array, sizes: number[]) {
  const told: unknown[] = [];
  let refused = false;
  const reader = new CollectionReader((run, count) => {
    try {
      for (const feature of parseRun(run, count)) told.push(feature);
    } catch {
      refused = true;
    }
  });
  for (const part of parts(bytes, sizes)) reader.push(part);
  const rest = reader.finish();
  if (rest) expect(rest.features).toEqual([]);
  return { collection: rest && !refused ? { ...rest, features: told } : null, told };
}

const CHUNKINGS = [[1_000_000], [1], [2, 3], [7], [64], [5, 1, 13, 2]];

/** Features whose text has every byte that could fool a scan of bytes. */
function trickyFeature(i: number) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-4.48 + i / 1000, 48.39] },
    properties: {
      id: `a-${i}`,
      name: ['Médiathèque « ], » {', 'Quote " and \\', 'Ends with \\\\', 'Émoji 🗺️ [', '"', '\\"'][i % 6],
      themes: i % 3 === 0 ? [] : ['a,b', '}'],
      nested: { list: [[1, 2], { x: '[' }], empty: {} },
    },
  };
}

describe('CollectionReader: a FeatureCollection read as its bytes come', () => {
  const collection = {
    type: 'FeatureCollection',
    territories: [{ id: 'brest', name: 'Brest "[{' }],
    features: Array.from({ length: 25 }, (_, i) => trickyFeature(i)),
    networks: [{ id: 'n', name: 'Réseau ]' }],
  };
  const texts = {
    compact: JSON.stringify(collection),
    indented: JSON.stringify(collection, null, 2),
    'with a byte-order mark': `\ufeff${JSON.stringify(collection)}`,
    'with white space around': ` \n\t${JSON.stringify(collection)}\r\n `,
  };

  for (const [name, text] of Object.entries(texts))
    test(`gives what JSON.parse gives, however the bytes are cut (${name})`, () => {
      const expected = JSON.parse(text.replace(/^\ufeff/, ''));
      for (const sizes of CHUNKINGS) {
        const { collection: got, told } = read(encoder.encode(text), sizes);
        expect(got).toEqual(expected);
        expect(told).toEqual(expected.features);
      }
    });

  test('reads an empty features array, a single feature, and features that are not objects', () => {
    for (const text of [
      '{"type":"FeatureCollection","features":[]}',
      '{"type":"FeatureCollection","features":[ \n ]}',
      '{"features":[{"a":1}],"type":"FeatureCollection"}',
      '{"type":"FeatureCollection","features":[1, "two", null, [3], {"four":4}, true]}',
      '{"type":"FeatureCollection","bbox":[0,0,1,1],"features":[{"bbox":[1]}],"x":{"features":[]}}',
    ])
      for (const sizes of CHUNKINGS) expect(read(encoder.encode(text), sizes).collection).toEqual(JSON.parse(text));
  });

  test('gives long runs of features in batches, in the order of the file', () => {
    const many = { type: 'FeatureCollection', features: Array.from({ length: 5000 }, (_, i) => trickyFeature(i)) };
    const counts: number[] = [];
    const features: unknown[] = [];
    const reader = new CollectionReader((run, count) => {
      counts.push(count);
      features.push(...parseRun(run, count));
    });
    reader.push(encoder.encode(JSON.stringify(many)));
    expect(reader.finish()).toEqual({ type: 'FeatureCollection', features: [] });
    expect(features).toEqual(many.features);
    // One push of the whole file still comes in runs of at most 2,000 features.
    expect(counts).toEqual([2000, 2000, 1000]);
  });

  test('a run parsed alone refuses what the whole would: a missing feature, broken JSON', () => {
    expect(parseRun('{"a":1},{"b":2}', 2)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => parseRun('{"a":1},{"b":2}', 3)).toThrow();
    expect(() => parseRun('{"a":1},,{"b":2}', 3)).toThrow();
    expect(() => parseRun('{"b":}', 1)).toThrow();
  });

  test('cut for a reader elsewhere: the head once and first, then each run', () => {
    const text = JSON.stringify({ ...collection, features: collection.features.slice(0, 6) });
    const told: CutMessage[] = [];
    const cut = cutRuns((message) => {
      told.push(message);
    });
    for (const part of parts(encoder.encode(text), [40])) cut.push(part);
    const rest = cut.end();
    expect(told[0]).toEqual({
      type: 'head',
      head: { type: 'FeatureCollection', territories: collection.territories, features: [] },
    });
    expect(told.length).toBeGreaterThan(2);
    expect(told.slice(1).every((message) => message.type === 'run')).toBe(true);
    const features = told
      .slice(1)
      .flatMap((message) => (message.type === 'run' ? parseRun(message.text, message.count) : []));
    expect({ ...rest, features }).toEqual(JSON.parse(text));
  });

  test('cut: an empty array tells its head at the end; a head that does not parse alone, nothing', () => {
    const empty: CutMessage[] = [];
    const emptyCut = cutRuns((message) => empty.push(message));
    emptyCut.push(encoder.encode('{"type":"FeatureCollection","features":[]}'));
    expect(emptyCut.end()).toEqual({ type: 'FeatureCollection', features: [] });
    expect(empty).toEqual([{ type: 'head', head: { type: 'FeatureCollection', features: [] } }]);
    const broken: CutMessage[] = [];
    const brokenCut = cutRuns((message) => broken.push(message));
    brokenCut.push(encoder.encode('{"type":x,"features":[{"a":1},{"b":2}]}'));
    expect(brokenCut.end()).toBeNull();
    expect(broken).toEqual([]);
  });

  test('gives up, for the file to be read whole, on what it cannot read so', () => {
    const cases: Record<string, Uint8Array> = {
      'not UTF-8 (Windows-1252)': Uint8Array.from([
        ...encoder.encode('{"features":[{"name":"M'),
        0xe9,
        ...encoder.encode('"}]}'),
      ]),
      'UTF-16 with its mark': Uint8Array.from([
        0xff,
        0xfe,
        ...[...encoder.encode('{"features":[]}')].flatMap((b) => [b, 0]),
      ]),
      'an array': encoder.encode('[{"type":"Feature"}]'),
      'no features array': encoder.encode('{"type":"FeatureCollection","features":null}'),
      'an escaped features key': encoder.encode('{"feat\\u0075res":[1],"features":[2]}'),
      'a second features array': encoder.encode('{"features":[1],"features":[2]}'),
      'a trailing comma': encoder.encode('{"features":[{"a":1},]}'),
      'an empty feature': encoder.encode('{"features":[{"a":1},,{"b":2}]}'),
      'a leading comma': encoder.encode('{"features":[,{"a":1}]}'),
      'a broken feature': encoder.encode('{"features":[{"a":1},{"b":}]}'),
      'a bracket that does not close': encoder.encode('{"features":[{"a":1}'),
      'text after the object': encoder.encode('{"features":[{"a":1}]} x'),
      'white space JSON does not know': encoder.encode('{"features":[\u00a0]}'),
      nothing: new Uint8Array(0),
    };
    for (const [name, bytes] of Object.entries(cases))
      for (const sizes of CHUNKINGS) expect(read(bytes, sizes).collection, `${name} in parts of ${sizes}`).toBeNull();
  });

  test('never accepts what JSON.parse refuses, nor gives another value (random damage)', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: Array.from({ length: 6 }, (_, i) => trickyFeature(i)),
    });
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const damage = ['', ',', '[', ']', '{', '}', '"', '\\', ':', ' ', '1'];
    let accepted = 0;
    for (let k = 0; k < 600; k++) {
      const at = random(text.length);
      const broken = text.slice(0, at) + damage[random(damage.length)] + text.slice(at + random(3));
      const bytes = encoder.encode(broken);
      let expected: unknown = null;
      try {
        // The bytes' text: a cut through an emoji's surrogate pair is written as U+FFFD.
        expected = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        expected = null;
      }
      const got = read(bytes, [random(50) + 1]).collection;
      if (got !== null) {
        accepted++;
        expect(got, broken).toEqual(expected);
      }
    }
    // The damage left some texts valid (a space, a digit in a number): those are read too.
    expect(accepted).toBeGreaterThan(0);
  });
});
