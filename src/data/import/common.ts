// Over 300 lines: the last step of every import (validation, contacts masked in messages, the
// duplicate check, the quality summary) is one sequence read top to bottom.
/**
 * What every importer shares: the result and summary types, the last step
 * (validation by the one validator, `validateActors`, then the duplicate
 * check and the quality summary); small pure readers (`read.ts`) and CSV rows
 * with their line numbers (`csv.ts`) live beside it.
 *
 * An importer turns a foreign file into *candidate* features and reports what
 * it could not convert; {@link finishImport} validates the candidates and
 * counts. Nothing here touches the DOM: the app's `data=` and
 * `npm run import` run the same code.
 */
import { haversineKm } from '../../geo/distance';
import { idOf, validateActors } from '../validate';
import { IMPORT_CODES } from './codes';
import { normaliseText } from '../../core/filter';
import type { Issue, IssueCode, OpeningHoursCheck } from '../validate';
import type { ActorFeature, Network, Territory } from '../../core/types';
import type { Category, Role } from '../../core/vocab';
import type { Params } from '../../i18n';
import type { Admin } from '../admin';

/** The formats `detectFormat` recognises, one importer each. */
export type ImportFormat = 'archipel-geojson' | 'archipel-csv' | 'mediation-csv' | 'mediation-json' | 'osm-geojson';

export interface ImportOptions {
  /** File name as the user gave it, for messages. */
  file: string;
  /** Territories that actors' `territory` may name. */
  territories: readonly Territory[];
  /** Networks that `networks` may name. */
  networks: readonly Pick<Network, 'id'>[];
  /**
   * The opening-hours parser (`src/data/opening-hours.ts`), passed in so that
   * this module stays light; without it hours are not checked.
   */
  checkOpeningHours?: OpeningHoursCheck;
  /** The administrative map with the file's départements loaded: communes resolved, positions checked. */
  admin?: Admin;
}

/** The quality report of one import. */
export interface ImportSummary {
  file: string;
  /** null when no importer recognised the file. */
  format: ImportFormat | null;
  /** Rows (CSV), records (JSON) or features (GeoJSON) read. */
  read: number;
  imported: number;
  /** read − imported: every rejected row has at least one error issue. */
  rejected: number;
  /**
   * Rejected rows per reason. The key is the issue code, with the field after
   * a colon when there is one (`fieldMissing:postcode`). A row rejected for two
   * reasons counts under both, so the counts may add up to more than `rejected`.
   */
  rejectedByReason: Record<string, number>;
  /** Warnings per reason, same keys; a warning never rejects a row. */
  warningsByReason: Record<string, number>;
  warnings: number;
  /** Imported actors with the same normalised name as an earlier one within {@link DUPLICATE_DISTANCE_M}. */
  duplicates: number;
}

export interface ImportResult {
  /** The valid actors, as `validateActors` returns them (schema order). */
  features: ActorFeature[];
  /** Every problem, converter's and validator's, ordered by position in the file. */
  issues: Issue[];
  summary: ImportSummary;
}

/** One row turned into a candidate feature, and where it stands in the file. */
export interface Candidate {
  feature: unknown;
  /** In the conversion's unit: a CSV line from 1, or a record/feature index from 0. */
  index: number;
}

/** What an importer hands to {@link finishImport}. */
export interface Conversion {
  format: ImportFormat;
  unit: NonNullable<Issue['unit']>;
  read: number;
  candidates: Candidate[];
  /** The converter's own problems; a row with an error here has no candidate. */
  issues: Issue[];
  /**
   * Foreign formats are lenient: an optional field the validator refuses (a
   * `mailto:` site, malformed hours, a bad date) is dropped with a warning and
   * the place is kept. Our own formats are strict, like `data/actors.geojson`.
   */
  lenient: boolean;
}

export { IMPORT_CODES } from './codes';

/** Roles by category for foreign formats (MAPPING.md): who usually runs such a place. */
export const CATEGORY_ROLES: Readonly<Record<Category, readonly Role[]>> = {
  fablab: ['opportunity-space'],
  library: ['public-service'],
  'internet-access': ['opportunity-space'],
  'social-centre': ['opportunity-space'],
  'third-place': ['opportunity-space'],
  association: ['opportunity-space'],
  hoster: ['contributor'],
  'public-body': ['public-service'],
  academic: ['academic'],
  company: ['opportunity-space'],
};

