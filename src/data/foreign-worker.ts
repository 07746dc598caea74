/// <reference lib="webworker" />
/**
 * Reads a file from elsewhere (a dropped or chosen file, `data=`) off the main
 * thread: decoding, format detection, import and validation run here, so that a
 * 100 MB file never freezes the page. Progress is posted as validation goes;
 * the page cancels by terminating the worker. The result goes back in chunks,
 * so that no single message takes the page long to receive.
 */
import { browserAdminSource } from './browser-load';
import { decodeForeignBytes, loadForeignCollection, loadForeignText } from './foreign-load';
import { FetchFailure, fetchParts, fetchText, joinParts } from './fetch';
import { StreamedReading } from './streamed-reading';
import type { StreamedResult } from './streamed-reading';
import type { FetchFailureKind } from './fetch';
import type { DatasetSources, LoadedDataset } from './load';
import type { Issue } from './validate';
import type { ActorFeature, Network, Territory } from '../core/types';

/** The three files a job reads, by the name its messages give them. */
export type ForeignFile = 'data' | 'networks' | 'territories';

export interface ForeignJob {
  file: string;
  /**
   * The file's bytes (transferred, not copied), or the chosen file itself: read here, since
   * reading 100 MB on the page's thread takes tasks of several hundred milliseconds. Or the
   * addresses (absolute) of the file and of the shipped networks and territories, fetched here:
   * the page's thread, busy making the map, no longer holds back the download (at 100,000 actors
   * it took it 3 s to read the stream), and the bytes need not be handed over.
   */
  bytes: ArrayBuffer | Blob | { urls: Record<ForeignFile, string> };
  /** The networks and territories it is read against; fetched here with `bytes.urls`. */
  shipped?: Omit<DatasetSources, 'actors'>;
  /** The app's address (absolute), where the administrative map is read to find each place's commune. */
  baseUrl: string;
  /**
   * Checked later: the file is read first without the administrative map (its actors can be drawn
   * at once), then, once the page sends {@link CheckNow}, again with it; a second result follows,
   * marked `checked`.
   */
  checkLater?: boolean;
}

/** The page's go-ahead for the second reading of a job with `checkLater`. */
export interface CheckNow {
  type: 'check';
}

export type ForeignMessage =
  | { type: 'fetching'; loaded: number; total: number | null }
  | { type: 'fetch-failed'; file: ForeignFile; kind: FetchFailureKind; status: number | null }
  | { type: 'progress'; done: number; total: number }
  | {
      type: 'actors';
      chunk: ActorFeature[];
      /**
       * Their positions in the file, when the reading tells its actors as they are validated, out
       * of order (src/data/streamed-reading.ts): the page puts them in file order at `done`.
       */
      at?: number[];
    }
  /** The actors told so far are void: the reading starts again (its `actors` follow). */
  | { type: 'actors-void' }
  | { type: 'issues'; chunk: Issue[] }
  | {
      type: 'done';
      networks: Network[];
      territories: Territory[];
      read: number;
      /** Whether the actors were checked against the administrative map (else a checked result follows). */
      checked: boolean;
      /** A checked result whose actors are those of the first reading, not sent again. */
      sameActors?: boolean;
    }
  | { type: 'error'; message: string };

