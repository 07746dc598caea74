/// <reference lib="webworker" />
/**
 * Reads a file from elsewhere (a dropped or chosen file, `data=`) off the main
 * thread: decoding, format detection, import and validation run here, so that a
 * 100 MB file never freezes the page. Progress is posted as validation goes;
 * the page cancels by terminating the worker. The result goes back in chunks,
 * so that no single message takes the page long to receive.
 */
import { browserAdminSource, loadForeignBytes } from './browser-load';
import type { DatasetSources } from './load';
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
}

export type ForeignMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'actors'; chunk: ActorFeature[] }
  | { type: 'issues'; chunk: Issue[] }
  | { type: 'done'; networks: Network[]; territories: Territory[]; read: number }
  | { type: 'error'; message: string };

/** Items per message: each is received by the page in a few milliseconds. */
export const CHUNK = 2000;

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ForeignJob>) => {
  const post = (message: ForeignMessage) => scope.postMessage(message);
  try {
    const { file, shipped, baseUrl } = event.data;
    const bytes = event.data.bytes instanceof Blob ? await event.data.bytes.arrayBuffer() : event.data.bytes;
    // Progress at most four times a second: a status read out at every chunk would be noise.
    let last = 0;
    const dataset = await loadForeignBytes(file, bytes, shipped, browserAdminSource(baseUrl), (done, total) => {
      const now = performance.now();
      if (now - last < 250) return;
      last = now;
      post({ type: 'progress', done, total });
    });
    for (let i = 0; i < dataset.actors.length; i += CHUNK)
      post({ type: 'actors', chunk: dataset.actors.slice(i, i + CHUNK) });
    for (let i = 0; i < dataset.issues.length; i += CHUNK)
      post({ type: 'issues', chunk: dataset.issues.slice(i, i + CHUNK) });
    post({ type: 'done', networks: dataset.networks, territories: dataset.territories, read: dataset.read });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
