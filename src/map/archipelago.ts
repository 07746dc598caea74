import { homeTerritory } from '../core/territory-id';
import { buildLinks, linkModeForZoom, networkPoints, placeNetworks } from '../geo/links';
import type { LinkCollection, LinkMode, NetworkPlacement } from '../geo/links';
import { nameUnderMarker } from './layers';
import { imageCanvas } from './images';
import { ISLAND_STYLE, LINK_OPACITY, LINK_STYLE, NETWORK_STYLE } from './marks';
import type { ActorFeature, Network } from '../core/types';
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
} from 'maplibre-gl';

/** Sources of the archipelago: islands under everything, links under the actors, networks above. */
export const ARCHIPELAGO_SOURCE = {
  islands: 'archipel-islands',
  islandLabels: 'archipel-island-labels',
  links: 'archipel-links',
  networks: 'archipel-networks',
} as const;

export const ARCHIPELAGO_LAYER = {
  islandFill: 'archipel-island-fill',
  islandOutline: 'archipel-island-outline',
  islandLabel: 'archipel-island-label',
  links: 'archipel-links',
  partnerships: 'archipel-partnerships',
  networks: 'archipel-networks',
  networkLabels: 'archipel-network-labels',
  localNetworks: 'archipel-local-networks',
  localNetworkLabels: 'archipel-local-network-labels',
} as const;

/** Networks standing inside an island show from this zoom, when they no longer hide its actors. */
export const LOCAL_NETWORKS_MINZOOM = 10;

export { LINK_STYLE, NETWORK_STYLE } from './marks';

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function archipelagoSources(): Record<string, SourceSpecification> {
  return {
    [ARCHIPELAGO_SOURCE.islands]: { type: 'geojson', data: empty() },
    [ARCHIPELAGO_SOURCE.islandLabels]: { type: 'geojson', data: empty() },
    [ARCHIPELAGO_SOURCE.links]: { type: 'geojson', data: empty(), promoteId: 'id' },
    [ARCHIPELAGO_SOURCE.networks]: { type: 'geojson', data: empty(), promoteId: 'id' },
  };
}

/** Opacity that dims what is not emphasised while something is selected. */
export function emphasisOpacity(
  normal: number,
  dimmed: number,
  selecting: boolean,
): DataDrivenPropertyValueSpecification<number> {
  if (!selecting) return normal;
  return ['case', ['boolean', ['feature-state', 'emphasis'], false], 1, dimmed] as ExpressionSpecification;
}

const linkWidth: ExpressionSpecification = ['interpolate', ['linear'], ['sqrt', ['get', 'weight']], 1, 1.6, 10, 9];

const islandFillOpacity: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['zoom'],
  12,
  ISLAND_STYLE.fillOpacity,
  15,
  ISLAND_STYLE.streetFillOpacity,
];

/** Layers drawn under the actors: islands, then links. */
export function archipelagoLowerLayers(fontStack: string[]): LayerSpecification[] {
  return [
    {
      id: ARCHIPELAGO_LAYER.islandFill,
      type: 'fill',
      source: ARCHIPELAGO_SOURCE.islands,
      // Fades at street zooms, where an island covers whole blocks: its outline still shows it.
      paint: { 'fill-color': ISLAND_STYLE.fill, 'fill-opacity': islandFillOpacity },
    },
    {
      id: ARCHIPELAGO_LAYER.islandOutline,
      type: 'line',
      source: ARCHIPELAGO_SOURCE.islands,
      paint: { 'line-color': ISLAND_STYLE.outline, 'line-width': 1.2, 'line-opacity': ISLAND_STYLE.outlineOpacity },
    },
    {
      id: ARCHIPELAGO_LAYER.links,
      type: 'line',
      source: ARCHIPELAGO_SOURCE.links,
      filter: ['!=', ['get', 'kind'], 'partnership'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': [
          'match',
          ['get', 'kind'],
          'network-membership',
          LINK_STYLE['network-membership'].color,
          LINK_STYLE.membership.color,
        ],
        'line-width': linkWidth,
        'line-opacity': LINK_OPACITY,
      },
    },
    {
      id: ARCHIPELAGO_LAYER.partnerships,
      type: 'line',
      source: ARCHIPELAGO_SOURCE.links,
      filter: ['==', ['get', 'kind'], 'partnership'],
      paint: {
        'line-color': LINK_STYLE.partnership.color,
        'line-width': linkWidth,
        'line-dasharray': [...LINK_STYLE.partnership.dash],
        'line-opacity': LINK_OPACITY,
      },
    },
    {
      id: ARCHIPELAGO_LAYER.islandLabel,
      type: 'symbol',
      source: ARCHIPELAGO_SOURCE.islandLabels,
      maxzoom: 11,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': fontStack,
        'text-size': 15,
        'text-letter-spacing': 0.08,
        'text-transform': 'uppercase',
        'text-offset': [0, -2.4],
        'text-allow-overlap': false,
      },
      paint: { 'text-color': '#6B5310', 'text-halo-color': '#FFFFFF', 'text-halo-width': 2 },
    },
  ];
}

