/**
 * The wall clock of Paris, whatever the device's time zone: the parts of an instant, its calendar date,
 * the instant of a wall-clock time, and the "fake local" Dates the OpenStreetMap parser reads
 * (see `hours.ts`). Pure; only `Intl`.
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

let partsFormat: Intl.DateTimeFormat | undefined;

/** The Paris wall-clock time of an instant (month 1–12). */
export function parisParts(instant: Date): WallClock {
  partsFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: PARIS_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  if (out.hour === 24) out.hour = 0; // some engines write midnight as 24 even with h23
  return out;
}

/** The Paris calendar date of an instant, `YYYY-MM-DD`. */
export function parisDate(instant: Date): string {
  const { year, month, day } = parisParts(instant);
  return isoDate(year, month, day);
}

/**
 * The instant at which Paris shows this wall-clock time (month 1–12). A time skipped by the
 * spring change is read as the hour after it; a time seen twice in autumn, as the second one.
 */
export function parisInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const firstGuess = asUtc - parisOffset(asUtc);
  return new Date(asUtc - parisOffset(firstGuess));
}

/** How far Paris is ahead of UTC at an instant, in ms (1 h in winter, 2 h in summer). */
function parisOffset(instant: number): number {
  const p = parisParts(new Date(instant));
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

export function toParisFake(instant: Date): Date {
  const p = parisParts(instant);
  return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, instant.getUTCMilliseconds());
}

export function fromParisFake(fake: Date): Date {
  return parisInstant(
    fake.getFullYear(),
    fake.getMonth() + 1,
    fake.getDate(),
    fake.getHours(),
    fake.getMinutes(),
    fake.getSeconds(),
    fake.getMilliseconds(),
  );
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}
