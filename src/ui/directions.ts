/**
 * A "directions" link to a place: on a phone (a coarse pointer) a `geo:` URI, which opens the
 * phone's own maps app (RFC 5870, with the name as a label for Android); elsewhere the
 * directions page of openstreetmap.org, which asks where from.
 */
export function directionsUrl(lat: number, lon: number, name: string, phone: boolean): string {
  const at = `${round(lat)},${round(lon)}`;
  if (phone) return `geo:${at}?q=${at}(${encodeURIComponent(name)})`;
  return `https://www.openstreetmap.org/directions?to=${encodeURIComponent(at)}#map=17/${round(lat)}/${round(lon)}`;
}

/** Whether this device points with a finger: then `geo:` links open its maps app. */
export function isPhone(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
