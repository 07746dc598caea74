import { isObject, validateActors, validateNetworks, validateTerritories } from './validate';
import type { Issue, OpeningHoursCheck } from './validate';
import type { Dataset } from '../core/types';
import type { Admin, AdminSource } from './admin';
import { depOfInsee } from '../core/territory-id';

/** The text of one data file and the name to report it by. */
export interface SourceText {
  file: string;
  text: string;
  /** The text already parsed (format detection does), so that it is not parsed twice. */
  json?: unknown;
}

export interface DatasetSources {
  actors: SourceText;
  networks: SourceText;
  territories: SourceText;
}

/** A validated dataset and everything that was rejected or warned about on the way. */
export interface LoadedDataset extends Dataset {
  issues: Issue[];
  /** Actors read from the file, before validation. */
  read: number;
  /** The administrative map as loaded for these actors (more départements may be added to it). */
  adminMap?: Admin;
  /**
   * When only some parts of the shipped data are read (a view framed on a territory,
   * src/data/parts.ts): how many actors the whole holds, for the count "52 of 19,526".
   */
  shippedActors?: number;
}

/**
 * The départements a file may need: every five-digit number in it (a postcode, an INSEE code)
 * and every Corsican INSEE code. Reading the text rather than the fields serves every format
 * alike (our GeoJSON, CSV, the national standard, OSM); a number that is no postcode only loads
 * one more small file.
 */
export function departementsInText(text: string, depOfPostcode: (postcode: string) => string): Set<string> {
  const deps = new Set<string>();
  for (const m of text.matchAll(/(?<![\dA-Za-z])(\d{5}|2[AB]\d{3})(?!\d)/g)) {
    const code = m[1]!;
    deps.add(depOfPostcode(code));
    const dep = depOfInsee(code);
    if (dep) deps.add(dep);
  }
  return deps;
}

/**
 * The administrative map with what a file's actors need; undefined (no commune checks) when
 * it cannot be read, which the caller says.
 */
export async function adminForText(
  source: AdminSource | undefined,
  texts: string[],
  into?: Admin,
): Promise<Admin | undefined> {
  if (!source) return into;
  // The administrative map's code comes with its first use: a first view without it does not load it.
  const { depOfPostcode, loadAdmin } = await import('./admin');
  const deps = new Set<string>();
  for (const text of texts) for (const dep of departementsInText(text, depOfPostcode)) deps.add(dep);
  try {
    const index = into ?? (await loadAdmin(source, []));
    // Postcodes shared across départements (the index lists them) bring their other départements.
    for (const [pc, list] of Object.entries(index.index.postcodes))
      if (deps.has(depOfPostcode(pc))) for (const d of list.split(' ')) deps.add(d);
    return await loadAdmin(source, deps, index);
  } catch {
    return into;
  }
}

/**
 * Parses JSON text, reporting rather than throwing: a byte-order mark is
 * accepted, anything else that is not JSON becomes one file-level issue.
 */
export function parseJson(source: SourceText, issues: Issue[]): unknown {
  if (source.json !== undefined) return source.json;
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    issues.push({ severity: 'error', file: source.file, code: 'notJson', params: { detail: detail.slice(0, 160) } });
    return undefined;
  }
}

/**
 * Validates the three data files together: territories first, then networks,
 * then actors, whose references need both. An actors file may carry its own
 * `territories` and `networks` lists as GeoJSON foreign members (an organiser's
 * file for another city): they are validated the same way and added to, or
 * replace by id, the shipped ones.
 */
