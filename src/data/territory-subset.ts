/**
 * The part of the data a city's own Archipel ships (`npm run build -- --territory ID`):
 * its territory's actors, the networks they belong to (and the wider networks
 * those belong to), and the territories they name.
 *
 * Territory ids follow the territories contract: `commune:INSEE`,
 * `epci:SIREN`, `dep:CODE`, `region:CODE`, a comma list of them, and the
 * legacy `brest` and `grenoble` (aliases of their EPCI).
 *
 * TERRITORIES MODULE: until the territories module (issue 13) is merged, which
 * communes an EPCI or a region covers, and an actor's INSEE code when it has
 * only a postcode and a commune name, come from a {@link CommuneIndex} the
 * caller gives (the build makes one from `@etalab/decoupage-administratif`).
 * Once merged, `actorInTerritory` should call its membership test instead.
 */

/** Legacy territory ids and the EPCI they stand for. */
export const LEGACY_TERRITORIES: Readonly<Record<string, string>> = {
  brest: 'epci:242900314',
  grenoble: 'epci:200040715',
};

/** What is known of French communes; both answers may be null (unknown). */
export interface CommuneIndex {
  /** The INSEE codes of the communes of an `epci:` or `region:` id. */
  communesOf(id: string): ReadonlySet<string> | null;
  /** The INSEE code of a commune given its postcode and name. */
  inseeOf(postcode: string, commune: string): string | null;
}

interface PlaceProperties {
  territory?: unknown;
  insee?: unknown;
  postcode?: unknown;
  commune?: unknown;
}

const ID = /^(brest|grenoble|commune:\d[\dAB]\d{3}|epci:\d{9}|dep:(\d{2,3}|2A|2B)|region:\d{2})$/;

/** Whether `id` is a territory id this module understands (one id, or a comma list). */
export function isTerritoryId(id: string): boolean {
  return id.split(',').every((part) => ID.test(part.trim()));
}

/** Whether an actor lies in the territory `id` (one id or a comma list). */
export function actorInTerritory(p: PlaceProperties, id: string, index?: CommuneIndex): boolean {
  return id.split(',').some((part) => inOne(p, part.trim(), index));
}

function inOne(p: PlaceProperties, id: string, index?: CommuneIndex): boolean {
  const canonical = LEGACY_TERRITORIES[id] ?? id;
  // An actor tagged with the legacy territory belongs to its EPCI.
  for (const [legacy, epci] of Object.entries(LEGACY_TERRITORIES))
    if (epci === canonical && p.territory === legacy) return true;
  const postcode = typeof p.postcode === 'string' ? p.postcode.trim() : '';
  const commune = typeof p.commune === 'string' ? p.commune : '';
  const insee =
    typeof p.insee === 'string' && p.insee.length === 5
      ? p.insee
      : postcode && commune
        ? (index?.inseeOf(postcode, commune) ?? null)
        : null;
  const [kind, code = ''] = canonical.split(':');
  switch (kind) {
    case 'dep':
      if (insee) return insee.startsWith(code);
      // Without an INSEE code, the postcode: Corsica's are 20xxx, overseas ones start with their 3 digits.
      return postcode.startsWith(code === '2A' || code === '2B' ? '20' : code);
    case 'commune':
      return insee === code;
    case 'epci':
    case 'region':
      return insee !== null && (index?.communesOf(canonical)?.has(insee) ?? false);
    default:
      return false;
  }
}

type Json = Record<string, unknown>;

export interface Subset {
  actors: { type: 'FeatureCollection'; features: Json[] } & Json;
  networks: Json[];
  territories: Json[];
}

/**
 * Keeps the actors of territory `id`, the networks they belong to (with the
 * networks those are members of, so every reference still resolves), and the
 * territories the kept actors name. Partners outside the territory are
 * dropped from the kept actors' `partners`: the site does not ship them.
 */
export function territorySubset(
  actors: Subset['actors'],
  networks: readonly Json[],
  territories: readonly Json[],
  id: string,
  index?: CommuneIndex,
): Subset {
  const kept = actors.features.filter((f) => actorInTerritory((f.properties ?? {}) as PlaceProperties, id, index));
  const keptIds = new Set(kept.map((f) => (f.properties as Json).id));
  const features = kept.map((f) => {
    const properties = { ...(f.properties as Json) };
    if (Array.isArray(properties.partners)) {
      properties.partners = properties.partners.filter((p) => keptIds.has(p));
      if ((properties.partners as unknown[]).length === 0) delete properties.partners;
    }
    return { ...f, properties };
  });
  const byId = new Map(networks.map((n) => [n.id, n]));
  const wanted = new Set<unknown>();
  const visit = (networkId: unknown) => {
    if (wanted.has(networkId) || !byId.has(networkId)) return;
    wanted.add(networkId);
    const memberOf = byId.get(networkId)!.memberOf;
    if (Array.isArray(memberOf)) for (const parent of memberOf) visit(parent);
  };
  for (const f of features) {
    const list = (f.properties as Json).networks;
    if (Array.isArray(list)) for (const n of list) visit(n);
  }
  const named = new Set(features.map((f) => (f.properties as Json).territory));
  return {
    actors: { ...actors, features },
    networks: networks.filter((n) => wanted.has(n.id)),
    territories: territories.filter((t) => named.has(t.id)),
  };
}
