// Over 300 lines: the administrative map and the resolution of a commune (INSEE code, former codes,
// postcode and loosely spelt names) belong together; candidate split: the name matching.
/**
 * The administrative map of France (`public/admin/`, built by `scripts/build-admin.ts` from
 * `@etalab/decoupage-administratif`): communes, EPCIs, départements, régions, their names,
 * membership, postcodes, positions and extents. The app, `npm run validate`, `npm run import`
 * and `npm run export` read it through this one module: the index first, then only the
 * départements their actors need ({@link loadAdmin}).
 *
 * What it answers: which commune an actor is in ({@link Admin.resolveCommune}: INSEE code, else
 * postcode and commune name, accent-, case- and hyphen-insensitive, former codes and names of
 * merged communes included), which territories a commune belongs to, and where a territory is.
 */
import { normaliseText } from '../core/filter';
import { TERRITORY_ALIASES, canonicalTerritoryId, depOfInsee, parseTerritoryId } from '../core/territory-id';
import type { ActorProperties, AdminInfo, AdminCommuneInfo, LonLat, Territory } from '../core/types';
import { checkCommune, checkPosition } from './validate-admin';
import type { Report } from './validate';
import { haversineKm } from '../geo/distance';
import type { Place } from './places';

/** `index.json`: `[code, name, population, west, south, east, north]` and so on. */
export interface AdminIndexFile {
  format: 'archipel-admin';
  version: 1;
  attribution: string;
  regions: [string, string, number, number, number, number, number][];
  /** `[code, name, region, population, west, south, east, north]` */
  departements: [string, string, string, number, number, number, number, number][];
  /** `[siren, name, départements (space-separated), population, west, south, east, north]` */
  epci: [string, string, string, number, number, number, number, number][];
  /** Postcodes whose communes are not (only) in the département their digits name → those départements. */
  postcodes: Record<string, string>;
}

/** `communes-DEP.json`: columns of equal length, one row per current commune. */
export interface AdminCommunesFile {
  format: 'archipel-admin-communes';
  version: 1;
  departement: string;
  /** Coordinates are integers in units of 10^-precision degrees; null when unknown. */
  precision: number;
  code: string[];
  name: string[];
  postcodes: string[];
  epci: string[];
  population: number[];
  lon: (number | null)[];
  lat: (number | null)[];
  /** Extent radius, km (see `scripts/build-admin.ts`). */
  radius: number[];
  /** `[former code, former name ('' when the code alone changed), current code]` */
  former: [string, string, string][];
}

/** Where the files are read from: `fetch` in the browser, the file system in scripts. */
export interface AdminSource {
  read(name: string): Promise<unknown>;
}

export interface AdminCommune {
  code: string;
  name: string;
  dep: string;
  region: string;
  epci: string;
  postcodes: string[];
  population: number;
  center: LonLat | null;
  radiusKm: number;
}

/** A territory of the administrative map, with what framing and search need. */
export interface AdminTerritory extends Territory {
  level: 'commune' | 'epci' | 'dep' | 'region';
  code: string;
  population: number;
}

/**
 * How far beyond its commune's estimated extent an actor may stand before its position is
 * called wrong: `radius × POSITION_FACTOR + POSITION_MARGIN_KM`. Measured on the Hinaura file
 * of the national standard (687 real places, Auvergne-Rhône-Alpes; README "Position checks"):
 * no correctly placed row goes beyond it, and what it catches are real mistakes.
 */
export const POSITION_FACTOR = 2;
export const POSITION_MARGIN_KM = 5;

export interface CommuneQuery {
  insee?: string | undefined;
  postcode?: string | undefined;
  commune?: string | undefined;
}

export interface CommuneResolution {
  commune: AdminCommune | undefined;
  /** The postcode is malformed or no commune has it (`380000`, `30252Cedex`). */
  postcodeUnknown: boolean;
  /** The commune name is none of the postcode's communes (the commune may still be found by INSEE code or name). */
  nameDisagrees: boolean;
  /** An INSEE code was given and is no commune, current or former. */
  inseeUnknown: boolean;
}

/**
 * A commune name for comparison: accents, case, hyphens, apostrophes, spaces, a leading
 * article, `St`/`Ste` for `Saint`/`Sainte` and a `Cedex` suffix make no difference
 * (`Pont de Claix` = `Le Pont-de-Claix`, `Saint-Donat-sur-lHerbasse` = `Saint-Donat-sur-l'Herbasse`).
 */
