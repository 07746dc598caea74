/**
 * Builds the administrative map of France the app, `npm run validate`, `npm run import` and
 * `npm run export` share (`public/admin/`), from npm packages, never fetched:
 *
 * - `index.json`: the régions, départements and EPCIs (intercommunalités), each with its name,
 *   population and extent (the box of its communes' positions), the département of each région,
 *   and the postcodes whose communes are not (all) in the département their first digits name;
 * - `communes-DEP.json`, one per département: its communes (INSEE code, name, postcodes, EPCI,
 *   population, position, extent radius) and the former codes and names of merged communes
 *   (communes déléguées and associées, `anciensCodes`) and municipal arrondissements, each with
 *   the current commune they now belong to.
 *
 * A browser or a script reads the index, then only the départements its actors need
 * (`src/data/admin.ts`).
 *
 *   npx tsx scripts/build-admin.ts            rebuild if an input is newer than the output
 *   npx tsx scripts/build-admin.ts --force    rebuild anyway
 *
 * Inputs: `@etalab/decoupage-administratif` (MIT; INSEE's Code officiel géographique and the
 * DGCL's EPCI list, Licence Ouverte) for names, codes, membership, postcodes and population;
 * `public/places/communes.json` (built by `scripts/build-places.ts` from GeoNames) for positions.
 *
 * Extent of a commune: the package has no contour, so a commune's `radius` (km) is estimated from
 * how far its neighbours stand: the distance from its position to the {@link NEIGHBOUR_RANK}-th
 * nearest other commune's position. Neighbours' positions lie outside the commune, so a commune
 * much wider than that would be one whose neighbours all crowd one side; the validator adds a
 * margin on top (see `POSITION_MARGIN` in `src/data/admin.ts`, measured on real files). Overseas,
 * a commune's neighbours are those of its own collectivity (the others lie across the sea); one
 * alone in it (Saint-Barthélemy, Saint-Martin) gets {@link APPROXIMATE_RADIUS_KM}.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { haversineKm } from '../src/geo/distance';
import { decodePlaces } from '../src/data/places';
import type { AdminCommunesFile, AdminIndexFile } from '../src/data/admin';
import { buildPlaces } from './build-places';
import { ROOT, isUpToDate, packageVersion, pushTo, readJson, requireFromRoot } from './npm-data';
import type { Commune } from './npm-data';

export const ADMIN_DIR = join(ROOT, 'public', 'admin');
const PLACES = join(ROOT, 'public', 'places', 'communes.json');
/** The extent radius is the distance to this nearest neighbour (1 = the nearest). */
export const NEIGHBOUR_RANK = 3;
/** The extent radius (km) given to a commune whose position is approximate. */
export const APPROXIMATE_RADIUS_KM = 10;

const INPUTS = {
  communes: '@etalab/decoupage-administratif/data/communes.json',
  departements: '@etalab/decoupage-administratif/data/departements.json',
  regions: '@etalab/decoupage-administratif/data/regions.json',
  epci: '@etalab/decoupage-administratif/data/epci.json',
};

type Departement = { code: string; nom: string; region: string };
type Region = { code: string; nom: string };
type Epci = { code: string; nom: string; membres: { code: string }[]; populationMunicipale?: number };

interface Row {
  code: string;
  name: string;
  dep: string;
  region: string;
  postcodes: string[];
  epci: string;
  population: number;
  lon: number | null;
  lat: number | null;
  radius: number;
  approximate: boolean;
}

/** Builds `public/admin/` unless it is newer than every input; returns its size, or null when up to date. */
export function buildAdmin(force = false): { files: number; bytes: number; gzipBytes: number } | null {
  buildPlaces();
  const inputs = [
    ...Object.values(INPUTS).map((i) => requireFromRoot.resolve(i)),
    PLACES,
    fileURLToPath(import.meta.url),
  ];
  const indexPath = join(ADMIN_DIR, 'index.json');
  if (!force && isUpToDate(inputs, [indexPath, join(ADMIN_DIR, 'LICENCES.md')])) return null;
  const { index, chunks } = adminFiles();
  rmSync(ADMIN_DIR, { recursive: true, force: true });
  mkdirSync(ADMIN_DIR, { recursive: true });
  let bytes = 0;
  let gzipBytes = 0;
  const write = (name: string, value: unknown) => {
    const text = `${JSON.stringify(value)}\n`;
    writeFileSync(join(ADMIN_DIR, name), text);
    bytes += Buffer.byteLength(text);
    gzipBytes += gzipSync(text, { level: 9 }).length;
  };
  for (const [dep, chunk] of chunks) write(`communes-${dep}.json`, chunk);
  write('index.json', index);
  writeFileSync(join(ADMIN_DIR, 'LICENCES.md'), licences());
  return { files: readdirSync(ADMIN_DIR).length, bytes, gzipBytes };
}

