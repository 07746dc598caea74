/**
 * The census: curated actors plus national open data, read, mapped, merged
 * and tied to their networks. Pure apart from the tables it is given: the
 * same source texts give the same bytes (`npm run data`, and the test that
 * rebuilds fixtures).
 */
import { ROLES, THEMES } from '../../src/core/vocab';
import { normaliseText } from '../../src/core/filter';
import { haversineKm } from '../../src/geo/distance';
import { deriveId } from '../../src/data/import/common';
import type { LonLat, Network } from '../../src/core/types';
import type { Role, Theme } from '../../src/core/vocab';
import type { OpeningHoursCheck } from '../../src/data/validate';
import type { Communes } from './communes';
import { conform } from './conform';
import type { BuiltActor, ConformReport } from './conform';
import type { Admin } from '../../src/data/admin';
import { communeLibrary, matchLabel, mergePlaces } from './merge';
import type { Cluster } from './merge';
import { ROLES_BY_CATEGORY, addressKey, isNetworkName, nameSimilarity, nameTokens } from './mapping';
import { readAidantsConnect, readCnfs, readCurated, readFranceServices, readLibraries, readMediation } from './readers';
import type { LibraryUnit, ReadContext } from './readers';
import { SOURCES, SOURCE_IDS, drop, emptyReport } from './sources';
import type { Place, Service, SourceId, SourceReport } from './sources';

export interface CensusInput {
  /** `data/curated/actors.geojson` and `networks.json`, as text. */
  curatedActors: string;
  curatedNetworks: string;
  /** Each source's file text; a missing source is skipped (and said so in the report). */
  files: Partial<Record<Exclude<SourceId, 'curated'>, string>>;
  communes: Communes;
  checkOpeningHours: OpeningHoursCheck;
  /**
   * The administrative map (every département): when given, the built actors are read by the
   * project's validator with it and conformed (`conform.ts`); `npm run data` always gives it.
   */
  admin?: Admin;
}

export interface CensusReport {
  sources: Record<SourceId, SourceReport & { missing?: boolean }>;
  actors: number;
  /** Actors made of places of two or more sources (or a curated actor and a source). */
  mergedActors: number;
  byTerritory: Record<'brest' | 'grenoble', number>;
  networks: { id: string; scale: string; members: number }[];
  /** Study territories: actors tied to a supra-territorial network (scale not `local`), directly or through their network's `memberOf`. */
  supraTied: Record<'brest' | 'grenoble', { direct: number; withParents: number }>;
  publicInternet: Record<'brest' | 'grenoble' | 'france', number>;
  hours: ReadContext['hours'] & { actorsWithHours: number };
  privacy: ReadContext['privacy'];
  withoutInsee: number;
  /** What the validator's reading changed or refused (`conform.ts`); absent without the administrative map. */
  conform?: ConformReport;
}

export interface CensusOutput {
  actors: { type: 'FeatureCollection'; features: unknown[] };
  networks: Network[];
  report: CensusReport;
}

/** Order of trust for a fact, first wins; the curated actor always comes first. */
const PRIORITY: Readonly<Record<string, readonly SourceId[]>> = {
  name: ['curated', 'bibliotheques', 'france-services', 'hinaura', 'cnfs', 'aidants-connect'],
  position: ['curated', 'bibliotheques', 'france-services', 'hinaura', 'cnfs', 'aidants-connect'],
  opening_hours: ['curated', 'france-services', 'hinaura'],
  phone: ['curated', 'france-services', 'hinaura', 'cnfs'],
  email: ['curated', 'france-services', 'hinaura', 'cnfs'],
  url: ['curated', 'hinaura', 'france-services'],
};

const ID_SUFFIX: Readonly<Record<SourceId, string>> = {
  curated: '',
  bibliotheques: 'bib',
  'france-services': 'fs',
  hinaura: 'hinaura',
  cnfs: 'cnfs',
  'aidants-connect': 'ac',
};

/**
 * Library units (`code_ua`) that are a curated network: the curated one is
 * kept (with its sources) rather than a second network for the same libraries.
 */
export const CURATED_LIBRARY_NETWORKS: Readonly<Record<string, string>> = {
  '1086': 'reseau-mediatheques-brest',
  '1626': 'reseau-bibliotheques-grenoble',
};

