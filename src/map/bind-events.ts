import { LAYER } from './layers';
import { ARCHIPELAGO_LAYER } from './archipelago';
import { CLUSTER_DEEPEST } from './cluster-view';
import type { Map as MaplibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { AppStore } from '../state/store';
import type { LonLat } from '../core/types';
import type { ClusterClient } from './cluster-view';
import type { createFraming } from './framing';
import type { MapCallbacks } from './mount';

/**
 * Map → store: a click on an actor or a network selects it, a click on a cluster zooms into it (or
 * lists its members when zooming cannot split it), the user's moves write `map=` in the URL.
 */
export function bindEvents(
  map: MaplibreMap,
  store: AppStore,
  clusters: ClusterClient,
  framing: ReturnType<typeof createFraming>,
  callbacks: MapCallbacks,
): void {
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
      framing.expand(center, expansion + 0.01);
    }
  });
  map.on('click', LAYER.actors, (event) => {
    const id = (event.features?.[0] as MapGeoJSONFeature | undefined)?.properties.id;
    if (typeof id === 'string') {
      framing.selectedOnMap(id);
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
  map.on('moveend', () => {
    if (!framing.userMoved() && !store.getState().map) return;
    const c = map.getCenter();
    store.getState().setMapView({ zoom: map.getZoom(), lat: c.lat, lon: c.lng });
  });
}
