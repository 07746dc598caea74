// Over 300 lines: the one validator of actors, networks and territories, with the readers they share;
// every rule the README lists is here, in the order a feature is checked, so that one file answers
// "why was this rejected". Candidates for a split: networks and territories (`validateNetworks`, `validateTerritories`).
import { CATEGORIES, ID_PATTERN, ROLES, SCALES, SERVICES, THEMES, WHEELCHAIR, isOneOf } from '../core/vocab';
import type { ActorFeature, ActorProperties, LonLat, Network, Territory } from '../core/types';
import type { MessageKey, Params } from '../i18n';
import type { Admin } from './admin';

/**
 * One problem found in a data file. `code` is a message key of the i18n
 * catalogues; the text is made by `formatIssue` (`./issue-text`) in the reader's language.
 */
export interface Issue {
  severity: 'error' | 'warning';
  /** File name as the user gave it (`actors.geojson`, a URL, a dropped file). */
  file: string;
  /** How `index` counts: a feature or list index from 0, or a CSV line from 1. */
  unit?: 'feature' | 'row' | 'item';
  index?: number;
  id?: string;
  field?: string;
  code: IssueCode;
  params?: Params;
}

export type IssueCode = Extract<MessageKey, `issue.${string}`> extends `issue.${infer C}` ? C : never;

/**
 * Checks an `opening_hours` value; returns null when valid, else the parser's reason, or
 * undefined when the value was not checked (a budget ran out): it is then kept with a warning.
 */
export type OpeningHoursCheck = (value: string) => string | null | undefined;

export interface ValidationContext {
  file: string;
  territories: readonly Territory[];
  networks: readonly Pick<Network, 'id'>[];
  /** Optional because the parser is heavy: the app loads it only when a file has hours. */
  checkOpeningHours?: OpeningHoursCheck;
  /**
   * The administrative map, with the départements of the actors loaded (`loadAdmin`): each
   * actor's commune is resolved (`insee` set) and its position checked against it. Without it,
   * neither is done.
   */
  admin?: Admin;
  /** How `index` is shown to the user; CSV rows carry their own line numbers. */
  unit?: Issue['unit'];
  /** For CSV: the line of each feature, same order as the features. */
  lines?: readonly number[];
  /** Told every so many features how far validation got (the worker reports it to the page). */
  onProgress?: (done: number, total: number) => void;
}

export interface ValidationResult<T> {
  /** Every valid item, in input order. */
  valid: T[];
  /** Every problem; an item with an error is not in `valid`. */
  issues: Issue[];
  /** How many items were read. */
  read: number;
}

const REQUIRED_TEXT = ['id', 'name', 'address', 'postcode', 'commune'] as const;
const OPTIONAL_TEXT = [
  'territory',
  'insee',
  'url',
  'email',
  'phone',
  'description',
  'opening_hours',
  'source',
  'updated',
] as const;
const KNOWN_PROPERTIES = new Set<string>([
  ...REQUIRED_TEXT,
  'category',
  'roles',
  'themes',
  ...OPTIONAL_TEXT,
  'wheelchair',
  'networks',
  'partners',
  // Census (issue 14): optional.
  'services',
  'sources',
  'fact_sources',
]);

/** Longest text accepted per field: beyond, a value is a mistake or an attack, not a fact. */
export const MAX_LENGTH: Record<string, number> = {
  name: 300,
  description: 5000,
  source: 2000,
  address: 500,
  default: 500,
};

const EMAIL_PATTERN = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const INSEE_PATTERN = /^[0-9][0-9AB]\d{3}$/;

/** Whether a URL from data may be shown as a link: only web pages. */
export function isSafeWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value.trim());
}

/**
 * Validates a parsed `actors.geojson` (or an import converted to it).
 * Reports every problem of every feature, and keeps every valid feature.
 * Returned features are fresh objects holding only known properties, in schema order.
 *
 * @param input - the parsed JSON value
 * @param ctx - file name, territories and networks to resolve references against
 */
export function validateActors(input: unknown, ctx: ValidationContext): ValidationResult<ActorFeature> {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features))
    return { valid: [], issues: [{ severity: 'error', file: ctx.file, code: 'notFeatureCollection' }], read: 0 };
  const validation = actorValidation(ctx);
  validation.add(input.features, input.features.length);
  return validation.finish();
}

