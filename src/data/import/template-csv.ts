/**
 * Archipel's CSV template: the same facts as `actors.geojson`, one row an actor,
 * for people who edit in a spreadsheet. `src/export/csv.ts` writes it, this
 * module reads it back; the two share the definitions below so that
 * export → import → export gives the same bytes.
 *
 * The template:
 * - UTF-8, with a byte-order mark on export (tolerated, not required, on import);
 * - a header row with the columns of {@link TEMPLATE_COLUMNS}: every property
 *   in `ACTOR_PROPERTY_ORDER`, then `longitude`, `latitude` (WGS 84, decimal
 *   degrees with a point); on import the column order is free and unknown
 *   columns are reported and ignored;
 * - lists (`roles`, `themes`, `networks`, `partners`, `services`, `sources`) joined by `|`;
 * - RFC 4180 quoting; CRLF line ends on export (LF or CR read too); the
 *   delimiter on import is the most frequent of `,` `;` and tab on the header line;
 * - formula escaping, see {@link FORMULA_ESCAPED}.
 */
import { ACTOR_PROPERTY_ORDER } from '../validate';
import { finishImport, readCoordinate, readCsv, rowRecord } from './common';
import type { Candidate, ImportOptions, ImportResult } from './common';
import type { Issue } from '../validate';

/** Columns of the template, in the order export writes them. */
export const TEMPLATE_COLUMNS = [
  // `fact_sources` (an object, census provenance per fact) has no CSV form: GeoJSON only.
  ...ACTOR_PROPERTY_ORDER.filter((key) => key !== 'fact_sources'),
  'longitude',
  'latitude',
] as const;

export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** Properties written as `|`-joined lists. */
export const LIST_FIELDS: ReadonlySet<string> = new Set([
  'roles',
  'themes',
  'networks',
  'partners',
  'services',
  'sources',
]);

export const LIST_SEPARATOR = '|';

/**
 * The cells export escapes: those starting with `=` `+` `-` `@` tab or CR
 * (which spreadsheets run as formulas), *and those starting with one or more
 * `'` before such a character*. Export prefixes each of them with one `'`
 * (Papa.unparse `escapeFormulae` with this pattern; papaparse's own default
 * pattern, `/^[=+\-@\t\r].*$/`, misses a cell with a line break after the `=`).
 *
 * Import undoes it with {@link unescapeCell}: a cell matching
 * {@link FORMULA_ESCAPED} (one or more `'` then a formula character) loses its
 * first `'`. Because escaping also covers cells that already start with `'=`,
 * the two are exact inverses: `'=x` is written `''=x` and read back `'=x`, and a
 * cell that export did not touch is never changed by import.
 * Numbers (longitude, latitude) are never escaped: `-4.49` stays a number.
 */
export const FORMULA_ESCAPE = /^'*[=+\-@\t\r]/;

/** A cell as export wrote it after escaping: see {@link FORMULA_ESCAPE}. */
export const FORMULA_ESCAPED = /^'+[=+\-@\t\r]/;

/** Undoes export's formula escaping on one cell. */
export function unescapeCell(cell: string): string {
  return FORMULA_ESCAPED.test(cell) ? cell.slice(1) : cell;
}

/** Whether a CSV header row is our template's: it names our required columns. */
export function isTemplateHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim()));
  return ['id', 'name', 'category', 'themes'].every((c) => names.has(c));
}

const KNOWN = new Set<string>(TEMPLATE_COLUMNS);

/**
 * Reads our CSV template. Strict like `actors.geojson`: a row with any error
 * is rejected with the validator's reason; row numbers are lines of the file
 * (the header is line 1; a row with a quoted line break spans several).
 *
 * @param text - the file's text
 * @param options - file name, territories and networks to validate against
 */
export function importTemplateCsv(text: string, options: ImportOptions): ImportResult {
  const table = readCsv(text, options.file);
  const issues: Issue[] = [...table.issues];
  for (const column of table.header) {
    if (column !== '' && !KNOWN.has(column)) {
      issues.push({
        severity: 'warning',
        file: options.file,
        unit: 'row',
        index: 1,
        field: column,
        code: 'unknownProperty',
        params: { field: column },
      });
    }
  }
  const candidates: Candidate[] = table.rows.map((row) => ({
    feature: rowToFeature(rowRecord(table.header, row)),
    index: row.line,
  }));
  return finishImport(
    {
      format: 'archipel-csv',
      unit: 'row',
      read: table.rows.length + table.issues.length,
      candidates,
      issues,
      lenient: false,
    },
    options,
  );
}

/** A template row as a candidate feature: empty cells are absent, lists split, coordinates parsed. */
export function rowToFeature(record: Readonly<Record<string, string>>): unknown {
  const properties: Record<string, unknown> = {};
  for (const key of ACTOR_PROPERTY_ORDER) {
    const raw = record[key];
    if (raw === undefined) continue;
    const cell = unescapeCell(raw);
    if (LIST_FIELDS.has(key)) {
      const items = cell
        .split(LIST_SEPARATOR)
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length > 0) properties[key] = items;
    } else if (cell.trim() !== '') {
      properties[key] = cell;
    }
  }
  const lon = readCoordinate(record.longitude);
  const lat = readCoordinate(record.latitude);
  const geometry = lon === undefined || lat === undefined ? null : { type: 'Point', coordinates: [lon, lat] };
  return { type: 'Feature', geometry, properties };
}
