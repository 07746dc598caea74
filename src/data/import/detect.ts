/**
 * Which importer applies to a file, from its name and its text: used by
 * `npm run import` and by the app's `data=` so that both accept the same files.
 *
 * - JSON (text starting with `{` or `[`, or a `.json`/`.geojson` name):
 *   a FeatureCollection with OSM ids (`node/123`) is OpenStreetMap data;
 *   any other FeatureCollection is ours (the validator says what is wrong
 *   with it); a list of records with `nom` and `code_postal` or `services` is
 *   the médiation numérique standard.
 * - Anything else is read as CSV and recognised by its header row: our
 *   template names `id`, `name`, `category`, `themes`; the standard names
 *   `nom` and `code_postal` or `services`.
 */
import Papa from 'papaparse';
import { isObject } from '../validate';
import { isMediationHeader, isMediationRecords } from './mediation-numerique';
import { isOsmCollection } from './osm';
import { isTemplateHeader } from './template-csv';
import type { ImportFormat } from './common';

export type Detection =
  | { format: ImportFormat /** The parsed JSON, so that it is not parsed twice. */; json?: unknown }
  | {
      format: null;
      reason: 'empty' | 'notJson' | 'unknown';
      detail?: string;
      /** JSON of no known shape, parsed: the validator says what it lacks. */
      json?: unknown;
    };

/**
 * @param fileName - the name the user gave (a path, a URL or a dropped file's name)
 * @param text - the file's text
 */
export function detectFormat(fileName: string, text: string): Detection {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart();
  if (start === '') return { format: null, reason: 'empty' };
  const path = fileName.split(/[?#]/)[0]!.toLowerCase();
  const looksJson = start.startsWith('{') || start.startsWith('[');
  if (looksJson || /\.(geo)?json$/.test(path)) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      if (looksJson || !/\.csv$/.test(path))
        return {
          format: null,
          reason: 'notJson',
          detail: String(error instanceof Error ? error.message : error).slice(0, 160),
        };
    }
    if (json !== undefined) return detectJson(json);
  }
  const header = csvHeader(start);
  if (isTemplateHeader(header)) return { format: 'archipel-csv' };
  if (isMediationHeader(header)) return { format: 'mediation-csv' };
  return { format: null, reason: 'unknown' };
}

/** Which importer applies to a file's parsed JSON (see {@link detectFormat}). */
function detectJson(json: unknown): Detection {
  if (isObject(json) && json.type === 'FeatureCollection')
    return { format: isOsmCollection(json) ? 'osm-geojson' : 'archipel-geojson', json };
  if (isMediationRecords(json)) return { format: 'mediation-json', json };
  return { format: null, reason: 'unknown', json };
}

/** The cells of the first line, trimmed, with the delimiter the importers will use. */
function csvHeader(text: string): string[] {
  const end = text.search(/\r|\n/);
  const line = end === -1 ? text : text.slice(0, end);
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  const delimiter = counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  const parsed = Papa.parse<string[]>(line, { delimiter, header: false });
  return (parsed.data[0] ?? []).map((cell) => cell.trim());
}
