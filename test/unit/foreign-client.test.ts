import { describe, expect, test, vi } from 'vitest';
import { FetchFailure } from '../../src/data/fetch';
import { loadForeignOffThread } from '../../src/data/foreign-client';
import type { ForeignMessage } from '../../src/data/foreign-worker';
import type { LoadedDataset } from '../../src/data/load';
import type { ActorFeature } from '../../src/core/types';

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
    shipped: { networks: { file: 'networks.json', text: '[]' }, territories: { file: 'territories.json', text: '[]' } },
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

  test('actors told as they were validated, out of order, are given in the order of the file', async () => {
    const { worker, first } = read(true);
    // As the streamed reading tells them: those naming no partner at once, the others at the end.
    worker.say(
      { type: 'actors', chunk: [actor('a'), actor('c')], at: [0, 3] },
      { type: 'actors', chunk: [actor('e')], at: [6] },
      { type: 'actors', chunk: [actor('b'), actor('d')], at: [1, 4] },
      done(false, 7),
    );
    expect((await first).actors.map((a) => a.properties.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('actors told before the reading started again are dropped', async () => {
    const { worker, first } = read(true);
    worker.say(
      { type: 'actors', chunk: [actor('old')], at: [0] },
      { type: 'actors-void' },
      { type: 'actors', chunk: [actor('a'), actor('b')] },
      done(false, 2),
    );
    expect((await first).actors.map((a) => a.properties.id)).toEqual(['a', 'b']);
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
