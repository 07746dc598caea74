import { CLUSTER_OPTIONS } from '../geo/cluster';
import { ACTORS_SOURCE } from './layers';
import { setSourceData } from './frame-hold';
import type { Map as MaplibreMap, GeoJSONSource } from 'maplibre-gl';
import type { ActorFeature } from '../core/types';
import type { Bbox } from '../geo/cluster';
import type { createClusterClient } from './cluster-client';

/** The deepest zoom with clusters: beyond it every actor shows alone. */
export const CLUSTER_DEEPEST = CLUSTER_OPTIONS.maxZoom;

export type ClusterClient = ReturnType<typeof createClusterClient>;

/**
 * The actors' source, filled with the clusters of the view that the worker makes (geo/cluster.ts).
 * It keeps what the last answer covers (its integer zoom and a box larger than the view), so that
 * panning and deeper zooms need no new request, and tells when the last answer is on screen.
 */
export function createClusterView(
  map: MaplibreMap,
  clusters: ClusterClient,
  /** Called just before the clusters are set: what else changed with them is set in the same task, drawn in the same frame. */
  beforeDraw: () => void = () => {},
) {
  let shown: readonly ActorFeature[] | null = null;
  let covered: { zoom: number; bbox: Bbox } | null = null;
  let inFlight = 0;
  // Requests whose answer has not come yet: the answer that leaves none calls `beforeDraw` (an
  // answer that came is still in flight while MapLibre's worker takes its data).
  let unanswered = 0;
  // Settled once the clusters of the last request are on screen (see refresh).
  let settled = true;
  // What waits for them to be on screen (`afterDrawn`).
  let afterDrawnTasks: (() => void)[] = [];
  const drawn = () => {
    settled = true;
    const tasks = afterDrawnTasks;
    afterDrawnTasks = [];
    for (const task of tasks) task();
  };

  const refresh = () => {
    // Beyond the deepest clustered zoom every actor shows alone: one answer serves all deeper zooms.
    const zoom = Math.min(Math.floor(map.getZoom()), CLUSTER_DEEPEST + 1);
    const b = map.getBounds();
    const view: Bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    if (covered && covered.zoom === zoom && contains(covered.bbox, view)) return;
    // Half a view of margin each way: panning shows clusters at once, with no new request.
    const dx = (view[2] - view[0]) / 2;
    const dy = (view[3] - view[1]) / 2;
    const bbox: Bbox = [
      Math.max(-180, view[0] - dx),
      Math.max(-85, view[1] - dy),
      Math.min(180, view[2] + dx),
      Math.min(85, view[3] + dy),
    ];
    inFlight++;
    unanswered++;
    settled = false;
    clusters.view(zoom, bbox).then(async (features) => {
      unanswered--;
      const source = map.getSource<GeoJSONSource>(ACTORS_SOURCE);
      // An answer, or the last one (a failed worker's none): what waits to be drawn with it goes now.
      if (features || unanswered === 0) beforeDraw();
      if (features && source) {
        covered = { zoom, bbox };
        // Resolves once MapLibre's worker has the new data; drawn in the frame that shows it.
        await setSourceData(map, ACTORS_SOURCE, { type: 'FeatureCollection', features: features as GeoJSON.Feature[] });
      }
      inFlight--;
      if (inFlight > 0) return;
      // The next idle draws what the last answer set.
      map.once('idle', () => {
        if (inFlight === 0) drawn();
      });
      map.triggerRepaint();
    });
  };

  return {
    /** Shows these filtered actors (of all those loaded); false when there was nothing to do (already shown, or no source yet). */
    show(all: readonly ActorFeature[], filtered: readonly ActorFeature[]): boolean {
      if (!map.getSource(ACTORS_SOURCE) || filtered === shown) return false;
      shown = filtered;
      clusters.setActors(all);
      clusters.setFiltered(filtered);
      covered = null;
      refresh();
      return true;
    },
    /** Asks for the clusters of the view when the last answer does not cover it. */
    refresh,
    /** After a change of style: the new, empty source must get everything again. */
    forget() {
      shown = null;
    },
    /** Whether these actors are the ones last sent to the worker. */
    shows: (filtered: readonly ActorFeature[]) => shown === filtered,
    /** Whether the clusters of the last request are on screen. */
    settled: () => settled,
    /** Runs `task` once the clusters of the last request are on screen and the map idle (in a task of its own if they are). */
    afterDrawn(task: () => void) {
      if (settled) setTimeout(task, 0);
      else afterDrawnTasks.push(task);
    },
    /** Whether an answer of the worker is still to come (it calls `beforeDraw` when it does). */
    waiting: () => unanswered > 0,
  };
}

function contains(outer: Bbox, inner: Bbox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}
