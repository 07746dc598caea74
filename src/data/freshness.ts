/**
 * How old and how complete each actor's facts are: the detail panel says
 * when an actor was last checked and what useful facts are missing, and the
 * "to check" selection (`check=` in the URL) finds the actors organisers
 * should look at again. Pure: the app, its exports and `npm run export`
 * select the same actors.
 */
import type { ActorProperties } from '../core/types';
import type { CheckMode } from '../core/vocab';

/** The facts a resident needs that an actor may lack: hours, phone, wheelchair access, web site. */
export const USEFUL_FIELDS = ['opening_hours', 'phone', 'wheelchair', 'url'] as const;
export type UsefulField = (typeof USEFUL_FIELDS)[number];

/** Default age beyond which an actor's facts are to be checked again. */
export const DEFAULT_STALE_YEARS = 2;

/** The useful facts this actor lacks, in {@link USEFUL_FIELDS} order. */
export function missingFields(p: Pick<ActorProperties, UsefulField>): UsefulField[] {
  return USEFUL_FIELDS.filter((field) => p[field] === undefined || p[field] === '');
}

/** Milliseconds since 1970 of an `updated` value (a day is read at noon UTC); null when absent or unreadable. */
export function updatedTime(updated: string | undefined): number | null {
  if (!updated) return null;
  const time = Date.parse(updated.length === 10 ? `${updated}T12:00:00Z` : updated);
  return Number.isNaN(time) ? null : time;
}

/** Whether the facts were last checked more than `years` before `now`, or on no known date. */
export function isStale(updated: string | undefined, now: number, years: number = DEFAULT_STALE_YEARS): boolean {
  const time = updatedTime(updated);
  if (time === null) return true;
  const limit = new Date(now);
  // Calendar years, so that "2 years" is the same day two years back whatever the leap days.
  limit.setUTCFullYear(limit.getUTCFullYear() - Math.floor(years));
  limit.setUTCDate(limit.getUTCDate() - Math.round((years % 1) * 365));
  return time < limit.getTime();
}

/**
 * Whether an actor is "to check": `1` old or incomplete, `stale` old only,
 * `incomplete` incomplete only.
 */
export function needsCheck(
  p: Pick<ActorProperties, UsefulField | 'updated'>,
  mode: CheckMode,
  now: number,
  years: number = DEFAULT_STALE_YEARS,
): boolean {
  const stale = mode !== 'incomplete' && isStale(p.updated, now, years);
  if (stale) return true;
  return mode !== 'stale' && missingFields(p).length > 0;
}

/** The test `check=` makes (with `stale=` years, null: the default), for the selection. */
export function checkTest(
  mode: CheckMode,
  years: number | null | undefined,
  now: number,
): (p: Pick<ActorProperties, UsefulField | 'updated'>) => boolean {
  return (p) => needsCheck(p, mode, now, years ?? DEFAULT_STALE_YEARS);
}

/**
 * The first item of an actor's `source`, short, for "checked … · from …": a
 * web address becomes its host name (`sillage.brest.fr`); any other text is
 * kept (`contribution: Anne, 2026-12-06`, `liste France services`).
 */
export function sourceLabel(source: string | undefined): string | null {
  const first = source?.split(/\s+;\s+/)[0]?.trim();
  if (!first) return null;
  const url = /^(https?:\/\/\S+)/i.exec(first)?.[1];
  if (url) {
    try {
      return new URL(url).hostname.replace(/^www\./, '');
    } catch {
      return first.slice(0, 80);
    }
  }
  return first.length > 80 ? `${first.slice(0, 77)}…` : first;
}
