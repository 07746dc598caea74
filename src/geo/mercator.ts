/**
 * Web Mercator in unit square coordinates: x and y in [0, 1], y growing southwards,
 * as tiles and supercluster count them. The one projection of the app's own geometry.
 */

/** Latitude where Web Mercator's square ends (y = 0 or 1). */
export const MAX_LATITUDE = 85.0511287798;

export function lngX(lng: number): number {
  return lng / 360 + 0.5;
}

/** Clamped to [0, 1], that is to ±{@link MAX_LATITUDE}. */
export function latY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : Math.min(y, 1);
}

export function xLng(x: number): number {
  return (x - 0.5) * 360;
}

export function yLat(y: number): number {
  const y2 = ((180 - y * 360) * Math.PI) / 180;
  return (360 * Math.atan(Math.exp(y2))) / Math.PI - 90;
}
