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
  const features = links.features.map((feature) => ({
    ...feature,
    geometry: { ...feature.geometry, coordinates: feature.geometry.coordinates.map(roundPosition) },
  }));
  return `${JSON.stringify({ type: 'FeatureCollection', metadata: provenance, features, unplaced: links.unplaced }, null, 2)}\n`;
}

/**
 * Decimal places of the links' coordinates: 7, about 1 cm. Curves and centroids are computed
 * (sums, trigonometry); the last bits of such a computation may differ between the page's
 * engine and Node's, so the file keeps what is meaningful and is the same bytes from both.
 */
export const LINK_DIGITS = 7;
const SCALE = 10 ** LINK_DIGITS;

function roundPosition(position: readonly number[]): number[] {
  return position.map((v) => {
    const r = Math.round(v * SCALE) / SCALE;
    return Object.is(r, -0) ? 0 : r;
  });
}
