/**
 * A view framed on a territory (`territory=`) reads the parts of the shipped data that hold its
 * actors (src/data/parts.ts) before anything else; then the full app reads the rest once idle,
 * and an embed only when its view widens. Fetched only by such a view: a page showing France or a
 * file from elsewhere carries none of this code.
 */
import { territoryIds } from '../core/territory-id';
import type { AppStore } from '../state/store';
import { selectActorsById, selectNetworksById } from '../state/selectors';
import { whenDrawnAndIdle } from './map-handle';
import type { AdminSource } from '../data/admin';
import { browserAdminSource, loadDataset, withTerritories } from '../data/browser-load';
import type { LoadProgress } from '../data/browser-load';
import { fetchText } from '../data/fetch';
import { readDataset } from '../data/load';
import type { LoadedDataset } from '../data/load';
import { PARTS_DIR, SHIPPED_ACTORS, covers, mergeParts, partFilesFor, setCoverage } from '../data/parts';

/** What the page gives the parts: where the data is, its store, and what it decided at start. */
export interface PartsHost {
  baseUrl: string;
  store: AppStore;
  adminSource: AdminSource;
  /** Whether a reading of the whole data brings the administrative map. */
  withAdminMap: () => boolean;
  /** Reports the URL's ids the data lacks; `checkSelected`: the whole data is there to say so. */
  reportDanglingReferences: (checkSelected: boolean) => void;
}

/** For `region:` ids, the départements of each région, from the administrative map's index. */
async function regionDepartements(
  ids: readonly string[],
  adminSource: AdminSource,
): Promise<(code: string) => string[] | null> {
  if (!ids.some((id) => id.startsWith('region:'))) return () => null;
  const { loadAdmin } = await import('../data/admin');
  const admin = await loadAdmin(adminSource, []);
  return (code) => admin.index.departements.filter((d) => d[2] === code).map((d) => d[0]);
}

/**
 * The first data of a view framed on `framed`: its parts, or null when no part answers for it
 * (the caller then reads the whole files). A part that cannot be read throws.
 */
export async function firstParts(
  host: PartsHost,
  framed: readonly string[],
  onProgress: (progress: LoadProgress) => void,
  signal: AbortSignal,
): Promise<{ dataset: LoadedDataset; parts: PartsOnPage } | null> {
  const files = partFilesFor(framed, await regionDepartements(framed, host.adminSource));
  if (!files || !(await partsReachable(host.baseUrl, files))) return null;
  const dataset = await loadParts(host.baseUrl, files, onProgress, signal, host.withAdminMap());
  setCoverage(framed);
  return { dataset, parts: new PartsOnPage(host, files) };
}

/**
 * Whether the parts can be read: always online; with no network, only if the service worker kept
 * each of them (scripts/offline.ts keeps a part once read, the whole files at install). Otherwise
 * the whole files are read at once, rather than a request that fails and is logged.
 */
async function partsReachable(baseUrl: string, files: readonly string[]): Promise<boolean> {
  if (navigator.onLine !== false || typeof caches === 'undefined') return true;
  try {
    for (const file of files) if (!(await caches.match(`${baseUrl}data/${PARTS_DIR}/${file}`))) return false;
  } catch {
    // Storage refused (a private window): the parts are tried, and the whole files if they fail.
    return true;
  }
  return true;
}

/** The parts shown, until the whole data replaces them. */
export class PartsOnPage {
  #files: string[] | null;
  #completing: Promise<void> | null = null;

  constructor(
    private readonly host: PartsHost,
    files: string[],
  ) {
    this.#files = files;
  }

  /** The part files on the page; null once the whole data is there. */
  files(): string[] | null {
    return this.#files;
  }

  /** The same parts read again (with the administrative map, say). */
  read(files: readonly string[], withAdminMap: boolean): Promise<LoadedDataset> {
    return loadParts(this.host.baseUrl, files, () => {}, undefined, withAdminMap);
  }

  /** The full app reads the rest once the map is first drawn and the page idle. */
  completeWhenIdle(): void {
    whenDrawnAndIdle(() => void this.complete(false), 10_000);
  }

