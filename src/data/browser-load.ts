import { buildDataset } from './load';
import type { LoadedDataset } from './load';
import { fetchText } from './fetch';

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number | null;
}

/**
 * Loads and validates the shipped data files from `data/` beside the app.
 * Their opening hours are checked by `npm run validate` in the tests, so the
 * heavy parser is not fetched here; data from elsewhere (`data=`) is checked in full.
 */
export async function loadShippedDataset(
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void,
  signal?: AbortSignal,
): Promise<LoadedDataset> {
  const files = ['actors.geojson', 'networks.json', 'territories.json'] as const;
  const progress = files.map(() => ({ loaded: 0, total: null as number | null }));
  const report = () =>
    onProgress({
      loadedBytes: progress.reduce((sum, p) => sum + p.loaded, 0),
      totalBytes: progress.every((p) => p.total !== null) ? progress.reduce((sum, p) => sum + (p.total ?? 0), 0) : null,
    });
  const [actors, networks, territories] = await Promise.all(
    files.map((file, i) =>
      fetchText(
        `${baseUrl}data/${file}`,
        (loaded, total) => {
          progress[i] = { loaded, total };
          report();
        },
        signal,
      ),
    ),
  );
  return buildDataset(
    {
      actors: { file: 'actors.geojson', text: actors! },
      networks: { file: 'networks.json', text: networks! },
      territories: { file: 'territories.json', text: territories! },
    },
  );
}
