import { indexActors, rememberIndex } from '../core/filter';
import { selectCounts, selectFiltered } from './selectors';
import type { IndexedActor } from '../core/filter';
import type { AppState } from './store';

/**
 * What the page computes first for a dataset about to be shown (a previewed file's), each part
 * in tasks of its own: the filter index a slice at a time, then the filtered
 * actors and the facets' counts for the state as it is with that dataset. The selectors remember
 * their last answer, so that `setDataset`, called next with nothing else changed meanwhile,
 * finds them made: the same answers, without one long task. Only the file preview uses it (a
 * lazy part: none of this is in an embed's first load).
 */
export async function prepareDataset(state: () => AppState, dataset: NonNullable<AppState['dataset']>): Promise<void> {
  const { actors, admin } = dataset;
  const indexed: IndexedActor[] = [];
  // Slices of 2,000 actors (a few tens of milliseconds each), each indexed as a whole index is.
  for (let i = 0; i < actors.length; i += 2000) {
    for (const actor of indexActors(actors.slice(i, i + 2000), admin)) indexed.push(actor);
    await nextTask();
  }
  rememberIndex(dataset, indexed);
  await nextTask();
  selectFiltered({ ...state(), dataset });
  await nextTask();
  selectCounts({ ...state(), dataset });
  await nextTask();
}

/**
 * Resolves in a later task, so that the page may draw and answer input between two pieces of
 * long work: `scheduler.yield()` where there is one, else a message to itself (a timeout of 0
 * may wait 4 ms or more).
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done();
    };
    channel.port2.postMessage(null);
  });
}
