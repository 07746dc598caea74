import type { ForeignJob, ForeignMessage } from './foreign-worker';
import type { DatasetSources, LoadedDataset } from './load';
import type { Issue } from './validate';
import type { ActorFeature } from '../core/types';

/**
 * Loads a file from elsewhere in the foreign-data worker (`foreign-worker.ts`):
 * the page only receives the result, in chunks. Aborting `signal` terminates
 * the worker at once, wherever it is (a Cancel that works mid-validation).
 *
 * @param file - the name to report the file by
 * @param bytes - its bytes, as read, transferred to the worker; or the file, which the worker reads
 * @param shipped - the networks and territories it is read against
 * @param baseUrl - the app's absolute address, where the worker reads the administrative map
 * @param onProgress - entries validated so far, of how many
 * @param signal - cancels; the promise then rejects with an `AbortError`
 */
export function loadForeignOffThread(
  file: string,
  bytes: ArrayBuffer | Blob,
  shipped: Omit<DatasetSources, 'actors'>,
  baseUrl: string,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<LoadedDataset> {
  return new Promise((resolve, reject) => {
    const aborted = () => new DOMException('The load was cancelled', 'AbortError');
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const worker = new Worker(new URL('./foreign-worker.ts', import.meta.url), { type: 'module' });
    const actors: ActorFeature[] = [];
    const issues: Issue[] = [];
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(aborted());
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<ForeignMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'progress':
          onProgress(message.done, message.total);
          break;
        case 'actors':
          for (const actor of message.chunk) actors.push(actor);
          break;
        case 'issues':
          for (const issue of message.chunk) issues.push(issue);
          break;
        case 'done':
          finish();
          resolve({ actors, issues, networks: message.networks, territories: message.territories, read: message.read });
          break;
        case 'error':
          finish();
          reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'worker failed'));
    };
    const job: ForeignJob = { file, bytes, shipped, baseUrl };
    worker.postMessage(job, bytes instanceof ArrayBuffer ? [bytes] : []);
  });
}
