import { describe, expect, test, vi } from 'vitest';
import { FetchFailure } from '../../src/data/fetch';
import { loadForeignOffThread } from '../../src/data/foreign-client';
import type { ForeignMessage } from '../../src/data/foreign-worker';
import type { LoadedDataset } from '../../src/data/load';
import type { ActorFeature } from '../../src/core/types';
import { cutRuns } from '../../src/data/collection-reader';
import { actorFixture } from './fixtures';

/**
 * A stand-in for the foreign-data worker: records what the page posts and whether it was
 * terminated, and answers with the messages a test gives it.
 */
class FakeWorker {
  onmessage: ((event: MessageEvent<ForeignMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: unknown[] = [];
  terminated = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  say(...messages: ForeignMessage[]) {
    for (const data of messages) this.onmessage?.({ data } as MessageEvent<ForeignMessage>);
  }
}

const actor = (id: string, insee?: string): ActorFeature =>
  ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-4.48, 48.39] },
    properties: { id, name: id, category: 'library', ...(insee ? { insee } : {}) },
  }) as unknown as ActorFeature;

const shipped = {
  networks: { file: 'networks.json', text: '[]' },
  territories: {
    file: 'territories.json',
    text: JSON.stringify([{ id: 'brest', name: 'Brest', center: [-4.49, 48.39], bbox: [-4.6, 48.3, -4.4, 48.5] }]),
  },
};

/** What the worker tells of a file it cuts into runs as it downloads in parts of `size`, `runs-end` last. */
function cut(text: string, size: number): ForeignMessage[] {
  const told: ForeignMessage[] = [];
  const runs = cutRuns((message) => told.push(message));
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) runs.push(bytes.slice(at, at + size));
  told.push({ type: 'runs-end', collection: runs.end() });
  return told;
}

const done = (checked: boolean, read: number, sameActors?: boolean): ForeignMessage => ({
  type: 'done',
  networks: [],
  territories: [],
  read,
  checked,
  ...(sameActors ? { sameActors } : {}),
});

/** Starts a read on a fake worker, with a later check when `later` is true. */
function read(later: boolean) {
  const worker = new FakeWorker();
  let check: (() => Promise<LoadedDataset | null>) | undefined;
  const first = loadForeignOffThread({
    file: 'lieux.geojson',
    bytes: new ArrayBuffer(8),
    shipped,
    baseUrl: 'http://127.0.0.1/',
    onProgress: () => {},
    worker: worker as unknown as Worker,
    ...(later ? { later: (c: () => Promise<LoadedDataset | null>) => (check = c) } : {}),
  });
  return { worker, first, check: () => check };
}

