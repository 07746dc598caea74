/**
 * Which actors a URL selects, as a pure function: the facet filters, plus the
 * place (`near` and `radius`), the time (`open`, with `hours=unknown`), the
 * need (`need`) and the facts to check (`check`, `stale`: relative to the day of
 * `now`). The app's memoised selectors, its export worker and `npm run export`
 * all select the same actors, so the file holds what the list shows.
 */
import { filterActors, indexActors } from '../core/filter';
import { haversineKm } from '../geo/distance';
import { intentOf } from './intents';
import type { ActorFeature, AdminInfo } from '../core/types';
import type { UrlState } from '../core/url';

/** `src/data/hours.ts`, loaded on demand where it is heavy (its parser); only its type is imported here. */
export type HoursEvaluator = typeof import('./hours');

/** `src/data/freshness.ts`, loaded on demand (`check=`): an embed's first load does without it. */
export type FreshnessModule = typeof import('./freshness');

/**
 * What a selection needs besides the URL: the minute `open=now` means, the hours evaluator when
 * `open` is set, and the freshness module when `check` is.
 */
export interface SelectionContext {
  now: number;
  hours: HoursEvaluator | null;
  freshness?: FreshnessModule | null | undefined;
  /** The actors' communes and territories (`Dataset.admin`), for `territory=`. */
  admin?: AdminInfo | undefined;
}

export type SelectionState = Pick<UrlState, 'filters' | 'near' | 'radius' | 'open' | 'unknownHours' | 'need'> &
  Partial<Pick<UrlState, 'check' | 'stale'>>;

/** The time `open=` means: an instant (`from` alone), or a span of Paris days `[from, to)`. */
export interface OpenWindow {
  from: Date;
  to?: Date;
}

/** Whether `open=` means a different time as the clock turns (`now`, `today`, `week`). */
export function isRelativeOpen(open: string | null): boolean {
  return open === 'now' || open === 'today' || open === 'week';
}

/**
 * The time `open=` means: the given minute for `now`; the Paris day for `today` or
 * `YYYY-MM-DD`; seven Paris days from today for `week`; the days of `YYYY-MM-DD..YYYY-MM-DD`;
 * a Paris wall-clock minute for `YYYY-MM-DDTHH:MM`.
 */
export function openWindow(open: string, now: number, hours: HoursEvaluator): OpenWindow {
  const fixed = fixedOpen(open, now, hours)!;
  if (fixed.includes('T')) {
    const [date, time] = fixed.split('T') as [string, string];
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [h, min] = time.split(':').map(Number) as [number, number];
    return { from: hours.parisInstant(y, m, d, h, min) };
  }
  const [first, last = first] = fixed.split('..') as [string, string?];
  const [y1, m1, d1] = first.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = last.split('-').map(Number) as [number, number, number];
  return { from: hours.parisInstant(y1, m1, d1), to: hours.parisInstant(y2, m2, d2 + 1) };
}

/**
 * `open=now`, `today` and `week` as the Paris time they meant (`now` → the minute, `today` →
 * the day, `week` → the seven days), so that a link made of it keeps selecting the same actors.
 */
export function fixedOpen(open: string | null, now: number, hours: HoursEvaluator): string | null {
  if (!isRelativeOpen(open)) return open;
  const p = hours.parisParts(new Date(now));
  const two = (n: number) => String(n).padStart(2, '0');
  const day = (offset: number) => {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + offset));
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  };
  if (open === 'today') return day(0);
  if (open === 'week') return `${day(0)}..${day(6)}`;
  return `${day(0)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The test `open=` makes, or null when it is not set: an actor passes when it is surely open
 * then, or when its hours are not known then and `hours=unknown` asks for those too.
 * @throws when `open` is set without an hours evaluator: the answer would be wrong
 */
export function openTest(
  state: Pick<SelectionState, 'open' | 'unknownHours'>,
  context: SelectionContext,
): ((actor: ActorFeature) => boolean) | null {
  if (!state.open) return null;
  const hours = context.hours;
  if (!hours) throw new Error('open= needs the opening-hours evaluator');
  const { from, to } = openWindow(state.open, context.now, hours);
  const unknownToo = state.unknownHours;
  return (a) => {
    const verdict = hours.openVerdict(a.properties.opening_hours, from, to);
    return verdict === true || (unknownToo && verdict === 'unknown');
  };
}

/** The place, time, need and to-check conditions (everything but the facet filters), in data order. */
export function selectBase(
  actors: readonly ActorFeature[],
  state: Omit<SelectionState, 'filters'>,
  context: SelectionContext,
): readonly ActorFeature[] {
  let kept: readonly ActorFeature[] = actors;
  if (state.near && state.radius !== null) {
    const { lat, lon } = state.near;
    const radius = state.radius;
    kept = kept.filter((a) => haversineKm([lon, lat], a.geometry.coordinates) <= radius);
  }
  if (state.need) {
    const intent = intentOf(state.need);
    kept = kept.filter((a) => intent.offers(a));
  }
  const open = openTest(state, context);
  if (open) kept = kept.filter(open);
  if (state.check) {
    if (!context.freshness) throw new Error('check= needs the freshness module');
    const test = context.freshness.checkTest(state.check, state.stale, context.now);
    kept = kept.filter((a) => test(a.properties));
  }
  return kept;
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
  return filterActors(indexActors(selectBase(actors, state, context), context.admin), state.filters);
}