/**
 * {@link validateActors} of features given run by run, as a file is read
 * (src/data/run-reading.ts): each feature is checked when it comes; what needs
 * every feature (a partner may name a later one) is checked by `finish`. The
 * result is the same as for the whole array at once. (A closure, not a class: the
 * app's first chunk carries it, and a minifier shortens locals, not properties.)
 */
export function actorValidation(ctx: ValidationContext): ActorValidation {
  const issues: Issue[] = [];
  const territories = new Map(ctx.territories.map((t) => [t.id, t]));
  const networks = new Set(ctx.networks.map((n) => n.id));
  /** Every id the file names, valid or not: a partner may only name one of them. */
  const idsInFile = new Set<string>();
  // An id belongs to the first entry that passes its checks: a valid entry whose id repeats
  // that of an earlier *rejected* one is kept (with a warning), not called a duplicate of it.
  const firstValidOfId = new Map<string, number>();
  const firstRejectedOfId = new Map<string, number>();
  const candidates: { feature: ActorFeature; index: number }[] = [];
  let read = 0;
  const validation: ActorValidation = {
    add(features, total) {
      for (const raw of features) {
        const index = read++;
        if (ctx.onProgress && total !== undefined && index % 2000 === 0) ctx.onProgress(index, total);
        const rawId = idOf(raw);
        if (rawId !== undefined) idsInFile.add(rawId);
        const where = locate(ctx, index, rawId);
        const before = issues.length;
        const feature = checkFeature(raw, where, issues, territories, networks, ctx);
        let failed = !feature;
        for (let i = before; i < issues.length && !failed; i++) if (issues[i]!.severity === 'error') failed = true;
        const id = feature?.properties.id;
        if (id !== undefined && !failed) {
          const first = firstValidOfId.get(id);
          if (first !== undefined) {
            issues.push({
              ...where,
              severity: 'error',
              field: 'id',
              code: 'duplicateId',
              params: { value: id, first: positionLabel(ctx, first) },
            });
            continue;
          }
          firstValidOfId.set(id, index);
          const rejected = firstRejectedOfId.get(id);
          if (rejected !== undefined)
            issues.push({
              ...where,
              severity: 'warning',
              field: 'id',
              code: 'idOfRejected',
              params: { value: id, first: positionLabel(ctx, rejected) },
            });
          candidates.push({ feature: feature!, index });
        } else if (rawId !== undefined && !firstRejectedOfId.has(rawId) && !firstValidOfId.has(rawId)) {
          firstRejectedOfId.set(rawId, index);
        }
      }
    },
    finish() {
      // Partners may only name actors that exist in the file; checked once every id is known.
      const kept: { feature: ActorFeature; index: number }[] = [];
      for (const candidate of candidates) {
        const { feature, index } = candidate;
        const partners = feature.properties.partners ?? [];
        const where = locate(ctx, index, feature.properties.id);
        let ok = true;
        for (const partner of partners) {
          if (partner === feature.properties.id) {
            issues.push({
              ...where,
              severity: 'error',
              field: 'partners',
              code: 'selfReference',
              params: { field: 'partners' },
            });
            ok = false;
          } else if (!idsInFile.has(partner)) {
            issues.push({
              ...where,
              severity: 'error',
              field: 'partners',
              code: 'unknownReference',
              params: { field: 'partner', value: partner },
            });
            ok = false;
          }
        }
        if (ok) kept.push(candidate);
      }
      // A partner that names a rejected entry would be a dangling link: it is dropped and
      // reported, and the actor naming it is kept (no cascade of rejections).
      const keptIds = new Set(kept.map((k) => k.feature.properties.id));
      const valid: ActorFeature[] = [];
      for (const { feature, index } of kept) {
        const partners = feature.properties.partners;
        if (partners?.some((p) => !keptIds.has(p))) {
          const where = locate(ctx, index, feature.properties.id);
          const remaining: string[] = [];
          for (const partner of partners) {
            if (keptIds.has(partner)) remaining.push(partner);
            else
              issues.push({
                ...where,
                severity: 'warning',
                field: 'partners',
                code: 'danglingReference',
                params: { field: 'partner', value: shortText(partner) },
              });
          }
          const properties: Partial<ActorProperties> = { ...feature.properties };
          if (remaining.length > 0) properties.partners = remaining;
          else delete properties.partners;
          valid.push({ ...feature, properties: orderProperties(properties) });
        } else {
          valid.push(feature);
        }
      }
      issues.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
      return { valid, issues, read };
    },
  };
  return validation;
}