/** Two actors with the same normalised name closer than this are reported as probable duplicates. */
export const DUPLICATE_DISTANCE_M = 50;

/** Optional fields a lenient import drops (with a warning) rather than reject the place for. */
const DROPPABLE_FIELDS = new Set([
  'url',
  'email',
  'phone',
  'description',
  'opening_hours',
  'wheelchair',
  'updated',
  'source',
]);

/** Fields whose values are personal-looking contact details: never copied into messages. */
const MASKED_FIELDS = new Set(['email', 'phone']);

/**
 * Validates the candidates with `validateActors`, drops refused optional
 * fields when the format is lenient, flags probable duplicates and counts.
 *
 * @param conversion - what the importer made of the file
 * @param options - territories, networks and the hours parser to validate against
 */
export function finishImport(conversion: Conversion, options: ImportOptions): ImportResult {
  const { file } = options;
  const lines = conversion.candidates.map((c) => c.index);
  const validate = (features: unknown[]) =>
    validateActors(
      { type: 'FeatureCollection', features },
      {
        file,
        territories: options.territories,
        networks: options.networks,
        checkOpeningHours: options.checkOpeningHours,
        ...(options.admin ? { admin: options.admin } : {}),
        unit: conversion.unit,
        lines,
      },
    );
  let features = conversion.candidates.map((c) => c.feature);
  let result = validate(features);
  const downgraded: Issue[] = [];
  if (conversion.lenient) {
    const dropped = droppableErrors(result.issues);
    if (dropped.size > 0) {
      const positionOfLine = new Map(lines.map((line, position) => [line, position]));
      features = features.slice();
      for (const [line, issues] of dropped) {
        const position = positionOfLine.get(line)!;
        features[position] = withoutFields(
          features[position],
          issues.map((i) => i.field!),
        );
        for (const issue of issues) downgraded.push({ ...issue, severity: 'warning' });
      }
      result = validate(features);
    }
  }

  const issues = [...conversion.issues, ...downgraded, ...result.issues];
  const lineOfId = new Map<string, number>();
  conversion.candidates.forEach((c, position) => {
    const id = idOf(features[position]);
    if (id !== undefined && !lineOfId.has(id)) lineOfId.set(id, c.index);
  });
  const duplicates = findDuplicates(result.valid, file, conversion.unit, lineOfId);
  issues.push(...duplicates);
  for (const issue of issues) maskContact(issue);
  issues.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));

  return {
    features: result.valid,
    issues,
    summary: summarise(conversion, file, result.valid.length, issues, duplicates.length),
  };
}

/** Errors of rows whose every error is on a droppable optional field, by row. */
function droppableErrors(issues: readonly Issue[]): Map<number, Issue[]> {
  const byRow = new Map<number, Issue[]>();
  const blocked = new Set<number>();
  for (const issue of issues) {
    if (issue.severity !== 'error' || issue.index === undefined) continue;
    if (issue.field !== undefined && DROPPABLE_FIELDS.has(issue.field)) {
      const list = byRow.get(issue.index) ?? [];
      list.push(issue);
      byRow.set(issue.index, list);
    } else {
      blocked.add(issue.index);
    }
  }
  for (const row of blocked) byRow.delete(row);
  return byRow;
}

function withoutFields(feature: unknown, fields: readonly string[]): unknown {
  const f = feature as { properties?: Record<string, unknown> };
  const properties = { ...f.properties };
  for (const field of fields) delete properties[field];
  return { ...f, properties };
}

/** Contact details stay out of messages: values of email and phone fields, and any value that looks like one. */
function maskContact(issue: Issue): void {
  const value = issue.params?.value;
  if (value === undefined) return;
  const personal =
    (issue.field !== undefined && MASKED_FIELDS.has(issue.field)) || /@|^(?:tel|mailto|sms):/i.test(String(value));
  if (personal) issue.params = { ...issue.params, value: '…' };
}

