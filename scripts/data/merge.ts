/**
 * Merge, don't stack: places of several lists that are the same place become
 * one actor. Rules (MAPPING.md, "Merging"):
 *
 * - two places of the same source never merge (each list already lists each
 *   place once), except a France services bus or itinerant service, folded
 *   into the fixed counter at its base address;
 * - their kinds must agree: a library is not a town hall, even next door (a
 *   France services counter, hosted by all kinds of places, agrees with any
 *   kind at the same address, but is a public body when matched by name; a
 *   place whose category is only a source's default agrees with any kind);
 * - then they match by **address** (same commune, same street and number,
 *   ≤ 500 m apart; ≤ 150 m when the address has no number, "Place de la
 *   Mairie"), or by **name** (names sharing half of their telling words,
 *   ≤ 100 m apart);
 * - a curated actor, often placed by hand from its address (up to 2.6 km off
 *   in Brest), matches by address or by name anywhere in the same commune
 *   within 3 km.
 *
 * Candidates come from a spatial index (kdbush + geokdbush): each place is
 * compared with its neighbours within 500 m only. Pairs are joined best
 * first (address, then name, then distance); a join that would put two places
 * of one source in an actor is skipped.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { haversineKm } from '../../src/geo/distance';
import type { Place } from './sources';
import { communeKey } from './communes';
import { addressKey, nameSimilarity, nameTokens } from './mapping';

export const NAME_DISTANCE_M = 100;
/** A curated actor placed by hand from its address may stand far from the address base's point: same commune, within this. */
export const CURATED_DISTANCE_M = 3000;
export const ADDRESS_DISTANCE_M = 500;
export const ADDRESS_NO_NUMBER_DISTANCE_M = 150;
export const NAME_SIMILARITY = 0.5;

interface Keyed {
  place: Place;
  tokens: Set<string>;
  address: string;
  /** The kind matching compares; undefined agrees with any. */
  kind: string | undefined;
  /** What may appear once per actor. */
  slot: string;
}

export function kindOf(place: Place): string | undefined {
  if (place.source === 'france-services') return undefined;
  if (
    (place.source === 'cnfs' || place.source === 'hinaura' || place.source === 'aidants-connect') &&
    !place.categoryByRule
  )
    return undefined;
  return place.category;
}

/**
 * @param withCommune - keep the words of the commune's name: in one postcode they
 *   still tell places apart ("Mairie de Plouzané"), across a city they do not
 *   ("… Brest - Kérédern" and "… du Pays de Brest").
 */
function keyed(place: Place, withCommune = false): Keyed {
  let tokens = nameTokens(place.name);
  if (!withCommune && place.commune) {
    const commune = nameTokens(place.commune);
    tokens = new Set([...tokens].filter((w) => !commune.has(w)));
  }
  return {
    place,
    tokens,
    address: addressKey(place.address),
    kind: kindOf(place),
    slot: place.mobile ? `mobile:${place.ref}` : place.source,
  };
}

export type MatchReason = 'address' | 'name';

/** Why two places are the same, or undefined. `metres` is their distance. */
export function matchReason(a: Keyed, b: Keyed, metres: number): MatchReason | undefined {
  const sameSource = a.place.source === b.place.source;
  const mobilePair = sameSource && a.place.source === 'france-services' && a.place.mobile !== b.place.mobile;
  if (sameSource && !mobilePair) return undefined;
  // A mobile France services only folds into the fixed counter at its base.
  if ((a.place.mobile || b.place.mobile) && !mobilePair) return undefined;
  if (a.kind !== undefined && b.kind !== undefined && a.kind !== b.kind) return undefined;
  const sameCommune = a.place.insee !== undefined && a.place.insee === b.place.insee;
  const curated = a.place.source === 'curated' || b.place.source === 'curated';
  if (curated && (!sameCommune || metres > CURATED_DISTANCE_M)) return undefined;
  if (sameCommune && a.address !== '' && a.address === b.address) {
    const limit = curated
      ? CURATED_DISTANCE_M
      : /\d/.test(a.address)
        ? ADDRESS_DISTANCE_M
        : ADDRESS_NO_NUMBER_DISTANCE_M;
    if (metres <= limit) return 'address';
  }
  if (mobilePair) return undefined;
  // By name, a France services counter is a public body: "… Pimms Kérédern" is not the Kérédern social centre.
  const strict = (k: Keyed) => (k.place.source === 'france-services' ? 'public-body' : k.kind);
  if (strict(a) !== undefined && strict(b) !== undefined && strict(a) !== strict(b)) return undefined;
  const limit = curated ? CURATED_DISTANCE_M : NAME_DISTANCE_M;
  if (metres <= limit && nameSimilarity(a.tokens, b.tokens) >= NAME_SIMILARITY) return 'name';
  return undefined;
}

export interface Cluster {
  places: Place[];
  /** Why each place after the first joined. */
  reasons: MatchReason[];
}

/**
 * Groups located places into actors.
 * @param places - places with a position
 */
