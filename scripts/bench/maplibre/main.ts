/**
 * Baseline (a): MapLibre's own cluster recipe (the "Create and style clusters" example): a GeoJSON
 * source with `cluster: true`, a circle layer for clusters, a symbol layer for their counts and a
 * circle layer for single points. Like Archipel's donuts, the source counts each category per
 * cluster (`clusterProperties`, ten of them); clusterRadius and clusterMaxZoom are Archipel's
 * (48, 14), so both cluster the same way. Filtering: `setData` of the `Array.filter`ed features.
 * Same plain background style as the one Archipel gets in the benchmark: no basemap.
 */
import { Map as MaplibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ExpressionSpecification, GeoJSONSource } from 'maplibre-gl';
import { CATEGORIES } from '../../../src/core/vocab';
import { CATEGORY_COLOURS, boundsOf, startBaseline } from '../common';
import type { BaselineMap } from '../common';
import '../common.css';

setWorkerUrl(workerUrl);

const styleUrl = new URL(new URLSearchParams(location.search).get('style') ?? '/bench-plain-style.json', location.href)
  .href;

void startBaseline('MapLibre, recette des clusters', async (container, features): Promise<BaselineMap> => {
  const map = new MaplibreMap({
    container,
    style: styleUrl,
    bounds: boundsOf(features),
    fitBoundsOptions: { padding: 60, maxZoom: 15 },
    maxZoom: 19,
  });
  const clusterProperties: Record<string, ExpressionSpecification> = {};
  for (const c of CATEGORIES)
    clusterProperties[`n_${c}`] = [
      '+',
      ['case', ['==', ['get', 'category'], c], 1, 0],
    ] as unknown as ExpressionSpecification;
  const colour = [
    'match',
    ['get', 'category'],
    ...CATEGORIES.flatMap((c) => [c, CATEGORY_COLOURS[c]]),
    '#888888',
  ] as unknown as ExpressionSpecification;

  let settled = true;
  map.on('idle', () => {
    settled = true;
  });
  let renders = 0;
  map.on('render', () => renders++);
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  settled = false;
  map.addSource('actors', {
    type: 'geojson',
    data: { type: 'FeatureCollection', features },
    cluster: true,
    clusterRadius: 48,
    clusterMaxZoom: 14,
    clusterProperties,
  });
  map.addLayer({
    id: 'clusters',
    type: 'circle',
    source: 'actors',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': ['step', ['get', 'point_count'], '#51bbd6', 100, '#f1f075', 750, '#f28cb1'],
      'circle-radius': ['step', ['get', 'point_count'], 20, 100, 30, 750, 40],
    },
  });
  map.addLayer({
    id: 'cluster-count',
    type: 'symbol',
    source: 'actors',
    filter: ['has', 'point_count'],
    layout: { 'text-field': '{point_count_abbreviated}', 'text-size': 12 },
  });
  map.addLayer({
    id: 'unclustered-point',
    type: 'circle',
    source: 'actors',
    filter: ['!', ['has', 'point_count']],
    paint: { 'circle-color': colour, 'circle-radius': 6, 'circle-stroke-width': 1, 'circle-stroke-color': '#fff' },
  });

  return {
    renders: () => renders,
    show(shown) {
      settled = false;
      map.getSource<GeoJSONSource>('actors')!.setData({ type: 'FeatureCollection', features: shown });
    },
    idle: () =>
      new Promise<void>((resolve) => {
        if (settled && map.loaded() && !map.isMoving() && map.areTilesLoaded()) return resolve();
        const wait = () => (settled ? resolve() : map.once('idle', wait));
        map.once('idle', wait);
      }),
    renderedCount() {
      const seen = new Set<string>();
      let total = 0;
      for (const f of map.queryRenderedFeatures({ layers: ['clusters', 'unclustered-point'] })) {
        const key = f.properties.cluster_id !== undefined ? `c${f.properties.cluster_id}` : `a${f.properties.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        total += (f.properties.point_count as number | undefined) ?? 1;
      }
      return total;
    },
  };
});
