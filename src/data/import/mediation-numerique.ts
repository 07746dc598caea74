/**
 * Importer for the French open-data standard "lieux de médiation numérique"
 * (LaMednum/standard-mediation-num, schema v1.0.2, and the older v0 field set
 * still found in regional files): CSV (lists separated by `|` or `;`) or JSON
 * (a list of records). The mapping to our schema is in `MAPPING.md` beside
 * this file; the tables below are the code of that document.
 */
import { normaliseText } from '../../core/filter';
import { ROLES, THEMES } from '../../core/vocab';
import {
  CATEGORY_ROLES,
  deriveId,
  finishImport,
  readCoordinate,
  readCsv,
  readString,
  rowRecord,
  splitList,
} from './common';
import type { Candidate, ImportOptions, ImportResult } from './common';
import {
  DEFAULT_CATEGORY,
  KNOWN_TYPOLOGIES,
  LABEL_FIELDS,
  LABEL_NETWORKS,
  NAME_CATEGORIES,
  PUBLIC_INTERNET_SERVICES,
  SERVICE_THEMES,
  TYPOLOGY_CATEGORIES,
} from './mediation-tables';

export {
  DEFAULT_CATEGORY,
  LABEL_FIELDS,
  LABEL_NETWORKS,
  NAME_CATEGORIES,
  PUBLIC_INTERNET_SERVICES,
  SERVICE_THEMES,
  TYPOLOGY_CATEGORIES,
} from './mediation-tables';
import type { Issue } from '../validate';
import type { LonLat } from '../../core/types';
import type { Category, Role, Theme } from '../../core/vocab';

/** Lists of the standard: `|` in v1, `;` in v0 and in the standard's README. */
const LIST = /[|;]/;

/** The network a label names, or undefined. */
export function networkOfLabel(label: string): string | undefined {
  const key = normaliseText(label)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return LABEL_NETWORKS[key];
}

/** Typology codes of public bodies: their places also get the `public-service` role. */
const PUBLIC_TYPOLOGIES = new Set(
  Object.entries(TYPOLOGY_CATEGORIES)
    .filter(([, category]) => category === 'public-body' || category === 'library')
    .map(([code]) => code),
);

const PUBLIC_INTERNET_KEYS = new Set(PUBLIC_INTERNET_SERVICES.map(normaliseText));

const SERVICE_BY_KEY = new Map(
  Object.entries(SERVICE_THEMES).map(([service, themes]) => [normaliseText(service), themes]),
);

/** Whether parsed JSON looks like records of the standard. */
export function isMediationRecords(value: unknown): value is unknown[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const first = value.find((r) => typeof r === 'object' && r !== null) as Record<string, unknown> | undefined;
  return first !== undefined && 'nom' in first && ('code_postal' in first || 'services' in first);
}

/** Whether a CSV header row is the standard's. */
export function isMediationHeader(header: readonly string[]): boolean {
  const names = new Set(header);
  return names.has('nom') && (names.has('code_postal') || names.has('services'));
}

/**
 * Imports a CSV file of the standard (`,` or `;` between cells, `|` or `;` in lists).
 *
 * @param text - the file's text
 * @param options - territories, networks, the hours parser, the fallback territory
 */
export function importMediationCsv(text: string, options: ImportOptions): ImportResult {
  const table = readCsv(text, options.file);
  const issues: Issue[] = [...table.issues];
  const candidates: Candidate[] = [];
  for (const row of table.rows) {
    const candidate = convertRecord(rowRecord(table.header, row), row.line, 'row', options, issues);
    if (candidate) candidates.push(candidate);
  }
  const read = table.rows.length + table.issues.length;
  return finishImport({ format: 'mediation-csv', unit: 'row', read, candidates, issues, lenient: true }, options);
}

/**
 * Imports JSON records of the standard (a list of objects, v1 or v0 fields).
 *
 * @param records - the parsed JSON list
 * @param options - territories, networks, the hours parser, the fallback territory
 */
export function importMediationJson(records: readonly unknown[], options: ImportOptions): ImportResult {
  const issues: Issue[] = [];
  const candidates: Candidate[] = [];
  records.forEach((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      issues.push({ severity: 'error', file: options.file, unit: 'item', index, code: 'notObject' });
      return;
    }
    const candidate = convertRecord(record as Record<string, unknown>, index, 'item', options, issues);
    if (candidate) candidates.push(candidate);
  });
  return finishImport(
    { format: 'mediation-json', unit: 'item', read: records.length, candidates, issues, lenient: true },
    options,
  );
}

/**
 * One record of the standard as a candidate feature, or undefined (with an
 * error) when it cannot be placed: no coordinates.
 */