/** See {@link actorValidation}. */
export interface ActorValidation {
  /**
   * Checks the next features of the file.
   *
   * @param total - how many the file holds, when known: progress is told against it
   */
  add(features: readonly unknown[], total?: number): void;
  /** The valid features, in file order, and every issue, once every feature was given. */
  finish(): ValidationResult<ActorFeature>;
}

type Where = Pick<Issue, 'file' | 'unit' | 'index' | 'id'>;

function locate(ctx: ValidationContext, index: number, id: string | undefined): Where {
  const where: Where = { file: ctx.file, unit: ctx.unit ?? 'feature', index: ctx.lines?.[index] ?? index };
  if (id !== undefined) where.id = id;
  return where;
}

function positionLabel(ctx: ValidationContext, index: number): string {
  const shown = ctx.lines?.[index] ?? index;
  return ctx.unit === 'row' ? `${shown}` : `#${shown}`;
}

/** A feature's id as the checks read it: trimmed, like every text field (`readText`). */
export function idOf(feature: unknown): string | undefined {
  if (!isObject(feature) || !isObject(feature.properties)) return undefined;
  const raw = feature.properties.id;
  const id = typeof raw === 'string' ? raw.trim() : '';
  return id.length > 0 && id.length <= MAX_LENGTH.default! ? id : undefined;
}

function checkFeature(
  raw: unknown,
  where: Where,
  issues: Issue[],
  territories: Map<string, Territory>,
  networks: Set<string>,
  ctx: ValidationContext,
): ActorFeature | undefined {
  const report = (code: IssueCode, field?: string, params?: Params, severity: Issue['severity'] = 'error') => {
    const issue: Issue = { ...where, severity, code };
    if (field !== undefined) issue.field = field;
    if (params !== undefined) issue.params = params;
    issues.push(issue);
  };
  if (!isObject(raw)) {
    report('notObject');
    return undefined;
  }
  const props: Record<string, unknown> = isObject(raw.properties) ? raw.properties : {};
  const out: Partial<ActorProperties> = {};

  for (const field of REQUIRED_TEXT) {
    const value = readText(props, field, report);
    if (value === '' || (value === undefined && (props[field] === undefined || props[field] === null))) {
      report('fieldMissing', field, { field });
    } else if (value !== undefined) {
      out[field] = value;
    }
  }
  if (out.id !== undefined && !ID_PATTERN.test(out.id)) report('idPattern', 'id', { value: out.id });

  if (!('category' in props) || props.category === '' || props.category === null)
    report('fieldMissing', 'category', { field: 'category' });
  else if (!isOneOf(CATEGORIES, props.category))
    report('unknownValue', 'category', { field: 'category', value: shortText(props.category) });
  else out.category = props.category;

  out.roles = readVocabList(props, 'roles', 'role', ROLES, true, report);
  out.themes = readVocabList(props, 'themes', 'theme', THEMES, true, report);

  for (const field of OPTIONAL_TEXT) {
    const value = readText(props, field, report);
    if (value !== undefined && value !== '') out[field] = value;
  }
  if (out.url !== undefined && !isSafeWebUrl(out.url)) report('urlScheme', 'url', { value: shortText(out.url) });
  if (out.email !== undefined && !EMAIL_PATTERN.test(out.email))
    report('emailInvalid', 'email', { value: shortText(out.email) });
  if (out.updated !== undefined && !isIsoDate(out.updated))
    report('dateInvalid', 'updated', { value: shortText(out.updated) });
  if (out.opening_hours !== undefined && ctx.checkOpeningHours) {
    const reason = ctx.checkOpeningHours(out.opening_hours);
    if (reason === undefined) report('openingHoursNotChecked', 'opening_hours', undefined, 'warning');
    else if (reason !== null) report('openingHoursInvalid', 'opening_hours', { detail: reason });
  }
  if ('wheelchair' in props && props.wheelchair !== null && props.wheelchair !== '') {
    if (isOneOf(WHEELCHAIR, props.wheelchair)) out.wheelchair = props.wheelchair;
    else report('unknownValue', 'wheelchair', { field: 'wheelchair', value: shortText(props.wheelchair) });
  }
  const memberships = readList(props, 'networks', report);
  if (memberships) {
    for (const id of memberships)
      if (!networks.has(id)) report('unknownReference', 'networks', { field: 'network', value: shortText(id) });
    if (memberships.length > 0) out.networks = memberships;
  }
  const partners = readList(props, 'partners', report);
  if (partners && partners.length > 0) out.partners = partners;
  // Census fields (issue 14), all optional.
  if ('services' in props && props.services !== null) {
    const services = readVocabList(props, 'services', 'service', SERVICES, false, report);
    if (services.length > 0) out.services = services;
  }
  const sources = readList(props, 'sources', report);
  if (sources && sources.length > 0) out.sources = sources;
  if (isObject(props.fact_sources)) {
    const facts = Object.entries(props.fact_sources).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].length <= MAX_LENGTH.default!,
    );
    if (facts.length > 0) out.fact_sources = Object.fromEntries(facts);
  } else if (props.fact_sources !== undefined && props.fact_sources !== null)
    report('fieldType', 'fact_sources', { field: 'fact_sources', expected: 'object' }, 'warning');

  for (const key of Object.keys(props)) {
    if (!KNOWN_PROPERTIES.has(key)) report('unknownProperty', key, { field: shortText(key) }, 'warning');
  }

  const territory = out.territory !== undefined ? territories.get(out.territory) : undefined;
  if (out.territory !== undefined && !territory && !ctx.admin?.territory(out.territory))
    report('unknownReference', 'territory', { field: 'territory', value: out.territory });

  if (out.insee !== undefined) {
    out.insee = out.insee.toUpperCase();
    if (!INSEE_PATTERN.test(out.insee)) {
      report('inseeInvalid', 'insee', { value: shortText(out.insee) }, 'warning');
      delete out.insee;
    }
  }
  // With the administrative map (src/data/validate-admin.ts, in its chunk): the commune found from
  // the fields, and the point checked against it.
  const commune = ctx.admin?.checkCommune(out, report);
  const coordinates = ctx.admin
    ? ctx.admin.checkPosition(raw.geometry, commune, report)
    : checkGeometry(raw.geometry, territory, report, territories);

  if (!coordinates) return undefined;
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties: orderProperties(out) };
}

