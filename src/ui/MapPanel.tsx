import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useAppState, useStore, useT } from './hooks';
import { Legend } from './Legend';
import { ClusterMembers } from './lazy-parts';
import { useFileDrop } from './file-drop';
import { exposeMap, forgetMap, mapStarted, mapStarting } from './map-handle';
import type { MountedMap } from '../map/mount';

/**
 * The map, created once in an effect and destroyed in its cleanup; the
 * maplibre code is loaded on demand so the first screen stays light.
 */
export function MapPanel({ hidden, legend = true }: { hidden: boolean; legend?: boolean }) {
  const t = useT();
  const store = useStore();
  const container = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedMap | null>(null);
  // The map is made as soon as the configuration is read: its code, style and shaders load
  // while the data does, and the actors are drawn when they come.
  const ready = useAppState((s) => s.config !== null);
  const clusterOpen = useAppState((s) => s.clusterMembers !== null);
  const [styleFallback, setStyleFallback] = useState(false);
  const [mapError, setMapError] = useState<string | null>(null);
  // The language's words, for a map made after a switch; a switch relabels the map in place.
  const words = useRef(t);
  words.current = t;

  // A layout effect: the map is asked for as soon as the panel is in the page, not after the next
  // paint, which a long task (the census being read) could hold back by a second.
  useLayoutEffect(() => {
    if (!ready || !container.current) return;
    let cancelled = false;
    const el = container.current;
    // A shown map is made before the shipped data is read (src/main.tsx); a hidden one (the list) is not waited for.
    if (!hidden) mapStarting();
    import('../map/mount')
      .then(({ mountMap }) =>
        mountMap(el, store, words.current, store.getState().config!, {
          onClusterMembers: (ids) => store.getState().showClusterMembers(ids),
          onStyleFallback: () => setStyleFallback(true),
          framePadding: () => framePadding(el),
          coveredRight: () => document.querySelector<HTMLElement>('.detail')?.offsetWidth ?? DETAIL_WIDTH_ESTIMATE,
        }),
      )
      .then((m) => {
        mapStarted();
        if (cancelled) return m.destroy();
        mounted.current = m;
        m.relabel(words.current);
        exposeMap(m);
      })
      .catch((error: unknown) => {
        mapStarted();
        setMapError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      mounted.current?.destroy();
      mounted.current = null;
      forgetMap();
    };
    // Made once: a change of language relabels it (below) instead of making it again.
  }, [ready, store]);

  useEffect(() => {
    mounted.current?.relabel(t);
  }, [t]);

  useEffect(() => {
    if (!hidden) mounted.current?.map.resize();
  }, [hidden]);

  const { dragging, ...drop } = useFileDrop(store, t);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the file picker of the panel is the keyboard's way.
    <div
      class={dragging ? 'map-panel is-dropping' : 'map-panel'}
      hidden={hidden}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
    >
      {dragging && <p class="drop-hint">{t('preview.drop')}</p>}
      <div class="map" ref={container} />
      {legend && <Legend />}
      {clusterOpen && <ClusterMembers />}
      {styleFallback && <p class="map-note">{t('map.styleFallback')}</p>}
      {mapError && (
        <p class="map-note map-error" role="alert">
          {t('map.error', { detail: mapError })}
        </p>
      )}
    </div>
  );
}

/** The detail panel's width when it is not drawn yet (it opens as the map moves). */
const DETAIL_WIDTH_ESTIMATE = 416;

/** Room around framed places: the legend covers the map's top-left corner when open. */
function framePadding(map: HTMLElement) {
  const legend = map.parentElement?.querySelector<HTMLElement>('.legend');
  const fits = legend && legend.offsetWidth < map.clientWidth / 2;
  return { top: 60, bottom: 60, right: 70, left: fits ? legend.offsetWidth + 40 : 60 };
}
