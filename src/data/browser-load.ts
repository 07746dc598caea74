import { adminForText, buildDataset, readDataset, withAdmin } from './load';
import type { DatasetSources, LoadedDataset } from './load';
import type { Dataset } from '../core/types';
import type { AdminSource } from './admin';
import { fetchText } from './fetch';

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
 */
export async function loadDataset(
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void,
  signal?: AbortSignal,
  dataUrl: string | null = null,
): Promise<LoadedDataset> {
  const files = ['actors.geojson', 'networks.json', 'territories.json'] as const;
  const urls = files.map((file) => `${baseUrl}data/${file}`);
  if (dataUrl) urls[0] = dataUrl;
  const progress = files.map(() => ({ loaded: 0, total: null as number | null }));
  const report = () =>
    onProgress({
      loadedBytes: progress.reduce((sum, p) => sum + p.loaded, 0),
      totalBytes: progress.every((p) => p.total !== null) ? progress.reduce((sum, p) => sum + (p.total ?? 0), 0) : null,
    });
  const [actors, networks, territories] = await Promise.all(
    files.map((_, i) =>
      fetchText(
        urls[i]!,
        (loaded, total) => {
          progress[i] = { loaded, total };
          report();
        },
        signal,
      ),
    ),
  );
  const shipped = {
    networks: { file: 'networks.json', text: networks! },
    territories: { file: 'territories.json', text: territories! },
  };
  const adminSource = browserAdminSource(baseUrl);
  if (!dataUrl)
    return readDataset({ actors: { file: 'actors.geojson', text: actors! }, ...shipped }, undefined, adminSource);
  return loadForeign(fileNameOf(dataUrl), actors!, shipped, adminSource);
}

/**
 * Data from elsewhere (`data=`, a dropped file) gets the full check, opening
 * hours included, and may be in any format the importers know: our GeoJSON
 * (with its own territories and networks if it carries them), our CSV
 * template, the national "lieux de médiation numérique" standard, OSM GeoJSON.
 */
export async function loadForeign(
  file: string,
  text: string,
  shipped: Omit<DatasetSources, 'actors'>,
  adminSource?: AdminSource,
): Promise<LoadedDataset> {
  const [{ checkOpeningHours }, { detectFormat, importText }] = await Promise.all([
    import('./opening-hours'),
    import('./import'),
  ]);
  const detection = detectFormat(file, text);
  const admin = await adminForText(adminSource, [text]);
  // Parsing and validating a large file are two long steps: the page may draw in between.
  await nextTask();
  if (detection.format === 'archipel-geojson' || detection.format === null) {
    return buildDataset(
      { actors: { file, text, json: 'json' in detection ? detection.json : undefined }, ...shipped },
      checkOpeningHours,
      admin,
    );
  }
  const base = buildDataset({ actors: { file, text: '{"type":"FeatureCollection","features":[]}' }, ...shipped });
  const result = importText(text, {
    file,
    territories: base.territories,
    networks: base.networks,
    checkOpeningHours,
    ...(admin ? { admin } : {}),
  });
  return withAdmin(
    { ...base, actors: result.features, issues: [...base.issues, ...result.issues], read: result.summary.read },
    admin,
  );
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
