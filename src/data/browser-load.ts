import { readDataset, withAdmin } from './load';
import type { DatasetSources, LoadedDataset } from './load';
import type { Dataset } from '../core/types';
import type { AdminSource } from './admin';
import { FetchFailure, fetchBytes, fetchText } from './fetch';
import type { FetchFailureKind } from './fetch';
import { depOfInsee } from '../core/territory-id';
import { PARTS_DIR, PARTS_SUMMARY } from './parts-names';
import { startForeignWorker } from './foreign-start';

const adminSources = new Map<string, AdminSource>();

/** The administrative map's files beside the app (`admin/`), each fetched once per page. */
export function browserAdminSource(baseUrl: string): AdminSource {
  const known = adminSources.get(baseUrl);
  if (known) return known;
  const cache = new Map<string, Promise<unknown>>();
  const source: AdminSource = {
    read: (name) => {
      let file = cache.get(name);
      if (!file) {
        file = fetch(`${baseUrl}admin/${name}`).then((response) => {
          if (!response.ok) throw new Error(`admin/${name}: HTTP ${response.status}`);
          return response.json() as Promise<unknown>;
        });
        // A failed fetch may be tried again later.
        file.catch(() => cache.delete(name));
        cache.set(name, file);
      }
      return file;
    },
  };
  adminSources.set(baseUrl, source);
  return source;
}

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number | null;
  /** Once read, a file from elsewhere is validated (in a worker): entries checked so far, of how many. */
  checked?: { done: number; total: number };
}

