/**
 * The box a map opens on for a set of places: all of them, unless a few lie far from the rest.
 * A national census holds the overseas départements (the Antilles at 61° W, Réunion at 55° E):
 * their box is most of the globe, where metropolitan France is a dot. Past {@link WIDE_DEGREES}
 * of span, the box leaves out the farthest {@link TRIM} of the places on each side of each axis
 * (at least one place; none below {@link TRIM_FROM} places), so that most of them fill the view; the
 * others are a zoom out away.
 */
import type { LonLat } from '../core/types';

/** A span, in degrees of longitude or latitude, beyond which outliers are left out of the box. */
export const WIDE_DEGREES = 25;
/** The share of places left out on each side of each axis of a wide box. */
export const TRIM = 0.03;

/** Below this many places every one is in the box, however far. */
export const TRIM_FROM = 20;

/** [west, south, east, north] of the places (most of them when they spread very wide); null for none. */
export function mainBounds(points: readonly LonLat[]): [number, number, number, number] | null {
  if (points.length === 0) return null;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const [lon, lat] of points) {
    if (lon < w) w = lon;
    if (lon > e) e = lon;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
  }
  if (points.length < TRIM_FROM || (e - w <= WIDE_DEGREES && n - s <= WIDE_DEGREES)) return [w, s, e, n];
  const k = Math.max(1, Math.floor(points.length * TRIM));
  const trimmed = (axis: 0 | 1): [number, number] => {
    const sorted = Float64Array.from(points, (p) => p[axis]).sort();
    return [sorted[k]!, sorted[sorted.length - 1 - k]!];
  };
  if (e - w > WIDE_DEGREES) [w, e] = trimmed(0);
  if (n - s > WIDE_DEGREES) [s, n] = trimmed(1);
  return [w, s, e, n];
}
