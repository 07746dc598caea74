/**
 * The documented rules of the census (`scripts/data/MAPPING.md`): categories
 * from names, networks from labels, France services hours in OSM syntax,
 * personal-looking emails, and the keys names and addresses are compared by.
 * Pure functions and tables; `test/unit/build-data.test.ts` checks them.
 */
import { normaliseText } from '../../src/core/filter';
import type { Category, Role } from '../../src/core/vocab';

/** A text compared by words: lower case, no accents, punctuation as spaces. */
export function wordsKey(text: string): string {
  return normaliseText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * What a name says the place is, first match wins (on {@link wordsKey} of the
 * name). Undefined when the name says nothing; each source then has its own
 * default (MAPPING.md).
 */
export const NAME_RULES: readonly (readonly [RegExp, Category])[] = [
  [/\b(mediatheque|bibliotheque|ludomediatheque|ludotheque|point lecture|relais lecture)\b/, 'library'],
  [/\b(fab ?lab|repair cafe|hackerspace|makerspace)\b/, 'fablab'],
  [
    /\b(centre social|centre socio ?culturel|centre d animation|maison de quartier|maison des habitant|mdh|mjc|maison des jeunes et de la culture|espace de vie sociale|evs|maison pour tous|csc|foyer rural)\b/,
    'social-centre',
  ],
  [/\b(tiers lieu|tiers lieux|coworking)\b/, 'third-place'],
  [/\b(espace public numerique|epn|cyber ?base|cyber ?espace|point d acces public|papi)\b/, 'internet-access'],
  [
    /\b(mairie|hotel de ville|commune (de|d|du|des)|ville (de|d|du)|ccas|cias|centre communal d action sociale|centre intercommunal d action sociale|france services?|maison de services au public|msap|communaute de communes|communaute d agglomeration|agglomeration|metropole|departement|conseil departemental|conseil general|region|prefecture|sous prefecture|syndicat mixte|syndicat intercommunal|sivom|sivu|pole emploi|caf|msa|cpam|mission locale)\b/,
    'public-body',
  ],
  [/\b(universite|iut|ecole nationale|lycee|college)\b/, 'academic'],
  [/\b(association|asso|pimms|federation|ligue de l enseignement|emmaus|croix rouge|secours)\b/, 'association'],
  [/\b(sas|sarl|sasu|eurl|scop|scic)\b/, 'company'],
];

/** The category a name says, or undefined. */
export function categoryFromName(name: string): Category | undefined {
  const key = wordsKey(name);
  return NAME_RULES.find(([pattern]) => pattern.test(key))?.[1];
}

/** Roles by category (as the importers, `src/data/import/MAPPING.md`). */
export const ROLES_BY_CATEGORY: Readonly<Record<Category, Role>> = {
  fablab: 'opportunity-space',
  library: 'public-service',
  'internet-access': 'opportunity-space',
  'social-centre': 'opportunity-space',
  'third-place': 'opportunity-space',
  association: 'opportunity-space',
  hoster: 'contributor',
  'public-body': 'public-service',
  academic: 'academic',
  company: 'opportunity-space',
};

/**
 * A library list entry that names several libraries or their network, not one
 * place: "Réseau des bibliothèques de Brest", "Médiathèques de A, B et C",
 * "Bibliothèques intercommunales du Val". It stands for the network of its
 * administrative unit (its seat), never for a place.
 */
export function isNetworkName(name: string): boolean {
  const key = wordsKey(name);
  return /^(le |les )?(reseau|reseaux)\b/.test(key) || /^(les )?(mediatheques|bibliotheques|ludotheques)\b/.test(key);
}

/** Networks named by labels: the importer's table (`src/data/import/mediation-numerique.ts`). */
export { LABEL_NETWORKS, networkOfLabel } from '../../src/data/import/mediation-numerique';

/**
 * Curated actors offering public internet access whatever their category,
 * besides the members of Brest's PAPI network and `internet-access` actors:
 * each one because its curated description (itself sourced) says so.
 */
export const CURATED_PUBLIC_INTERNET: Readonly<Record<string, string>> = {
  'brest-mediatheque-des-capucins': 'avec une centaine de postes informatiques',
  'brest-mediatheque-de-saint-marc': 'avec des postes informatiques en accès public',
  'grenoble-maison-des-habitants-abbaye': 'elle offre des ordinateurs en libre-service',
  'grenoble-maison-des-habitants-le-patio':
    'les maisons des habitant·es de Grenoble offrent des ordinateurs en libre-service',
  'grenoble-maison-des-habitants-centre-ville':
    'grenoble.fr (2025), cité par le Patio : les maisons des habitant·es de Grenoble offrent des ordinateurs en libre-service',
  'grenoble-maison-des-habitants-anatole-france':
    'grenoble.fr (2025), cité par le Patio : les maisons des habitant·es de Grenoble offrent des ordinateurs en libre-service',
  'grenoble-maison-des-habitants-les-baladins':
    'grenoble.fr (2025), cité par le Patio : les maisons des habitant·es de Grenoble offrent des ordinateurs en libre-service',
  'grenoble-maison-des-habitants-premol':
    'grenoble.fr (2025), cité par le Patio : les maisons des habitant·es de Grenoble offrent des ordinateurs en libre-service',
  'grenoble-maison-des-habitants-bajatiere':
    'grenoble.fr (2025), cité par le Patio : les maisons des habitant·es de Grenoble offrent des ordinateurs en libre-service',
  'grenoble-numerinaute': 'donne accès à du matériel informatique',
  'grenoble-la-turbine-coop': 'avec accès à du matériel informatique',
};

// ---------------------------------------------------------------------------
// Opening hours

export const FS_DAYS = [
  ['h_lundi', 'Mo'],
  ['h_mardi', 'Tu'],
  ['h_mercredi', 'We'],
  ['h_jeudi', 'Th'],
  ['h_vendredi', 'Fr'],
  ['h_samedi', 'Sa'],
] as const;

const TIME = /^(\d{1,2})\s*[:hH.]\s*(\d{2})$/;

function hhmm(text: string): string | undefined {
  const m = TIME.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * One weekday cell of the France services list, "09:00 - 12:00 / 13:30 - 17:00",
 * as OSM time ranges "09:00-12:00,13:30-17:00". "00:00 - 00:00" is the list's
 * empty slot and is skipped. Empty → null (closed that day); ranges that are
 * malformed, overlap or go backwards (several sites in one cell) → undefined
 * (not understood: the place keeps no hours).
 */
export function dayRanges(cell: string): string | null | undefined {
  const text = cell.trim();
  if (text === '') return null;
  const ranges: string[] = [];
  let previousEnd = '';
  for (const part of text.split('/')) {
    const [from, to, extra] = part.split(/\s*-\s*/);
    if (from === undefined || to === undefined || extra !== undefined) return undefined;
    const a = hhmm(from);
    const b = hhmm(to);
    if (a === '00:00' && b === '00:00') continue;
    if (!a || !b || a >= b || a < previousEnd) return undefined;
    previousEnd = b;
    ranges.push(`${a}-${b}`);
  }
  return ranges.length > 0 ? ranges.join(',') : null;
}

/**
 * France services' weekday columns as an OSM `opening_hours` value, runs of
 * days with the same hours grouped: "Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00".
 * `null`: no hours given; `undefined`: a cell could not be read.
 */
export function franceServicesHours(record: Readonly<Record<string, string | undefined>>): string | null | undefined {
  const days: { day: string; ranges: string }[] = [];
  for (const [column, day] of FS_DAYS) {
    const ranges = dayRanges(record[column] ?? '');
    if (ranges === undefined) return undefined;
    if (ranges !== null) days.push({ day, ranges });
  }
  if (days.length === 0) return null;
  const order: string[] = FS_DAYS.map(([, d]) => d);
  const rules: string[] = [];
  let start = 0;
  for (let i = 1; i <= days.length; i++) {
    const prev = days[i - 1]!;
    const cur = days[i];
    const consecutive = cur !== undefined && order.indexOf(cur.day) === order.indexOf(prev.day) + 1;
    if (cur && consecutive && cur.ranges === prev.ranges) continue;
    const first = days[start]!.day;
    const span = first === prev.day ? first : `${first}-${prev.day}`;
    rules.push(`${span} ${prev.ranges}`);
    start = i;
  }
  return rules.join('; ');
}

// ---------------------------------------------------------------------------
// Privacy

/** Webmail domains: an address there is a person's or a volunteer's, not an organisation's mailbox. */
export const WEBMAIL_DOMAINS =
  /@(gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|aol|icloud|me|orange|wanadoo|free|sfr|neuf|club-internet|bbox|numericable|laposte|gmx|protonmail|proton|yopmail)\.[a-z.]+$/i;

/** Words that make a dotted local part an organisation's mailbox ("accueil.mairie@…"), not "first.last@". */
const ORGANISATION_WORDS = new Set(
  (
    'accueil contact info infos information mairie ville commune secretariat direction service services france fs msap ' +
    'bibliotheque mediatheque biblio media ccas cias epn cyber numerique conseiller conseillers cnfs mediation social ' +
    'centre maison espace point relais agence pole admin administration communication animation culture jeunesse ' +
    'emploi insertion aidant aidants connect public reception courrier no noreply ne pas repondre mjc mdh asso association ' +
    'tiers lieu lieux fablab franceservices mediatheques bibliotheques bureau guichet rdv'
  ).split(' '),
);

/**
 * Whether an email looks like a person's: a webmail address, or a local part
 * made of two words (or an initial and a word) joined by `.` or `_`, neither
 * of them an organisation word ("marie.dupont@", "j.martin@"). A hyphen joins
 * place names ("saint-malo@france-services.gouv.fr"): not a person's sign.
 */
export function isPersonalEmail(email: string): boolean {
  const address = email.trim().toLowerCase();
  if (WEBMAIL_DOMAINS.test(address)) return true;
  const local = address.split('@')[0] ?? '';
  const parts = local.split(/[._]/);
  if (parts.length !== 2) return false;
  if (!parts.every((p) => /^[a-z]+$/.test(p))) return false;
  return !parts.some((p) => ORGANISATION_WORDS.has(p) || p.length > 20);
}

// ---------------------------------------------------------------------------
// Matching keys

/** Words too common in names of these places to tell two of them apart. */
const GENERIC_WORDS = new Set(
  (
    'de du des la le les l d et en au aux a sur sous pour par the ' +
    'mediatheque bibliotheque bibliotheques mediatheques municipale municipal intercommunale intercommunal ' +
    'departementale publique ludotheque point lecture relais ' +
    'france services service espace maison centre social socio culturel mairie commune ville hotel ccas cias ' +
    'association asso communaute communes agglomeration pimms mediation numerique numeriques public epn ' +
    'antenne site annexe principal bus itinerante itinerant fixe accueil'
  ).split(' '),
);

/** The telling words of a name (not generic, not stop words), for matching. */
export function nameTokens(name: string): Set<string> {
  return new Set(
    wordsKey(name)
      .split(' ')
      .filter((w) => w.length > 1 && !GENERIC_WORDS.has(w)),
  );
}

/**
 * How alike two names are, 0 to 1: the share of the shorter name's telling
 * words found in the other (overlap coefficient). Names with no telling word
 * (only "Médiathèque") score 0: they match by address only.
 */
export function nameSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

const STREET_WORDS: Readonly<Record<string, string>> = {
  r: 'rue',
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  boul: 'boulevard',
  pl: 'place',
  pce: 'place',
  rte: 'route',
  chem: 'chemin',
  ch: 'chemin',
  imp: 'impasse',
  all: 'allee',
  sq: 'square',
  fg: 'faubourg',
  fbg: 'faubourg',
  qu: 'quai',
  crs: 'cours',
  st: 'saint',
  ste: 'sainte',
  gal: 'general',
  gen: 'general',
  mal: 'marechal',
  pdt: 'president',
  dr: 'docteur',
  prof: 'professeur',
};

/**
 * An address as compared: words, abbreviations spelt out, without postal
 * extras (BP, CS, CEDEX, a postcode and what follows it), "bis"/"ter" kept.
 * Empty when nothing is left.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return '';
  let key = wordsKey(address.split(/\n/)[0]!);
  key = key.replace(/\b\d{5}\b.*$/, '');
  key = key.replace(/\b(bp|cs|tsa)\s*\d+\b/g, '').replace(/\bcedex\b.*$/, '');
  return key
    .split(' ')
    .filter(Boolean)
    .map((w) => STREET_WORDS[w] ?? w)
    .filter((w) => !['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd'].includes(w))
    .join(' ');
}
