/**
 * Baseline (b): Leaflet + Leaflet.markercluster, as uMap and GoGoCarto use them: one marker per
 * actor (a `divIcon` per category), made once, in a `markerClusterGroup` with `chunkedLoading`;
 * filtering by `clearLayers` then `addLayers` of the kept markers. Default cluster icons (a count,
 * no per-category split). No tile layer: the same plain background as the other two pages.
 */
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { CATEGORIES } from '../../../src/core/vocab';
import type { Category } from '../../../src/core/vocab';
import { CATEGORY_COLOURS, boundsOf, startBaseline } from '../common';
import type { BaselineMap } from '../common';
import '../common.css';

void startBaseline('Leaflet + Leaflet.markercluster', async (container, features): Promise<BaselineMap> => {
  const map = L.map(container, { maxZoom: 19 });
  const [[w, s], [e, n]] = boundsOf(features);
  map.fitBounds(
    [
      [s, w],
      [n, e],
    ],
    { padding: [60, 60] },
  );
  const icons = Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      L.divIcon({
        className: 'bench-marker',
        html: `<span style="display:block;width:14px;height:14px;border-radius:50%;background:${CATEGORY_COLOURS[c]}"></span>`,
        iconSize: [18, 18],
      }),
    ]),
  ) as Record<Category, L.DivIcon>;
  const markerOf = new Map(
    features.map((f) => [
      f,
      L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
        icon: icons[f.properties.category],
        title: f.properties.name,
      }),
    ]),
  );

  // `idle` waits for the last chunk of the last `addLayers`, then for the frame that shows it.
  let done: Promise<void> = Promise.resolve();
  let finish: (() => void) | null = null;
  const group = L.markerClusterGroup({
    chunkedLoading: true,
    chunkProgress: (processed: number, total: number) => {
      if (processed === total && finish) {
        const resolve = finish;
        finish = null;
        // The rest of that last chunk (adding clusters to the map) runs in the same task.
        setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), 0);
      }
    },
  });
  map.addLayer(group);
  const add = (markers: L.Marker[]) => {
    done = markers.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => (finish = resolve));
    group.addLayers(markers);
  };
  add([...markerOf.values()]);

  return {
    show(shown) {
      group.clearLayers();
      add(shown.map((f) => markerOf.get(f)!));
    },
    idle: () => done,
    renderedCount() {
      // The layers on the map at this zoom: clusters and single markers.
      const shownLayers = (group as unknown as { _featureGroup: L.FeatureGroup })._featureGroup.getLayers();
      const view = map.getBounds();
      let total = 0;
      for (const layer of shownLayers) {
        const cluster = layer as L.MarkerCluster;
        if (!view.contains(cluster.getLatLng())) continue;
        total += typeof cluster.getChildCount === 'function' ? cluster.getChildCount() : 1;
      }
      return total;
    },
  };
});
