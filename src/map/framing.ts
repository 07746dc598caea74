import { CLUSTER_DEEPEST } from './cluster-view';
import { mainBounds } from '../geo/bounds';
import { selectActorsById, selectFiltered, selectTerritoryExtent } from '../state/selectors';
import type { Map as MaplibreMap, LngLatBoundsLike } from 'maplibre-gl';
import type { AppStore } from '../state/store';
import type { ActorFeature, LonLat } from '../core/types';
import type { MapCallbacks } from './mount';

const FRANCE_BOUNDS: LngLatBoundsLike = [
  [-5.5, 42.2],
  [8.5, 51.2],
];

type Padding = { top: number; bottom: number; left: number; right: number };

/**
 * Every move of the camera the app makes: the first framing, a territory, a selected actor, a place,
 * a cluster opened. It knows whether the user has moved the map (then the first framing leaves it be
 * and the URL gets `map=`).
 */
export function createFraming(map: MaplibreMap, store: AppStore, callbacks: MapCallbacks) {
  // The URL's view is the first framing when there is one.
  let framed = store.getState().map !== null;
  // The first framing is not a user's move: the URL gets `map=` only once they move.
  let userMoved = false;
  let selectedFromMap: string | null = null;
  map.on('movestart', (event) => {
    if ((event as { originalEvent?: Event }).originalEvent) userMoved = true;
  });

  const padding = (): Padding => callbacks.framePadding?.() ?? { top: 60, bottom: 60, left: 60, right: 60 };
  const coveredRight = () => callbacks.coveredRight?.() ?? 0;

  /** Shows the actor unclustered, clear of the detail panel that opens over the map's right side. */
  const frameActor = (coordinates: LonLat) => {
    const zoom = Math.max(map.getZoom(), CLUSTER_DEEPEST + 1);
    const right = Math.min(coveredRight(), map.getContainer().clientWidth / 2);
    map.easeTo({
      center: coordinates,
      zoom,
      padding: { top: 0, bottom: 0, left: 0, right },
      duration: reducedMotion() ? 0 : 600,
    });
  };
  const coveredByPanel = (coordinates: LonLat) => {
    const x = map.project(coordinates).x;
    return x > map.getContainer().clientWidth - coveredRight() - 20;
  };

  return {
    /** Fits a territory's box. */
    frame(bbox: [number, number, number, number]) {
      map.fitBounds(
        [
          [bbox[0], bbox[1]],
          [bbox[2], bbox[3]],
        ],
        { padding: padding(), duration: reducedMotion() ? 0 : 600, maxZoom: 15 },
      );
    },
    /** The user picked this actor on the map: it is already in view unless the panel covers it. */
    selectedOnMap(id: string) {
      selectedFromMap = id;
    },
    /** Brings the selected actor into view, unless it was picked on the map and is not covered. */
    showSelected(selected: string | null) {
      const actor = selected ? selectActorsById(store.getState()).get(selected) : undefined;
      if (actor && (selectedFromMap !== selected || coveredByPanel(actor.geometry.coordinates)))
        frameActor(actor.geometry.coordinates);
      selectedFromMap = null;
    },
    /** Goes to a place typed or the user's position. */
    showNear(near: { lat: number; lon: number }) {
      map.easeTo({
        center: [near.lon, near.lat],
        zoom: Math.max(map.getZoom(), 12),
        duration: reducedMotion() ? 0 : 600,
      });
    },
    /** Zooms into a cluster until it splits. */
    expand(center: LonLat, zoom: number) {
      map.easeTo({ center, zoom, duration: reducedMotion() ? 0 : 500 });
    },
    /**
     * The first framing: the URL's view, else its selected actor, its place, its territory or all
     * the actors. The map is made while the data loads: a place is shown at once, the rest once
     * the data is there (unless the user has moved the map meanwhile).
     */
    frameFirst() {
      const s = store.getState();
      if (framed) return;
      const near = s.near;
      if (!s.dataset) {
        if (near && !userMoved) map.jumpTo({ center: [near.lon, near.lat], zoom: 12 });
        return;
      }
      framed = true;
      if (userMoved) return;
      const territory = selectTerritoryExtent(s);
      const selectedActor = s.selected ? selectActorsById(s).get(s.selected) : undefined;
      if (selectedActor) map.jumpTo({ center: selectedActor.geometry.coordinates, zoom: 16 });
      else if (near) map.jumpTo({ center: [near.lon, near.lat], zoom: 12 });
      // A territory alone: its box (Finistère shows Finistère, not only the places it has).
      else if (territory && !narrowedBeyondTerritory(s)) map.jumpTo(cameraFor(map, territory, padding()));
      // Other filters: the actors they keep, not the territory's whole box: an embed of 13 places
      // opens on those 13 (issue 18).
      else if (selectFiltered(s).length > 0)
        map.fitBounds(dataBounds(selectFiltered(s))!, { padding: padding(), duration: 0, maxZoom: 15 });
      else if (territory) map.jumpTo(cameraFor(map, territory, padding()));
      else
        map.fitBounds(dataBounds(s.dataset.actors) ?? FRANCE_BOUNDS, { padding: padding(), duration: 0, maxZoom: 15 });
    },
    /** Whether the first framing is done. */
    framed: () => framed,
    /** Whether the user has moved the map themselves. */
    userMoved: () => userMoved,
  };
}

/** Whether something besides `territory=` narrows the actors: facets, text, need, opening, radius. */
function narrowedBeyondTerritory(s: ReturnType<AppStore['getState']>): boolean {
  const f = s.filters;
  return (
    f.categories.length + f.roles.length + f.themes.length > 0 ||
    f.q.trim() !== '' ||
    s.need !== null ||
    s.open !== null ||
    (s.near !== null && s.radius !== null)
  );
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function cameraFor(map: MaplibreMap, bbox: [number, number, number, number], padding: Padding) {
  const camera = map.cameraForBounds(
    [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ],
    { padding, maxZoom: 15 },
  );
  return camera ?? { center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] as LonLat, zoom: 10 };
}

/** The box of the actors, or of most of them when a few lie far away (the overseas départements), or null for none. */
function dataBounds(actors: readonly ActorFeature[]): LngLatBoundsLike | null {
  const box = mainBounds(actors.map((a) => a.geometry.coordinates));
  return (
    box && [
      [box[0], box[1]],
      [box[2], box[3]],
    ]
  );
}
