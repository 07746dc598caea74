import type { CheckNow, ForeignFile, ForeignJob, ForeignMessage } from './foreign-worker';
import { browserAdminSource, fileNameOf, nextTask, withAdminOf } from './browser-load';
import { indexActors, rememberIndex } from '../core/filter';
import { FetchFailure } from './fetch';
import type { LoadProgress } from './browser-load';
import { startForeignWorker } from './foreign-start';
import { RunReading } from './run-reading';
import type { AdminSource } from './admin';
import type { DatasetSources, LoadedDataset } from './load';
import type { Issue } from './validate';
import type { ActorFeature } from '../core/types';

/** A file from elsewhere to read in the foreign-data worker. */
export interface ForeignRead {
  /** The name to report the file by. */
  file: string;
  /**
   * Its bytes, as read, transferred to the worker; or the file, which the worker reads; or where
   * the worker fetches it and the shipped networks and territories (relative to the page).
   */
  bytes: ArrayBuffer | Blob | { urls: Record<ForeignFile, string> };
  /** The networks and territories it is read against (unless the worker fetches them). */
  shipped?: Omit<DatasetSources, 'actors'>;
  /** Bytes of the file fetched so far, and its size when known (when the worker fetches it). */
  onFetch?: (loaded: number, total: number | null) => void;
  /** The app's absolute address, where the worker reads the administrative map. */
  baseUrl: string;
  /** Entries validated so far, of how many. */
  onProgress: (done: number, total: number) => void;
  /** Cancels; the promise then rejects with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /**
   * When given, the file is read first without the administrative map (the promise resolves with
   * that reading, whose actors can be drawn at once); `later` then gets the way to read it again
   * with the map, which resolves with that second reading, or null when it failed (the first one
   * then stands).
   */
  later?: ((check: () => Promise<LoadedDataset | null>) => void) | undefined;
  /** A worker started earlier (src/data/foreign-start.ts), its code loaded while the file was fetched. */
  worker?: Worker | undefined;
}

/**
 * Loads a file from elsewhere in the foreign-data worker (`foreign-worker.ts`):
 * the page only receives the result, in chunks. Aborting `signal` terminates
 * the worker at once, wherever it is (a Cancel that works mid-validation).
 */
export function loadForeignOffThread({
  file,
  bytes,
  shipped,
  baseUrl,
  onProgress,
  signal,
  later,
  worker: started,
  onFetch,
}: ForeignRead): Promise<LoadedDataset> {
  // Where the worker fetches the files, when it does (else the bytes are given).
  const urls = bytes instanceof ArrayBuffer || bytes instanceof Blob ? null : bytes.urls;
  return new Promise((resolve, reject) => {
    const aborted = () => new DOMException('The load was cancelled', 'AbortError');
    if (signal?.aborted) {
      started?.terminate();
      reject(aborted());
      return;
    }
    const worker = started ?? startForeignWorker();
    let actors: ActorFeature[] = [];
    /** The page's reading of the runs the worker cuts from the file as it downloads. */
    let runs: RunReading | null = null;
    const reading = () => (runs ??= new RunReading(file));
    let issues: Issue[] = [];
    let firstActors: ActorFeature[] = [];
    // Whether the first reading was given (the promise settled): what follows goes to the check.
    let first = false;
    let onChecked: (dataset: LoadedDataset | null) => void = () => {};
    const checked = new Promise<LoadedDataset | null>((resolve) => (onChecked = resolve));
    let asked = false;
    const check = () => {
      if (!asked) worker.postMessage({ type: 'check' } satisfies CheckNow);
      asked = true;
      return checked;
    };
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    /** Whether the read failed or was cancelled: a reading of the runs still finishing is dropped. */
    let failed = false;
    const fail = (error: Error) => {
      failed = true;
      finish();
      if (first) onChecked(null);
      else reject(error);
    };
    const onAbort = () => fail(aborted());
    /** The first reading: given to the page, which asks for its check later. */
    const firstReading = (dataset: LoadedDataset) => {
      firstActors = dataset.actors;
      first = true;
      later?.(check);
      resolve(dataset);
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<ForeignMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'fetching':
          onFetch?.(message.loaded, message.total);
          break;
        case 'fetch-failed':
          // Said with the address as the page gave it (the page compares it with `data=`).
          if (urls) fail(new FetchFailure(message.kind, urls[message.file], message.status));
          break;
        case 'progress':
          onProgress(message.done, message.total);
          break;
        case 'head':
          reading().setHead(message.head);
          break;
        case 'shipped':
          reading().setShipped(message.shipped);
          break;
        case 'run':
          reading().add(message.text, message.count);
          break;
        case 'runs-end': {
          const { collection } = message;
          void (runs?.finishLater(collection) ?? Promise.resolve(null)).then(async (dataset) => {
            if (failed) return;
            if (dataset) {
              // Its filter index in a task of its own, not in the one that shows it (at 100,000
              // actors, together, a task of 0.25 s).
              await nextTask();
              rememberIndex(dataset, indexActors(dataset.actors));
              if (!failed) firstReading(dataset);
            }
            // The worker reads the file whole, as a first reading: its `actors` and `done` follow.
            else if (collection) worker.postMessage({ type: 'read-whole' } satisfies CheckNow);
          });
          runs = null;
          break;
        }
        case 'actors':
          for (const actor of message.chunk) actors.push(actor);
          break;
        case 'issues':
          for (const issue of message.chunk) issues.push(issue);
          break;
        case 'done': {
          const { networks, territories, read } = message;
          // The check changed no actor: the first reading's array, which the page has drawn.
          if (message.sameActors) actors = firstActors;
          const dataset = { actors, issues, networks, territories, read };
          actors = [];
          issues = [];
          if (message.checked) finish();
          if (first) onChecked(dataset);
          else firstReading(dataset);
          break;
        }
        case 'error':
          fail(new Error(message.message));
      }
    };
    worker.onerror = (event) => fail(new Error(event.message || 'worker failed'));
    const job: ForeignJob = {
      file,
      bytes: urls
        ? {
            urls: {
              data: absolute(urls.data),
              networks: absolute(urls.networks),
              territories: absolute(urls.territories),
            },
          }
        : bytes,
      ...(shipped ? { shipped } : {}),
      baseUrl,
      checkLater: later !== undefined,
    };
    worker.postMessage(job, bytes instanceof ArrayBuffer ? [bytes] : []);
  });
}