export function communeKey(name: string): string {
  return normaliseText(name)
    .replace(/\bcedex\b.*$/, '')
    .replace(/[-'’.,/()]/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .replace(/^(?:le|la|les|l) /, '')
    .replace(/[^a-z0-9]/g, '');
}

/** The département a postcode's digits name: `29200` → `29`, `20000` → `2A`, `97400` → `974`. */
export function depOfPostcode(postcode: string): string {
  if (postcode.startsWith('97') || postcode.startsWith('98')) return postcode.slice(0, 3);
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  return postcode.slice(0, 2);
}

/** A postcode as files write it, tidied: five digits, else undefined. */
export function cleanPostcode(postcode: string | undefined): string | undefined {
  const trimmed = postcode?.trim() ?? '';
  return /^\d{5}$/.test(trimmed) ? trimmed : undefined;
}

export class Admin {
  readonly index: AdminIndexFile;
  private readonly territories = new Map<string, AdminTerritory>();
  private readonly communes = new Map<string, AdminCommune>();
  private readonly former = new Map<string, string>();
  private readonly byPostcode = new Map<string, AdminCommune[]>();
  /** `dep|name key` → current code, names current and former. */
  private readonly byName = new Map<string, string[]>();
  private readonly loaded = new Set<string>();
  private readonly regionOfDep = new Map<string, string>();
  private readonly membership = new Map<string, readonly string[]>();

  constructor(index: AdminIndexFile) {
    if (index?.format !== 'archipel-admin' || index.version !== 1) throw new Error('admin index: unknown format');
    this.index = index;
    const add = (level: AdminTerritory['level'], code: string, name: string, population: number, box: number[]) => {
      const bbox = box as [number, number, number, number];
      this.territories.set(`${level}:${code}`, {
        id: `${level}:${code}`,
        level,
        code,
        name,
        population,
        bbox,
        center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
      });
    };
    for (const [code, name, population, ...box] of index.regions) add('region', code, name, population, box);
    for (const [code, name, region, population, ...box] of index.departements) {
      add('dep', code, name, population, box);
      this.regionOfDep.set(code, region);
    }
    for (const [code, name, , population, ...box] of index.epci) add('epci', code, name, population, box);
  }

  /** Adds a département's communes (idempotent). */
  addCommunes(file: AdminCommunesFile): void {
    if (file?.format !== 'archipel-admin-communes' || this.loaded.has(file.departement)) return;
    this.loaded.add(file.departement);
    const scale = 10 ** file.precision;
    const dep = file.departement;
    const region = this.regionOfDep.get(dep) ?? '';
    for (let i = 0; i < file.code.length; i++) {
      const lon = file.lon[i];
      const lat = file.lat[i];
      const c: AdminCommune = {
        code: file.code[i]!,
        name: file.name[i]!,
        dep,
        region,
        epci: file.epci[i]!,
        postcodes: file.postcodes[i] ? file.postcodes[i]!.split(' ') : [],
        population: file.population[i]!,
        center:
          lon === null || lat === null || lon === undefined || lat === undefined ? null : [lon / scale, lat / scale],
        radiusKm: file.radius[i]!,
      };
      this.communes.set(c.code, c);
      for (const pc of c.postcodes) {
        const list = this.byPostcode.get(pc);
        if (list) list.push(c);
        else this.byPostcode.set(pc, [c]);
      }
      this.addName(dep, c.name, c.code);
    }
    for (const [code, name, now] of file.former) {
      if (!this.former.has(code)) this.former.set(code, now);
      if (name) this.addName(dep, name, now);
    }
  }

  private addName(dep: string, name: string, code: string): void {
    const key = `${dep}|${communeKey(name)}`;
    const list = this.byName.get(key);
    if (!list) this.byName.set(key, [code]);
    else if (!list.includes(code)) list.push(code);
  }

  /** The départements whose communes have been added. */
  get departements(): ReadonlySet<string> {
    return this.loaded;
  }

  /** The départements to load to resolve these codes and postcodes. */
  departementsFor(query: CommuneQuery): string[] {
    const out = new Set<string>();
    const insee = query.insee?.trim().toUpperCase();
    if (insee) {
      const dep = depOfInsee(insee);
      if (dep) out.add(dep);
    }
    const pc = cleanPostcode(query.postcode);
    if (pc) for (const dep of (this.index.postcodes[pc] ?? depOfPostcode(pc)).split(' ')) out.add(dep);
    return [...out].filter((d) => this.territories.has(`dep:${d}`));
  }

  /** A current commune by INSEE code, former codes (and arrondissements) followed. */
  commune(code: string): AdminCommune | undefined {
    const c = code.trim().toUpperCase();
    return this.communes.get(c) ?? this.communes.get(this.former.get(c) ?? '');
  }

  /**
   * The commune of an actor: by INSEE code when it names one; else by postcode and name; else
   * by name in the postcode's département (a wrong postcode); else by postcode alone when only
   * one commune has it. Says what disagreed on the way.
   */
  resolveCommune(query: CommuneQuery): CommuneResolution {
    const result: CommuneResolution = {
      commune: undefined,
      postcodeUnknown: false,
      nameDisagrees: false,
      inseeUnknown: false,
    };
    const rawPostcode = query.postcode?.trim() ?? '';
    const pc = cleanPostcode(rawPostcode);
    // Its digits still say the département (`30252Cedex`, `380000`): the name is looked for there.
    const digits = /^\d{5}/.exec(rawPostcode)?.[0];
    const postcodeDeps = digits ? (this.index.postcodes[digits] ?? depOfPostcode(digits)).split(' ') : [];
    const candidates = pc ? (this.byPostcode.get(pc) ?? []) : [];
    const key = query.commune ? communeKey(query.commune) : '';
    const nameInDeps = () => postcodeDeps.some((d) => (this.byName.get(`${d}|${key}`)?.length ?? 0) > 0);
    if (rawPostcode !== '' && candidates.length === 0) {
      // Malformed, or no commune's: unless the commune is found in its département, then it is
      // a CEDEX code (29238 Brest), which is a real postcode of an organisation. Only when its
      // département is loaded can a postcode be said not to exist.
      if (!pc) result.postcodeUnknown = true;
      else if (postcodeDeps.every((d) => this.loaded.has(d)) && !(key !== '' && nameInDeps()))
        result.postcodeUnknown = true;
    }
    const named = (c: AdminCommune) => key !== '' && (this.byName.get(`${c.dep}|${key}`)?.includes(c.code) ?? false);
    if (key !== '' && candidates.length > 0 && !candidates.some(named)) result.nameDisagrees = true;

    const insee = query.insee?.trim().toUpperCase();
    if (insee) {
      const found = this.commune(insee);
      if (found) {
        result.commune = found;
        return result;
      }
      if (this.loaded.has(depOfInsee(insee)) || !depOfInsee(insee)) result.inseeUnknown = true;
    }
    const byBoth = candidates.filter(named);
    if (byBoth.length > 0) {
      result.commune = largest(byBoth);
      return result;
    }
    if (key !== '') {
      for (const dep of new Set(postcodeDeps)) {
        const codes = this.byName.get(`${dep}|${key}`);
        if (codes?.length === 1) {
          result.commune = this.communes.get(codes[0]!);
          return result;
        }
      }
    }
    if (key !== '') {
      // A shortened or lengthened name (`Loriol` for Loriol-sur-Drôme, `Ardes sur couze` for Ardes):
      // taken when exactly one of the postcode's communes fits.
      const fits = candidates.filter((c) => {
        const name = communeKey(c.name);
        return name.length >= 4 && key.length >= 4 && (name.startsWith(key) || key.startsWith(name));
      });
      if (fits.length === 1) {
        result.commune = fits[0];
        return result;
      }
    }
    if (candidates.length === 1) result.commune = candidates[0];
    return result;
  }

  /** The territories a commune belongs to: itself, its EPCI, département and région. */
  territoriesOf(insee: string): readonly string[] {
    const cached = this.membership.get(insee);
    if (cached) return cached;
    const c = this.commune(insee);
    const ids = c
      ? [`commune:${c.code}`, ...(c.epci ? [`epci:${c.epci}`] : []), `dep:${c.dep}`, `region:${c.region}`]
      : [];
    this.membership.set(insee, ids);
    return ids;
  }

  /**
   * A territory by id (aliases followed): a région, département or EPCI from the index, a
   * commune once its département is loaded.
   */
  territory(id: string): AdminTerritory | undefined {
    const canonical = canonicalTerritoryId(id);
    const known = this.territories.get(canonical);
    if (known) return known;
    const ref = parseTerritoryId(canonical);
    if (ref?.level !== 'commune') return undefined;
    const c = this.commune(ref.code);
    if (!c?.center) return undefined;
    const dLat = c.radiusKm / 111;
    const dLon = dLat / Math.max(0.2, Math.cos((c.center[1] * Math.PI) / 180));
    const r2 = (v: number) => Math.round(v * 1000) / 1000;
    return {
      id: `commune:${c.code}`,
      level: 'commune',
      code: c.code,
      name: c.name,
      population: c.population,
      center: c.center,
      bbox: [r2(c.center[0] - dLon), r2(c.center[1] - dLat), r2(c.center[0] + dLon), r2(c.center[1] + dLat)],
    };
  }

  /** The départements to load so that {@link territory} knows this id (a commune's). */
  departementsOfTerritory(id: string): string[] {
    const ref = parseTerritoryId(canonicalTerritoryId(id));
    if (ref?.level === 'commune') return [depOfInsee(ref.code)].filter(Boolean);
    return [];
  }

  /** Every région, département and EPCI, for the place search. */
  allTerritories(): AdminTerritory[] {
    return [...this.territories.values()];
  }

  /** An actor's commune from its fields, with what disagrees reported (src/data/validate-admin.ts). */
  checkCommune(out: Partial<ActorProperties>, report: Report): AdminCommune | undefined {
    return checkCommune(this, out, report);
  }

  /** An actor's point checked against its commune and France, or undefined, reported (src/data/validate-admin.ts). */
  checkPosition(geometry: unknown, commune: AdminCommune | undefined, report: Report): LonLat | undefined {
    return checkPosition(this, geometry, commune, report);
  }

  /** The département and région names of a commune, for messages: `Visan (84)`. */
  label(c: AdminCommune): string {
    return `${c.name} (${c.dep})`;
  }

  /** Whether a point stands in some département's extent: outside every one, it is in the sea or abroad. */
  inFrance([lon, lat]: LonLat): boolean {
    const pad = 0.05;
    for (const [, , , , w, s, e, n] of this.index.departements)
      if (lon >= w - pad && lon <= e + pad && lat >= s - pad && lat <= n + pad) return true;
    return false;
  }

  /** How far a point is from a commune's position, and the distance allowed; null when the commune has no position. */
  distanceFromCommune(c: AdminCommune, point: LonLat): { km: number; limitKm: number } | null {
    if (!c.center) return null;
    return {
      km: haversineKm(c.center, point),
      limitKm: c.radiusKm * POSITION_FACTOR + POSITION_MARGIN_KM,
    };
  }

  /**
   * What the loaded data keeps about the actors' communes, as plain data that workers can
   * receive and `src/core` can read: each commune's name and memberships, and the names and
   * extents of every territory they belong to.
   */
  infoFor(codes: Iterable<string>): AdminInfo {
    const communes: Record<string, AdminCommuneInfo> = {};
    const territories: Record<string, Territory> = {};
    for (const code of codes) {
      const c = this.commune(code);
      if (!c || communes[c.code]) continue;
      communes[c.code] = { name: c.name, territories: [...this.territoriesOf(c.code)] };
      for (const id of this.territoriesOf(c.code)) {
        if (territories[id]) continue;
        const t = this.territory(id);
        if (t) territories[id] = { id: t.id, name: t.name, center: t.center, bbox: t.bbox };
      }
    }
    return { communes, territories };
  }
}

function largest(list: AdminCommune[]): AdminCommune {
  return list.reduce((a, b) => (b.population > a.population ? b : a));
}

/**
 * Reads the index and the communes of the départements asked for (those that exist).
 * One loaded {@link Admin} may be kept and extended: pass it as `into`.
 */
export async function loadAdmin(source: AdminSource, departements: Iterable<string>, into?: Admin): Promise<Admin> {
  const admin = into ?? new Admin((await source.read('index.json')) as AdminIndexFile);
  const wanted = [...new Set(departements)].filter(
    (d) => !admin.departements.has(d) && admin.territory(`dep:${d}`) !== undefined,
  );
  const files = await Promise.all(wanted.map((d) => source.read(`communes-${d}.json`)));
  for (const file of files) admin.addCommunes(file as AdminCommunesFile);
  return admin;
}

/** Every département code of the index, for a whole-France load. */
export function allDepartements(admin: Admin): string[] {
  return admin.index.departements.map(([code]) => code);
}

export { TERRITORY_ALIASES };

/**
 * The régions, départements and EPCIs as places the place search offers beside the communes
 * ("Brest métropole", "Isère"), from the index alone.
 */
export async function loadTerritoryPlaces(source: AdminSource): Promise<Place[]> {
  const admin = await loadAdmin(source, []);
  return admin.allTerritories().map((t) => ({
    id: t.id,
    kind: 'territory',
    name: t.name,
    code: t.level === 'epci' ? '' : t.code,
    postcodes: [],
    departement: '',
    departementName: '',
    population: t.population,
    lon: t.center[0],
    lat: t.center[1],
    approximate: false,
    territory: t.id,
  }));
}
