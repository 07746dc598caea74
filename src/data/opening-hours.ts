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

/** Validates `opening_hours` with the OpenStreetMap reference parser. */
export const checkOpeningHours: OpeningHoursCheck = (value) => {
  try {
    new OpeningHours(value, FRANCE_NOMINATIM, 0);
    return null;
  } catch (error) {
    return firstLine(String(error instanceof Error ? error.message : error));
  }
};

function firstLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
