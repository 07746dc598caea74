/**
 * How an OpenStreetMap feature is known (its `node/123` id), in a module of its own: the page
 * tells an OpenStreetMap file from ours while it reads it (src/data/run-reading.ts) without the
 * importer's code.
 */
import { isObject } from '../validate';

const OSM_ID = /^(node|way|relation)\/(\d+)$/;

/** The features looked at: a collection is OpenStreetMap's when one of its first ones has an OSM id. */
export const OSM_LOOKED_AT = 50;

/** Whether a parsed GeoJSON FeatureCollection comes from OpenStreetMap (an OSM id on some feature). */
export function isOsmCollection(value: unknown): boolean {
  if (!isObject(value) || value.type !== 'FeatureCollection' || !Array.isArray(value.features)) return false;
  return value.features.slice(0, OSM_LOOKED_AT).some((f) => osmIdOf(f) !== undefined);
}

/** `node/123` from the feature's `id`, its `@id` property, or `{ type, id }` properties. */
export function osmIdOf(feature: unknown): string | undefined {
  if (!isObject(feature)) return undefined;
  const props = isObject(feature.properties) ? feature.properties : {};
  for (const candidate of [feature.id, props['@id']]) {
    if (typeof candidate === 'string' && OSM_ID.test(candidate)) return candidate;
  }
  if (
    typeof props.type === 'string' &&
    /^(node|way|relation)$/.test(props.type) &&
    (typeof props.id === 'number' || typeof props.id === 'string')
  ) {
    const id = `${props.type}/${props.id}`;
    if (OSM_ID.test(id)) return id;
  }
  return undefined;
}
