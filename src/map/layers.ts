import { CATEGORIES } from '../core/vocab';
import { DONUT_SIZES, DONUT_STEPS } from './images';
import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';

export const ACTORS_SOURCE = 'archipel-actors';
export const NEAR_SOURCE = 'archipel-near';

/** Layer ids; they are drawn in the order of `actorLayers`, with `near` under them all. */
export const LAYER = {
  clusters: 'archipel-clusters',
  clusterCount: 'archipel-cluster-count',
  actors: 'archipel-actors',
  selected: 'archipel-actor-selected',
  actorLabels: 'archipel-actor-labels',
  near: 'archipel-near',
} as const;

/** Name of the cluster property counting actors of a category (see `geo/cluster.ts`). */
export const countProperty = (category: string) => `n_${category}`;

/**
 * The actors as the map draws them: clusters and single actors around the
 * view, made by the cluster worker (`geo/cluster.ts`) and set with `setData`.
 */
export function actorsSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' };
}

/** `donut-<size>-<share per category>`: the image id parsed by `parseDonutId`. */
function donutImageExpression(): ExpressionSpecification {
  const size: unknown[] = ['step', ['get', 'point_count'], DONUT_SIZES[0].key];
  for (let i = 1; i < DONUT_SIZES.length; i++) size.push(DONUT_SIZES[i - 1]!.below, DONUT_SIZES[i]!.key);
  const parts: unknown[] = ['concat', 'donut-', size];
  for (const category of CATEGORIES) {
    parts.push('-', [
      'to-string',
      ['round', ['*', DONUT_STEPS, ['/', ['get', countProperty(category)], ['get', 'point_count']]]],
    ]);
  }
  return parts as ExpressionSpecification;
}

/**
 * The actor layers, as plain style JSON.
 *
 * @param fontStack - `text-font` for counts and labels
 */
export function actorLayers(fontStack: string[]): LayerSpecification[] {
  const isCluster: ExpressionSpecification = ['has', 'point_count'];
  return [
    {
      id: LAYER.clusters,
      type: 'symbol',
      source: ACTORS_SOURCE,
      filter: isCluster,
      layout: {
        'icon-image': donutImageExpression(),
        // Always drawn, and no label of the basemap is drawn under them.
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
      },
    },
    {
      id: LAYER.clusterCount,
      type: 'symbol',
      source: ACTORS_SOURCE,
      filter: isCluster,
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': fontStack,
        'text-size': ['step', ['get', 'point_count'], 12, 100, 13, 1000, 14],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#1A1A1A' },
    },
    {
      id: LAYER.selected,
      type: 'circle',
      source: ACTORS_SOURCE,
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-radius': 19,
        'circle-color': 'rgba(255, 204, 0, 0.35)',
        'circle-stroke-color': '#1A1A1A',
        'circle-stroke-width': 3,
      },
    },
    {
      id: LAYER.actors,
      type: 'symbol',
      source: ACTORS_SOURCE,
      filter: ['!', isCluster],
      layout: {
        'icon-image': ['concat', 'actor-', ['get', 'category']],
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
      },
    },
    {
      id: LAYER.actorLabels,
      type: 'symbol',
      source: ACTORS_SOURCE,
      filter: ['!', isCluster],
      minzoom: 14,
      ...nameUnderMarker(fontStack, 12),
    },
  ];
}

/**
 * A name under a marker, on a white halo, dropped rather than overlapping: the labels of actors
 * and of networks.
 * @param maxWidth - in ems, before the name wraps
 */
export function nameUnderMarker(
  fontStack: string[],
  maxWidth: number,
): Pick<SymbolLayerSpecification, 'layout' | 'paint'> {
  return {
    layout: {
      'text-field': ['get', 'name'],
      'text-font': fontStack,
      'text-size': 12,
      'text-offset': [0, 1.3],
      'text-anchor': 'top',
      'text-max-width': maxWidth,
      'text-optional': true,
    },
    paint: { 'text-color': '#1A1A1A', 'text-halo-color': '#FFFFFF', 'text-halo-width': 1.6 },
  };
}

/** Filter of the highlight layer for the selected actor. */
export function selectedFilter(id: string | null): ExpressionSpecification {
  return ['all', ['!', ['has', 'point_count']], ['==', ['get', 'id'], id ?? '']];
}

/** The point the list measures distances from: a ringed dot under the actors. */
export function nearLayer(): LayerSpecification {
  return {
    id: LAYER.near,
    type: 'circle',
    source: NEAR_SOURCE,
    paint: {
      'circle-radius': 8,
      'circle-color': '#0b4f8a',
      'circle-stroke-color': '#FFFFFF',
      'circle-stroke-width': 3,
    },
  };
}