export function buildDataset(
  sources: DatasetSources,
  checkOpeningHours?: OpeningHoursCheck,
  admin?: Admin,
  onProgress?: (done: number, total: number) => void,
): LoadedDataset {
  const issues: Issue[] = [];
  const shipped = shippedLists(sources, issues);
  const actorsJson = parseJson(sources.actors, issues);
  let read = 0;
  let actors: Dataset['actors'] = [];
  let { territories, networks } = shipped;
  if (actorsJson !== undefined) {
    ({ territories, networks } = withOwnLists(shipped, actorsJson, sources.actors.file, issues));
    const result = validateActors(actorsJson, {
      file: sources.actors.file,
      territories,
      networks,
      checkOpeningHours,
      ...(admin ? { admin } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    actors = collect(result, issues);
    read = result.read;
  }
  return withAdmin({ actors, networks, territories, issues, read }, admin);
}

/**
 * The lists an actors file is read against: the shipped ones, and its own given in `head` (its
 * members written before its features), validated (their issues added to `issues`).
 */
export function listsFor(
  shipped: Omit<DatasetSources, 'actors'>,
  head: Record<string, unknown>,
  file: string,
  issues: Issue[],
): Pick<Dataset, 'territories' | 'networks'> {
  return withOwnLists(shippedLists(shipped, issues), head, file, issues);
}

/** The shipped territories and networks, validated (their issues added to `issues`). */
function shippedLists(
  sources: Omit<DatasetSources, 'actors'>,
  issues: Issue[],
): Pick<Dataset, 'territories' | 'networks'> {
  const territoriesJson = parseJson(sources.territories, issues);
  const territories =
    territoriesJson === undefined
      ? []
      : collect(validateTerritories(territoriesJson, sources.territories.file), issues);
  const networksJson = parseJson(sources.networks, issues);
  const networks =
    networksJson === undefined ? [] : collect(validateNetworks(networksJson, sources.networks.file), issues);
  return { territories, networks };
}

/**
 * The lists an actors file is read against: an actors file may carry its own `territories` and
 * `networks` lists as GeoJSON foreign members (an organiser's file for another city); they are
 * validated the same way and added to, or replace by id, the shipped ones.
 */
function withOwnLists(
  shipped: Pick<Dataset, 'territories' | 'networks'>,
  actorsJson: unknown,
  file: string,
  issues: Issue[],
): Pick<Dataset, 'territories' | 'networks'> {
  let { territories, networks } = shipped;
  if (isObject(actorsJson) && Array.isArray(actorsJson.territories)) {
    const own = collect(validateTerritories(actorsJson.territories, `${file} territories`), issues);
    territories = mergeById(territories, own);
  }
  if (isObject(actorsJson) && Array.isArray(actorsJson.networks)) {
    const own = collect(validateNetworks(actorsJson.networks, `${file} networks`), issues);
    networks = mergeById(networks, own);
  }
  return { territories, networks };
}

/** The dataset with what the administrative map says of its actors' communes. */
export function withAdmin(dataset: LoadedDataset, admin: Admin | undefined): LoadedDataset {
  if (!admin) return dataset;
  const codes = new Set<string>();
  for (const a of dataset.actors) if (a.properties.insee) codes.add(a.properties.insee);
  return { ...dataset, admin: admin.infoFor(codes), adminMap: admin };
}

/** {@link buildDataset} with the administrative map read first for the départements the actors need. */
export async function readDataset(
  sources: DatasetSources,
  checkOpeningHours: OpeningHoursCheck | undefined,
  adminSource: AdminSource | undefined,
  into?: Admin,
): Promise<LoadedDataset> {
  const admin = await adminForText(adminSource, [sources.actors.text], into);
  return buildDataset(sources, checkOpeningHours, admin);
}

/** `base` with `extra` added; an entry of `extra` replaces the one of `base` with its id. */
function mergeById<T extends { id: string }>(base: T[], extra: T[]): T[] {
  const ids = new Set(extra.map((e) => e.id));
  return [...base.filter((b) => !ids.has(b.id)), ...extra];
}

function collect<T>(result: { valid: T[]; issues: Issue[] }, issues: Issue[]): T[] {
  // One by one: a spread of 150,000 issues into push() would overflow the call stack.
  for (const issue of result.issues) issues.push(issue);
  return result.valid;
}
