import { buildLinks, networkPositions } from '../geo/links';
import type { ActorFeature, Network } from '../core/types';
import type { Provenance } from './provenance';

/**
 * The archipelago links of the selected actors as GeoJSON LineStrings, each
 * actor's own (detailed mode: `kind`, `from`, `to`, `weight`), with the
 * provenance as `metadata` like the actors export. Networks a link would reach
 * but that have no position are listed in `unplaced`.
 *
 * @param actors - the filtered actors
 * @param networks - every network
 * @param provenance - the view, filters, date, sources and licence
 */
export function toLinksGeoJSON(
  actors: readonly ActorFeature[],
  networks: readonly Network[],
  provenance: Provenance,
): string {
  const links = buildLinks(actors, networks, networkPositions(networks, actors), { mode: 'detailed' });
  return `${JSON.stringify({ type: 'FeatureCollection', metadata: provenance, features: links.features, unplaced: links.unplaced }, null, 2)}\n`;
}
