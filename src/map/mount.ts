import { Map as MaplibreMap, NavigationControl, ScaleControl, AttributionControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { bindPicking } from './pick';
import { CATEGORIES } from '../core/vocab';
import { basemapStyle, BASEMAP_ATTRIBUTION } from './basemap';
import { loadMapFonts, MAP_FONT_STACK, MAP_FONT_FAMILY } from './fonts';
import { ACTORS_SOURCE, LAYER, NEAR_SOURCE, actorLayers, actorsSource, nearLayer, selectedFilter } from './layers';
import { drawDonut, drawMarker, markerImageId, parseDonutId } from './images';
import { createClusterClient } from './cluster-client';
import { createIslandsClient } from './islands-client';
import { CLUSTER_OPTIONS } from '../geo/cluster';
import {
  ARCHIPELAGO_LAYER,
  ARCHIPELAGO_SOURCE,
  archipelagoLowerLayers,
  archipelagoSources,
  archipelagoUpperLayers,
  createArchipelagoData,
  drawNetworkMarker,
  emphasisFor,
  emphasisOpacity,
  linkModeForZoom,
} from './archipelago';
import {
  selectActorsById,
  selectFiltered,
  selectNetworks,
  selectNetworksById,
  selectTerritories,
  selectTerritoriesById,
} from '../state/selectors';
import type { AppStore } from '../state/store';
import type { AppConfig } from '../state/config';
import type { Translator } from '../i18n';
import type { ActorFeature, LonLat } from '../core/types';
import type { Islands } from '../geo/islands';
import type { GeoJSONSource, MapGeoJSONFeature, StyleSpecification, LngLatBoundsLike } from 'maplibre-gl';

setWorkerUrl(workerUrl);

/** What the map tells the rest of the app, beyond the store. */
export interface MapCallbacks {
  /** Members of a cluster that cannot be split by zooming (same place, deepest zoom). */
  onClusterMembers(ids: string[]): void;
  /** The online style failed and the embedded basemap is shown instead. */
  onStyleFallback?(): void;
  /** Width in pixels of what covers the map's right side (the detail panel), 0 when nothing. */
  coveredRight?(): number;
  /** Room to leave around framed places, for panels drawn over the map. */
  framePadding?(): { top: number; bottom: number; left: number; right: number };
}

export interface MountedMap {
  destroy(): void;
  /** For tests and the benchmark: resolves when the map has drawn everything. */
  idle(): Promise<void>;
  map: MaplibreMap;
}

const FRANCE_BOUNDS: LngLatBoundsLike = [
  [-5.5, 42.2],
  [8.5, 51.2],
];

/**
 * Creates the map in `container` and binds it to the store both ways:
 * filtered actors → `setData`, selection → highlight filter, territory → framing;
 * clicks → store actions, moves → `map=` in the URL.
 *
 * @param container - the element to draw into (never looked up by id)
 * @param store - the app store
 * @param t - the translator, for control labels
 */
export async function mountMap(
  container: HTMLElement,
  store: AppStore,
  t: Translator,
  config: AppConfig,
  callbacks: MapCallbacks,
): Promise<MountedMap> {
  await loadMapFonts();
  const baseUrl = import.meta.env.BASE_URL;
  const embedded = basemapStyle({ baseUrl: absoluteBase(baseUrl), lang: t.lang });
  const state = store.getState();
  const initialView = state.map;
  const map = new MaplibreMap({
    container,
    style: config.styleUrl ?? embedded,
    center: initialView ? [initialView.lon, initialView.lat] : [2.4, 46.6],
    zoom: initialView ? initialView.zoom : 4.6,
    attributionControl: false,
    cooperativeGestures: state.embed,
    maxZoom: 19,
    // Labels appear at once instead of fading in over 300 ms: each change then costs one frame, not
    // a run of them (about 70 ms each with software WebGL), and nothing moves for those who would rather not.
    fadeDuration: 0,
    locale: mapLocale(t),
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addControl(new AttributionControl({ compact: true, customAttribution: BASEMAP_ATTRIBUTION }), 'bottom-right');
  map.getCanvas().setAttribute('aria-label', t('map.canvasLabel'));

  if (config.styleUrl) fallBackWhenStyleFails(map, embedded, config.styleTimeoutMs, callbacks);

  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  // Donuts are drawn when a cluster first needs its composition, then kept.
  map.setMissingStyleImageResolver((id) => {
    const donut = parseDonutId(id);
    if (donut && !map.hasImage(id)) map.addImage(id, drawDonut(donut.px, donut.shares, ratio), { pixelRatio: ratio });
  });

  /** Sources and layers of ours, added again after any style change. */
  const install = () => {
    for (const category of CATEGORIES) {
      const id = markerImageId(category);
      if (!map.hasImage(id)) map.addImage(id, drawMarker(category, ratio, MAP_FONT_FAMILY), { pixelRatio: ratio });
    }
    for (const origin of ['seat', 'members', 'member-networks'] as const) {
      const id = `network-${origin}`;
      if (!map.hasImage(id)) map.addImage(id, drawNetworkMarker(origin === 'seat', ratio), { pixelRatio: ratio });
    }
    for (const [id, source] of Object.entries(archipelagoSources())) if (!map.getSource(id)) map.addSource(id, source);
    if (!map.getSource(NEAR_SOURCE))
      map.addSource(NEAR_SOURCE, { type: 'geojson', data: nearData(store.getState().near) });
    if (!map.getSource(ACTORS_SOURCE)) map.addSource(ACTORS_SOURCE, actorsSource());
    const layers = [
      ...archipelagoLowerLayers(MAP_FONT_STACK),
      nearLayer(),
      ...actorLayers(MAP_FONT_STACK),
      ...archipelagoUpperLayers(MAP_FONT_STACK),
    ];
    for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer);
    pushData();
    pushArchipelago();
    pushIslands();
    showLinks(store.getState().links);
    map.setFilter(LAYER.selected, selectedFilter(store.getState().selected));
  };

  // The archipelago: islands, links (bundled when zoomed out) and networks of the filtered actors.
  const archipelago = createArchipelagoData();
  let shownLinks: unknown = null;
  const pushArchipelago = () => {
    const s = store.getState();
    const actors = selectFiltered(s);
    const networks = selectNetworks(s);
    const links = archipelago.links(actors, networks, map.getZoom());
    if (links !== shownLinks) {
      shownLinks = links;
      map.getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.links)?.setData(links);
    }
    map.getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.networks)?.setData(archipelago.networks(actors, networks));
    emphasise();
  };
  // Islands: hulls made in a worker, drawn when they come if they are still those of the actors shown.
  const islandsClient = createIslandsClient();
  let islandsFor: readonly ActorFeature[] | null = null;
  let shownIslands: Islands | null = null;
  const drawIslands = ({ islands, labels }: Islands) => {
    map.getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.islands)?.setData(islands);
    map.getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.islandLabels)?.setData(labels);
  };
  const pushIslands = () => {
    const s = store.getState();
    const filtered = selectFiltered(s);
    if (filtered === islandsFor) {
      // The same actors after a change of style: its new sources get the islands again.
      if (shownIslands) drawIslands(shownIslands);
      return;
    }
    islandsFor = filtered;
    shownIslands = null;
    void islandsClient.islands(s.dataset?.actors ?? [], filtered, selectTerritories(s)).then((islands) => {
      if (!islands || islandsFor !== filtered) return;
      shownIslands = islands;
      drawIslands(islands);
    });
  };
  const showLinks = (on: boolean) => {
    for (const id of [ARCHIPELAGO_LAYER.links, ARCHIPELAGO_LAYER.partnerships]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    }
  };
  /** A selection lights its links and networks and dims the rest, through feature state (no data reload). */
  let emphasised: { links: string[]; networks: string[] } | null = null;
  const emphasise = () => {
    if (!map.getLayer(ARCHIPELAGO_LAYER.links)) return;
    for (const id of emphasised?.links ?? [])
      map.removeFeatureState({ source: ARCHIPELAGO_SOURCE.links, id }, 'emphasis');
    for (const id of emphasised?.networks ?? [])
      map.removeFeatureState({ source: ARCHIPELAGO_SOURCE.networks, id }, 'emphasis');
    const s = store.getState();
    const actor = s.selected ? selectActorsById(s).get(s.selected) : undefined;
    const links = archipelago.links(selectFiltered(s), selectNetworks(s), map.getZoom());
    emphasised = emphasisFor(s.selected, actor, selectNetworksById(s), links);
    for (const id of emphasised?.links ?? [])
      map.setFeatureState({ source: ARCHIPELAGO_SOURCE.links, id }, { emphasis: true });
    for (const id of emphasised?.networks ?? [])
      map.setFeatureState({ source: ARCHIPELAGO_SOURCE.networks, id }, { emphasis: true });
    const selecting = emphasised !== null;
    map.setPaintProperty(ARCHIPELAGO_LAYER.links, 'line-opacity', emphasisOpacity(0.55, 0.08, selecting));
    map.setPaintProperty(ARCHIPELAGO_LAYER.partnerships, 'line-opacity', emphasisOpacity(0.55, 0.08, selecting));
    for (const id of [ARCHIPELAGO_LAYER.networks, ARCHIPELAGO_LAYER.localNetworks])
      map.setPaintProperty(id, 'icon-opacity', emphasisOpacity(1, 0.3, selecting));
  };
  let linkMode = linkModeForZoom(map.getZoom());
  map.on('zoomend', () => {
    const mode = linkModeForZoom(map.getZoom());
    if (mode === linkMode) return;
    linkMode = mode;
    pushArchipelago();
  });

  // Clusters are made in a worker for the zoom and the area on screen (geo/cluster.ts).
  const clusters = createClusterClient();
  let shownData: ActorFeature[] | null = null;
  const pushData = () => {
    const s = store.getState();
    const filtered = selectFiltered(s);
    if (!map.getSource(ACTORS_SOURCE) || filtered === shownData) return;
    shownData = filtered;
    clusters.setActors(s.dataset?.actors ?? []);
    clusters.setFiltered(filtered);
    covered = null;
    refreshClusters();
  };
  /** What the last cluster answer covers: its integer zoom and a box larger than the view. */
  let covered: { zoom: number; bbox: [number, number, number, number] } | null = null;
  let inFlight = 0;
  const refreshClusters = () => {
    // Beyond the deepest clustered zoom every actor shows alone: one answer serves all deeper zooms.
    const zoom = Math.min(Math.floor(map.getZoom()), CLUSTER_DEEPEST + 1);
    const b = map.getBounds();
    const view: [number, number, number, number] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    if (covered && covered.zoom === zoom && contains(covered.bbox, view)) return;
    // Half a view of margin each way: panning shows clusters at once, with no new request.
    const dx = (view[2] - view[0]) / 2;
    const dy = (view[3] - view[1]) / 2;
    const bbox: [number, number, number, number] = [
      Math.max(-180, view[0] - dx),
      Math.max(-85, view[1] - dy),
      Math.min(180, view[2] + dx),
      Math.min(85, view[3] + dy),
    ];
    inFlight++;
    dataSettled = false;
    clusters.view(zoom, bbox).then(async (features) => {
      const source = map.getSource<GeoJSONSource>(ACTORS_SOURCE);
      if (features && source) {
        covered = { zoom, bbox };
        // Resolves once MapLibre's worker has the new data.
        await source.setData({ type: 'FeatureCollection', features: features as GeoJSON.Feature[] });
      }
      inFlight--;
      if (inFlight > 0) return;
      // The next idle draws what the last answer set.
      map.once('idle', () => {
        if (inFlight === 0) dataSettled = true;
      });
      map.triggerRepaint();
    });
  };
  map.on('moveend', refreshClusters);
  // Settled once the clusters of the last request are on screen (see refreshClusters).
  let dataSettled = true;

  map.on('style.load', () => {
    // A new style has new, empty sources: everything is sent again.
    shownData = null;
    shownLinks = null;
    install();
  });

  // Store → map.
  const unsubscribers = [
    store.subscribe(selectFiltered, () => {
      pushData();
      pushArchipelago();
      pushIslands();
    }),
    store.subscribe((s) => s.links, showLinks),
    store.subscribe(
      (s) => s.selected,
      (selected) => {
        if (map.getLayer(LAYER.selected)) map.setFilter(LAYER.selected, selectedFilter(selected));
        emphasise();
        const actor = selected ? selectActorsById(store.getState()).get(selected) : undefined;
        if (actor && (selectedFromMap !== selected || coveredByPanel(actor.geometry.coordinates)))
          frameActor(actor.geometry.coordinates);
        selectedFromMap = null;
      },
    ),
    store.subscribe(
      (s) => s.near,
      (near) => {
        map.getSource<GeoJSONSource>(NEAR_SOURCE)?.setData(nearData(near));
        if (near)
          map.easeTo({
            center: [near.lon, near.lat],
            zoom: Math.max(map.getZoom(), 12),
            duration: reducedMotion() ? 0 : 600,
          });
      },
    ),
    store.subscribe(
      (s) => s.filters.territory,
      (territory) => {
        const found = territory ? selectTerritoriesById(store.getState()).get(territory) : undefined;
        if (found) frame(found.bbox);
      },
    ),
  ];

  let selectedFromMap: string | null = null;
  /** Shows the actor unclustered, clear of the detail panel that opens over the map's right side. */
  const frameActor = (coordinates: LonLat) => {
    const zoom = Math.max(map.getZoom(), CLUSTER_DEEPEST + 1);
    const right = Math.min(callbacks.coveredRight?.() ?? 0, map.getContainer().clientWidth / 2);
    map.easeTo({
      center: coordinates,
      zoom,
      padding: { top: 0, bottom: 0, left: 0, right },
      duration: reducedMotion() ? 0 : 600,
    });
  };
  const coveredByPanel = (coordinates: LonLat) => {
    const x = map.project(coordinates).x;
    return x > map.getContainer().clientWidth - (callbacks.coveredRight?.() ?? 0) - 20;
  };
  const padding = () => callbacks.framePadding?.() ?? { top: 60, bottom: 60, left: 60, right: 60 };
  const frame = (bbox: [number, number, number, number]) =>
    map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: padding(), duration: reducedMotion() ? 0 : 600 },
    );

  // Map → store.
  map.on('click', LAYER.clusters, async (event) => {
    const feature = event.features?.[0];
    if (!feature) return;
    const clusterId = feature.properties.cluster_id as number;
    const center = (feature.geometry as GeoJSON.Point).coordinates as LonLat;
    const expansion = await clusters.expansionZoom(clusterId);
    // A cluster still drawn from the filter before: its new self is drawn a moment later.
    if (expansion < 0) return;
    if (map.getZoom() >= CLUSTER_DEEPEST || expansion > CLUSTER_DEEPEST) {
      const members = await clusters.members(clusterId);
      if (members.length > 0) callbacks.onClusterMembers(members);
    } else {
      map.easeTo({ center, zoom: expansion + 0.01, duration: reducedMotion() ? 0 : 500 });
    }
  });
  map.on('click', LAYER.actors, (event) => {
    const id = (event.features?.[0] as MapGeoJSONFeature | undefined)?.properties.id;
    if (typeof id === 'string') {
      selectedFromMap = id;
      store.getState().select(id);
    }
  });
  for (const layer of [ARCHIPELAGO_LAYER.networks, ARCHIPELAGO_LAYER.localNetworks]) {
    map.on('click', layer, (event) => {
      const id = event.features?.[0]?.properties.id;
      if (typeof id === 'string') store.getState().select(id);
    });
  }
  for (const layer of [LAYER.clusters, LAYER.actors, ARCHIPELAGO_LAYER.networks, ARCHIPELAGO_LAYER.localNetworks]) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }

  // The first framing is not a user's move: the URL gets `map=` only once they move.
  let userMoved = false;
  map.on('movestart', (event) => {
    if ((event as { originalEvent?: Event }).originalEvent) userMoved = true;
  });
  map.on('moveend', () => {
    if (!userMoved && !store.getState().map) return;
    const c = map.getCenter();
    store.getState().setMapView({ zoom: map.getZoom(), lat: c.lat, lon: c.lng });
  });

  // The first framing: the URL's view, else its selected actor, its place, its territory or all
  // the actors. The map is made while the data loads: a place is shown at once, the rest once
  // the data is there (unless the user has moved the map meanwhile).
  let framed = initialView !== null;
  const frameFirst = () => {
    const s = store.getState();
    if (framed) return;
    const near = s.near;
    if (!s.dataset) {
      if (near && !userMoved) map.jumpTo({ center: [near.lon, near.lat], zoom: 12 });
      return;
    }
    framed = true;
    if (userMoved) return;
    const territory = s.filters.territory ? selectTerritoriesById(s).get(s.filters.territory) : undefined;
    const selectedActor = s.selected ? selectActorsById(s).get(s.selected) : undefined;
    if (selectedActor) map.jumpTo({ center: selectedActor.geometry.coordinates, zoom: 16 });
    else if (near) map.jumpTo({ center: [near.lon, near.lat], zoom: 12 });
    else if (territory) map.jumpTo(cameraFor(map, territory.bbox, padding()));
    else map.fitBounds(dataBounds(s.dataset.actors) ?? FRANCE_BOUNDS, { padding: padding(), duration: 0, maxZoom: 15 });
  };
  frameFirst();
  unsubscribers.push(store.subscribe((s) => s.dataset, frameFirst));
  unsubscribers.push(bindPicking(map, store));

  return {
    map,
    destroy() {
      for (const off of unsubscribers) off();
      clusters.destroy();
      islandsClient.destroy();
      map.remove();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        // Polled as well as awaited: an idle map fires no further 'idle' event.
        const check = () => {
          const s = store.getState();
          // Nothing more will come when the data failed to load.
          const over = s.status.phase === 'error' || s.status.phase === 'cancelled';
          const drawn = s.dataset !== null && framed && shownData === selectFiltered(s);
          if ((drawn || over) && dataSettled && map.loaded() && !map.isMoving() && map.areTilesLoaded())
            return resolve();
          setTimeout(check, 50);
        };
        check();
      }),
  };
}

