/**
 * The CSV export: Archipel's CSV template (`src/data/import/template-csv.ts`
 * describes it and reads it back).
 *
 * Columns, in this order: `id, name, category, roles, themes, territory,
 * address, postcode, commune, url, email, phone, description, opening_hours,
 * wheelchair, networks, partners, source, updated, longitude, latitude`
 * (`ACTOR_PROPERTY_ORDER`, then the position). UTF-8 with a byte-order mark
 * and CRLF line ends, the line end also after the last row (what Excel and
 * LibreOffice expect); RFC 4180 quoting by `Papa.unparse`; lists joined by
 * `|`; cells spreadsheets would run as formulas prefixed with `'` (see
 * `FORMULA_ESCAPE`), which our import strips again.
 *
 * Provenance is *not* in the CSV: comment lines (`# …`) are read as data rows
 * by LibreOffice and break the header detection of QGIS's delimited-text
 * reader, and a provenance column would repeat the same text on every row.
 * It goes in a sidecar JSON file beside the CSV ({@link provenanceFileName},
 * {@link toProvenanceJson}): the same object as the GeoJSON's `metadata`
 * member, which neither program opens by mistake and which scripts read easily.
 */
import Papa from 'papaparse';
import { FORMULA_ESCAPE, LIST_FIELDS, LIST_SEPARATOR, TEMPLATE_COLUMNS } from '../data/import/template-csv';
import type { ActorFeature } from '../core/types';
import type { Provenance } from './provenance';

const BOM = '\ufeff';
const CRLF = '\r\n';

/**
 * Writes actors as our CSV template.
 *
 * @param actors - the actors to write, in the order given
 * @returns the file's text, starting with a byte-order mark and ending with CRLF
 */
export function toCsv(actors: readonly ActorFeature[]): string {
  // Arrays in, header first: papaparse turns an empty `data` into one blank row otherwise.
  const rows: (string | number)[][] = [[...TEMPLATE_COLUMNS], ...actors.map(actorRow)];
  const body = Papa.unparse(rows, { newline: CRLF, quotes: false, escapeFormulae: FORMULA_ESCAPE });
  return `${BOM}${body}${CRLF}`;
}

/** One row: text cells as strings (escaped if need be), coordinates as numbers (never escaped). */
function actorRow(actor: ActorFeature): (string | number)[] {
  const p = actor.properties as unknown as Record<string, unknown>;
  return TEMPLATE_COLUMNS.map((column) => {
    if (column === 'longitude') return actor.geometry.coordinates[0];
    if (column === 'latitude') return actor.geometry.coordinates[1];
    const value = p[column];
    if (value === undefined || value === null) return '';
    if (LIST_FIELDS.has(column) && Array.isArray(value)) return value.join(LIST_SEPARATOR);
    return String(value);
  });
}

/** The sidecar file's name: `archipel-2026-11-28.csv` → `archipel-2026-11-28.provenance.json`. */
export function provenanceFileName(csvFileName: string): string {
  return `${csvFileName.replace(/\.csv$/i, '')}.provenance.json`;
}

/** The sidecar file's text: the provenance object, 2-space indented, newline at the end. */
export function toProvenanceJson(provenance: Provenance): string {
  return `${JSON.stringify(provenance, null, 2)}\n`;
}
