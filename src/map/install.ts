import { CATEGORIES } from '../core/vocab';
import { MAP_FONT_FACES, MAP_FONT_STACK, MAP_FONT_FAMILY } from './fonts';
import { ACTORS_SOURCE, LAYER, NEAR_SOURCE, actorLayers, actorsSource, nearLayer } from './layers';
import { drawMarker, markerImageId } from './images';
import {
  ARCHIPELAGO_LAYER,
  archipelagoLowerLayers,
  archipelagoSources,
  archipelagoUpperLayers,
  drawNetworkMarker,
} from './archipelago';
import type { LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import type { Category } from '../core/vocab';

/**
 * Adds the actors' images, sources and layers to the map's style: all the first frame needs.
 * Idempotent: called again after any change of style (a new style has none of them), it adds only
 * what is missing. Sources start empty, but for the "near" point given here; the views fill the others.
 */
export function installActors(
  map: MaplibreMap,
  ratio: number,
  near: { lat: number; lon: number } | null,
  /** The category's initial in the interface's language (`category.letter.*`); the French one otherwise. */
  letterOf?: (category: Category) => string,
): void {
  // An online style without our font files gets them: the labels of our layers (counts, names)
  // then wait for Noto Sans instead of being drawn, once and for good, in a fallback font.
  const faces = map.getFontFaces();
  if (!faces || Object.keys(MAP_FONT_FACES).some((name) => !(name in faces)))
    map.setFontFaces({ ...MAP_FONT_FACES, ...faces });
  for (const category of CATEGORIES) {
    const id = markerImageId(category);
    if (!map.hasImage(id))
      map.addImage(id, drawMarker(category, ratio, MAP_FONT_FAMILY, letterOf?.(category)), { pixelRatio: ratio });
  }
  if (!map.getSource(NEAR_SOURCE)) map.addSource(NEAR_SOURCE, { type: 'geojson', data: nearData(near) });
  if (!map.getSource(ACTORS_SOURCE)) map.addSource(ACTORS_SOURCE, actorsSource());
  for (const layer of [nearLayer(), ...actorLayers(MAP_FONT_STACK)]) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

/**
 * Draws the actors' markers again where the map has them: their letters in another language, or in
 * the map's font once it has loaded (a marker drawn before is drawn with the fallback font).
 */
export function redrawMarkers(map: MaplibreMap, ratio: number, letterOf: (category: Category) => string): void {
  for (const category of CATEGORIES) {
    const id = markerImageId(category);
    if (map.hasImage(id)) map.updateImage(id, drawMarker(category, ratio, MAP_FONT_FAMILY, letterOf(category)));
  }
}

/**
 * Adds the archipelago (islands, links, networks) around the actors' layers, once the actors are
 * drawn: its layers (fill, lines, dashes, more symbols) would each compile their shaders and lay
 * out their tiles before the first frame. Idempotent, as `installActors`, which must come first.
 *
 * Order, bottom to top: islands and links, networks' names, the diamonds of local networks and of
 * networks placed at their members' centre (often on a member: the cluster shows over them), the
 * near point and the actors, the other networks' diamonds. Symbols are placed from the top layer
 * down, so the clusters and actors are placed before the names, and a name that would cover one is
 * left out.
 */
export function installArchipelago(map: MaplibreMap, ratio: number): void {
  for (const origin of ['seat', 'members', 'member-networks'] as const) {
    const id = `network-${origin}`;
    if (!map.hasImage(id)) map.addImage(id, drawNetworkMarker(origin === 'seat', ratio), { pixelRatio: ratio });
  }
  for (const [id, source] of Object.entries(archipelagoSources())) if (!map.getSource(id)) map.addSource(id, source);
  const upper = archipelagoUpperLayers(MAP_FONT_STACK);
  const isName = (layer: LayerSpecification) =>
    'layout' in layer && layer.layout !== undefined && 'text-field' in layer.layout;
  const under = (layer: LayerSpecification) => isName(layer) || layer.id === ARCHIPELAGO_LAYER.localNetworks;
  // Under the near point, the lowest of the actors' layers; each added above the one before.
  const below = [
    ...archipelagoLowerLayers(MAP_FONT_STACK),
    ...upper.filter(isName),
    ...upper.filter((l) => under(l) && !isName(l)),
  ];
  for (const layer of below) if (!map.getLayer(layer.id)) map.addLayer(layer, LAYER.near);
  for (const layer of upper.filter((l) => !under(l))) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

/** The "near" point (a place typed or the user's position) as the near source's data. */
export function nearData(near: { lat: number; lon: number } | null): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: near
      ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [near.lon, near.lat] } }]
      : [],
  };
}
