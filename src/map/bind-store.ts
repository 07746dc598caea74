import { LAYER, NEAR_SOURCE, selectedFilter } from './layers';
import { nearData } from './install';
import { selectFiltered, selectTerritoryExtent } from '../state/selectors';
import type { Map as MaplibreMap, GeoJSONSource } from 'maplibre-gl';
import type { AppStore } from '../state/store';
import type { createArchipelagoView } from './archipelago-view';
import type { createClusterView } from './cluster-view';
import type { createFraming } from './framing';

export interface MapViews {
  clusters: ReturnType<typeof createClusterView>;
  archipelago: ReturnType<typeof createArchipelagoView>;
  framing: ReturnType<typeof createFraming>;
}

/** Sends the store's actors and selection to a freshly installed style (its sources are empty). */
export function pushActors(map: MaplibreMap, store: AppStore, { clusters }: MapViews): void {
  const s = store.getState();
  clusters.show(s.dataset?.actors ?? [], selectFiltered(s));
  map.setFilter(LAYER.selected, selectedFilter(s.selected));
}

/** Sends the archipelago (links, networks, islands) to its freshly installed layers. */
export function pushArchipelago(store: AppStore, { archipelago }: MapViews): void {
  archipelago.enable();
  archipelago.push();
  archipelago.pushIslands();
  archipelago.showLinks(store.getState().links);
}

/**
 * Store → map: filtered actors → clusters, archipelago and islands; `links=` → links shown;
 * selection → highlight, emphasis and framing; place → its point; territory → framing; the data's
 * arrival → the first framing. Returns the unsubscribers.
 */
export function bindStore(map: MaplibreMap, store: AppStore, { clusters, archipelago, framing }: MapViews) {
  let shownAll: readonly unknown[] | null = null;
  let change = 0;
  return [
    store.subscribe(selectFiltered, (filtered) => {
      const all = store.getState().dataset?.actors ?? [];
      const turn = ++change;
      // Each step in a task of its own, until a newer change comes.
      const inTasks = (steps: (() => unknown)[]) => {
        const next = () => {
          if (turn !== change) return;
          steps.shift()!();
          if (steps.length > 0) setTimeout(next, 0);
        };
        setTimeout(next, 0);
      };
      if (all !== shownAll) {
        // New data: the clusters' columns, the links and networks, and the islands' columns each
        // go in a task of their own, not in the one that set the data (together, at 100 MB, a
        // task of a second and more).
        shownAll = all;
        inTasks([() => clusters.show(all, filtered), () => archipelago.push(), archipelago.pushIslands]);
        return;
      }
      // The clusters are asked for at once; the links and networks are computed in the next task,
      // while the worker clusters (the filter's own task, with the list and the counts, stays short),
      // and set with the clusters' answer, so that one frame draws both. The islands are asked for
      // once those are drawn: their hulls (half a second of a core at 100,000 actors) would share
      // the machine with the clusters' drawing; an answer still to come for the islands of the
      // actors shown before (at 100,000, those of the load can still be on their way) is not drawn.
      archipelago.dropIslandsAnswer();
      clusters.show(all, filtered);
      inTasks([() => archipelago.push(clusters.waiting())]);
      clusters.afterDrawn(() => turn === change && archipelago.pushIslands());
    }),
    store.subscribe((s) => s.links, archipelago.showLinks),
    store.subscribe(
      (s) => s.selected,
      (selected) => {
        if (map.getLayer(LAYER.selected)) map.setFilter(LAYER.selected, selectedFilter(selected));
        archipelago.emphasise();
        framing.showSelected(selected);
      },
    ),
    store.subscribe(
      (s) => s.near,
      (near) => {
        map.getSource<GeoJSONSource>(NEAR_SOURCE)?.setData(nearData(near));
        if (near) framing.showNear(near);
      },
    ),
    store.subscribe(
      (s) => `${s.filters.territory}|${s.dataset ? (selectTerritoryExtent(s) ? 'known' : 'unknown') : 'loading'}`,
      (key, previous) => {
        // A new territory, or one whose place became known after it was chosen (a commune whose
        // département had to be read): any territory of the administrative map, a list of them, or
        // the file's own (src/state/selectors.ts).
        const [territory, known] = key.split('|');
        const [before, knownBefore] = previous.split('|');
        if (territory === before && !(knownBefore === 'unknown' && known === 'known')) return;
        const extent = selectTerritoryExtent(store.getState());
        if (extent) framing.frame(extent);
      },
    ),
    store.subscribe((s) => s.dataset, framing.frameFirst),
  ];
}
