import { Marker, prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { createMap, imageRatio } from './create';
import { BASEMAP_LAYER } from './basemap';
import { MAP_FONT_STACK, loadMapFonts } from './fonts';
import { installActors, installArchipelago, redrawMarkers } from './install';
import { createClusterClient } from './cluster-client';
import { createClusterView } from './cluster-view';
import { createArchipelagoView } from './archipelago-view';
import { createFraming } from './framing';
import { bindStore, pushActors, pushArchipelago } from './bind-store';
import { bindEvents } from './bind-events';
import { selectFiltered } from '../state/selectors';
import { ACTORS_SOURCE } from './layers';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { AppStore } from '../state/store';
import type { AppConfig } from '../state/config';
import type { Translator } from '../i18n';

setWorkerUrl(workerUrl);
// MapLibre's worker is made with the map's style, after its WebGL context (a task of 0.3 s and more
// with software WebGL): made now, its script is fetched and read meanwhile. Kept for a map made
// again (the list view and back).
prewarm();

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
  /** Puts the map's words in the language of `t`, in place (the map stays drawn). */
  relabel(t: Translator): void;
  /** Resolves when the map has drawn everything shown (actors and archipelago) and is idle. */
  drawn(): Promise<void>;
  /**
   * For tests and the benchmark: {@link drawn}, once nothing more is coming for the data shown (a
   * file from elsewhere drawn before its check is checked, and drawn again).
   */
  idle(): Promise<void>;
  /**
   * For the benchmark: resolves when the map has drawn every actor (in clusters or alone) and is
   * idle; the archipelago (links, networks, islands) is added after that first idle.
   */
  actorsIdle(): Promise<void>;
  map: MaplibreMap;
}

