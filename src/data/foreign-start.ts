/**
 * Starts the foreign-data worker (src/data/foreign-worker.ts): its code (decoding, importers,
 * validation) loads at once, while the page fetches the file. Give it to `loadForeignOffThread`
 * (src/data/foreign-client.ts), or terminate it. A module of its own so that the page's entry can
 * start the worker without the client's code.
 */
export function startForeignWorker(): Worker {
  return new Worker(new URL('./foreign-worker.ts', import.meta.url), { type: 'module' });
}