/** The last part of a URL's path, to name the file in messages. */
export function fileNameOf(url: string): string {
  const path = url.split(/[?#]/)[0]!;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
}

/**
 * Loads and validates the shipped data files from `data/` beside the app, or
 * the actors of `dataUrl` with the shipped networks and territories.
 * Shipped opening hours are checked by `npm run validate` in the tests, so the
 * heavy parser is not fetched here; data from elsewhere (`data=`) is checked in full.
 * Without `withAdminMap`, the shipped actors are read without the administrative map (their
 * own `territory` still places them): an embed's first load then stays within its budget. A file
 * from elsewhere is then read without it too, and checked against it later (src/data/foreign-client.ts
 * `takeLaterCheck`).
 */
export async function loadDataset(
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void,
  signal?: AbortSignal,
  dataUrl: string | null = null,
  withAdminMap = true,
  beforeReading: () => Promise<void> = () => Promise.resolve(),
): Promise<LoadedDataset> {
  const files = ['actors.geojson', 'networks.json', 'territories.json'] as const;
  const urls = files.map((file) => `${baseUrl}data/${file}`);
  // The shipped data's summary names its départements: their administrative map is fetched while the
  // actors are, not after them.
  if (!dataUrl && withAdminMap) prefetchAdmin(baseUrl);
  if (dataUrl) urls[0] = dataUrl;
  // On a page, a file from elsewhere is fetched and read by a worker, with the shipped networks
  // and territories: the worker starts at once, and the page's side of it loads meanwhile.
  if (dataUrl !== null && typeof document !== 'undefined') {
    const worker = startForeignWorker();
    const client = await import('./foreign-client').catch((error: unknown) => {
      worker.terminate();
      throw error;
    });
    return client.fetchForeign(dataUrl, urls, baseUrl, onProgress, signal, worker, withAdminMap);
  }
  const progress = files.map(() => ({ loaded: 0, total: null as number | null }));
  // The first failure stops the other reads, and no late progress brings "loading" back over it.
  const all = new AbortController();
  const stopAll = () => all.abort();
  signal?.addEventListener('abort', stopAll);
  let settled = false;
  const report = () => {
    if (settled) return;
    onProgress({
      loadedBytes: progress.reduce((sum, p) => sum + p.loaded, 0),
      totalBytes: progress.every((p) => p.total !== null) ? progress.reduce((sum, p) => sum + (p.total ?? 0), 0) : null,
    });
  };
  let read: (string | Uint8Array)[];
  try {
    read = await Promise.all(
      files.map((_, i) => {
        const onBytes = (loaded: number, total: number | null) => {
          progress[i] = { loaded, total };
          report();
        };
        // A file from elsewhere is read as bytes (`decodeBytes` decodes it in the worker, like a dropped
        // file), and may be a web page (a wrong link, a host's "not found" page).
        const reading =
          i === 0 && dataUrl
            ? fetchBytes(urls[i]!, onBytes, all.signal, { refuseHtml: true })
            : fetchText(urls[i]!, onBytes, all.signal);
        return reading.catch((error: unknown) => {
          // The first failure is the one to tell; the reads it stopped say only "cancelled".
          if (!all.signal.aborted) all.abort();
          throw error;
        });
      }),
    );
  } catch (error) {
    settled = true;
    throw signal?.aborted ? new FetchFailure('cancelled', urls[0]!) : error;
  } finally {
    signal?.removeEventListener('abort', stopAll);
  }
  settled = true;
  const [actors, networks, territories] = read;
  const shipped = {
    networks: { file: 'networks.json', text: networks as string },
    territories: { file: 'territories.json', text: territories as string },
  };
  const adminSource = browserAdminSource(baseUrl);
  if (!dataUrl) {
    await beforeReading();
    const sources = { actors: { file: 'actors.geojson', text: actors as string }, ...shipped };
    const dataset = await readDataset(sources, undefined, withAdminMap ? adminSource : undefined);
    // Read without the administrative map: kept, so that `withShippedAdmin` checks them against it later.
    if (!withAdminMap) shippedSources.set(dataset, sources);
    return dataset;
  }
  // In a worker already (the export worker): the file is read right there.
  const { loadForeignBytes } = await import('./foreign-load');
  return loadForeignBytes(fileNameOf(dataUrl), (actors as Uint8Array).buffer as ArrayBuffer, shipped, adminSource);
}

/** The texts of the shipped data read without the administrative map, by the dataset made of them. */
const shippedSources = new WeakMap<LoadedDataset, DatasetSources>();

/**
 * The texts a dataset of the shipped data was read from, when it was read without the
 * administrative map (src/ui/admin-later.ts reads them again with it); given once.
 */
export function takeShippedSources(dataset: LoadedDataset): DatasetSources | undefined {
  const sources = shippedSources.get(dataset);
  shippedSources.delete(dataset);
  return sources;
}

/**
 * Starts reading the administrative map of the départements the shipped data's summary names
 * (`data/parts/summary.json`, src/data/parts.ts) into the page's cache of admin files, which the
 * loader reads from once the actors are there. Nothing happens when there is no summary.
 */
function prefetchAdmin(baseUrl: string): void {
  const source = browserAdminSource(baseUrl);
  fetch(`${baseUrl}data/${PARTS_DIR}/${PARTS_SUMMARY}`)
    .then((response) => (response.ok ? (response.json() as Promise<{ summary?: { departements?: unknown } }>) : null))
    .then((file) => {
      const departements = file?.summary?.departements;
      const deps = departements && typeof departements === 'object' ? Object.keys(departements) : [];
      if (deps.length === 0) return;
      const quiet = () => undefined;
      source.read('index.json').catch(quiet);
      for (const dep of deps) if (/^[\dAB]{2,3}$/.test(dep)) source.read(`communes-${dep}.json`).catch(quiet);
    })
    .catch(() => undefined);
}

/**
 * A dataset read in the worker, with the administrative map of its actors' départements
 * (the worker resolved their communes; the page needs the map for names, framing and statistics).
 */
export async function withAdminOf(dataset: LoadedDataset, adminSource: AdminSource): Promise<LoadedDataset> {
  const deps = new Set<string>();
  for (const actor of dataset.actors) {
    const dep = actor.properties.insee ? depOfInsee(actor.properties.insee) : undefined;
    if (dep) deps.add(dep);
  }
  try {
    const { loadAdmin } = await import('./admin');
    return withAdmin(dataset, await loadAdmin(adminSource, deps));
  } catch {
    return dataset;
  }
}

/**
 * Loads `dataUrl` (from `data=`) and, when it cannot be read, the shipped data
 * instead, with what went wrong: the page then shows the shipped map and says
 * why the other file is not there. A cancel is not a failure of the file: it throws.
 */
export async function loadDatasetOrShipped(
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void,
  signal: AbortSignal,
  dataUrl: string | null,
  onFailure: (failure: DataFailure) => void = () => {},
  withAdminMap = true,
  beforeReading?: () => Promise<void>,
): Promise<{ dataset: LoadedDataset; failure: DataFailure | null }> {
  try {
    return {
      dataset: await loadDataset(baseUrl, onProgress, signal, dataUrl, withAdminMap, beforeReading),
      failure: null,
    };
  } catch (error) {
    if (!dataUrl || !(error instanceof FetchFailure) || error.kind === 'cancelled' || error.url !== dataUrl)
      throw error;
    const failure: DataFailure = { kind: error.kind, status: error.status, url: dataUrl };
    // Said at once, not after the shipped data has loaded.
    onFailure(failure);
    return { dataset: await loadDataset(baseUrl, onProgress, signal, null, withAdminMap, beforeReading), failure };
  }
}

/** Why the file of `data=` is not shown (see {@link FetchFailure}). */
export interface DataFailure {
  kind: Exclude<FetchFailureKind, 'cancelled'>;
  status: number | null;
  url: string;
}

/**
 * The networks and territories a previewed file is read against: those of the
 * data shown before it (the page's, and the export worker's when it reads the
 * file again, so that both validate it alike).
 */
export function previewBase(dataset: Pick<Dataset, 'networks' | 'territories'> | null): Omit<DatasetSources, 'actors'> {
  return {
    networks: { file: 'networks.json', text: JSON.stringify(dataset?.networks ?? []) },
    territories: { file: 'territories.json', text: JSON.stringify(dataset?.territories ?? []) },
  };
}

/** Resolves in a later task, so that the browser can draw and handle input before what follows. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The dataset knowing the administrative territories of `ids` it did not know yet: a commune of a
 * département none of its actors is in (`territory=commune:75056`) is a territory all the same,
 * with no actors; its département is read so that it is named and framed, not dropped as unknown.
 * The dataset itself when nothing was missing or the map cannot be read.
 */
export async function withTerritories(
  dataset: LoadedDataset,
  ids: readonly string[],
  adminSource: AdminSource,
): Promise<LoadedDataset> {
  const admin = dataset.adminMap;
  if (!admin) return dataset;
  const missing = ids.filter(
    (id) =>
      dataset.admin?.territories[id] === undefined &&
      !dataset.territories.some((t) => t.id === id) &&
      admin.territory(id) === undefined &&
      admin.departementsOfTerritory(id).length > 0,
  );
  if (missing.length === 0) return dataset;
  try {
    const { loadAdmin } = await import('./admin');
    await loadAdmin(
      adminSource,
      missing.flatMap((id) => admin.departementsOfTerritory(id)),
      admin,
    );
  } catch {
    return dataset;
  }
  const territories = { ...(dataset.admin?.territories ?? {}) };
  let added = false;
  for (const id of missing) {
    const t = admin.territory(id);
    if (!t) continue;
    territories[t.id] = { id: t.id, name: t.name, center: t.center, bbox: t.bbox };
    added = true;
  }
  return added ? { ...dataset, admin: { communes: dataset.admin?.communes ?? {}, territories } } : dataset;
}
