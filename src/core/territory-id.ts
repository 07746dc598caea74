/**
 * Territory ids, as the URL (`territory=`), the data and the CLI write them:
 *
 * - `commune:INSEE` (`commune:29019`), `epci:SIREN` (`epci:242900314`),
 *   `dep:CODE` (`dep:29`, `dep:2A`, `dep:971`), `region:CODE` (`region:53`): the official
 *   administrative map (`src/data/admin.ts`);
 * - a slug (`brest`, `quimper`): a territory of `data/territories.json` or of a file's own
 *   `territories` list. `brest` and `grenoble` are aliases of their métropoles.
 *
 * Pure: no data, only the syntax and the aliases.
 */
import { ID_PATTERN } from './vocab';
import type { ActorProperties, AdminInfo } from './types';

export type AdminLevel = 'commune' | 'epci' | 'dep' | 'region';

export type TerritoryRef = { level: AdminLevel; code: string } | { level: 'custom'; code: string };

const PATTERNS: Record<AdminLevel, RegExp> = {
  commune: /^(?:\d[\dAB]\d{3})$/,
  epci: /^\d{9}$/,
  dep: /^(?:\d{2}|2A|2B|97\d|98\d)$/,
  region: /^\d{2,3}$/,
};

/** The administrative territory each shipped slug stands for: existing links keep working. */
export const TERRITORY_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  brest: 'epci:242900314',
  grenoble: 'epci:200040715',
});

/** Reads one id; null when it is neither an administrative id nor a slug. */
export function parseTerritoryId(id: string): TerritoryRef | null {
  const colon = id.indexOf(':');
  if (colon < 0) return ID_PATTERN.test(id) ? { level: 'custom', code: id } : null;
  const level = id.slice(0, colon);
  const code = id.slice(colon + 1).toUpperCase();
  if (!(level in PATTERNS)) return null;
  return PATTERNS[level as AdminLevel].test(code) ? { level: level as AdminLevel, code } : null;
}

/** The id an alias stands for (`brest` → `epci:242900314`); any other id unchanged. */
export function canonicalTerritoryId(id: string): string {
  return TERRITORY_ALIASES[id] ?? id;
}

/**
 * Reads `territory=`: one id or a comma list. Returns the ids understood (written as given,
 * codes upper-cased, duplicates dropped, order kept) and those that are not.
 */
export function parseTerritoryList(value: string): { ids: string[]; bad: string[] } {
  const ids: string[] = [];
  const bad: string[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const ref = parseTerritoryId(item);
    if (!ref) bad.push(item);
    else {
      const id = ref.level === 'custom' ? ref.code : `${ref.level}:${ref.code}`;
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return { ids, bad };
}

/** The ids of a `territory=` value already read (`Filters.territory`); none for null. */
export function territoryIds(value: string | null): string[] {
  return value ? parseTerritoryList(value).ids : [];
}

/** The département of an INSEE code (`29019` → `29`, `2A004` → `2A`, `97411` → `974`); '' when malformed. */
export function depOfInsee(code: string): string {
  if (!/^[0-9][0-9AB]\d{3}$/.test(code)) return '';
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The territory an actor's island and link arcs are drawn for: its own `territory` when it
 * names one, else its département (from its INSEE code), else '' (no island).
 */
export function homeTerritory(p: Pick<ActorProperties, 'territory' | 'insee'>): string {
  if (p.territory) return p.territory;
  const dep = p.insee ? depOfInsee(p.insee) : '';
  return dep ? `dep:${dep}` : '';
}

/**
 * Every territory id an actor is in: those of its commune (commune, EPCI, département, région,
 * from the loaded administrative map), and its own `territory` with what that alias stands for.
 */
export function actorTerritories(p: Pick<ActorProperties, 'territory' | 'insee'>, admin?: AdminInfo): string[] {
  const ids = p.insee && admin ? [...(admin.communes[p.insee]?.territories ?? [])] : [];
  if (p.insee && ids.length === 0) {
    ids.push(`commune:${p.insee}`);
    const dep = depOfInsee(p.insee);
    if (dep) ids.push(`dep:${dep}`);
  }
  if (p.territory) {
    ids.push(p.territory);
    const alias = TERRITORY_ALIASES[p.territory];
    if (alias && !ids.includes(alias)) ids.push(alias);
  }
  return ids;
}