describe('a file from elsewhere read first, checked later', () => {
  test('without a later check: one reading, and the worker is let go', async () => {
    const { worker, first } = read(false);
    expect(worker.posted[0]).toMatchObject({ file: 'lieux.geojson', checkLater: false });
    worker.say({ type: 'actors', chunk: [actor('a'), actor('b')] }, done(true, 2));
    const dataset = await first;
    expect(dataset.actors.map((a) => a.properties.id)).toEqual(['a', 'b']);
    expect(worker.terminated).toBe(true);
  });

  test('the first reading comes at once; the check is asked for once, and its reading replaces it', async () => {
    const { worker, first, check } = read(true);
    expect(worker.posted[0]).toMatchObject({ checkLater: true });
    worker.say(
      { type: 'actors', chunk: [actor('a'), actor('loin')] },
      { type: 'issues', chunk: [{ severity: 'warning', file: 'lieux.geojson', code: 'unknownProperty' }] },
      done(false, 2),
    );
    const shown = await first;
    expect(shown.actors).toHaveLength(2);
    expect(worker.terminated).toBe(false);
    // Nothing is read again until the page asks, and asking twice asks the worker once.
    expect(worker.posted).toHaveLength(1);
    const checking = check()!();
    check()!();
    expect(worker.posted.slice(1)).toEqual([{ type: 'check' }]);
    worker.say(
      { type: 'actors', chunk: [actor('a', '29019')] },
      { type: 'issues', chunk: [{ severity: 'error', file: 'lieux.geojson', code: 'farFromCommune', id: 'loin' }] },
      done(true, 2),
    );
    const checked = await checking;
    expect(checked!.actors.map((a) => [a.properties.id, a.properties.insee])).toEqual([['a', '29019']]);
    expect(checked!.issues.map((i) => i.code)).toEqual(['farFromCommune']);
    expect(worker.terminated).toBe(true);
  });

  test('a check that changed no actor gives back the very array the page drew', async () => {
    const { worker, first, check } = read(true);
    worker.say({ type: 'actors', chunk: [actor('a', '29019')] }, done(false, 1));
    const shown = await first;
    const checking = check()!();
    worker.say(done(true, 1, true));
    expect((await checking)!.actors).toBe(shown.actors);
  });

  test('the runs the worker cuts are read on the page: its first reading, kept by a check that changed nothing', async () => {
    const { worker, first, check } = read(true);
    const features = [actorFixture({ id: 'a-1' }), actorFixture({ id: 'a-2' }), actorFixture({ id: 'a-1' })];
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    worker.say({ type: 'shipped', shipped }, ...cut(text, 50));
    const shown = await first;
    expect(shown.actors.map((a) => a.properties.id)).toEqual(['a-1', 'a-2']);
    expect(shown.issues.map((i) => [i.code, i.index])).toEqual([['duplicateId', 2]]);
    expect(shown.read).toBe(3);
    // The worker is asked for the check only.
    expect(worker.posted.slice(1)).toEqual([]);
    const checking = check()!();
    expect(worker.posted.slice(1)).toEqual([{ type: 'check' }]);
    worker.say(done(true, 3, true));
    expect((await checking)!.actors).toBe(shown.actors);
  });

  test('runs the page cannot read (OpenStreetMap GeoJSON): the worker reads the file whole', async () => {
    const { worker, first } = read(true);
    const osm = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'node/1', geometry: { type: 'Point', coordinates: [-4.5, 48.4] }, properties: {} },
      ],
    };
    worker.say({ type: 'shipped', shipped }, ...cut(JSON.stringify(osm), 20));
    await vi.waitFor(() => expect(worker.posted.slice(1)).toEqual([{ type: 'read-whole' }]));
    worker.say({ type: 'actors', chunk: [actor('osm-1')] }, done(false, 1));
    expect((await first).actors.map((a) => a.properties.id)).toEqual(['osm-1']);
  });

  test('a file the worker could not cut: the runs told are dropped, and its own reading follows', async () => {
    const { worker, first } = read(true);
    const messages = cut(JSON.stringify({ type: 'FeatureCollection', features: [actorFixture({ id: 'a-1' })] }), 30);
    // As when the end shows the file broken: the worker says so and reads it whole, unasked.
    worker.say({ type: 'shipped', shipped }, ...messages.slice(0, -1), { type: 'runs-end', collection: null });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(worker.posted.slice(1)).toEqual([]);
    worker.say({ type: 'actors', chunk: [actor('b')] }, done(false, 1));
    expect((await first).actors.map((a) => a.properties.id)).toEqual(['b']);
  });

  test('a check that fails leaves the first reading standing', async () => {
    const { worker, first, check } = read(true);
    worker.say({ type: 'actors', chunk: [actor('a')] }, done(false, 1));
    await first;
    const checking = check()!();
    worker.say({ type: 'error', message: 'admin/index.json: HTTP 503' });
    expect(await checking).toBeNull();
    expect(worker.terminated).toBe(true);
  });
});

describe('a file from elsewhere fetched by the worker', () => {
  // The page's address, against which the worker is given absolute ones.
  const page = { href: 'http://127.0.0.1:4173/carte/?data=lieux.geojson' };
  const urls = {
    data: 'lieux.geojson',
    networks: '/carte/data/networks.json',
    territories: '/carte/data/territories.json',
  };
  const fetchRead = () => {
    const worker = new FakeWorker();
    const fetched: [number, number | null][] = [];
    const reading = loadForeignOffThread({
      file: 'lieux.geojson',
      bytes: { urls },
      baseUrl: 'http://127.0.0.1:4173/carte/',
      onProgress: () => {},
      onFetch: (loaded, total) => fetched.push([loaded, total]),
      worker: worker as unknown as Worker,
    });
    return { worker, reading, fetched };
  };

  test('the worker gets absolute addresses, and its download is told as it goes', async () => {
    vi.stubGlobal('location', page);
    try {
      const { worker, reading, fetched } = fetchRead();
      expect(worker.posted[0]).toMatchObject({
        bytes: {
          urls: {
            data: 'http://127.0.0.1:4173/carte/lieux.geojson',
            networks: 'http://127.0.0.1:4173/carte/data/networks.json',
            territories: 'http://127.0.0.1:4173/carte/data/territories.json',
          },
        },
      });
      worker.say({ type: 'fetching', loaded: 1000, total: null }, { type: 'fetching', loaded: 5000, total: 5000 });
      worker.say({ type: 'actors', chunk: [actor('a')] }, done(true, 1));
      expect((await reading).actors).toHaveLength(1);
      expect(fetched).toEqual([
        [1000, null],
        [5000, 5000],
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('a failed download is the same failure as on the page, named by the address the page gave', async () => {
    vi.stubGlobal('location', page);
    try {
      const { worker, reading } = fetchRead();
      worker.say({ type: 'fetch-failed', file: 'data', kind: 'http', status: 404 });
      const failure = await reading.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(FetchFailure);
      expect(failure).toMatchObject({ kind: 'http', status: 404, url: 'lieux.geojson' });
      expect(worker.terminated).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
