import {
  ARCHIPELAGO_LAYER,
  ARCHIPELAGO_SOURCE,
  createArchipelagoData,
  emphasisFor,
  emphasisOpacity,
  linkModeForZoom,
} from './archipelago';
import { createIslandsClient } from './islands-client';
import { setSourceData } from './frame-hold';
import {
  selectActorsById,
  selectFiltered,
  selectNetworks,
  selectNetworksById,
  selectTerritoriesById,
} from '../state/selectors';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { AppStore } from '../state/store';
import type { ActorFeature } from '../core/types';
import type { Islands } from '../geo/islands';

/**
 * The archipelago on the map: islands (hulls made in a worker), links (bundled when zoomed out)
 * and networks of the filtered actors, and the emphasis a selection gives them.
 */
export function createArchipelagoView(map: MaplibreMap, store: AppStore) {
  const archipelago = createArchipelagoData();
  let shownLinks: unknown = null;
  const islandsClient = createIslandsClient();
  let islandsFor: readonly ActorFeature[] | null = null;
  let shownIslands: Islands | null = null;
  let emphasised: { links: string[]; networks: string[] } | null = null;
  // Whether the layers' opacities are those of a selection (null: not set on these layers yet).
  let paintedSelecting: boolean | null = null;
  // Off until the actors are first drawn (see `installArchipelago`): nothing is computed or set before.
  let enabled = false;

  const drawIslands = ({ islands, labels }: Islands) => {
    void setSourceData(map, ARCHIPELAGO_SOURCE.islands, islands);
    void setSourceData(map, ARCHIPELAGO_SOURCE.islandLabels, labels);
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
    const links = archipelago.links(selectFiltered(s), selectNetworks(s), map.getZoom());
    emphasised = emphasisFor(s.selected, actor, selectNetworksById(s), links);
    for (const id of emphasised?.links ?? [])
      map.setFeatureState({ source: ARCHIPELAGO_SOURCE.links, id }, { emphasis: true });
    for (const id of emphasised?.networks ?? [])
      map.setFeatureState({ source: ARCHIPELAGO_SOURCE.networks, id }, { emphasis: true });
    const selecting = emphasised !== null;
    // Set only when it changes: each setting of a paint property costs the map a frame.
    if (selecting === paintedSelecting) return;
    paintedSelecting = selecting;
    map.setPaintProperty(ARCHIPELAGO_LAYER.links, 'line-opacity', emphasisOpacity(0.55, 0.08, selecting));
    map.setPaintProperty(ARCHIPELAGO_LAYER.partnerships, 'line-opacity', emphasisOpacity(0.55, 0.08, selecting));
    for (const id of [ARCHIPELAGO_LAYER.networks, ARCHIPELAGO_LAYER.localNetworks])
      map.setPaintProperty(id, 'icon-opacity', emphasisOpacity(1, 0.3, selecting));
  };

  // What `push` made and `flush` has not yet set: set with the clusters, so that one frame draws both.
  let pending: { links: unknown; networks: string } | null = null;
  let shownNetworks = '';
  // Which filtered actors the links and networks set (or about to be set) are of.
  let pushedFor: readonly ActorFeature[] | null = null;

  /**
   * Links and networks of the filtered actors at this zoom's link mode, computed now; set on the
   * map now, or with `defer` at the next `flush` (when the clusters of the same filter are set).
   * Nothing is set again when it has not changed.
   */
  const push = (defer = false) => {
    if (!enabled) return;
    const s = store.getState();
    const actors = selectFiltered(s);
    const networks = selectNetworks(s);
    pushedFor = actors;
    pending = {
      links: archipelago.links(actors, networks, map.getZoom()),
      networks: JSON.stringify(archipelago.networks(actors, networks)),
    };
    if (!defer) flush();
  };

  const flush = () => {
    if (!pending) return;
    const { links, networks } = pending;
    pending = null;
    if (links !== shownLinks) {
      shownLinks = links;
      void setSourceData(map, ARCHIPELAGO_SOURCE.links, links as GeoJSON.FeatureCollection);
    }
    // A change of filter often keeps the same networks where they were: their tiles stay.
    if (networks !== shownNetworks) {
      shownNetworks = networks;
      void setSourceData(map, ARCHIPELAGO_SOURCE.networks, JSON.parse(networks) as GeoJSON.FeatureCollection);
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
    void islandsClient.islands(s.dataset?.actors ?? [], filtered, selectTerritoriesById(s)).then((islands) => {
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
    /** The filter changed: an answer still to come for the islands of earlier actors is dropped. */
    dropIslandsAnswer() {
      islandsFor = null;
    },
    /** Whether the links and networks set are those of these filtered actors. */
    shows: (filtered: readonly ActorFeature[]) => !enabled || (pushedFor === filtered && pending === null),
    showLinks,
    emphasise,
    /** After a change of style: the new, empty sources must get everything again. */
    forget() {
      shownLinks = null;
      shownNetworks = '';
      pending = null;
      pushedFor = null;
      paintedSelecting = null;
      enabled = false;
    },
    destroy() {
      islandsClient.destroy();
    },
  };
}
