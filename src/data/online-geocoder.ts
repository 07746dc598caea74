/**
 * The national address API (online, off unless the deployment turns it on): its answers read as the
 * offline search's places, streets and house numbers included.
 */
import type { Place, PlaceKind } from './places';

export interface OnlineGeocoder {
  /** Rejects on a network or HTTP error, or when `signal` aborts. */
  search(query: string, limit?: number, signal?: AbortSignal): Promise<Place[]>;
}

/** The national address API's search endpoint (Base Adresse Nationale). */
export const ADDRESS_API_URL = 'https://api-adresse.data.gouv.fr/search/';

/**
 * A geocoder over the national address API (`/search/?q=`), answering with the same places as
 * the offline search, streets and house numbers included. Never called unless the deployment's
 * configuration turns it on: each call sends what the user typed to a third party.
 *
 * @param url - the search endpoint; the default is {@link ADDRESS_API_URL}
 * @param fetchImpl - for tests; the global `fetch` by default
 */
export function createOnlineGeocoder(
  url: string = ADDRESS_API_URL,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): OnlineGeocoder {
  return {
    async search(query, limit = 5, signal) {
      const q = query.trim();
      // The API refuses queries shorter than 3 characters or not starting with a letter or digit.
      if (q.length < 3 || !/^[\p{L}\p{N}]/u.test(q)) return [];
      const params = new URLSearchParams({
        q,
        limit: String(Math.min(20, Math.max(1, Math.floor(limit)))),
        autocomplete: '1',
      });
      const response = await fetchImpl(`${url}${url.includes('?') ? '&' : '?'}${params}`, signal ? { signal } : {});
      if (!response.ok) throw new Error(`address API: HTTP ${response.status}`);
      return parseAddressResponse(await response.json());
    },
  };
}

const ADDRESS_KINDS: Record<string, PlaceKind> = {
  municipality: 'commune',
  locality: 'locality',
  street: 'street',
  housenumber: 'address',
};

/**
 * Reads an answer of the national address API (a GeoJSON FeatureCollection whose features have
 * `label`, `name`, `postcode`, `citycode`, `city`, `context` "29, Finistère, Bretagne", `type`,
 * and optionally `population`). Features without a usable point are skipped; never throws.
 */
export function parseAddressResponse(raw: unknown): Place[] {
  const features = (raw as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return [];
  const places: Place[] = [];
  for (const feature of features as unknown[]) {
    const f = feature as {
      geometry?: { type?: unknown; coordinates?: unknown };
      properties?: Record<string, unknown>;
    } | null;
    const coordinates = f?.geometry?.type === 'Point' ? f.geometry.coordinates : undefined;
    if (!Array.isArray(coordinates)) continue;
    const [lon, lat] = coordinates as unknown[];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    const p = f?.properties ?? {};
    const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : '');
    const kind = ADDRESS_KINDS[text('type')] ?? 'locality';
    const [departement = '', departementName = ''] = text('context')
      .split(',')
      .map((part) => part.trim());
    const name = text('name') || text('label');
    if (!name) continue;
    const place: Place = {
      id: text('id') || `${kind}:${lon},${lat}`,
      kind,
      name,
      code: text('citycode'),
      postcodes: text('postcode') ? [text('postcode')] : [],
      departement,
      departementName,
      population: typeof p.population === 'number' ? p.population : 0,
      lon,
      lat,
      approximate: false,
    };
    const city = text('city');
    if (kind !== 'commune' && city) place.commune = city;
    places.push(place);
  }
  return places;
}
