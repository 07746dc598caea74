/**
 * Opening hours for residents: open now, until when, and the week's schedule, always on the
 * clock of Paris whatever the device's time zone, with the French public holidays (`PH`).
 *
 * The OpenStreetMap parser reads a `Date` through the runtime's local-time getters. So an
 * instant is turned into a "fake local" Date that shows, in the runtime's zone, the wall-clock
 * time of Paris at that instant; the parser's answers are fake local Dates too, turned back
 * into instants by their wall-clock parts. On a device in Paris the two coincide.
 * Known limit: a Paris time that does not exist in the device's own zone (the hour skipped by
 * a foreign daylight-saving change, one hour a year) is read an hour late.
 *
 * Pure and never throws: an invalid or empty value is `unknown`. The parser pulls in i18next
 * and suncalc: import this module lazily (`import('./hours')`) where the first paint does not
 * need it.
 */
import OpeningHours from 'opening_hours';
import { FRANCE_NOMINATIM } from './opening-hours';
import { PARIS_TIME_ZONE, fromParisFake, isoDate, pad, parisParts, toParisFake } from './paris-time';

// Loaded lazily as one module (`import('./hours')`): the Paris clock is reached through it too.
export { PARIS_TIME_ZONE, parisDate, parisInstant, parisParts } from './paris-time';

import type { Lang, Params } from '../i18n';

/** The state of a place at one instant. */
export interface OpenState {
  /** `unknown`: the value could not be read, or says "maybe" (a comment, `unknown`). */
  open: boolean | 'unknown';
  /** The instant the state next changes, within {@link HOURS_OPTIONS.horizonDays}. */
  nextChange?: Date;
  /** The comment of the rule in force (`"sur rendez-vous"`): data text, show it as text. */
  comment?: string;
}

/** `[start, end]` as Paris wall-clock `HH:MM`; an interval reaching midnight ends at `24:00`. */
export type Interval = [string, string];

/** One day of a place's week. */
export interface DaySchedule {
  /** The Paris calendar date, `YYYY-MM-DD`. */
  date: string;
  /** When the place is open. */
  intervals: Interval[];
  /** When it may be open (`unknown`, or a rule with only a comment such as "sur rendez-vous"). */
  unsure: Interval[];
  /** The comments of that day's rules, each once. */
  comments: string[];
  /** A French public holiday. */
  holiday: boolean;
}

export const HOURS_OPTIONS = {
  horizonDays: 62, // days: how far ahead the next change is looked for; beyond, none is given
  weekdayWindow: 7, // days: a change fewer days ahead is named by its weekday, a later one by its date
};

/** The messages this module needs (French and English in `src/i18n/`). */
export type HoursMessageKey =
  | 'hours.open'
  | 'hours.openUntil'
  | 'hours.openUntilDay'
  | 'hours.openUntilDate'
  | 'hours.closed'
  | 'hours.closedOpensAt'
  | 'hours.closedOpensDay'
  | 'hours.closedOpensDate'
  | 'hours.tomorrow'
  | 'hours.unknown'
  | 'hours.unknownWithComment'
  | 'hours.dayClosed';

/** What the describe functions need of a `Translator` (the app's one fits). */
export interface HoursTranslator {
  lang: Lang;
  (key: HoursMessageKey, params?: Params): string;
}

// Parsing, once per distinct value

const parsed = new Map<string, OpeningHours | null>();

function parse(value: string): OpeningHours | null {
  let oh = parsed.get(value);
  if (oh === undefined) {
    try {
      oh = value.trim() === '' ? null : new OpeningHours(value, FRANCE_NOMINATIM, 0);
    } catch {
      oh = null;
    }
    parsed.set(value, oh);
  }
  return oh;
}

/** Whether the value can be evaluated at all. */
export function isReadable(value: string | undefined): boolean {
  return typeof value === 'string' && parse(value) !== null;
}

// Evaluation

/**
 * Whether a place is open at an instant, and until when.
 *
 * @param value - an OpenStreetMap `opening_hours` value
 * @param at - the instant (the device's clock; its time zone does not matter); pass one instant
 *   to a whole list (a "now" that ticks each minute): answers for the same instant are remembered
 *   and the same object is returned, so it can be compared by identity
 */
export function openState(value: string | undefined, at: Date): OpenState {
  const oh = typeof value === 'string' ? parse(value) : null;
  if (typeof value !== 'string' || !oh || !isValidDate(at)) return UNKNOWN;
  // A list re-rendered at the same instant asks again: answer from memory (0.05–1 ms each otherwise).
  if (at.getTime() !== statesAt) {
    states.clear();
    statesAt = at.getTime();
  }
  let state = states.get(value);
  if (!state) {
    state = computeOpenState(oh, at);
    states.set(value, state);
  }
  return state;
}

const UNKNOWN: OpenState = Object.freeze({ open: 'unknown' as const });
const states = new Map<string, OpenState>();
let statesAt = Number.NaN;

function computeOpenState(oh: OpeningHours, at: Date): OpenState {
  try {
    const fake = toParisFake(at);
    const state = oh.getStateString(fake, false);
    const comment = oh.getComment(fake);
    const next = oh.getNextChange(fake, new Date(fake.getTime() + HOURS_OPTIONS.horizonDays * 86_400_000));
    const result: OpenState = { open: state === 'unknown' ? 'unknown' : state === 'open' };
    if (next) result.nextChange = fromParisFake(next);
    if (comment) result.comment = comment;
    return result;
  } catch {
    return UNKNOWN;
  }
}

