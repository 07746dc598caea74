import OpeningHours from 'opening_hours';
import type { OpeningHoursCheck } from './validate';

/**
 * The place opening hours are evaluated for: France, so that `PH` (public
 * holidays) resolves to the French ones. Region does not change national holidays.
 */
export const FRANCE_NOMINATIM = {
  lat: 46.6,
  lon: 2.4,
  address: { country_code: 'fr', state: 'France' },
};

/** Verdicts by value: a big file repeats a handful of distinct hours thousands of times. */
const verdicts = new Map<string, string | null>();
const MAX_REMEMBERED = 50_000;

/** Validates `opening_hours` with the OpenStreetMap reference parser (each distinct value once). */
export const checkOpeningHours: OpeningHoursCheck = (value) => {
  const known = verdicts.get(value);
  if (known !== undefined) return known;
  let verdict: string | null = null;
  try {
    new OpeningHours(value, FRANCE_NOMINATIM, 0);
  } catch (error) {
    verdict = firstLine(String(error instanceof Error ? error.message : error));
  }
  if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
  verdicts.set(value, verdict);
  return verdict;
};

function firstLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * The hours check of a file loaded in the app: each distinct value is parsed once, and a
 * file may spend at most {@link HOURS_BUDGET} on parsing. The parser takes up to some 30 ms on
 * a long invalid value, so 3,000 distinct ones would take a minute and a half. Once the budget
 * is spent, a value not seen yet is not checked: it is kept as given, with a warning saying so
 * (`openingHoursNotChecked`); values already seen keep their verdict. `npm run validate`,
 * `npm run import` and `npm run export` check every value.
 */
export const HOURS_BUDGET = { distinct: 3000, ms: 4000 } as const;

export function budgetedHoursCheck(
  budget: { distinct: number; ms: number } = HOURS_BUDGET,
  clock: () => number = () => performance.now(),
): OpeningHoursCheck {
  const seen = new Map<string, string | null>();
  let spent = 0;
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (seen.size >= budget.distinct || spent >= budget.ms) return undefined;
    const started = clock();
    const verdict = checkOpeningHours(value) ?? null;
    spent += clock() - started;
    seen.set(value, verdict);
    return verdict;
  };
}
