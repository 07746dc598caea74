/** Small pure readers the importers share: slugs and ids, numbers, texts, lists. */
import { normaliseText } from '../../core/filter';

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
