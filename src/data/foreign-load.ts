/**
 * Reading a file from elsewhere (`data=`, a dropped or chosen file) in any format the importers
 * know: loaded only where one is read (the foreign-data and export workers, `npm run export`), not
 * with the page's first code, which reads the shipped data.
 */
import { adminForText, buildDataset, withAdmin } from './load';
import type { DatasetSources, LoadedDataset } from './load';
import type { Admin, AdminSource } from './admin';
import type { Detection } from './import';
import type { OpeningHoursCheck } from './validate';
import { nextTask } from './browser-load';

/**
 * A file from elsewhere as bytes: decoded the one way every door decodes
 * (`decodeBytes`: byte-order marks, UTF-8, else Windows-1252, said in a
 * warning), then read by {@link loadForeign}.
 */
export async function loadForeignBytes(
  file: string,
  bytes: ArrayBuffer,
  shipped: Omit<DatasetSources, 'actors'>,
  adminSource?: AdminSource,
  onProgress?: (done: number, total: number) => void,
): Promise<LoadedDataset> {
  return loadForeignText(file, await decodeForeignBytes(bytes), shipped, adminSource, onProgress);
}

/** A file's bytes decoded by `decodeBytes`, and whether its encoding was guessed. */
export async function decodeForeignBytes(bytes: ArrayBuffer): Promise<{ text: string; guessed: boolean }> {
  const { decodeBytes } = await import('./decode');
  return decodeBytes(bytes);
}

/** {@link loadForeign} of decoded text, with the warning of a guessed encoding. */
export async function loadForeignText(
  file: string,
  decoded: { text: string; guessed: boolean },
  shipped: Omit<DatasetSources, 'actors'>,
  adminSource?: AdminSource,
  onProgress?: (done: number, total: number) => void,
  checkHours = true,
): Promise<LoadedDataset> {
  const dataset = await loadForeign(file, decoded.text, shipped, adminSource, onProgress, checkHours);
  if (decoded.guessed) dataset.issues.unshift({ severity: 'warning', file, code: 'encodingGuessed' });
  return dataset;
}

/**
 * Data from elsewhere (`data=`, a dropped file) gets the full check, opening
 * hours included, and may be in any format the importers know: our GeoJSON
 * (with its own territories and networks if it carries them), our CSV
 * template, the national "lieux de médiation numérique" standard, OSM GeoJSON.
 * Without `checkHours`, opening hours are kept unchecked (a first reading to draw from, read again
 * in full after): the parser is a large module to load.
 */
export async function loadForeign(
  file: string,
  text: string,
  shipped: Omit<DatasetSources, 'actors'>,
  adminSource?: AdminSource,
  onProgress?: (done: number, total: number) => void,
  checkHours = true,
): Promise<LoadedDataset> {
  const [hours, { detectFormat }] = await Promise.all([
    checkHours ? import('./opening-hours') : null,
    import('./import'),
  ]);
  // Each distinct value parsed once, within a budget: see `budgetedHoursCheck`.
  const checkOpeningHours = hours?.budgetedHoursCheck();
  const detection = detectFormat(file, text);
  const admin = await adminForText(adminSource, [text]);
  // Parsing and validating a large file are two long steps: the page may draw in between.
  await nextTask();
  return readDetected(file, text, detection, shipped, admin, checkOpeningHours, onProgress);
}

/** {@link loadForeign} once the format is known. */
async function readDetected(
  file: string,
  text: string,
  detection: Detection,
  shipped: Omit<DatasetSources, 'actors'>,
  admin: Admin | undefined,
  checkOpeningHours: OpeningHoursCheck | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<LoadedDataset> {
  if (detection.format === 'archipel-geojson' || detection.format === null) {
    return buildDataset(
      { actors: { file, text, json: 'json' in detection ? detection.json : undefined }, ...shipped },
      checkOpeningHours,
      admin,
      onProgress,
    );
  }
  const { importText } = await import('./import');
  const base = buildDataset({ actors: { file, text: '{"type":"FeatureCollection","features":[]}' }, ...shipped });
  const result = importText(
    text,
    {
      file,
      territories: base.territories,
      networks: base.networks,
      checkOpeningHours,
      ...(admin ? { admin } : {}),
      ...(onProgress ? { onProgress } : {}),
    },
    detection,
  );
  const issues = base.issues;
  for (const issue of result.issues) issues.push(issue);
  return withAdmin({ ...base, actors: result.features, issues, read: result.summary.read }, admin);
}