export type Report = (code: IssueCode, field?: string, params?: Params, severity?: Issue['severity']) => void;

/** A Point's two finite numbers, not `[0, 0]`; reported and undefined otherwise. */
export function readPoint(geometry: unknown, report: Report): LonLat | undefined {
  if (!isObject(geometry)) {
    report('geometryMissing', 'geometry');
    return undefined;
  }
  if (geometry.type !== 'Point') {
    report('geometryNotPoint', 'geometry', { type: shortText(geometry.type) });
    return undefined;
  }
  const c = geometry.coordinates;
  if (
    !Array.isArray(c) ||
    c.length < 2 ||
    c.length > 3 ||
    !c.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    report('coordinatesInvalid', 'geometry');
    return undefined;
  }
  const lon = c[0] as number;
  const lat = c[1] as number;
  if (lon === 0 && lat === 0) {
    report('coordinatesZero', 'geometry');
    return undefined;
  }
  return [lon, lat];
}

/** Without the administrative map: the point, and longitude and latitude swapped caught by the territories' boxes. */
function checkGeometry(
  geometry: unknown,
  territory: Territory | undefined,
  report: Report,
  territories: Map<string, Territory>,
): LonLat | undefined {
  const point = readPoint(geometry, report);
  if (!point) return undefined;
  const [lon, lat] = point;
  const swappedFits = (t: Territory) => inBbox(t.bbox, lat, lon, 0);
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    const home = territory && swappedFits(territory) ? territory : [...territories.values()].find(swappedFits);
    if (home) report('coordinatesSwapped', 'geometry', { lon, lat, territory: home.name });
    else report('coordinatesOutOfRange', 'geometry', { lon, lat });
    return undefined;
  }
  if (territory && !inBbox(territory.bbox, lon, lat, 0) && swappedFits(territory)) {
    report('coordinatesSwapped', 'geometry', { lon, lat, territory: territory.name });
    return undefined;
  }
  return [lon, lat];
}

function readText(props: Record<string, unknown>, field: string, report: Report): string | undefined {
  const value = props[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && (field === 'postcode' || field === 'phone')) return String(value);
  // A spreadsheet turns 01001 into 1001: INSEE codes are five characters.
  if (typeof value === 'number' && field === 'insee' && Number.isInteger(value)) return String(value).padStart(5, '0');
  if (typeof value !== 'string') {
    report('fieldType', field, { field, expected: 'string' });
    return undefined;
  }
  const max = MAX_LENGTH[field] ?? MAX_LENGTH.default!;
  if (value.length > max) {
    report('textTooLong', field, { field, max });
    return undefined;
  }
  return value.trim();
}