/** Items per message: each is received by the page in a few milliseconds. */
export const CHUNK = 2000;

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The code a first reading needs, loaded as soon as the worker starts (the page starts it while it
// fetches the file); the opening hours' parser, a large module, only for a full reading.
const quiet = () => undefined;
void import('./decode').catch(quiet);
void import('./import').catch(quiet);

/** Resolves at the page's {@link CheckNow}. */
let checkNow: () => void = () => {};
const checkAsked = new Promise<void>((resolve) => (checkNow = resolve));

scope.onmessage = async (event: MessageEvent<ForeignJob | CheckNow>) => {
  if ('type' in event.data) return checkNow();
  const post = (message: ForeignMessage) => scope.postMessage(message);
  try {
    const { file, baseUrl, checkLater = false } = event.data;
    const read = await readFiles(event.data, post);
    if (!read) return;
    const { shipped } = read;
    // Progress at most four times a second: a status read out at every chunk would be noise.
    let last = 0;
    const onProgress = (done: number, total: number) => {
      const now = performance.now();
      if (now - last < 250) return;
      last = now;
      post({ type: 'progress', done, total });
    };
    const admin = browserAdminSource(baseUrl);
    // The text, decoded once and only if a reading needs it: a file read as it came does not.
    let decoding: ReturnType<typeof decodeForeignBytes> | undefined;
    const decoded = () => (decoding ??= decodeForeignBytes(read.bytes()));
    /** Sends a reading; `rest`: the actors of a streamed one not sent yet, with their positions. */
    const send = (
      dataset: LoadedDataset,
      checked: boolean,
      sameActors = false,
      rest?: { actors: ActorFeature[]; at: number[] },
    ) => {
      const actors = rest?.actors ?? dataset.actors;
      if (!sameActors)
        for (let i = 0; i < actors.length; i += CHUNK)
          post({
            type: 'actors',
            chunk: actors.slice(i, i + CHUNK),
            ...(rest ? { at: rest.at.slice(i, i + CHUNK) } : {}),
          });
      for (let i = 0; i < dataset.issues.length; i += CHUNK)
        post({ type: 'issues', chunk: dataset.issues.slice(i, i + CHUNK) });
      const { networks, territories, read } = dataset;
      post({ type: 'done', networks, territories, read, checked, ...(sameActors ? { sameActors } : {}) });
    };
    /** The first reading: the one made while the file came, else of the collection parsed then, else of the text. */
    const readFirst = async (streamed: StreamedResult | null) => {
      if (!checkLater) return { first: await loadForeignText(file, await decoded(), shipped, admin, onProgress) };
      if (streamed?.void) post({ type: 'actors-void' });
      if (streamed?.dataset) return { first: streamed.dataset, rest: streamed.rest };
      if (streamed?.collection)
        return { first: await loadForeignCollection(file, streamed.collection, shipped, onProgress) };
      return { first: await loadForeignText(file, await decoded(), shipped, undefined, onProgress, false) };
    };
    const { first, rest } = await readFirst(read.streamed);
    // The parsed file is not kept while the page draws: the first reading holds what it needs of it.
    read.streamed = null;
    send(first, !checkLater, false, rest);
    if (!checkLater) return;
    await checkAsked;
    const checked = await loadForeignText(file, await decoded(), shipped, admin);
    // Compared here, off the page: where the check changed no actor, the page keeps what it drew.
    const same =
      checked.actors.length === first.actors.length &&
      checked.actors.every((a, i) => JSON.stringify(a) === JSON.stringify(first.actors[i]));
    send(checked, true, same);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

/**
 * The job's bytes and the shipped files it is read against: as given, or fetched (the first
 * failure is told, with the file it was, and the other reads stop); null when a fetch failed.
 */
async function readFiles(
  job: ForeignJob,
  post: (message: ForeignMessage) => void,
): Promise<{
  /** The file's bytes, joined when asked (a file read as it came may never need them). */
  bytes: () => ArrayBuffer;
  shipped: Omit<DatasetSources, 'actors'>;
  /** What was read of the file while it came (when it was fetched here). */
  streamed: StreamedResult | null;
} | null> {
  const { bytes } = job;
  if (bytes instanceof ArrayBuffer || bytes instanceof Blob) {
    const buffer = bytes instanceof Blob ? await bytes.arrayBuffer() : bytes;
    return { bytes: () => buffer, shipped: job.shipped!, streamed: null };
  }
  const all = new AbortController();
  // For a first reading (checked later), a FeatureCollection is parsed and validated as its bytes
  // come (at 100,000 actors the download lasts seconds, while the page makes its map); any other
  // file, or a reading with the administrative map, once it is all there.
  const streaming = job.checkLater
    ? new StreamedReading(job.file, (chunk, at) => post({ type: 'actors', chunk, at }))
    : null;
  const failing = <T>(file: ForeignFile, reading: Promise<T>) =>
    reading.catch((error: unknown) => {
      if (!all.signal.aborted) {
        all.abort();
        const failure = error instanceof FetchFailure ? error : new FetchFailure('unreachable', bytes.urls[file]);
        post({ type: 'fetch-failed', file, kind: failure.kind, status: failure.status });
      }
      throw error;
    });
  try {
    const lists = Promise.all([
      failing(
        'networks',
        fetchText(bytes.urls.networks, () => {}, all.signal),
      ),
      failing(
        'territories',
        fetchText(bytes.urls.territories, () => {}, all.signal),
      ),
    ]).then(([networks, territories]) => {
      const shipped = {
        networks: { file: 'networks.json', text: networks },
        territories: { file: 'territories.json', text: territories },
      };
      streaming?.setShipped(shipped);
      return shipped;
    });
    const [parts, shipped] = await Promise.all([
      // A file from elsewhere may be a web page (a wrong link, a host's "not found" page).
      failing(
        'data',
        fetchParts(bytes.urls.data, (loaded, total) => post({ type: 'fetching', loaded, total }), all.signal, {
          refuseHtml: true,
          ...(streaming ? { onPart: (part: Uint8Array) => streaming.push(part) } : {}),
        }),
      ),
      lists,
    ]);
    let joined: ArrayBuffer | undefined;
    return {
      bytes: () => (joined ??= joinParts(parts).buffer as ArrayBuffer),
      shipped,
      streamed: streaming && (await streaming.finish()),
    };
  } catch {
    return null;
  }
}