/** Paris, where the national programmes' agency (ANCT) has its seat: the marker sits at the city's centre. */
const PARIS: LonLat = [2.3522, 48.8566];

/** The national networks the sources' labels name (MAPPING.md, "Memberships"). */
export const NATIONAL_NETWORKS: readonly Network[] = [
  {
    id: 'france-services',
    name: 'France services',
    scale: 'national',
    url: 'https://www.france-services.gouv.fr',
    description:
      'Réseau national des guichets de services publics labellisés France services, animé par l’Agence nationale de la cohésion des territoires (ANCT). Chaque structure offre un accès libre et gratuit à des postes informatiques et un accompagnement aux démarches en ligne. Le marqueur du siège est placé au centre de Paris.',
    themes: ['digital-inclusion'],
    seat: PARIS,
    source: `${SOURCES['france-services'].publisher}, ${SOURCES['france-services'].title} (${SOURCES['france-services'].date})`,
  },
  {
    id: 'conseillers-numeriques',
    name: 'Conseillers numériques France services',
    scale: 'national',
    url: 'https://www.conseiller-numerique.gouv.fr',
    description:
      'Programme national de l’État qui finance des conseillers numériques dans des structures d’accueil (collectivités, associations…) pour accompagner les habitants vers l’autonomie numérique ; piloté par l’ANCT. Le marqueur du siège est placé au centre de Paris.',
    themes: ['training', 'digital-inclusion'],
    seat: PARIS,
    source: `${SOURCES.cnfs.publisher}, ${SOURCES.cnfs.title}`,
  },
  {
    id: 'aidants-connect',
    name: 'Aidants Connect',
    scale: 'national',
    url: 'https://aidantsconnect.beta.gouv.fr',
    description:
      'Service public numérique de l’État (ANCT, beta.gouv.fr) qui habilite des structures et forme leurs aidants professionnels à réaliser des démarches en ligne pour le compte d’une personne, de façon sécurisée. Le marqueur du siège est placé au centre de Paris.',
    themes: ['digital-inclusion'],
    seat: PARIS,
    source: `${SOURCES['aidants-connect'].publisher}, ${SOURCES['aidants-connect'].title} (${SOURCES['aidants-connect'].date})`,
  },
  {
    id: 'hinaura',
    name: 'Hinaura',
    scale: 'regional',
    description:
      'Hub pour un numérique inclusif en Auvergne-Rhône-Alpes : il recense et relie les lieux de médiation numérique de la région.',
    themes: ['digital-inclusion', 'cooperation'],
    source: `${SOURCES.hinaura.publisher}, ${SOURCES.hinaura.title}`,
  },
];

function first<T>(places: readonly Place[], order: readonly SourceId[], get: (p: Place) => T | undefined) {
  for (const source of order) {
    for (const place of places) {
      if (place.source !== source) continue;
      const value = get(place);
      if (value !== undefined && value !== '') return { value, source };
    }
  }
  return undefined;
}

function union<T extends string>(vocabulary: readonly T[], lists: readonly (readonly T[])[]): T[] {
  const set = new Set(lists.flat());
  return vocabulary.filter((v) => set.has(v));
}