function readList(props: Record<string, unknown>, field: string, report: Report): string[] | undefined {
  const value = props[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length <= MAX_LENGTH.default!)) {
    report('fieldType', field, { field, expected: 'list' });
    return undefined;
  }
  const seen = new Set<string>();
  for (const v of value as string[]) {
    if (seen.has(v)) report('duplicateValue', field, { field, value: v }, 'warning');
    seen.add(v);
  }
  return [...seen];
}

function readVocabList<T extends string>(
  props: Record<string, unknown>,
  field: string,
  singular: string,
  vocabulary: readonly T[],
  required: boolean,
  report: Report,
): T[] {
  if (!(field in props) || props[field] === null) {
    if (required) report('fieldMissing', field, { field });
    return [];
  }
  const list = readList(props, field, report);
  if (!list) return [];
  if (list.length === 0 && required) report('listEmpty', field, { field });
  const out: T[] = [];
  for (const value of list) {
    if (isOneOf(vocabulary, value)) out.push(value);
    else report('unknownValue', field, { field: singular, value: shortText(value) });
  }
  // Vocabulary order, so that exports are stable whatever the input order.
  return vocabulary.filter((v) => out.includes(v));
}

/** Properties in the order of docs/data-model.md, so that every export is stable. */
export function orderProperties(p: Partial<ActorProperties>): ActorProperties {
  const ordered: Record<string, unknown> = {};
  for (const key of ACTOR_PROPERTY_ORDER) {
    if (p[key] !== undefined) ordered[key] = p[key];
  }
  return ordered as unknown as ActorProperties;
}

export const ACTOR_PROPERTY_ORDER = [
  'id',
  'name',
  'category',
  'roles',
  'themes',
  'territory',
  'address',
  'postcode',
  'commune',
  'insee',
  'url',
  'email',
  'phone',
  'description',
  'opening_hours',
  'wheelchair',
  'networks',
  'partners',
  'source',
  'updated',
  'services',
  'sources',
  'fact_sources',
] as const satisfies readonly (keyof ActorProperties)[];

/**
 * Validates `networks.json`: a list of networks whose `memberOf` name other networks of the list.
 */
export function validateNetworks(input: unknown, file: string): ValidationResult<Network> {
  const issues: Issue[] = [];
  if (!Array.isArray(input)) {
    issues.push({ severity: 'error', file, code: 'notArray' });
    return { valid: [], issues, read: 0 };
  }
  const ids = new Map<string, number>();
  input.forEach((n, i) => {
    const id = isObject(n) && typeof n.id === 'string' ? n.id.trim() : '';
    if (id && !ids.has(id)) ids.set(id, i);
  });
  const valid: Network[] = [];
  input.forEach((raw, index) => {
    const where: Where = { file, unit: 'item', index };
    const errors: Issue[] = [];
    const report: Report = (code, field, params, severity = 'error') => {
      const issue: Issue = { ...where, severity, code };
      if (field !== undefined) issue.field = field;
      if (params !== undefined) issue.params = params;
      (severity === 'error' ? errors : issues).push(issue);
    };
    if (!isObject(raw)) {
      report('notObject');
      for (const issue of errors) issues.push(issue);
      return;
    }
    if (typeof raw.id === 'string') where.id = raw.id;
    const id = readText(raw, 'id', report);
    const name = readText(raw, 'name', report);
    if (id === undefined) report('fieldMissing', 'id', { field: 'id' });
    else if (!ID_PATTERN.test(id)) report('idPattern', 'id', { value: id });
    else if (ids.get(id) !== index) report('duplicateId', 'id', { value: id, first: `[${ids.get(id)}]` });
    if (name === undefined) report('fieldMissing', 'name', { field: 'name' });
    if (!isOneOf(SCALES, raw.scale)) {
      if (raw.scale === undefined) report('fieldMissing', 'scale', { field: 'scale' });
      else report('unknownValue', 'scale', { field: 'scale', value: shortText(raw.scale) });
    }
    const url = readText(raw, 'url', report);
    if (url !== undefined && !isSafeWebUrl(url)) report('urlScheme', 'url', { value: shortText(url) });
    const description = readText(raw, 'description', report);
    const source = readText(raw, 'source', report);
    const themes = 'themes' in raw ? readVocabList(raw, 'themes', 'theme', THEMES, false, report) : undefined;
    let seat: LonLat | undefined;
    if (raw.seat !== undefined) {
      seat = readLonLat(raw.seat);
      if (!seat) report('fieldType', 'seat', { field: 'seat', expected: 'lonlat' });
    }
    const memberOf = readList(raw, 'memberOf', report);
    for (const parent of memberOf ?? []) {
      if (parent === id) report('selfReference', 'memberOf', { field: 'memberOf' });
      else if (!ids.has(parent))
        report('unknownReference', 'memberOf', { field: 'memberOf', value: shortText(parent) });
    }
    for (const issue of errors) issues.push(issue);
    if (errors.length > 0 || id === undefined || name === undefined || !isOneOf(SCALES, raw.scale)) return;
    const network: Network = { id, name, scale: raw.scale };
    if (url) network.url = url;
    if (description) network.description = description;
    if (themes && themes.length > 0) network.themes = themes;
    if (seat) network.seat = seat;
    if (memberOf && memberOf.length > 0) network.memberOf = memberOf;
    if (source) network.source = source;
    valid.push(network);
  });
  return { valid, issues, read: input.length };
}