/**
 * A file from elsewhere read in the worker, with the administrative map of its actors'
 * départements; with `checkLater`, its first reading without the map, whose check the page asks
 * for later ({@link takeLaterCheck}).
 */
export async function readForeign(
  read: Omit<ForeignRead, 'later'> & { adminSource: AdminSource; checkLater: boolean },
): Promise<LoadedDataset> {
  let check: (() => Promise<LoadedDataset | null>) | undefined;
  const dataset = await loadForeignOffThread({
    ...read,
    later: read.checkLater ? (later) => (check = later) : undefined,
  });
  if (!check) return withAdminOf(dataset, read.adminSource);
  const readAgain = check;
  laterChecks.set(dataset, () => readAgain().then((checked) => checked && withAdminOf(checked, read.adminSource)));
  return dataset;
}

/** How to check a file from elsewhere read without the administrative map, by the dataset read. */
const laterChecks = new WeakMap<LoadedDataset, () => Promise<LoadedDataset | null>>();

/**
 * For a file from elsewhere read without the administrative map ({@link readForeign} with
 * `checkLater`): the way to read it again with the map, its communes, positions and opening hours
 * checked (given once; undefined for any other dataset). That reading resolves null when it fails.
 */
export function takeLaterCheck(dataset: LoadedDataset): (() => Promise<LoadedDataset | null>) | undefined {
  const check = laterChecks.get(dataset);
  laterChecks.delete(dataset);
  return check;
}

/** An address relative to the page, made absolute (the worker resolves against its own script). */
const absolute = (url: string) => new URL(url, location.href).href;

/**
 * `data=` on the page (src/data/browser-load.ts `loadDataset`): the worker fetches the file and the
 * shipped networks and territories (`urls`: the file's, then theirs) and reads it; read first without
 * the administrative map unless `withAdminMap`, checked against it when the page asks.
 */
export async function fetchForeign(
  dataUrl: string,
  urls: readonly string[],
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void,
  signal: AbortSignal | undefined,
  worker: Worker,
  withAdminMap: boolean,
): Promise<LoadedDataset> {
  let fetched = 0;
  try {
    return await readForeign({
      file: fileNameOf(dataUrl),
      bytes: { urls: { data: dataUrl, networks: urls[1]!, territories: urls[2]! } },
      baseUrl: new URL(baseUrl, location.href).href,
      onFetch: (loaded, total) => {
        fetched = loaded;
        onProgress({ loadedBytes: loaded, totalBytes: total });
      },
      onProgress: (done, total) => onProgress({ loadedBytes: fetched, totalBytes: fetched, checked: { done, total } }),
      signal,
      worker,
      adminSource: browserAdminSource(baseUrl),
      checkLater: !withAdminMap,
    });
  } catch (error) {
    throw signal?.aborted ? new FetchFailure('cancelled', dataUrl) : error;
  }
}
