import { CATEGORIES } from '../core/vocab';
import { abbreviate, clusterRadius } from '../geo/cluster';
import { latY, lngX, xLng, yLat } from '../geo/mercator';
import { ACTORS_SOURCE, countProperty } from './layers';
import type { GeoJSONSource, IControl, Map as MaplibreMap } from 'maplibre-gl';
import { summaryOnPage } from '../data/parts-summary';
import type { ShippedSummary } from '../data/parts-summary';
import { selectHasFilters } from '../state/selectors';
import type { AppStore } from '../state/store';
import type { Translator } from '../i18n';

/**
 * The national view before its actors come: the shipped summary's counts by département
 * (src/data/parts-summary.ts) drawn as the clusters' donuts, merged at the view's zoom with the
 * clusters' radius so that they read like them, with a note over the map saying what they are.
 * Every count is exact (the summary is drawn only when it counts every actor the page will show);
 * only where they stand differs (each département's count at its actors' mean position). The
 * actors' own clusters replace them in the same source as soon as they are there.
 */
export type SummaryView = ReturnType<typeof createSummaryView>;

/** Whether the view shows every actor of France: no filter, no selection, no deeper view of the URL. */
function showsEveryActorOfFrance(s: ReturnType<AppStore['getState']>): boolean {
  return !selectHasFilters(s) && s.selected === null && (s.map === null || s.map.zoom < 7);
}

/**
 * The summary the page reads (src/main.tsx), drawn if it can be while no actor is there, on a view
 * of France with no filter; null when it is not drawn.
 */
export async function startSummary(
  map: MaplibreMap,
  store: AppStore,
  words: () => Translator,
  alive: () => boolean,
): Promise<SummaryView | null> {
  const drawable = () => alive() && store.getState().dataset === null && showsEveryActorOfFrance(store.getState());
  if (!drawable()) return null;
  const read = await summaryOnPage();
  if (!read || !drawable()) return null;
  const view = createSummaryView(map, read, words());
  view.draw();
  return view;
}

export function createSummaryView(map: MaplibreMap, summary: ShippedSummary, t: Translator) {
  let active = true;
  const note = new SummaryNote(t('map.summaryNote'));
  // Top right, under the zoom buttons: the legend covers the left side, top to bottom.
  map.addControl(note, 'top-right');
  const draw = () => {
    if (!active) return;
    const features = summaryClusters(summary, Math.floor(map.getZoom()));
    map.getSource<GeoJSONSource>(ACTORS_SOURCE)?.setData({ type: 'FeatureCollection', features });
  };
  return {
    /** Draws the counts into the actors' source (again after a move, or a new style). */
    draw,
    /** Whether the summary is still what the actors' source shows. */
    active: () => active,
    /** The actors are there: their clusters replace the counts, the note goes. */
    end() {
      if (!active) return;
      active = false;
      map.removeControl(note);
    },
    relabel(next: Translator) {
      note.say(next('map.summaryNote'));
    },
    /** True once the counts are drawn and the map idle, false if the actors came first. */
    whenDrawn(): Promise<boolean> {
      return new Promise((resolve) => {
        const check = () => {
          if (!active) resolve(false);
          else if (map.getSource(ACTORS_SOURCE) && map.loaded() && !map.isMoving() && map.areTilesLoaded())
            resolve(true);
          else map.once('idle', () => setTimeout(check, 0));
        };
        map.once('idle', () => setTimeout(check, 0));
      });
    },
  };
}

/**
 * The summary's areas merged as the cluster worker merges actors (src/geo/cluster.ts): greedily,
 * largest first, each gathering those within the zoom's radius, at their weighted centre. The
 * features have the clusters' properties (`point_count`, the counts by category), and negative
 * ids, which no cluster of the worker has.
 */
export function summaryClusters(summary: ShippedSummary, zoom: number): GeoJSON.Feature[] {
  const r = clusterRadius(zoom) / (512 * 2 ** zoom);
  const areas = [...summary.areas].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  const xs = areas.map((a) => lngX(a.center[0]));
  const ys = areas.map((a) => latY(a.center[1]));
  const taken = new Uint8Array(areas.length);
  const features: GeoJSON.Feature[] = [];
  for (let i = 0; i < areas.length; i++) {
    if (taken[i]) continue;
    let count = 0;
    let sx = 0;
    let sy = 0;
    const counts = CATEGORIES.map(() => 0);
    for (let j = i; j < areas.length; j++) {
      if (taken[j] || Math.hypot(xs[j]! - xs[i]!, ys[j]! - ys[i]!) > r) continue;
      taken[j] = 1;
      const a = areas[j]!;
      count += a.count;
      sx += xs[j]! * a.count;
      sy += ys[j]! * a.count;
      for (let k = 0; k < counts.length; k++) counts[k]! += a.categories[k]!;
    }
    if (count === 0) continue;
    const properties: Record<string, unknown> = {
      cluster: true,
      cluster_id: -1 - features.length,
      point_count: count,
      point_count_abbreviated: abbreviate(count),
      summary: true,
    };
    for (let k = 0; k < CATEGORIES.length; k++) properties[countProperty(CATEGORIES[k]!)] = counts[k];
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [xLng(sx / count), yLat(sy / count)] },
      properties,
    });
  }
  return features;
}

/** The note over the map while the counts stand for the actors: a live region, so that it is read out. */
class SummaryNote implements IControl {
  readonly #element = document.createElement('div');

  constructor(text: string) {
    this.#element.className = 'maplibregl-ctrl archipel-summary-note';
    this.#element.setAttribute('role', 'status');
    // Styled here: the embed's first load (app.css) carries nothing of a view it never shows.
    this.#element.style.cssText =
      'background:#fff;color:#1a1a1a;padding:4px 8px;border-radius:4px;font-size:13px;max-width:22em;box-shadow:0 0 0 2px rgba(0,0,0,.1)';
    this.#element.textContent = text;
  }

  say(text: string) {
    this.#element.textContent = text;
  }

  onAdd(): HTMLElement {
    return this.#element;
  }

  onRemove(): void {
    this.#element.remove();
  }
}
