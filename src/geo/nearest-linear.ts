import { haversineKm } from './distance';
import type { Near, NearestIndex, Positioned } from './nearest';

/**
 * The same answers as `createNearestIndex` (nearest first, ties in input order, distances by
 * {@link haversineKm}), by looking at every item. It answers while the kd-tree's module is being
 * fetched (it is loaded only once a point is chosen), and keeps the first load of the app light.
 *
 * @param items - actors (or anything with a GeoJSON point geometry)
 */
export function createLinearIndex<T extends Positioned>(items: readonly T[]): NearestIndex<T> {
  const scan = (lat: number, lon: number, maxKm: number, accept?: (item: T) => boolean): Near<T>[] => {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || !(maxKm >= 0)) return [];
    const found: { i: number; km: number }[] = [];
    items.forEach((item, i) => {
      if (accept && !accept(item)) return;
      const km = haversineKm([lon, lat], item.geometry.coordinates);
      if (km <= maxKm) found.push({ i, km });
    });
    found.sort((a, b) => a.km - b.km || a.i - b.i);
    return found.map(({ i, km }) => ({ actor: items[i]!, km }));
  };
  return {
    within: (lat, lon, km, accept) => scan(lat, lon, km, accept),
    nearest: (lat, lon, n, maxKm = Infinity, accept) =>
      n >= 1 ? scan(lat, lon, maxKm, accept).slice(0, Math.floor(n)) : [],
  };
}
