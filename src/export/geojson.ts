/**
 * The GeoJSON export: our schema (`data/actors.geojson`), so that the file
 * can be loaded back with `data=`, imported, validated or shipped as is.
 *
 * Layout, fixed so that equal selections give equal bytes: `type`, then
 * `metadata` (the provenance, a foreign member allowed by RFC 7946 §6.1),
 * then `features`; each feature `type`, `geometry`, `properties`, with
 * properties in `ACTOR_PROPERTY_ORDER`; 2-space indentation like the shipped
 * data; a newline at the end.
 */
import { orderProperties } from '../data/validate';
import type { ActorFeature } from '../core/types';
import type { Provenance } from './provenance';

/**
 * Writes actors as a GeoJSON FeatureCollection.
 *
 * @param actors - the actors to write, in the order given
 * @param provenance - written as the `metadata` member; left out when absent (an import's output)
 */
export function toGeoJSON(actors: readonly ActorFeature[], provenance?: Provenance): string {
  const features = actors.map((actor) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [actor.geometry.coordinates[0], actor.geometry.coordinates[1]] },
    properties: orderProperties(actor.properties),
  }));
  const collection = provenance
    ? { type: 'FeatureCollection', metadata: provenance, features }
    : { type: 'FeatureCollection', features };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