/**
 * Probable duplicates: the same normalised name (case, accents and spaces
 * ignored) within {@link DUPLICATE_DISTANCE_M} of an earlier actor. Reported on
 * the later one as a warning; both are kept, a person decides.
 */
export function findDuplicates(
  actors: readonly ActorFeature[],
  file: string,
  unit: Issue['unit'],
  lineOfId: ReadonlyMap<string, number>,
): Issue[] {
  const byName = new Map<string, ActorFeature[]>();
  const issues: Issue[] = [];
  for (const actor of actors) {
    const key = normaliseText(actor.properties.name);
    const earlier = byName.get(key) ?? [];
    for (const other of earlier) {
      const metres = haversineKm(actor.geometry.coordinates, other.geometry.coordinates) * 1000;
      if (metres <= DUPLICATE_DISTANCE_M) {
        const otherLine = lineOfId.get(other.properties.id);
        issues.push({
          severity: 'warning',
          file,
          unit,
          index: lineOfId.get(actor.properties.id),
          id: actor.properties.id,
          field: 'name',
          code: IMPORT_CODES.possibleDuplicate,
          params: {
            other: other.properties.id,
            at: otherLine === undefined ? '?' : positionText(unit, otherLine),
            metres: Math.round(metres),
          },
        });
        break;
      }
    }
    earlier.push(actor);
    byName.set(key, earlier);
  }
  return issues;
}

/** Where the other actor is, as `formatIssue` shows positions: a line number, `[item]` or `#feature`. */
function positionText(unit: Issue['unit'], index: number): string {
  return unit === 'row' ? `${index}` : unit === 'item' ? `[${index}]` : `#${index}`;
}

function reasonOf(issue: Issue): string {
  return issue.field !== undefined ? `${issue.code}:${issue.field}` : issue.code;
}

function summarise(
  conversion: Conversion,
  file: string,
  imported: number,
  issues: readonly Issue[],
  duplicates: number,
): ImportSummary {
  const reasonsByRow = new Map<number, Set<string>>();
  const rejectedByReason: Record<string, number> = {};
  const warningsByReason: Record<string, number> = {};
  let warnings = 0;
  for (const issue of issues) {
    if (issue.severity === 'warning') {
      warnings++;
      warningsByReason[reasonOf(issue)] = (warningsByReason[reasonOf(issue)] ?? 0) + 1;
    } else if (issue.index === undefined) {
      rejectedByReason[reasonOf(issue)] = (rejectedByReason[reasonOf(issue)] ?? 0) + 1;
    } else {
      const reasons = reasonsByRow.get(issue.index) ?? new Set<string>();
      reasons.add(reasonOf(issue));
      reasonsByRow.set(issue.index, reasons);
    }
  }
  for (const reasons of reasonsByRow.values()) {
    for (const reason of reasons) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
  }
  return {
    file,
    format: conversion.format,
    read: conversion.read,
    imported,
    rejected: conversion.read - imported,
    rejectedByReason: sortedRecord(rejectedByReason),
    warningsByReason: sortedRecord(warningsByReason),
    warnings,
    duplicates,
  };
}

/** Most frequent first, then by name: a stable order for reports and tests. */
function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0)),
  );
}

/** An import that could not start (unreadable or unknown file): one file-level error, nothing imported. */
export function failedImport(
  format: ImportFormat | null,
  file: string,
  code: IssueCode,
  params?: Params,
): ImportResult {
  const issue: Issue = { severity: 'error', file, code };
  if (params) issue.params = params;
  return {
    features: [],
    issues: [issue],
    summary: {
      file,
      format,
      read: 0,
      imported: 0,
      rejected: 0,
      rejectedByReason: { [code]: 1 },
      warningsByReason: {},
      warnings: 0,
      duplicates: 0,
    },
  };
}

// ---------------------------------------------------------------------------
// Small pure helpers shared by the importers.

// Small pure readers of foreign values (slugs, numbers, lists) live beside this file.
export {
  MAX_NAME_IN_ID,
  deriveId,
  readCoordinate,
  readString,
  slugify,
  splitList,
} from './read';

// CSV rows with their line numbers live beside this file.
export { readCsv, rowRecord } from './csv';
export type { CsvRow, CsvTable } from './csv';
