/**
 * "Where am I": finding a French commune, arrondissement or neighbourhood by name or postcode,
 * offline, from `places/communes.json` (built by `scripts/build-places.ts`); and, only when the
 * deployment asks for it, the national address API for street addresses.
 */
import { fetchText } from './fetch';

/**
 * - `commune`: a commune;
 * - `arrondissement`: a municipal arrondissement (Lyon, Marseille);
 * - `locality`: a named settlement inside a commune (a former commune, a hamlet);
 * - `neighbourhood`: a quartier of a city, where GeoNames has it;
 * - `address`, `street`: answers of the online geocoder.
 */
export type PlaceKind = 'commune' | 'arrondissement' | 'locality' | 'neighbourhood' | 'address' | 'street';

/** One answer of a place search. */
export interface Place {
  /** Stable within one file or one online answer, for list keys. */
  id: string;
  kind: PlaceKind;
  name: string;
  /** The commune it lies in, for anything but a commune. */
  commune?: string;
  /** INSEE code of the commune (or arrondissement); `''` when unknown. */
  code: string;
  postcodes: string[];
  /** Département code (`29`, `2A`, `974`), `''` when unknown. */
  departement: string;
  /** Département name (`Finistère`), `''` when unknown. */
  departementName: string;
  /** Inhabitants, 0 when unknown: it ranks answers of equal quality. */
  population: number;
  lon: number;
  lat: number;
  /** The position stands for a wider area (neighbouring communes' mean): say "≈" with distances. */
  approximate: boolean;
}

/** `places/communes.json`: columns of equal length, one row per place. */
export interface PlacesFile {
  format: 'archipel-places';
  version: 1;
  attribution: string;
  /** Coordinates are integers in units of 10^-precision degrees. */
  precision: number;
  /** Département code → name. */
  departements: Record<string, string>;
  name: string[];
  /** INSEE code; `''` repeats the parent commune's. */
  code: string[];
  /** Space-separated postcodes. */
  postcodes: string[];
  population: number[];
  /** One letter a row: `c`ommune, `a`rrondissement, `l`ocality, `n`eighbourhood. */
  kind: string;
  /** One digit a row: `1` when the position is approximate. */
  approximate: string;
  /** `[row, parent commune row]` for every row that is not a commune. */
  parent: [number, number][];
  /** Each row's coordinate minus the previous row's (the first minus 0). */
  lon: number[];
  lat: number[];
}

const KINDS: Record<string, PlaceKind> = { c: 'commune', a: 'arrondissement', l: 'locality', n: 'neighbourhood' };

/**
 * Reads a places file into places; throws an `Error` naming what is wrong.
 *
 * @param raw - the parsed JSON
 */
export function decodePlaces(raw: unknown): Place[] {
  if (typeof raw !== 'object' || raw === null) throw new Error('places file: not a JSON object');
  const file = raw as Partial<PlacesFile>;
  if (file.format !== 'archipel-places' || file.version !== 1) {
    throw new Error(
      `places file: unknown format ${JSON.stringify(file.format)} version ${JSON.stringify(file.version)}`,
    );
  }
  const count = Array.isArray(file.name) ? file.name.length : -1;
  for (const column of ['code', 'postcodes', 'population', 'lon', 'lat'] as const) {
    if (!Array.isArray(file[column]) || file[column].length !== count)
      throw new Error(`places file: column "${column}" does not match "name"`);
  }
  for (const column of ['kind', 'approximate'] as const) {
    if (typeof file[column] !== 'string' || file[column].length !== count)
      throw new Error(`places file: column "${column}" does not match "name"`);
  }
  const f = file as PlacesFile;
  const scale = 10 ** (typeof f.precision === 'number' ? f.precision : 0);
  const departements = typeof f.departements === 'object' && f.departements !== null ? f.departements : {};
  const parents = new Map<number, number>(Array.isArray(f.parent) ? f.parent : []);
  const places: Place[] = [];
  let lon = 0;
  let lat = 0;
  for (let i = 0; i < count; i++) {
    lon += f.lon[i]!;
    lat += f.lat[i]!;
    const parent = places[parents.get(i) ?? -1];
    const code = f.code[i] || parent?.code || '';
    const departement = departementOf(code);
    const place: Place = {
      id: `${f.kind[i]}${i}`,
      kind: KINDS[f.kind[i]!] ?? 'locality',
      name: f.name[i]!,
      code,
      postcodes: f.postcodes[i] ? f.postcodes[i]!.split(' ') : [],
      departement,
      departementName: departements[departement] ?? '',
      population: f.population[i]!,
      lon: lon / scale,
      lat: lat / scale,
      approximate: f.approximate[i] === '1',
    };
    if (parent) place.commune = parent.name;
    places.push(place);
  }
  return places;
}

/** The département of an INSEE code: two characters, three overseas (`971`…`989`). */
export function departementOf(code: string): string {
  if (!/^[0-9][0-9AB]\d{3}$/.test(code)) return '';
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * Fetches and reads the places file; the app calls it when the place field is first focused.
 *
 * @param baseUrl - the app's base URL, ending with `/`
 * @param options - `signal` cancels; `onProgress` gets bytes read and the total when known
 */
export async function loadPlaces(
  baseUrl: string,
  options: { signal?: AbortSignal; onProgress?: (loaded: number, total: number | null) => void } = {},
): Promise<Place[]> {
  const text = await fetchText(`${baseUrl}places/communes.json`, options.onProgress ?? (() => {}), options.signal);
  return decodePlaces(JSON.parse(text));
}

// The search and the online geocoder live beside this file; fetched with it (`import('./places')`).
export * from './place-search';
export * from './online-geocoder';