function orderedUnion(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

/**
 * Builds the census.
 * @param input - the curated files, the sources' texts, the communes table and the hours parser
 */
export function buildCensus(input: CensusInput): CensusOutput {
  const ctx: ReadContext = {
    communes: input.communes,
    checkOpeningHours: input.checkOpeningHours,
    privacy: { personalEmails: 0 },
    hours: { converted: 0, unreadable: 0, invalid: 0 },
  };
  const reports = Object.fromEntries(SOURCE_IDS.map((id) => [id, emptyReport()])) as CensusReport['sources'];
  const curated = readCurated(input.curatedActors, ctx);
  reports.curated = curated.report;
  const places: Place[] = [...curated.places];
  let units = new Map<string, LibraryUnit>();
  const labels: Place[] = [];

  const files = input.files;
  if (files.bibliotheques !== undefined) {
    const result = readLibraries(files.bibliotheques, ctx);
    reports.bibliotheques = result.report;
    places.push(...result.places);
    units = result.units;
  } else reports.bibliotheques.missing = true;
  if (files['france-services'] !== undefined) {
    const result = readFranceServices(files['france-services'], ctx);
    reports['france-services'] = result.report;
    places.push(...result.places);
  } else reports['france-services'].missing = true;
  if (files.hinaura !== undefined) {
    const result = readMediation(files.hinaura, ctx, 'hinaura');
    reports.hinaura = result.report;
    places.push(...result.places);
  } else reports.hinaura.missing = true;
  if (files.cnfs !== undefined) {
    const result = readCnfs(files.cnfs, ctx);
    reports.cnfs = result.report;
    for (const place of result.places) (place.position ? places : labels).push(place);
  } else reports.cnfs.missing = true;
  if (files['aidants-connect'] !== undefined) {
    const result = readAidantsConnect(files['aidants-connect'], ctx);
    reports['aidants-connect'] = result.report;
    labels.push(...result.places);
  } else reports['aidants-connect'].missing = true;

  // A list that names the same place twice (same name, address and position: Hinaura's two
  // "L' Arche" of Seyssinet-Pariset) gives one place: the most recently updated record.
  const located = dropRepeats(places, reports);

  // Merge located places into actors.
  const clusters: Cluster[] = mergePlaces(located);
  for (const cluster of clusters) {
    // The first place of each cluster in priority order is "kept"; the others are "merged" into it.
    const primary = first(cluster.places, PRIORITY.name!, (p) => p)!.value;
    for (const place of cluster.places) {
      if (place === primary) continue;
      reports[place.source].merged++;
    }
  }

  // Networks: curated, national, and the libraries' units.
  const curatedNetworks = JSON.parse(input.curatedNetworks) as Network[];
  const networks = new Map<string, Network>();
  for (const n of curatedNetworks) networks.set(n.id, { ...n });
  for (const n of NATIONAL_NETWORKS) if (!networks.has(n.id)) networks.set(n.id, { ...n });
  const unitNetwork = new Map<string, string>();
  for (const unit of [...units.values()].sort(
    (a, b) => Number(a.code) - Number(b.code) || (a.code < b.code ? -1 : 1),
  )) {
    if (unit.members.length < 2) continue;
    const curatedId = CURATED_LIBRARY_NETWORKS[unit.code];
    if (curatedId && networks.has(curatedId)) {
      unitNetwork.set(unit.code, curatedId);
      continue;
    }
    const seatCommune = unit.members[0]!.commune ?? '';
    const id = `bibliotheques-ua-${unit.code}`;
    const name = unit.name ?? `Bibliothèques de ${seatCommune} (réseau de lecture publique)`;
    const network: Network = {
      id,
      name,
      scale: 'local',
      description:
        unit.communes.size > 1
          ? `Les ${unit.members.length} bibliothèques d’une même unité administrative (code_ua ${unit.code}) dans ${unit.communes.size} communes, d’après la liste du ministère de la Culture.`
          : `Les ${unit.members.length} bibliothèques d’une même unité administrative (code_ua ${unit.code}), d’après la liste du ministère de la Culture.`,
      themes: ['open-knowledge'],
      source: `${SOURCES.bibliotheques.publisher}, ${SOURCES.bibliotheques.title}, code_ua ${unit.code}`,
    };
    if (unit.seat) network.seat = unit.seat;
    networks.set(id, network);
    unitNetwork.set(unit.code, id);
  }
  const unitOfPlace = new Map<Place, string>();
  for (const unit of units.values()) {
    const id = unitNetwork.get(unit.code);
    if (id) for (const member of unit.members) unitOfPlace.set(member, id);
  }

  // Labels without a position: matched to an actor of the same postcode, or to a library network by its seat.
  const byPostcode = new Map<string, number[]>();
  clusters.forEach((cluster, index) => {
    for (const code of new Set(cluster.places.map((p) => p.postcode).filter((p): p is string => !!p))) {
      const list = byPostcode.get(code) ?? [];
      list.push(index);
      byPostcode.set(code, list);
    }
  });
  const extraLabels = new Map<number, Place[]>();
  // Aidants Connect records placed at the point of another source's place at the same address.
  const colocated = new Map<string, Place>();
  for (const label of labels) {
    const report = reports[label.source];
    if (isNetworkName(label.name)) {
      const unit = [...units.values()].find(
        (u) =>
          unitNetwork.has(u.code) &&
          u.seatAddress !== undefined &&
          addressKey(u.seatAddress) === addressKey(label.address) &&
          u.seatInsee !== undefined &&
          u.seatInsee === label.insee,
      );
      if (unit) {
        const network = networks.get(unitNetwork.get(unit.code)!)!;
        network.memberOf = orderedUnion([network.memberOf ?? [], label.networks]);
        report.kept++;
        continue;
      }
    }
    const candidateIndexes = byPostcode.get(label.postcode ?? '') ?? [];
    const candidates = candidateIndexes.map((i) => clusters[i]!);
    let match = matchLabel(label, candidates);
    if (match === undefined) {
      const library = communeLibrary(label, candidates, (insee) => input.communes.nameOf(insee));
      if (library !== undefined) match = { index: library, reason: 'name' };
    }
    if (match === undefined) {
      // A structure at the same numbered address as a located place of another kind (the CCAS
      // in the building of the library) is its own actor, at that place's point.
      const host = label.source === 'aidants-connect' ? sameAddressPlace(label, candidates) : undefined;
      if (host) {
        const key = `${normaliseText(label.name)}|${addressKey(label.address)}|${host.insee}`;
        if (colocated.has(key)) {
          drop(report, 'a second record for an already labelled place');
          continue;
        }
        colocated.set(key, {
          ...label,
          position: host.position,
          insee: host.insee,
          commune: host.commune,
          postcode: label.postcode ?? host.postcode,
          roles: [ROLES_BY_CATEGORY[label.category]],
          citation: `${label.citation} (position : celle de « ${host.name} », à la même adresse, ${SOURCES[host.source].title})`,
        });
        report.kept++;
        continue;
      }
      drop(report, 'no located place matches (no coordinates of its own)');
      continue;
    }
    if (match === 'ambiguous') {
      drop(report, 'several places match equally (ambiguous)');
      continue;
    }
    const index = candidateIndexes[match.index]!;
    const list = extraLabels.get(index) ?? [];
    if (list.some((l) => l.source === label.source)) {
      drop(report, 'a second record for an already labelled place');
      continue;
    }
    list.push(label);
    extraLabels.set(index, list);
    report.kept++;
    report.merged++;
  }

  for (const place of colocated.values()) clusters.push({ places: [place], reasons: [] });

  // Actors.
  let features: BuiltActor[] = [];
  const usedIds = new Set<string>();
  let mergedActors = 0;
  clusters.forEach((cluster, index) => {
    const all = [...cluster.places, ...(extraLabels.get(index) ?? [])];
    if (new Set(all.map((p) => p.source)).size > 1 || cluster.places.length > 1) mergedActors++;
    const feature = actorOf(all, unitOfPlace, input.communes, networks);
    const primary = first(cluster.places, PRIORITY.name!, (p) => p)!.value;
    let id = feature.properties.id as string;
    for (let n = 2; usedIds.has(id); n++) id = `${feature.properties.id as string}-${n}`;
    feature.properties.id = id;
    usedIds.add(id);
    features.push({ id, feature, places: all, primary });
  });
  // Curated first, in their file order; then the others by id: a stable file.
  const curatedOrder = new Map(curated.places.map((p, i) => [p.ref, i]));
  features.sort((a, b) => {
    const ca = curatedOrder.get(a.id);
    const cb = curatedOrder.get(b.id);
    if (ca !== undefined || cb !== undefined) return (ca ?? Infinity) - (cb ?? Infinity);
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  let conformReport: ConformReport | undefined;
  if (input.admin) {
    const conformed = conform(
      features,
      { admin: input.admin, networks: [...networks.values()], checkOpeningHours: input.checkOpeningHours },
      reports,
    );
    features = conformed.actors;
    conformReport = conformed.report;
    mergedActors = features.filter(
      (f) => new Set(f.places.map((p) => p.source)).size > 1 || f.places.filter((p) => p.position).length > 1,
    ).length;
  }
  const actors = features.map((f) => f.feature);

  // Report.
  const networkList = [...networks.values()];
  const members = new Map<string, number>();
  for (const a of actors)
    for (const n of (a.properties as { networks?: string[] }).networks ?? []) members.set(n, (members.get(n) ?? 0) + 1);
  const byTerritory = { brest: 0, grenoble: 0 };
  const supraTied = { brest: { direct: 0, withParents: 0 }, grenoble: { direct: 0, withParents: 0 } };
  const publicInternet = { brest: 0, grenoble: 0, france: 0 };
  const scaleOf = new Map(networkList.map((n) => [n.id, n]));
  const supra = (id: string, seen = new Set<string>()): boolean => {
    const n = scaleOf.get(id);
    if (!n || seen.has(id)) return false;
    seen.add(id);
    return n.scale !== 'local' || (n.memberOf ?? []).some((p) => supra(p, seen));
  };
  let actorsWithHours = 0;
  let withoutInsee = 0;
  for (const a of actors) {
    const p = a.properties as Record<string, unknown> & { networks?: string[]; services?: string[] };
    const study =
      input.communes.studyTerritory(p.insee as string | undefined) ?? (p.territory as 'brest' | 'grenoble' | undefined);
    if (p.opening_hours) actorsWithHours++;
    if (!p.insee) withoutInsee++;
    const internet = p.services?.includes('public-internet') || p.category === 'internet-access';
    if (internet) publicInternet.france++;
    if (study !== 'brest' && study !== 'grenoble') continue;
    byTerritory[study]++;
    if (internet) publicInternet[study]++;
    const nets = p.networks ?? [];
    if (nets.some((n) => scaleOf.get(n)?.scale !== undefined && scaleOf.get(n)!.scale !== 'local'))
      supraTied[study].direct++;
    if (nets.some((n) => supra(n))) supraTied[study].withParents++;
  }
  return {
    actors: { type: 'FeatureCollection', features: actors },
    networks: networkList,
    report: {
      sources: reports,
      actors: actors.length,
      mergedActors,
      byTerritory,
      networks: networkList
        .map((n) => ({ id: n.id, scale: n.scale, members: members.get(n.id) ?? 0 }))
        .filter((n) => n.scale !== 'local' || n.members > 0)
        .sort((a, b) => b.members - a.members || (a.id < b.id ? -1 : 1)),
      supraTied,
      publicInternet,
      hours: { ...ctx.hours, actorsWithHours },
      privacy: ctx.privacy,
      withoutInsee,
      ...(conformReport ? { conform: conformReport } : {}),
    },
  };
}

/** One actor from its places: the curated actor as it is plus what it does not state, else the facts by priority. */
function actorOf(
  places: readonly Place[],
  unitOfPlace: ReadonlyMap<Place, string>,
  communes: Communes,
  known: ReadonlyMap<string, Network>,
): { type: 'Feature'; geometry: { type: 'Point'; coordinates: LonLat }; properties: Record<string, unknown> } {
  const sources = [...new Set(places.map((p) => p.source))].sort(
    (a, b) => SOURCE_IDS.indexOf(a) - SOURCE_IDS.indexOf(b),
  );
  const located = places.filter((p) => p.position);
  const primary = first(located, PRIORITY.name!, (p) => p)!.value;
  const position = first(located, PRIORITY.position!, (p) => p.position)!;
  const networks = orderedUnion([
    ...places.map((p) => p.networks),
    ...places.map((p) => (unitOfPlace.has(p) ? [unitOfPlace.get(p)!] : [])),
  ]).filter((id) => known.has(id));
  const services = [...new Set(places.flatMap((p) => p.services))] as Service[];
  const factSources: Record<string, SourceId> = {};
  const props: Record<string, unknown> = {};
  // A bus folded into its base lends it no hours, phone or email of its own.
  const factual = places.filter((p) => !p.mobile || p === primary);
  const filled = (field: 'opening_hours' | 'phone' | 'email' | 'url', get: (p: Place) => string | undefined) => {
    const fact = first(factual, PRIORITY[field]!, get);
    if (fact) {
      props[field] = fact.value;
      factSources[field] = fact.source;
    }
  };

  if (primary.curated) {
    const c = primary.curated;
    for (const [key, value] of Object.entries(c)) props[key] = value;
    for (const field of ['opening_hours', 'phone', 'email', 'url'] as const)
      if (props[field] === undefined) filled(field, (p) => p[field]);
    if (networks.length > 0) props.networks = orderedUnion([(c.networks as string[]) ?? [], networks]);
    factSources.position = 'curated';
  } else {
    const insee = primary.insee;
    props.id = deriveId(primary.name, `${ID_SUFFIX[primary.source]}-${primary.ref}`);
    props.name = primary.name;
    props.category = primary.category;
    props.roles = union<Role>(
      ROLES,
      places.map((p) => p.roles),
    );
    props.themes = union<Theme>(
      THEMES,
      places.map((p) => p.themes),
    );
    const territory = communes.studyTerritory(insee);
    if (territory) props.territory = territory;
    props.address = primary.address ?? first(places, PRIORITY.name!, (p) => p.address)?.value ?? '';
    // A postcode or commune name the sources lack comes from the official code of the commune (INSEE).
    props.postcode =
      primary.postcode ?? first(places, PRIORITY.name!, (p) => p.postcode)?.value ?? communes.postcodeOf(insee) ?? '';
    props.commune =
      primary.commune ||
      (first(places, PRIORITY.name!, (p) => p.commune || undefined)?.value ?? communes.nameOf(insee) ?? '');
    for (const field of ['url', 'email', 'phone'] as const) filled(field, (p) => p[field]);
    const descriptions = orderedUnion(factual.map((p) => (p.description ? [p.description] : [])));
    const mobiles = places.filter((p) => p.mobile && p !== primary).map((p) => p.name);
    if (mobiles.length > 0) descriptions.push(`Base de : ${mobiles.join(' ; ')} (service itinérant).`);
    if (descriptions.length > 0) props.description = descriptions.join(' ');
    filled('opening_hours', (p) => p.opening_hours);
    if (networks.length > 0) props.networks = networks;
    props.source = orderedUnion(places.map((p) => [p.citation])).join(' ; ');
    props.updated = places
      .map((p) => p.updated)
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
    factSources.position = position.source;
  }
  const insee = primary.insee ?? first(places, PRIORITY.name!, (p) => p.insee)?.value;
  if (insee) props.insee = insee;
  if (services.length > 0) props.services = services;
  props.sources = sources;
  if (sources.length > 1) props.fact_sources = factSources;
  const coordinates = position.value;
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties: props };
}

/**
 * The located place at the label's numbered address in its commune (same normalised
 * address; the label's commune, when its postcode names one, must agree), first in the
 * order of trust for positions; undefined when there is none.
 */
function sameAddressPlace(label: Place, candidates: readonly Cluster[]): Place | undefined {
  const address = addressKey(label.address);
  if (!address || !/\d/.test(address)) return undefined;
  const here = candidates.flatMap((c) =>
    c.places.filter(
      (p) =>
        p.position !== undefined &&
        p.insee !== undefined &&
        (label.insee === undefined || label.insee === p.insee) &&
        addressKey(p.address) === address,
    ),
  );
  return first(here, PRIORITY.position!, (p) => p)?.value;
}

/** Places of one list naming the same place twice: same source, commune, name and address, within 10 m. */
function dropRepeats(places: readonly Place[], reports: CensusReport['sources']): Place[] {
  const seen = new Map<string, Place>();
  const dropped = new Set<Place>();
  for (const place of places) {
    if (place.curated || !place.position || !place.address || !addressKey(place.address)) continue;
    const key = [place.source, place.insee ?? '', normaliseText(place.name), addressKey(place.address)].join('|');
    const other = seen.get(key);
    if (!other || haversineKm(other.position!, place.position) > 0.01) {
      seen.set(key, place);
      continue;
    }
    // The newer record stays (on a tie, the first).
    const newer = (place.updated ?? '') > (other.updated ?? '');
    dropped.add(newer ? other : place);
    if (newer) seen.set(key, place);
    const r = reports[place.source];
    r.kept--;
    drop(r, 'the same place listed twice in its list (same name, address and position)');
  }
  return places.filter((p) => !dropped.has(p));
}

/** Similarity of two names, exported for tests of the matching rules. */
export function similarity(a: string, b: string): number {
  return nameSimilarity(nameTokens(a), nameTokens(b));
}
