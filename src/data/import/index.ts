/**
 * The import door: detect the format of a file, convert it, validate it.
 * `npm run import` and the app's `data=` call {@link importText}.
 */
import { IMPORT_CODES, failedImport, finishImport } from './common';
import { detectFormat } from './detect';
import { importMediationCsv, importMediationJson } from './mediation-numerique';
import { importOsm } from './osm';
import { importTemplateCsv } from './template-csv';
import type { ImportOptions, ImportResult } from './common';
import type { Detection } from './detect';

export { detectFormat } from './detect';
export type { Detection } from './detect';
export { DUPLICATE_DISTANCE_M, IMPORT_CODES } from './common';
export type { ImportFormat, ImportOptions, ImportResult, ImportSummary } from './common';
export { importTemplateCsv } from './template-csv';
export { importMediationCsv, importMediationJson } from './mediation-numerique';
export { importOsm } from './osm';

/**
 * Imports one file of any known format.
 *
 * @param text - the file's text
 * @param options - `file` (its name, also used to detect the format), territories, networks, hours parser, fallback territory
 * @param known - the format, when {@link detectFormat} was already asked
 */
export function importText(text: string, options: ImportOptions, known?: Detection): ImportResult {
  // A detection already made (it parsed the JSON) is not made again.
  const detection = known ?? detectFormat(options.file, text);
  switch (detection.format) {
    case null:
      return detection.reason === 'notJson'
        ? failedImport(null, options.file, 'notJson', { detail: detection.detail ?? '' })
        : failedImport(null, options.file, IMPORT_CODES.formatUnknown);
    case 'archipel-geojson':
      return importArchipelGeoJson(detection.json, options);
    case 'archipel-csv':
      return importTemplateCsv(text, options);
    case 'mediation-csv':
      return importMediationCsv(text, options);
    case 'mediation-json':
      return importMediationJson(detection.json as unknown[], options);
    case 'osm-geojson':
      return importOsm(detection.json, options);
  }
}

/** Our own GeoJSON: validated as it is, strictly, like `data/actors.geojson`. */
function importArchipelGeoJson(json: unknown, options: ImportOptions): ImportResult {
  const features = (json as { features: unknown[] }).features;
  const candidates = features.map((feature, index) => ({ feature, index }));
  return finishImport(
    { format: 'archipel-geojson', unit: 'feature', read: features.length, candidates, issues: [], lenient: false },
    options,
  );
}
