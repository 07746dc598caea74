/** Small pure readers the importers share: slugs and ids, numbers, texts, lists, territories. */
import { normaliseText } from '../../core/filter';
import type { LonLat, Territory } from '../../core/types';
import type { Params } from '../../i18n';
import type { ImportOptions } from './common';

/** `Médiathèque Œuvre d'Art` → `mediatheque-oeuvre-d-art`: a slug for `ID_PATTERN`. */
export function slugify(text: string): string {
  return normaliseText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Longest part of an id taken from a name: ids stay readable in URLs. */
export const MAX_NAME_IN_ID = 60;

/**
 * Our id for a foreign record, deterministic: the slug of its name (cut at a
 * word boundary) then the slug of its original identifier, which keeps ids
 * distinct when two places share a name. Undefined when both are empty.
 */
export function deriveId(name: string | undefined, originalId: string | undefined): string | undefined {
  let namePart = slugify(name ?? '');
  if (namePart.length > MAX_NAME_IN_ID) {
    const cut = namePart.slice(0, MAX_NAME_IN_ID + 1);
    namePart = cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, MAX_NAME_IN_ID);
  }
  const parts = [namePart, slugify(originalId ?? '')].filter(Boolean);
  return parts.length > 0 ? parts.join('-') : undefined;
}

/** A coordinate from JSON or a CSV cell (`45.18`, `45,18`, ` 45.18 `); undefined when absent or not a number. */
export function readCoordinate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}

/** A text value from JSON or CSV: trimmed strings, numbers as text; undefined when empty. */
export function readString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** Splits a list cell on any of the separators, trimming items and dropping empty ones. */
export function splitList(value: unknown, separators: RegExp): string[] {
  const text = readString(value);
  if (text === undefined) return [];
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The first territory whose bbox holds the point, in file order. */
export function territoryAt(territories: readonly Territory[], [lon, lat]: LonLat): Territory | undefined {
  return territories.find((t) => lon >= t.bbox[0] && lon <= t.bbox[2] && lat >= t.bbox[1] && lat <= t.bbox[3]);
}

/**
 * The territory of a foreign place: the one whose bbox holds it; else the one
 * that would hold it with longitude and latitude swapped (so that the
 * validator reports the swap rather than a missing territory); else the
 * `territory` option (the validator then checks the distance); else undefined,
 * to be reported.
 */
export function assignTerritory(options: ImportOptions, [lon, lat]: LonLat): string | undefined {
  return (
    territoryAt(options.territories, [lon, lat])?.id ??
    territoryAt(options.territories, [lat, lon])?.id ??
    options.territory
  );
}

/** The params of a {@link IMPORT_CODES.noTerritory} issue: the territories that were tried. */
export function noTerritoryParams(options: ImportOptions, [lon, lat]: LonLat): Params {
  return { territories: options.territories.map((t) => t.name).join(', '), lon, lat };
}
