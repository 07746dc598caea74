import { ARCHIPELAGO_LAYER, ARCHIPELAGO_SOURCE, emphasisFor, emphasisOpacity, linkModeForZoom } from './archipelago';
import { createIslandsClient } from './islands-client';
import {
  selectActorsById,
  selectFiltered,
  selectNetworks,
  selectNetworksById,
  selectTerritories,
} from '../state/selectors';
import type { Map as MaplibreMap, GeoJSONSource } from 'maplibre-gl';
import type { AppStore } from '../state/store';
import type { ActorFeature, Network } from '../core/types';
import type { Islands } from '../geo/islands';
import type { LinkCollection, LinkMode } from '../geo/links';
import type { LinksAnswer } from './islands-worker';

const NO_LINKS: LinkCollection = { type: 'FeatureCollection', features: [], unplaced: [] };
const NO_NETWORKS = JSON.stringify({ type: 'FeatureCollection', features: [] });

/**
 * The archipelago on the map: islands (hulls made in a worker), links (bundled when zoomed out)
 * and networks of the filtered actors, and the emphasis a selection gives them.
 */
export function createArchipelagoView(map: MaplibreMap, store: AppStore) {
  let shownLinks: LinkCollection | null = null;
  const islandsClient = createIslandsClient();
  let islandsFor: readonly ActorFeature[] | null = null;
  let shownIslands: Islands | null = null;
  let emphasised: { links: string[]; networks: string[] } | null = null;
  // Off until the actors are first drawn (see `installArchipelago`): nothing is computed or set before.
  let enabled = false;

  // The islands last set on the map's sources.
  let drawn: Islands | null = null;
  const drawIslands = (shown: Islands) => {
    drawn = shown;
    map.getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.islands)?.setData(shown.islands);
    map.getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.islandLabels)?.setData(shown.labels);
  };

  /** A selection lights its links and networks and dims the rest, through feature state (no data reload). */
  const emphasise = () => {
    if (!map.getLayer(ARCHIPELAGO_LAYER.links)) return;
    for (const id of emphasised?.links ?? [])
      map.removeFeatureState({ source: ARCHIPELAGO_SOURCE.links, id }, 'emphasis');
    for (const id of emphasised?.networks ?? [])
      map.removeFeatureState({ source: ARCHIPELAGO_SOURCE.networks, id }, 'emphasis');
    const s = store.getState();
    const actor = s.selected ? selectActorsById(s).get(s.selected) : undefined;
    // The links on the map (those of the filter shown; the next ones emphasise again when they come).
    emphasised = emphasisFor(s.selected, actor, selectNetworksById(s), shownLinks ?? NO_LINKS);
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

  // What the worker answered and `flush` has not yet set: set with the clusters, so that one frame draws both.
  let pending: LinksAnswer | null = null;
  let shownNetworks = '';
  // Which filtered actors the links and networks set (or asked for) are of.
  let pushedFor: readonly ActorFeature[] | null = null;
  // Whether the links asked for are still to come from the worker.
  let waiting = false;
  // Whether they wait for `flush` (the clusters of the same filter) once they come.
  let deferred = false;
  let asked = 0;
  // Answers already had, per link mode, for these filtered actors and networks: zooming back costs nothing.
  const cache = new Map<LinkMode, LinksAnswer>();
  let cacheFor: { actors: readonly ActorFeature[]; networks: readonly Network[] } | null = null;

  const arrive = (answer: LinksAnswer) => {
    waiting = false;
    pending = answer;
    if (!deferred) flush();
  };

  /**
   * Links and networks of the filtered actors at this zoom's link mode, computed in the islands'
   * worker; set on the map when they come, or with `defer` not before the next `flush` (when the
   * clusters of the same filter are set). Nothing is set again when it has not changed.
   */
  const push = (defer = false) => {
    if (!enabled) return;
    const s = store.getState();
    const actors = selectFiltered(s);
    const networks = selectNetworks(s);
    const mode = linkModeForZoom(map.getZoom());
    pushedFor = actors;
    pending = null;
    deferred = defer;
    waiting = true;
    const turn = ++asked;
    if (cacheFor?.actors !== actors || cacheFor.networks !== networks) {
      cacheFor = { actors, networks };
      cache.clear();
    }
    const known = cache.get(mode);
    if (known) {
      arrive(known);
      return;
    }
    void islandsClient.links(s.dataset?.actors ?? [], actors, networks, mode).then((answer) => {
      if (turn !== asked) return;
      // A worker that failed draws no links, rather than a map that never settles.
      const got = answer ?? { links: { type: 'FeatureCollection', features: [], unplaced: [] }, networks: NO_NETWORKS };
      if (answer && cacheFor?.actors === actors) cache.set(mode, answer);
      arrive(got);
    });
  };

  const flush = () => {
    deferred = false;
    if (!pending) return;
    const { links, networks } = pending;
    pending = null;
    if (links !== shownLinks) {
      shownLinks = links;
      map.getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.links)?.setData(links);
    }
    // A change of filter often keeps the same networks where they were: their tiles stay.
    if (networks !== shownNetworks) {
      shownNetworks = networks;
      map
        .getSource<GeoJSONSource>(ARCHIPELAGO_SOURCE.networks)
        ?.setData(JSON.parse(networks) as GeoJSON.FeatureCollection);
    }
    emphasise();
  };

  /** Islands are drawn when they come if they are still those of the actors shown. */
  const pushIslands = () => {
    if (!enabled) return;
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
      // The same hulls as those on the map (a filter that keeps them all): no reloading of their tiles.
      if (islands === drawn) return;
      drawIslands(islands);
    });
  };

  const showLinks = (on: boolean) => {
    for (const id of [ARCHIPELAGO_LAYER.links, ARCHIPELAGO_LAYER.partnerships]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    }
  };

  // Zoomed out, links are bundled per territory; from zoom 9 each actor's own: sent again on a change of mode.
  let linkMode = linkModeForZoom(map.getZoom());
  map.on('zoomend', () => {
    const mode = linkModeForZoom(map.getZoom());
    if (mode === linkMode) return;
    linkMode = mode;
    if (pushedFor) push();
  });

  return {
    /** From now on the archipelago is computed and drawn (its layers are installed). */
    enable() {
      enabled = true;
    },
    enabled: () => enabled,
    push,
    flush,
    pushIslands,
    /** Whether the links and networks set are those of these filtered actors. */
    shows: (filtered: readonly ActorFeature[]) => !enabled || (pushedFor === filtered && pending === null && !waiting),
    showLinks,
    emphasise,
    /** After a change of style: the new, empty sources must get everything again. */
    forget() {
      drawn = null;
      shownLinks = null;
      shownNetworks = '';
      pending = null;
      pushedFor = null;
      waiting = false;
      deferred = false;
      asked++;
      enabled = false;
    },
    destroy() {
      islandsClient.destroy();
    },
  };
}