/**
 * Creates the map in `container` and binds it to the store both ways. It only composes the parts:
 * the map itself (`create.ts`), our sources and layers (`install.ts`, again after a change of style),
 * the cluster view cache (`cluster-view.ts`), the archipelago (`archipelago-view.ts`), the camera
 * (`framing.ts`), store → map (`bind-store.ts`) and map → store (`bind-events.ts`).
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
  // The cluster worker too is started before the map's WebGL context is made.
  const clusterClient = createClusterClient();
  let map: MaplibreMap;
  try {
    map = await createMap(container, store, t, config, callbacks);
  } catch (error) {
    clusterClient.destroy();
    throw error;
  }
  let words = t;
  const ratio = imageRatio();
  const archipelago = createArchipelagoView(map, store);
  // Links and networks of a new filter are set with its clusters, in one task, drawn in one frame.
  const clusters = createClusterView(map, clusterClient, () => archipelago.flush());
  map.on('moveend', clusters.refresh);
  const framing = createFraming(map, store, callbacks);
  const views = { clusters, archipelago, framing };

  // The first frame draws the actors alone: the archipelago's layers, images and shaders come
  // once they are drawn (docs/benchmark.md), and with every later style.
  let actorsDrawnOnce = false;
  const actorsDrawn = () => {
    const s = store.getState();
    return (
      s.dataset !== null &&
      framing.framed() &&
      clusters.shows(selectFiltered(s)) &&
      clusters.settled() &&
      map.loaded() &&
      !map.isMoving() &&
      map.areTilesLoaded()
    );
  };
  const addArchipelago = () => {
    if (!alive || archipelago.enabled() || !map.getSource(ACTORS_SOURCE)) return;
    installArchipelago(map, ratio);
    pushArchipelago(store, views);
  };
  // Checked when the map goes idle (after its other idle handlers: the clusters' own says when they
  // are settled), and polled, as an idle map fires no further event.
  let firstDrawTimer = 0;
  /** The checks of `whenDrawn` still waiting: run at the first draw, before the archipelago is added. */
  const drawnChecks = new Set<() => boolean>();
  const watchFirstDraw = () => {
    window.clearTimeout(firstDrawTimer);
    if (actorsDrawnOnce) return;
    if (!actorsDrawn()) {
      firstDrawTimer = window.setTimeout(watchFirstDraw, 50);
      return;
    }
    actorsDrawnOnce = true;
    map.off('idle', onIdleFirst);
    // Whoever waits for the actors hears it now, then the archipelago comes in a task of its own:
    // its links and hulls (a second or more at national scale) neither delay nor blur that moment.
    for (const check of drawnChecks) check();
    window.setTimeout(addArchipelago, 0);
  };
  const onIdleFirst = () => {
    window.clearTimeout(firstDrawTimer);
    firstDrawTimer = window.setTimeout(watchFirstDraw, 0);
  };
  map.on('idle', onIdleFirst);
  watchFirstDraw();

  // The markers' letters are drawn with the map's font: those drawn before it loaded are drawn again
  // (none yet if the style is still loading: `installActors` then draws them with the font).
  void loadMapFonts().then(() => {
    if (alive) redrawMarkers(map, ratio, (category) => words(`category.letter.${category}`));
  });
  map.on('style.load', () => {
    // A new style has new, empty sources: everything is sent again.
    clusters.forget();
    archipelago.forget();
    installActors(map, ratio, store.getState().near, (category) => words(`category.letter.${category}`));
    pushActors(map, store, views);
    if (actorsDrawnOnce) addArchipelago();
    // The embedded basemap that replaced a failed online style was made in the first language.
    if (words !== t) {
      const current = words;
      void import('./relabel').then(({ relabelMap }) => relabelMap(map, current, ratio));
    }
  });
  const unsubscribers = bindStore(map, store, views);
  // The proposal form's pin: its code is fetched when the form first opens (an embed never does).
  let alive = true;
  let unbindPick: (() => void) | null = null;
  const pickOnDemand = () => {
    if (unbindPick || !store.getState().suggest) return;
    unbindPick = () => {};
    void import('./pick').then((m) => {
      if (alive) unbindPick = m.bindPicking(map, store, Marker);
    });
  };
  unsubscribers.push(store.subscribe(pickOnDemand), () => {
    alive = false;
    unbindPick?.();
  });
  pickOnDemand();
  bindEvents(map, store, clusterClient, framing, callbacks);
  framing.frameFirst();

  // Streets from an online service, if the deployment configures one: their code and their first
  // request come once the map has drawn everything, so they never delay it.
  if (config.streetBasemap && !config.styleUrl) {
    const street = config.streetBasemap;
    void whenDrawn(true)
      .then(() => import('./street-basemap'))
      .then(
        ({ addStreetBasemap }) =>
          alive && unsubscribers.push(addStreetBasemap(map, street, BASEMAP_LAYER.placeLabels, MAP_FONT_STACK)),
      )
      // Its code could not be fetched (the network went meanwhile): the embedded basemap stays.
      .catch(() => {});
  }

  return {
    map,
    relabel(next) {
      if (next === words) return;
      words = next;
      // Its code comes with the first switch: an embed's first load does without it.
      void import('./relabel').then(({ relabelMap }) => words === next && relabelMap(map, next, ratio));
    },
    destroy() {
      window.clearTimeout(firstDrawTimer);
      drawnChecks.clear();
      for (const off of unsubscribers) off();
      clusterClient.destroy();
      archipelago.destroy();
      map.remove();
    },
    drawn: () => whenDrawn(true),
    idle: () => whenSettled(),
    actorsIdle: () => whenDrawn(false),
  };

  /** Resolves once everything is drawn and no check of the data shown is running (see `idle`). */
  async function whenSettled(): Promise<void> {
    await whenDrawn(true);
    while (store.getState().checkingPlaces) {
      await new Promise<void>((resolve) => {
        const off = store.subscribe((s) => {
          if (s.checkingPlaces) return;
          off();
          resolve();
        });
      });
      await whenDrawn(true);
    }
  }

  /** Resolves once the actors (and, with `archipelagoToo`, the links and networks) are drawn and the map idle. */
  function whenDrawn(archipelagoToo: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      let done = false;
      const check = (): boolean => {
        if (done) return true;
        const s = store.getState();
        // Nothing more will come when the data failed to load.
        const over = s.status.phase === 'error' || s.status.phase === 'cancelled';
        const drawn =
          actorsDrawn() &&
          (!archipelagoToo || (archipelago.enabled() && archipelago.shows(selectFiltered(s)) && map.loaded()));
        if (drawn || (over && clusters.settled() && map.loaded() && !map.isMoving() && map.areTilesLoaded())) {
          done = true;
          drawnChecks.delete(check);
          map.off('idle', onIdle);
          resolve();
        }
        return done;
      };
      drawnChecks.add(check);
      // Checked when the map goes idle (after its other idle handlers), and polled: an idle map fires no further event.
      const onIdle = () => setTimeout(check, 0);
      const poll = () => {
        if (!check()) setTimeout(poll, 50);
      };
      map.on('idle', onIdle);
      poll();
    });
  }
}