/** The files' contents, without writing anything. */
export function adminFiles(): { index: AdminIndexFile; chunks: Map<string, AdminCommunesFile> } {
  const all = readJson<Commune[]>(INPUTS.communes);
  const departements = readJson<Departement[]>(INPUTS.departements);
  const regions = readJson<Region[]>(INPUTS.regions);
  const epcis = readJson<Epci[]>(INPUTS.epci);
  const places = decodePlaces(JSON.parse(readFileSync(PLACES, 'utf8')));
  const position = new Map<string, { lon: number; lat: number; approximate: boolean }>();
  for (const p of places) if (p.kind === 'commune' && !position.has(p.code)) position.set(p.code, p);

  const epciOf = new Map<string, string>();
  for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);
  const regionOf = new Map(departements.map((d) => [d.code, d.region]));

  const rows: Row[] = [];
  for (const c of all) {
    if (c.type !== 'commune-actuelle' || !c.departement) continue;
    const at = position.get(c.code);
    rows.push({
      code: c.code,
      name: c.nom,
      dep: c.departement,
      region: c.region ?? regionOf.get(c.departement) ?? '',
      postcodes: c.codesPostaux ?? [],
      epci: epciOf.get(c.code) ?? '',
      population: c.population ?? 0,
      lon: at ? at.lon : null,
      lat: at ? at.lat : null,
      radius: 0,
      approximate: at?.approximate ?? false,
    });
  }
  setRadii(rows);

  // Former codes and names: what an older file may still say.
  const current = new Set(rows.map((r) => r.code));
  const former = new Map<string, [string, string, string][]>();
  const depOfCode = new Map(rows.map((r) => [r.code, r.dep]));
  for (const c of all) {
    if (c.type === 'commune-actuelle') {
      for (const old of c.anciensCodes ?? [])
        if (!current.has(old) && c.departement) pushTo(former, c.departement, [old, '', c.code]);
      continue;
    }
    const now = c.type === 'arrondissement-municipal' ? c.commune : c.chefLieu;
    if (!now || !current.has(now)) continue;
    const dep = depOfCode.get(now)!;
    pushTo(former, dep, [c.code, c.nom, now]);
  }

  const chunks = new Map<string, AdminCommunesFile>();
  const byDep = new Map<string, Row[]>();
  for (const r of rows) pushTo(byDep, r.dep, r);
  for (const [dep, list] of [...byDep].sort(([a], [b]) => a.localeCompare(b))) {
    const seen = new Set<string>();
    const formerRows = (former.get(dep) ?? [])
      .filter(([code, name]) => {
        const key = `${code}|${name}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
    chunks.set(dep, {
      format: 'archipel-admin-communes',
      version: 1,
      departement: dep,
      precision: 3,
      code: list.map((r) => r.code),
      name: list.map((r) => r.name),
      postcodes: list.map((r) => r.postcodes.join(' ')),
      epci: list.map((r) => r.epci),
      population: list.map((r) => r.population),
      lon: list.map((r) => (r.lon === null ? null : Math.round(r.lon * 1000))),
      lat: list.map((r) => (r.lat === null ? null : Math.round(r.lat * 1000))),
      radius: list.map((r) => r.radius),
      former: formerRows,
    });
  }

  // Extents of the wider territories: the box of their communes' positions.
  const boxes = new Map<string, Box>();
  const grow = (id: string, r: Row) => {
    if (r.lon === null || r.lat === null) return;
    const pad = r.radius / 111;
    const padLon = pad / Math.max(0.2, Math.cos((r.lat * Math.PI) / 180));
    const b = boxes.get(id) ?? [180, 90, -180, -90];
    boxes.set(id, [
      Math.min(b[0], r.lon - padLon),
      Math.min(b[1], r.lat - pad),
      Math.max(b[2], r.lon + padLon),
      Math.max(b[3], r.lat + pad),
    ]);
  };
  const population = new Map<string, number>();
  const depsOfEpci = new Map<string, Set<string>>();
  for (const r of rows) {
    for (const id of [`dep:${r.dep}`, `region:${r.region}`, ...(r.epci ? [`epci:${r.epci}`] : [])]) {
      grow(id, r);
      population.set(id, (population.get(id) ?? 0) + r.population);
    }
    if (r.epci) {
      const set = depsOfEpci.get(r.epci) ?? new Set<string>();
      set.add(r.dep);
      depsOfEpci.set(r.epci, set);
    }
  }
  const box = (id: string): Box => {
    const b = boxes.get(id);
    return b ? (b.map((v) => Math.round(v * 100) / 100) as Box) : [0, 0, 0, 0];
  };

  // Postcodes shared with, or only found in, another département than their first digits say.
  const postcodeDeps = new Map<string, Set<string>>();
  for (const r of rows) {
    for (const pc of r.postcodes) {
      const set = postcodeDeps.get(pc) ?? new Set<string>();
      set.add(r.dep);
      postcodeDeps.set(pc, set);
    }
  }
  const postcodes: Record<string, string> = {};
  for (const [pc, deps] of [...postcodeDeps].sort(([a], [b]) => a.localeCompare(b))) {
    const guess = depOfPostcode(pc);
    if (deps.size !== 1 || !deps.has(guess)) postcodes[pc] = [...deps].sort().join(' ');
  }

  const index: AdminIndexFile = {
    format: 'archipel-admin',
    version: 1,
    attribution:
      'Communes, EPCI, départements, régions : INSEE, Code officiel géographique, et DGCL, via @etalab/decoupage-administratif (Licence Ouverte). Positions : GeoNames (CC BY 4.0).',
    regions: regions
      .filter((r) => population.has(`region:${r.code}`))
      .map((r) => [r.code, r.nom, population.get(`region:${r.code}`) ?? 0, ...box(`region:${r.code}`)]),
    departements: departements
      .filter((d) => population.has(`dep:${d.code}`))
      .map((d) => [d.code, d.nom, d.region, population.get(`dep:${d.code}`) ?? 0, ...box(`dep:${d.code}`)]),
    epci: epcis
      .filter((e) => depsOfEpci.has(e.code))
      .map((e) => [
        e.code,
        e.nom,
        [...(depsOfEpci.get(e.code) ?? [])].sort().join(' '),
        population.get(`epci:${e.code}`) ?? 0,
        ...box(`epci:${e.code}`),
      ]),
    postcodes,
  };
  return { index, chunks };
}

type Box = [number, number, number, number];

/** The département a postcode's digits name: `29200` → `29`, `20000` → `2A`, `97400` → `974`. */
export function depOfPostcode(postcode: string): string {
  if (postcode.startsWith('97') || postcode.startsWith('98')) return postcode.slice(0, 3);
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  return postcode.slice(0, 2);
}

/** Each placed commune's radius: the distance to its {@link NEIGHBOUR_RANK}-th nearest placed commune, km, rounded up. */
/** Overseas départements and collectivities are islands or lie across a border: their communes' neighbours are their own. */
function overseas(r: Row): boolean {
  return r.dep.length === 3;
}

function setRadii(rows: Row[]): void {
  const CELL = 0.25; // degrees: a grid to find neighbours without comparing every pair
  const grid = new Map<string, Row[]>();
  const key = (lon: number, lat: number) => `${Math.floor(lon / CELL)}|${Math.floor(lat / CELL)}`;
  // Only exact positions are neighbours: approximate ones stand at a mean that several communes share.
  const placed = rows.filter((r) => r.lon !== null && r.lat !== null && !r.approximate);
  for (const r of placed) pushTo(grid, key(r.lon!, r.lat!), r);
  for (const r of placed) {
    const cx = Math.floor(r.lon! / CELL);
    const cy = Math.floor(r.lat! / CELL);
    let found: number[] = [];
    for (let ring = 1; ring <= 40; ring++) {
      found = [];
      for (let x = cx - ring; x <= cx + ring; x++)
        for (let y = cy - ring; y <= cy + ring; y++)
          for (const o of grid.get(`${x}|${y}`) ?? [])
            if (o !== r && (!overseas(r) || o.dep === r.dep))
              found.push(haversineKm([r.lon!, r.lat!], [o.lon!, o.lat!]));
      // Enough neighbours, and the ring is wider than the farthest one kept: none nearer was missed.
      found.sort((a, b) => a - b);
      const kth = found[NEIGHBOUR_RANK - 1];
      if (kth !== undefined && kth <= ring * CELL * 111 * Math.cos((r.lat! * Math.PI) / 180)) break;
    }
    const kth = found[Math.min(NEIGHBOUR_RANK, found.length) - 1];
    // An overseas commune alone in its collectivity (Saint-Barthélemy, Saint-Martin) has no
    // neighbour across the sea to measure it by: it gets the radius of an approximate position.
    r.radius = kth === undefined ? (overseas(r) ? APPROXIMATE_RADIUS_KM : 50) : Math.max(1, Math.ceil(kth));
  }
  // An approximate position is the mean of the communes sharing a postcode: its error (build-places
  // prints it) widens the extent.
  for (const r of rows) if (r.approximate) r.radius = APPROXIMATE_RADIUS_KM;
}

function licences(): string {
  return `# Administrative map (public/admin/)

Built by \`scripts/build-admin.ts\` from:

- the INSEE's Code officiel géographique and the DGCL's list of EPCIs, as shipped by
  \`@etalab/decoupage-administratif\` ${packageVersion('@etalab/decoupage-administratif')} (MIT; data under the
  Licence Ouverte / Etalab 2.0): names, codes, membership, postcodes, population;
- the communes' positions of \`public/places/communes.json\` (GeoNames, CC BY 4.0; see its LICENCES.md).
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const report = buildAdmin(process.argv.includes('--force'));
  const out = relative(process.cwd(), ADMIN_DIR);
  if (!report) console.log(`build-admin: ${out} is up to date (--force to rebuild)`);
  else
    console.log(
      `build-admin: ${out}  ${report.files} files, ${(report.bytes / 1000).toFixed(1)} kB (${(report.gzipBytes / 1000).toFixed(1)} kB gzip), ${Date.now() - started} ms`,
    );
}
