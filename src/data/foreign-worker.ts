/// <reference lib="webworker" />
/**
 * Reads a file from elsewhere (a dropped or chosen file, `data=`) off the main
 * thread: decoding, format detection, import and validation run here, so that a
 * 100 MB file never freezes the page. Progress is posted as validation goes;
 * the page cancels by terminating the worker. The result goes back in chunks,
 * so that no single message takes the page long to receive.
 */
import { browserAdminSource, decodeForeignBytes, loadForeignText } from './browser-load';
import type { DatasetSources, LoadedDataset } from './load';
import type { Issue } from './validate';
import type { ActorFeature, Network, Territory } from '../core/types';

export interface ForeignJob {
  file: string;
  /**
   * The file's bytes (transferred, not copied), or the chosen file itself: read here, since
   * reading 100 MB on the page's thread takes tasks of several hundred milliseconds.
   */
  bytes: ArrayBuffer | Blob;
  shipped: Omit<DatasetSources, 'actors'>;
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
  | { type: 'progress'; done: number; total: number }
  | { type: 'actors'; chunk: ActorFeature[] }
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
    const { file, shipped, baseUrl, checkLater = false } = event.data;
    const bytes = event.data.bytes instanceof Blob ? await event.data.bytes.arrayBuffer() : event.data.bytes;
    // Progress at most four times a second: a status read out at every chunk would be noise.
    let last = 0;
    const onProgress = (done: number, total: number) => {
      const now = performance.now();
      if (now - last < 250) return;
      last = now;
      post({ type: 'progress', done, total });
    };
    const admin = browserAdminSource(baseUrl);
    const decoded = await decodeForeignBytes(bytes);
    const send = (dataset: LoadedDataset, checked: boolean, sameActors = false) => {
      if (!sameActors)
        for (let i = 0; i < dataset.actors.length; i += CHUNK)
          post({ type: 'actors', chunk: dataset.actors.slice(i, i + CHUNK) });
      for (let i = 0; i < dataset.issues.length; i += CHUNK)
        post({ type: 'issues', chunk: dataset.issues.slice(i, i + CHUNK) });
      const { networks, territories, read } = dataset;
      post({ type: 'done', networks, territories, read, checked, ...(sameActors ? { sameActors } : {}) });
    };
    const first = checkLater
      ? await loadForeignText(file, decoded, shipped, undefined, onProgress, false)
      : await loadForeignText(file, decoded, shipped, admin, onProgress);
    send(first, !checkLater);
    if (!checkLater) return;
    await checkAsked;
    const checked = await loadForeignText(file, decoded, shipped, admin);
    // Compared here, off the page: where the check changed no actor, the page keeps what it drew.
    const same =
      checked.actors.length === first.actors.length &&
      checked.actors.every((a, i) => JSON.stringify(a) === JSON.stringify(first.actors[i]));
    send(checked, true, same);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