/** Whether a place is surely open at an instant (`false` when closed or unknown). */
export function isOpenAt(value: string | undefined, at: Date): boolean {
  const oh = typeof value === 'string' ? parse(value) : null;
  if (!oh || !isValidDate(at)) return false;
  try {
    return oh.getStateString(toParisFake(at), false) === 'open';
  } catch {
    return false;
  }
}

/**
 * The seven days, Monday first, of the Paris week that holds `weekOf`; `null` when the value
 * cannot be read (show it as it is written).
 */
export function weekSchedule(value: string | undefined, weekOf: Date): DaySchedule[] | null {
  const oh = typeof value === 'string' ? parse(value) : null;
  if (!oh || !isValidDate(weekOf)) return null;
  const { year, month, day } = parisParts(weekOf);
  const mondayOffset = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  const week: DaySchedule[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      const date = new Date(Date.UTC(year, month - 1, day - mondayOffset + i));
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
      const start = new Date(y, m, d);
      const end = new Date(y, m, d + 1);
      const schedule: DaySchedule = {
        date: isoDate(y, m + 1, d),
        intervals: [],
        unsure: [],
        comments: [],
        holiday: false,
      };
      for (const [from, to, unknown, comment] of oh.getOpenIntervals(start, end)) {
        const interval: Interval = [hhmm(from), to.getTime() >= end.getTime() ? '24:00' : hhmm(to)];
        (unknown ? schedule.unsure : schedule.intervals).push(interval);
        if (comment && !schedule.comments.includes(comment)) schedule.comments.push(comment);
      }
      schedule.holiday = oh.getPublicHolidayContext(new Date(y, m, d, 12)).isHoliday;
      week.push(schedule);
    }
  } catch {
    return null;
  }
  return week;
}

// Words

/**
 * One line on a place's state: "Ouvert jusqu’à 18:00", "Fermé · ouvre mardi à 09:30".
 * Times are 24-hour `HH:MM` in both languages: the hours are those of places in France, as
 * their signs and the OpenStreetMap data write them, and they line up with the week's table.
 *
 * @param state - from {@link openState} at the same instant
 * @param at - the instant the state was computed for (to say "demain", "mardi")
 * @param t - the app's translator
 */
export function describeOpenState(state: OpenState, at: Date, t: HoursTranslator): string {
  if (state.open === 'unknown') {
    return state.comment ? t('hours.unknownWithComment', { comment: state.comment }) : t('hours.unknown');
  }
  const next = state.nextChange;
  if (state.open) {
    if (!next) return t('hours.open');
    const when = whenOf(next, at, t.lang);
    if (when.kind === 'today') return t('hours.openUntil', { time: when.time });
    if (when.kind === 'date') return t('hours.openUntilDate', { date: when.text, time: when.time });
    return t('hours.openUntilDay', {
      day: when.kind === 'tomorrow' ? t('hours.tomorrow') : when.text,
      time: when.time,
    });
  }
  if (!next) return t('hours.closed');
  const when = whenOf(next, at, t.lang);
  if (when.kind === 'today') return t('hours.closedOpensAt', { time: when.time });
  if (when.kind === 'date') return t('hours.closedOpensDate', { date: when.text, time: when.time });
  return t('hours.closedOpensDay', {
    day: when.kind === 'tomorrow' ? t('hours.tomorrow') : when.text,
    time: when.time,
  });
}

/** A day's opening in words: "09:00–12:00, 14:00–18:00", or "fermé". */
export function describeDay(intervals: readonly Interval[], t: HoursTranslator): string {
  if (intervals.length === 0) return t('hours.dayClosed');
  return intervals.map(([start, end]) => `${start}\u2013${end}`).join(', ');
}

/** The weekday of a Paris date string (`YYYY-MM-DD`) in the language: "lundi", "Monday". */
export function weekdayName(date: string, lang: Lang, width: 'long' | 'short' = 'long'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Noon UTC is the same calendar day in Paris.
  return formatter(lang, { weekday: width }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

type When = { kind: 'today' | 'tomorrow' | 'weekday' | 'date'; time: string; text: string };

function whenOf(next: Date, at: Date, lang: Lang): When {
  const a = parisParts(at);
  const n = parisParts(next);
  const days = Math.round((Date.UTC(n.year, n.month - 1, n.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
  const time = `${pad(n.hour)}:${pad(n.minute)}`;
  // Open until midnight: "jusqu’à 24:00" rather than "jusqu’à demain 00:00".
  if (days === 1 && time === '00:00') return { kind: 'today', time: '24:00', text: '' };
  if (days <= 0) return { kind: 'today', time, text: '' };
  if (days === 1) return { kind: 'tomorrow', time, text: '' };
  if (days < HOURS_OPTIONS.weekdayWindow)
    return { kind: 'weekday', time, text: formatter(lang, { weekday: 'long' }).format(next) };
  return { kind: 'date', time, text: formatter(lang, { day: 'numeric', month: 'long' }).format(next) };
}

// Helpers

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { ...options, timeZone: PARIS_TIME_ZONE });
    formatters.set(key, format);
  }
  return format;
}

function hhmm(fake: Date): string {
  return `${pad(fake.getHours())}:${pad(fake.getMinutes())}`;
}

function isValidDate(date: Date): boolean {
  return date instanceof Date && !Number.isNaN(date.getTime());
}