function convertRecord(
  record: Readonly<Record<string, unknown>>,
  index: number,
  unit: 'row' | 'item',
  options: ImportOptions,
  issues: Issue[],
): Candidate | undefined {
  const originalId = readString(record.id);
  const name = readString(record.nom);
  const id = deriveId(name, originalId);
  const where = { file: options.file, unit, index, ...(id !== undefined ? { id } : {}) };
  const warn = (field: string, value: string) =>
    issues.push({
      ...where,
      severity: 'warning',
      field,
      code: 'unknownValue',
      params: { field, value: value.slice(0, 80) },
    });

  const lon = readCoordinate(record.longitude);
  const lat = readCoordinate(record.latitude);
  if (lon === undefined || lat === undefined) {
    issues.push({ ...where, severity: 'error', field: 'geometry', code: 'geometryMissing' });
    return undefined;
  }
  const position: LonLat = [lon, lat];

  const typologies = splitList(record.typologie, LIST);
  let category: Category | undefined;
  for (const code of typologies) {
    if (!KNOWN_TYPOLOGIES.has(code)) warn('typologie', code);
    // Own keys only: a `typologie` of `constructor` or `__proto__` is an unknown code, not Object's.
    if (Object.hasOwn(TYPOLOGY_CATEGORIES, code)) category ??= TYPOLOGY_CATEGORIES[code];
  }
  category ??= categoryFromName(name ?? '');
  const roles = new Set<Role>([...CATEGORY_ROLES[category], 'opportunity-space']);
  if (typologies.some((code) => PUBLIC_TYPOLOGIES.has(code))) roles.add('public-service');

  const themes = new Set<Theme>(['digital-inclusion']);
  for (const service of splitList(record.services, LIST)) {
    const mapped = SERVICE_BY_KEY.get(normaliseText(service));
    if (mapped) for (const theme of mapped) themes.add(theme);
    else warn('services', service);
  }

  const known = new Set(options.networks.map((n) => n.id));
  const networks = new Set<string>();
  for (const field of LABEL_FIELDS) {
    for (const label of splitList(record[field], LIST)) {
      const network = networkOfLabel(label);
      if (network && known.has(network)) networks.add(network);
    }
  }
  const publicInternet = splitList(record.services, LIST).some((s) => PUBLIC_INTERNET_KEYS.has(normaliseText(s)));

  const properties: Record<string, unknown> = {
    id,
    name,
    category,
    roles: ROLES.filter((r) => roles.has(r)),
    themes: THEMES.filter((t) => themes.has(t)),
    address: joinAddress(readString(record.adresse), readString(record.complement_adresse)),
    postcode: readPostcode(record.code_postal),
    commune: readString(record.commune),
  };
  const insee = readString(record.code_insee);
  if (insee) properties.insee = insee;
  const sites = splitList(record.site_web, LIST);
  const site = sites.find((s) => /^https?:\/\//i.test(s));
  if (site) properties.url = site;
  else if (sites.length > 0)
    issues.push({
      ...where,
      severity: 'warning',
      field: 'url',
      code: 'urlScheme',
      params: { value: sites[0]!.slice(0, 80) },
    });
  const email = splitList(record.courriels ?? record.courriel, /[|;,]/)[0];
  if (email) properties.email = email;
  const phone = readString(record.telephone);
  if (phone) properties.phone = phone;
  const description = readString(record.presentation_resume) ?? readString(record.presentation_detail);
  if (description) properties.description = description;
  const hours = readString(record.horaires);
  if (hours) properties.opening_hours = hours;
  if (networks.size > 0) properties.networks = [...networks];
  const updated = readString(record.date_maj);
  // 1970-01-01 is a zero timestamp written as a date, not an update: said, and left out.
  if (updated?.startsWith('1970'))
    issues.push({
      ...where,
      severity: 'warning',
      field: 'date_maj',
      code: 'dateImplausible',
      params: { value: updated },
    });
  else if (updated) properties.updated = updated;
  properties.source = sourceText(record, options.file, originalId);
  if (publicInternet) properties.services = ['public-internet'];

  return { feature: { type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties }, index };
}

/** The category a name suggests, by {@link NAME_CATEGORIES}; else {@link DEFAULT_CATEGORY}. */
export function categoryFromName(name: string): Category {
  const key = normaliseText(name).replace(/[-’']/g, ' ');
  return NAME_CATEGORIES.find(([pattern]) => pattern.test(key))?.[1] ?? DEFAULT_CATEGORY;
}

function joinAddress(address: string | undefined, complement: string | undefined): string | undefined {
  if (address === undefined) return complement;
  return complement === undefined ? address : `${address}, ${complement}`;
}

/** A postcode given as a JSON number loses its leading zero (`1000` for Ain's `01000`): put it back. */
function readPostcode(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 100000)
    return String(value).padStart(5, '0');
  return readString(value);
}

/**
 * Our `source`: who collected the record (its `source` field), then the file
 * and the record's own identifier, and its SIRET/RNA (`pivot`) when it is a
 * real one: `Hinaura ; hinaura.json, id 574`. The original `id` can be read
 * back from there (`, id <id>` after the file name).
 */
function sourceText(record: Readonly<Record<string, unknown>>, file: string, originalId: string | undefined): string {
  const collector = readString(record.source);
  const pivot = readString(record.pivot);
  let origin = `${file}, id ${originalId ?? '?'}`;
  if (pivot && !/^0+$/.test(pivot)) origin += `, pivot ${pivot}`;
  return collector ? `${collector} ; ${origin}` : origin;
}