  /** A view that leaves what the parts hold (another territory, France, an actor elsewhere) reads more. */
  widenWhenAsked(): void {
    const { store } = this.host;
    const check = () => {
      const s = store.getState();
      if (!this.#files || s.previewFile !== null) return;
      const ids = territoryIds(s.filters.territory);
      const missingSelected =
        s.selected !== null && !selectActorsById(s).has(s.selected) && !selectNetworksById(s).has(s.selected);
      if (covers(ids) && !missingSelected) return;
      void this.complete(true);
    };
    store.subscribe((s) => s.filters.territory, check);
    store.subscribe((s) => s.selected, check);
    check();
  }

  /**
   * Reads the whole shipped data and shows it in place of the parts. With `waiting`, the page
   * says it is loading until then (a view that the parts do not hold: no count is shown that
   * is not exact). A failure leaves the parts shown for their territory (a wider view says what
   * went wrong), to be tried again at the next widening.
   */
  complete(waiting: boolean): Promise<void> {
    if (!this.#files) return Promise.resolve();
    const { store, baseUrl, adminSource } = this.host;
    if (waiting) store.getState().setStatus({ phase: 'loading', loadedBytes: 0, totalBytes: null });
    const ready = () => {
      if (store.getState().status.phase === 'loading') store.getState().setStatus({ phase: 'ready' });
    };
    this.#completing ??= loadDataset(
      baseUrl,
      ({ loadedBytes, totalBytes }) => {
        if (store.getState().status.phase === 'loading')
          store.getState().setStatus({ phase: 'loading', loadedBytes, totalBytes });
      },
      undefined,
      null,
      this.host.withAdminMap() || store.getState().dataset?.adminMap !== undefined,
    )
      .then(async (whole) => {
        const dataset = await withTerritories(whole, territoryIds(store.getState().filters.territory), adminSource);
        this.#files = null;
        setCoverage(null);
        // A file previewed meanwhile stays: the shipped data does not replace it.
        if (store.getState().previewFile === null) {
          store.getState().setDataset(dataset);
          this.host.reportDanglingReferences(true);
        }
        ready();
      })
      .catch((error: unknown) => {
        this.#completing = null;
        // The parts still answer for their own territory; a wider view says it could not be read.
        if (covers(territoryIds(store.getState().filters.territory))) ready();
        else if (store.getState().status.phase === 'loading')
          store
            .getState()
            .setStatus({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return this.#completing;
  }
}

/**
 * The shipped actors of some parts only (`data/parts/`, src/data/parts.ts), with the networks
 * they carry and the shipped territories: what a view framed on a territory reads first.
 * Any part that cannot be read fails the whole (the caller then reads the whole file).
 */
async function loadParts(
  baseUrl: string,
  files: readonly string[],
  onProgress: (progress: LoadProgress) => void,
  signal?: AbortSignal,
  withAdminMap = true,
): Promise<LoadedDataset> {
  const urls = [...files.map((f) => `${baseUrl}data/${PARTS_DIR}/${f}`), `${baseUrl}data/territories.json`];
  const loaded = urls.map(() => 0);
  const totals = urls.map(() => null as number | null);
  const all = new AbortController();
  const stopAll = () => all.abort();
  signal?.addEventListener('abort', stopAll);
  let texts: string[];
  try {
    texts = await Promise.all(
      urls.map((url, i) =>
        fetchText(
          url,
          (bytes, total) => {
            loaded[i] = bytes;
            totals[i] = total;
            onProgress({
              loadedBytes: loaded.reduce((a, b) => a + b, 0),
              totalBytes: totals.every((t) => t !== null) ? totals.reduce((a, b) => a! + b!, 0) : null,
            });
          },
          all.signal,
          // A part is small: one that does not come soon is given up for the whole file.
          { stallMs: 8_000 },
        ).catch((error: unknown) => {
          if (!all.signal.aborted) all.abort();
          throw error;
        }),
      ),
    );
  } finally {
    signal?.removeEventListener('abort', stopAll);
  }
  const territories = texts.pop()!;
  const actors = mergeParts(texts.map((text) => JSON.parse(text) as unknown));
  const shippedActors = actors[SHIPPED_ACTORS];
  const dataset = await readDataset(
    {
      // The text is read only for the départements the administrative map needs.
      actors: { file: 'actors.geojson', text: texts.join('\n'), json: actors },
      networks: { file: 'networks.json', text: '[]' },
      territories: { file: 'territories.json', text: territories },
    },
    undefined,
    withAdminMap ? browserAdminSource(baseUrl) : undefined,
  );
  return typeof shippedActors === 'number' ? { ...dataset, shippedActors } : dataset;
}
