/**
 * Which actors a URL selects, as a pure function: the facet filters, plus the
 * place (`near` and `radius`), the time (`open`) and the facts to check
 * (`check`, `stale`: relative to the day of `now`). The app's memoised
 * selectors, its export worker and `npm run export` all select the same
 * actors, so the file holds what the list shows.
 */
import { filterActors, indexActors } from '../core/filter';
import { haversineKm } from '../geo/distance';
import type { ActorFeature, AdminInfo } from '../core/types';
import type { UrlState } from '../core/url';
import { DEFAULT_STALE_YEARS, needsCheck } from './freshness';

/** `src/data/hours.ts`, loaded on demand where it is heavy (its parser); only its type is imported here. */
export type HoursEvaluator = typeof import('./hours');

/** What a selection needs besides the URL: the minute `open=now` means, and the hours evaluator when `open` is set. */
export interface SelectionContext {
  now: number;
  hours: HoursEvaluator | null;
  /** The actors' communes and territories (`Dataset.admin`), for `territory=`. */
  admin?: AdminInfo | undefined;
}

export type SelectionState = Pick<UrlState, 'filters' | 'near' | 'radius' | 'open'> &
  Partial<Pick<UrlState, 'check' | 'stale'>>;

/** The instant `open=` means: the given minute for `now`, or a Paris wall-clock time. */
export function openInstant(open: string, now: number, hours: HoursEvaluator): Date {
  if (open === 'now') return new Date(now);
  const [date, time] = open.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return hours.parisInstant(y, m, d, h, min);
}

/** `open=now` as the Paris wall-clock minute it meant, so that a link made of it keeps meaning that minute. */
export function fixedOpen(open: string | null, now: number, hours: HoursEvaluator): string | null {
  if (open !== 'now') return open;
  const p = hours.parisParts(new Date(now));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The actors a URL selects, in data order. `radius` counts only with `near`
 * (great-circle distance, {@link haversineKm}, as the list shows it).
 * @throws when `open` is set without an hours evaluator: the answer would be wrong
 */
export function selectActors(
  actors: readonly ActorFeature[],
  state: SelectionState,
  context: SelectionContext,
): ActorFeature[] {
  let kept: readonly ActorFeature[] = actors;
  if (state.near && state.radius !== null) {
    const { lat, lon } = state.near;
    const radius = state.radius;
    kept = kept.filter((a) => haversineKm([lon, lat], a.geometry.coordinates) <= radius);
  }
  if (state.open) {
    if (!context.hours) throw new Error('open= needs the opening-hours evaluator');
    const at = openInstant(state.open, context.now, context.hours);
    const hours = context.hours;
    kept = kept.filter((a) => hours.isOpenAt(a.properties.opening_hours, at));
  }
  if (state.check) {
    const mode = state.check;
    const years = state.stale ?? DEFAULT_STALE_YEARS;
    kept = kept.filter((a) => needsCheck(a.properties, mode, context.now, years));
  }
  return filterActors(indexActors(kept, context.admin), state.filters);
}