export function mergePlaces(places: readonly Place[]): Cluster[] {
  const items = places.map((place) => keyed(place));
  const index = new KDBush(items.length);
  for (const item of items) index.add(item.place.position![0], item.place.position![1]);
  index.finish();

  const pairs: { a: number; b: number; reason: MatchReason; metres: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    const [lon, lat] = items[i]!.place.position!;
    // A curated actor looks further; the others leave curated neighbours to it.
    const curated = items[i]!.place.source === 'curated';
    const radius = curated ? CURATED_DISTANCE_M : ADDRESS_DISTANCE_M;
    for (const j of around(index, lon, lat, Infinity, radius / 1000)) {
      const other = items[j]!.place.source === 'curated';
      if (curated ? other : other || j <= i) continue;
      const metres = haversineKm(items[i]!.place.position!, items[j]!.place.position!) * 1000;
      const reason = matchReason(items[i]!, items[j]!, metres);
      if (reason) pairs.push({ a: i, b: j, reason, metres });
    }
  }
  pairs.sort((x, y) => {
    if (x.reason !== y.reason) return x.reason === 'address' ? -1 : 1;
    return x.metres - y.metres || x.a - y.a || x.b - y.b;
  });

  const parent = items.map((_, i) => i);
  const slots = items.map((item) => new Set([item.slot]));
  const kinds = items.map((item) => new Set(item.kind ? [item.kind] : []));
  const reasons = items.map(() => [] as MatchReason[]);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const { a, b, reason } of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const sa = slots[ra]!;
    const sb = slots[rb]!;
    if ([...sb].some((s) => sa.has(s))) continue;
    // Kinds must agree across the whole actor, not only for the pair.
    const ka = kinds[ra]!;
    const kb = kinds[rb]!;
    if (ka.size > 0 && kb.size > 0 && [...kb].some((k) => !ka.has(k))) continue;
    parent[rb] = ra;
    for (const s of sb) sa.add(s);
    for (const k of kb) ka.add(k);
    reasons[ra]!.push(...reasons[rb]!, reason);
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < items.length; i++) {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(i);
    groups.set(root, list);
  }
  return [...groups.entries()].map(([root, members]) => ({
    places: members.map((m) => items[m]!.place),
    reasons: reasons[root]!,
  }));
}

/**
 * Places with no position (Aidants Connect, a few digital-adviser hosts) only
 * label an actor that another source locates: the one in the same postcode
 * with the same address, else with the same SIREN, else the one whose name is
 * alike (kinds agreeing). When two actors are equally good, none is chosen.
 */
export function matchLabel(
  label: Place,
  candidates: readonly { places: readonly Place[] }[],
): { index: number; reason: 'address' | 'siren' | 'name' } | 'ambiguous' | undefined {
  const me = keyed(label, true);
  let best: { index: number; reason: 'address' | 'siren' | 'name'; score: number } | undefined;
  let tie = false;
  candidates.forEach((candidate, index) => {
    let score = 0;
    let reason: 'address' | 'siren' | 'name' | undefined;
    for (const place of candidate.places) {
      const other = keyed(place, true);
      if (me.kind !== undefined && other.kind !== undefined && me.kind !== other.kind) continue;
      const similarity = nameSimilarity(me.tokens, other.tokens);
      if (me.address !== '' && me.address === other.address && /\d/.test(me.address)) {
        const s = 3 + similarity;
        if (s > score) [score, reason] = [s, 'address'];
      } else if (label.siren !== undefined && label.siren === place.siren) {
        const s = 2 + similarity;
        if (s > score) [score, reason] = [s, 'siren'];
      } else if (similarity >= NAME_SIMILARITY && me.tokens.size > 0) {
        const s = 1 + similarity;
        if (s > score) [score, reason] = [s, 'name'];
      }
    }
    if (reason === undefined) return;
    if (!best || score > best.score) {
      best = { index, reason, score };
      tie = false;
    } else if (score === best.score) tie = true;
  });
  if (!best) return undefined;
  return tie ? 'ambiguous' : { index: best.index, reason: best.reason };
}

/**
 * "Médiathèque de Plouzané", "Bibliothèque d'Ifs": a label that names the library of a
 * commune, and nothing else, is that commune's library when the located candidates hold
 * exactly one there (its own name and address may read otherwise: "Médiathèque municipale –
 * Centre culturel François Mitterrand", place de la République). Undefined otherwise.
 * @param communeName - the official name of a commune, by INSEE code
 */
export function communeLibrary(
  label: Place,
  candidates: readonly { places: readonly Place[] }[],
  communeName: (insee: string | undefined) => string | undefined,
): number | undefined {
  const named = /^(?:mediatheque|bibliotheque)(?: municipale)? (?:de|d) (.+)$/.exec(communeKey(label.name));
  if (!named) return undefined;
  const found: number[] = [];
  candidates.forEach((candidate, index) => {
    const here = candidate.places.some(
      (p) => p.category === 'library' && communeKey(communeName(p.insee) ?? '') === named[1],
    );
    if (here) found.push(index);
  });
  return found.length === 1 ? found[0] : undefined;
}