/** Validates `territories.json`: a list of `{ id, name, center, bbox }`. */
export function validateTerritories(input: unknown, file: string): ValidationResult<Territory> {
  const issues: Issue[] = [];
  if (!Array.isArray(input)) {
    issues.push({ severity: 'error', file, code: 'notArray' });
    return { valid: [], issues, read: 0 };
  }
  const seen = new Map<string, number>();
  const valid: Territory[] = [];
  input.forEach((raw, index) => {
    const where: Where = { file, unit: 'item', index };
    const before = issues.length;
    const report: Report = (code, field, params, severity = 'error') => {
      const issue: Issue = { ...where, severity, code };
      if (field !== undefined) issue.field = field;
      if (params !== undefined) issue.params = params;
      issues.push(issue);
    };
    if (!isObject(raw)) {
      report('notObject');
      return;
    }
    if (typeof raw.id === 'string') where.id = raw.id;
    const id = readText(raw, 'id', report);
    const name = readText(raw, 'name', report);
    const source = readText(raw, 'source', report);
    if (id === undefined) report('fieldMissing', 'id', { field: 'id' });
    else if (!ID_PATTERN.test(id)) report('idPattern', 'id', { value: id });
    else if (seen.has(id)) report('duplicateId', 'id', { value: id, first: `[${seen.get(id)}]` });
    else seen.set(id, index);
    if (name === undefined) report('fieldMissing', 'name', { field: 'name' });
    const center = readLonLat(raw.center);
    if (!center) report('fieldType', 'center', { field: 'center', expected: 'lonlat' });
    const bbox = readBbox(raw.bbox);
    if (!bbox) report('bboxInvalid', 'bbox');
    else if (center && !inBbox(bbox, center[0], center[1], 0)) report('bboxInvalid', 'center');
    if (issues.slice(before).some((i) => i.severity === 'error') || !id || !name || !center || !bbox) return;
    const territory: Territory = { id, name, center, bbox };
    if (source) territory.source = source;
    valid.push(territory);
  });
  return { valid, issues, read: input.length };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readLonLat(value: unknown): LonLat | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [lon, lat] = value;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
    return undefined;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  return [lon, lat];
}

function readBbox(value: unknown): Territory['bbox'] | undefined {
  if (!Array.isArray(value) || value.length !== 4 || !value.every((v) => typeof v === 'number' && Number.isFinite(v)))
    return undefined;
  const [w, s, e, n] = value as number[] as [number, number, number, number];
  if (w >= e || s >= n || Math.abs(w) > 180 || Math.abs(e) > 180 || Math.abs(s) > 90 || Math.abs(n) > 90)
    return undefined;
  return [w, s, e, n];
}

function inBbox(bbox: Territory['bbox'], lon: number, lat: number, marginDeg: number): boolean {
  return (
    lon >= bbox[0] - marginDeg && lon <= bbox[2] + marginDeg && lat >= bbox[1] - marginDeg && lat <= bbox[3] + marginDeg
  );
}

function isIsoDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  return !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}

/** A value from data, cut short for a message: a 1 MB name must not make a 1 MB report. */
export function shortText(value: unknown): string {
  const text = typeof value === 'string' ? value : describeValue(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A non-text value in a few characters; never walks a (possibly deep or huge) structure. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `[list of ${value.length}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') return '{object}';
  return String(value);
}