/** Layers drawn over the actors: the networks, as diamonds (a shape no actor has) with their names. */
export function archipelagoUpperLayers(fontStack: string[]): LayerSpecification[] {
  // Local networks, and networks placed at their members' centre, stand on an island: they would
  // hide its cluster when zoomed out, so they show once the island is drawn large.
  const isLocal: ExpressionSpecification = [
    'any',
    ['==', ['get', 'scale'], 'local'],
    ['!=', ['get', 'origin'], 'seat'],
  ];
  const marker = (id: string, filter: ExpressionSpecification, minzoom: number): LayerSpecification => ({
    id,
    type: 'symbol',
    source: ARCHIPELAGO_SOURCE.networks,
    filter,
    minzoom,
    layout: {
      'icon-image': ['concat', 'network-', ['get', 'origin']],
      'icon-allow-overlap': true,
      'icon-ignore-placement': false,
    },
    paint: { 'icon-opacity': 1 },
  });
  const label = (id: string, filter: ExpressionSpecification, minzoom: number): LayerSpecification => {
    const { layout, paint } = nameUnderMarker(fontStack, 10);
    const { 'text-offset': _offset, 'text-anchor': _anchor, ...rest } = layout ?? {};
    return {
      id,
      type: 'symbol',
      source: ARCHIPELAGO_SOURCE.networks,
      filter,
      minzoom,
      // A network's seat is often an actor's address: its name goes where it covers no actor or
      // cluster (placed before it, layers above), under the diamond if it can, else beside it.
      layout: { ...rest, 'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 1.6 },
      ...(paint ? { paint } : {}),
    } as LayerSpecification;
  };
  return [
    marker(ARCHIPELAGO_LAYER.networks, ['!', isLocal], 0),
    // Drawn under the actors (src/map/install.ts): a network placed at its members' centre stands on
    // its member when it has one in view, and would hide its cluster's count.
    marker(ARCHIPELAGO_LAYER.localNetworks, isLocal, LOCAL_NETWORKS_MINZOOM),
    label(ARCHIPELAGO_LAYER.networkLabels, ['!', isLocal], 0),
    label(ARCHIPELAGO_LAYER.localNetworkLabels, isLocal, LOCAL_NETWORKS_MINZOOM),
  ];
}

/** A network marker: a diamond, filled when the network has a seat, hollow when placed at its members' centre. */
export function drawNetworkMarker(filled: boolean, ratio: number): ImageData {
  const px = NETWORK_STYLE.px;
  // Read back at once: a canvas marked for it stays in memory, where a GPU one costs a slow readback.
  const { ctx, size } = imageCanvas(px, ratio);
  const r = px / 2;
  const diamond = (inset: number) => {
    ctx.beginPath();
    ctx.moveTo(r, inset);
    ctx.lineTo(px - inset, r);
    ctx.lineTo(r, px - inset);
    ctx.lineTo(inset, r);
    ctx.closePath();
  };
  diamond(1);
  ctx.fillStyle = '#FFFFFF';
  ctx.fill();
  diamond(3);
  ctx.fillStyle = filled ? NETWORK_STYLE.color : '#FFFFFF';
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = NETWORK_STYLE.color;
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}

/**
 * The archipelago of the filtered actors, computed once per filtered set (and
 * per link mode), so that panning and zooming within a mode cost nothing.
 */
export function createArchipelagoData() {
  let actors: readonly ActorFeature[] | null = null;
  let networks: readonly Network[] | null = null;
  let placement: NetworkPlacement | null = null;
  const links = new Map<LinkMode, LinkCollection>();
  const use = (a: readonly ActorFeature[], n: readonly Network[]) => {
    if (a !== actors || n !== networks) {
      actors = a;
      networks = n;
      placement = placeNetworks(n, a);
      links.clear();
    }
    return placement!;
  };
  return {
    links(a: readonly ActorFeature[], n: readonly Network[], zoom: number): LinkCollection {
      const p = use(a, n);
      const mode = linkModeForZoom(zoom);
      let collection = links.get(mode);
      if (!collection) {
        collection = buildLinks(a, n, p.positions, { mode });
        links.set(mode, collection);
      }
      return collection;
    },
    networks(a: readonly ActorFeature[], n: readonly Network[]) {
      return networkPoints(n, use(a, n));
    },
  };
}

export { linkModeForZoom };

/**
 * What a selection emphasises: an actor's own links and the networks it
 * reaches (and their wider networks); a network's links and the network.
 */
export function emphasisFor(
  selected: string | null,
  actor: ActorFeature | undefined,
  networksById: ReadonlyMap<string, Network>,
  links: LinkCollection,
): { links: string[]; networks: string[] } | null {
  if (!selected) return null;
  const reached = new Set<string>();
  const climb = (id: string) => {
    if (reached.has(id)) return;
    reached.add(id);
    for (const parent of networksById.get(id)?.memberOf ?? []) climb(parent);
  };
  if (actor) for (const id of actor.properties.networks ?? []) climb(id);
  else if (networksById.has(selected)) climb(selected);
  else return null;
  const territory = actor ? homeTerritory(actor.properties) : undefined;
  const ids: string[] = [];
  for (const link of links.features) {
    const p = link.properties;
    const touches = actor
      ? p.from === selected ||
        p.to === selected ||
        (p.territory === territory && p.kind === 'membership' && reached.has(p.to)) ||
        (p.kind === 'network-membership' && reached.has(p.from) && reached.has(p.to))
      : p.to === selected || p.from === selected;
    if (touches) ids.push(link.id);
  }
  return { links: ids, networks: [...reached] };
}
