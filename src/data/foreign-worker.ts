/// <reference lib="webworker" />
/**
 * Reads a file from elsewhere (a dropped or chosen file, `data=`) off the main
 * thread: decoding, format detection, import and validation run here, so that a
 * 100 MB file never freezes the page. Progress is posted as validation goes;
 * the page cancels by terminating the worker. The result goes back in chunks,
 * so that no single message takes the page long to receive. The first reading of
 * a FeatureCollection it fetches is the exception: the worker cuts it into runs of
 * features as it downloads, and the page reads those itself, a run per task
 * (src/data/run-reading.ts), rather than receive 100,000 actors made here.
 */
import { browserAdminSource } from './browser-load';
import { decodeForeignBytes, loadForeignText } from './foreign-load';
import { FetchFailure, fetchParts, fetchText, joinParts } from './fetch';
import { cutRuns } from './collection-reader';
import type { CutMessage } from './collection-reader';
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
   * marked `checked`. A FeatureCollection fetched here is then cut into runs of features as it
   * downloads, which the page reads itself (`head`, `shipped`, `run`, `runs-end`).
   */
  checkLater?: boolean;
}

/**
 * The page's go-ahead for the second reading of a job with `checkLater`; or, after `runs-end`,
 * that its reading of the runs does not stand: the file is then read whole here, as a first
 * reading (its `actors` and `done` follow).
 */
export interface CheckNow {
  type: 'check' | 'read-whole';
}

export type ForeignMessage =
  | { type: 'fetching'; loaded: number; total: number | null }
  | { type: 'fetch-failed'; file: ForeignFile; kind: FetchFailureKind; status: number | null }
  | { type: 'progress'; done: number; total: number }
  | { type: 'actors'; chunk: ActorFeature[] }
  /** The file's head, then its runs of whole features, as the file downloads (src/data/collection-reader.ts). */
  | CutMessage
  /** The shipped lists the file is read against, once fetched (for the page's reading of the runs). */
  | { type: 'shipped'; shipped: Omit<DatasetSources, 'actors'> }
  /**
   * Every run was sent: the collection without its features, or null when the file could not be
   * cut so (then it is read whole here, and its `actors` and `done` follow). Otherwise the page
   * says whether its reading stands (`check` later) or not (`read-whole`).
   */
  | { type: 'runs-end'; collection: Record<string, unknown> | null }
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

/** Resolves at the page's first {@link CheckNow}: after `runs-end`, whether its reading stands. */
let answer: (said: CheckNow['type']) => void = () => {};
const answered = new Promise<CheckNow['type']>((resolve) => (answer = resolve));
/** Resolves when the page asks for the check. */
let checkNow: () => void = () => {};
const checkAsked = new Promise<void>((resolve) => (checkNow = resolve));

scope.onmessage = async (event: MessageEvent<ForeignJob | CheckNow>) => {
  if ('type' in event.data) {
    answer(event.data.type);
    if (event.data.type === 'check') checkNow();
    return;
  }
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
    /** Sends a reading; with `sameActors`, without its actors (those the page has). */
    const send = (dataset: LoadedDataset, checked: boolean, sameActors = false) => {
      if (!sameActors)
        for (let i = 0; i < dataset.actors.length; i += CHUNK)
          post({ type: 'actors', chunk: dataset.actors.slice(i, i + CHUNK) });
      for (let i = 0; i < dataset.issues.length; i += CHUNK)
        post({ type: 'issues', chunk: dataset.issues.slice(i, i + CHUNK) });
      const { networks, territories, read } = dataset;
      post({ type: 'done', networks, territories, read, checked, ...(sameActors ? { sameActors } : {}) });
    };
    /** The check: the file read again with the administrative map, and compared with `first`. */
    const sendChecked = async (first: LoadedDataset) => {
      await checkAsked;
      const checked = await loadForeignText(file, await decoded(), shipped, admin);
      // Compared here, off the page: where the check changed no actor, the page keeps what it drew.
      const same =
        checked.actors.length === first.actors.length &&
        checked.actors.every((a, i) => JSON.stringify(a) === JSON.stringify(first.actors[i]));
      send(checked, true, same);
    };
    /** The first reading of the whole file, without the administrative map nor the opening hours' check. */
    const readFirst = async (progress?: typeof onProgress) =>
      loadForeignText(file, await decoded(), shipped, undefined, progress, false);
    if (read.cut !== undefined) {
      // The page read the runs as they came: it says whether its reading stands.
      post({ type: 'runs-end', collection: read.cut });
      if (read.cut !== null && (await answered) === 'check') {
        // The page's first reading is this one (the same actors, issues and lists).
        await sendChecked(await readFirst());
        return;
      }
    }
    if (!checkLater) {
      send(await loadForeignText(file, await decoded(), shipped, admin, onProgress), true);
      return;
    }
    const first = await readFirst(onProgress);
    send(first, false);
    await sendChecked(first);
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
  /**
   * When the file was cut into runs for the page as it came: the collection without its
   * features, or null when it could not be cut so (the page's runs are then void).
   */
  cut?: Record<string, unknown> | null;
} | null> {
  const { bytes } = job;
  if (bytes instanceof ArrayBuffer || bytes instanceof Blob) {
    const buffer = bytes instanceof Blob ? await bytes.arrayBuffer() : bytes;
    return { bytes: () => buffer, shipped: job.shipped! };
  }
  const all = new AbortController();
  // For a first reading (checked later), a FeatureCollection is cut into runs of features as its
  // bytes come, and the page reads them (at 100,000 actors the download lasts seconds, while the
  // page makes its map); any other file, or a reading with the administrative map, is read here
  // once it is all there.
  const runs = job.checkLater ? cutRuns(post) : null;
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
      if (runs) post({ type: 'shipped', shipped });
      return shipped;
    });
    const [parts, shipped] = await Promise.all([
      // A file from elsewhere may be a web page (a wrong link, a host's "not found" page).
      failing(
        'data',
        fetchParts(bytes.urls.data, (loaded, total) => post({ type: 'fetching', loaded, total }), all.signal, {
          refuseHtml: true,
          ...(runs ? { onPart: (part: Uint8Array) => runs.push(part) } : {}),
        }),
      ),
      lists,
    ]);
    let joined: ArrayBuffer | undefined;
    return {
      bytes: () => (joined ??= joinParts(parts).buffer as ArrayBuffer),
      shipped,
      ...(runs ? { cut: runs.end() } : {}),
    };
  } catch {
    return null;
  }
}
