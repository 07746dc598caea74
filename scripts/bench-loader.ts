/**
 * The loader's largest fuzz case, measured: a 50 MB actors file where every
 * other feature is broken in a different way, loaded and validated as the app
 * and `npm run validate` do. Prints the time and the memory it took; run alone
 * (`npx tsx --expose-gc scripts/bench-loader.ts`) or by `npm run bench`.
 *
 * Exit 1 if a valid actor is lost or a broken one is not reported.
 */
import { buildDataset } from '../src/data/load';

export interface LoaderFigures {
  bytes: number;
  features: number;
  kept: number;
  rejected: number;
  ms: number;
  /** Extra heap while loading (after − before, with a collection first when `--expose-gc`). */
  heapMB: number;
  /** Resident set size at the end. */
  rssMB: number;
}

const BROKEN = [
  (_: Record<string, unknown>, g: Record<string, unknown>) => (g.coordinates = [Number.NaN, 48.39]),
  (p: Record<string, unknown>) => (p.category = 'fab-lab'),
  (p: Record<string, unknown>) => (p.themes = []),
  (p: Record<string, unknown>) => (p.name = 'x'.repeat(20_000)),
  (_: Record<string, unknown>, g: Record<string, unknown>) => (g.coordinates = [48.39, -4.49]),
  (p: Record<string, unknown>) => (p.url = 'javascript:alert(1)'),
  (p: Record<string, unknown>) => (p.roles = 'public-service'),
  (p: Record<string, unknown>) => delete p.postcode,
];

/**
 * A GeoJSON text of about `targetBytes` where every other feature is broken in one of the ways
 * above (the valid ones in Brest, territory `brest`): what the loader's measures read.
 */
export function hostileCollectionText(targetBytes: number): { text: string; features: number } {
  const features: unknown[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const properties: Record<string, unknown> = {
      id: `brest-bench-${i}`,
      name: `Lieu de test ${i}`,
      category: 'library',
      roles: ['public-service'],
      themes: ['training', 'digital-inclusion'],
      territory: 'brest',
      address: `${i} rue de Siam`,
      postcode: '29200',
      commune: 'Brest',
      description:
        'Texte de description assez long pour ressembler à une vraie fiche, avec des accents : é, è, à, ç. '.repeat(3),
      source: 'scripts/bench-loader.ts (synthetic)',
    };
    const geometry: Record<string, unknown> = {
      type: 'Point',
      coordinates: [-4.49 + (i % 1000) * 0.0002, 48.35 + (i % 700) * 0.0002],
    };
    if (i % 2 === 1) BROKEN[(i >> 1) % BROKEN.length]!(properties, geometry);
    const feature = { type: 'Feature', geometry, properties };
    bytes += JSON.stringify(feature).length + 1;
    features.push(feature);
  }
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  return { text, features: features.length };
}

export function measureLoader(targetBytes = 50_000_000): LoaderFigures {
  const territories = JSON.stringify([
    { id: 'brest', name: 'Brest', center: [-4.486, 48.39], bbox: [-4.77, 48.33, -4.26, 48.5] },
  ]);
  const { text } = hostileCollectionText(targetBytes);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const dataset = buildDataset({
    actors: { file: 'fuzz-50mb.geojson', text },
    networks: { file: 'networks.json', text: '[]' },
    territories: { file: 'territories.json', text: territories },
  });
  const ms = performance.now() - start;
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const read = dataset.read;
  const rejected = new Set(dataset.issues.filter((i) => i.severity === 'error').map((i) => i.index)).size;
  if (dataset.actors.length !== Math.ceil(read / 2) || rejected !== Math.floor(read / 2)) {
    console.error(`loader lost rows: read ${read}, kept ${dataset.actors.length}, rejected ${rejected}`);
    process.exitCode = 1;
  }
  return {
    bytes: text.length,
    features: read,
    kept: dataset.actors.length,
    rejected,
    ms,
    heapMB,
    rssMB: process.memoryUsage().rss / 1e6,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = measureLoader();
  console.log(
    `loader, largest fuzz case: ${(f.bytes / 1e6).toFixed(1)} MB, ${f.features} features (${f.kept} kept, ${f.rejected} rejected with a reason) in ${(f.ms / 1000).toFixed(2)} s; heap +${f.heapMB.toFixed(0)} MB, RSS ${f.rssMB.toFixed(0)} MB`,
  );
}