const CLUSTER_DEEPEST = CLUSTER_OPTIONS.maxZoom;

function contains(outer: [number, number, number, number], inner: [number, number, number, number]): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

function nearData(near: { lat: number; lon: number } | null): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: near
      ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [near.lon, near.lat] } }]
      : [],
  };
}

/** Relative bases ("./") must become absolute: style source URLs are resolved by the worker. */
function absoluteBase(base: string): string {
  return new URL(base, window.location.href).href;
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function cameraFor(
  map: MaplibreMap,
  bbox: [number, number, number, number],
  padding: { top: number; bottom: number; left: number; right: number },
) {
  const camera = map.cameraForBounds(
    [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ],
    { padding },
  );
  return camera ?? { center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] as LonLat, zoom: 10 };
}

/** The bounds of every actor, or null when there are none. */
function dataBounds(actors: readonly ActorFeature[]): LngLatBoundsLike | null {
  if (actors.length === 0) return null;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const a of actors) {
    const [lon, lat] = a.geometry.coordinates;
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [
    [w, s],
    [e, n],
  ];
}

/**
 * Waits for an online style; on error or timeout, switches to the embedded one
 * (our layers come back through the `style.load` handler).
 */
function fallBackWhenStyleFails(
  map: MaplibreMap,
  embedded: StyleSpecification,
  timeoutMs: number,
  callbacks: MapCallbacks,
) {
  let settled = false;
  const fallBack = () => {
    if (settled) return;
    settled = true;
    map.setStyle(embedded);
    callbacks.onStyleFallback?.();
  };
  const timer = window.setTimeout(fallBack, timeoutMs);
  const stop = () => {
    settled = true;
    window.clearTimeout(timer);
  };
  map.once('style.load', stop);
  // A map removed meanwhile (a change of language makes a new one) must not get a style.
  map.once('remove', stop);
  map.on('error', () => {
    if (!map.isStyleLoaded()) {
      window.clearTimeout(timer);
      fallBack();
    }
  });
}

/** Labels of maplibre's own controls, in the app's language. */
function mapLocale(t: Translator): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
    'AttributionControl.MapFeedback': t('map.feedback'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.cooperativeWindows'),
    'CooperativeGesturesHandler.MacHelpText': t('map.cooperativeMac'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.cooperativeMobile'),
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
  };
}
