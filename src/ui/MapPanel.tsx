import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES } from '../core/vocab';
import { selectActorsById, selectCounts } from '../state/selectors';
import { CategoryBadge } from './CategoryBadge';
import { useActions, useAppState, useStore, useT } from './hooks';
import type { MountedMap } from '../map/mount';
import type { MessageKey } from '../i18n';

declare global {
  interface Window {
    /** The mounted map, for the browser tests and the benchmark only. */
    __archipelMap?: MountedMap;
  }
}

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
  const [styleFallback, setStyleFallback] = useState(false);
  const [mapError, setMapError] = useState<string | null>(null);

  useEffect(() => {
    if (!ready || !container.current) return;
    let cancelled = false;
    const el = container.current;
    import('../map/mount')
      .then(({ mountMap }) =>
        mountMap(el, store, t, store.getState().config!, {
          onClusterMembers: (ids) => store.getState().showClusterMembers(ids),
          onStyleFallback: () => setStyleFallback(true),
          framePadding: () => framePadding(el),
          coveredRight: () => document.querySelector<HTMLElement>('.detail')?.offsetWidth ?? DETAIL_WIDTH_ESTIMATE,
        }),
      )
      .then((m) => {
        if (cancelled) return m.destroy();
        mounted.current = m;
        window.__archipelMap = m;
      })
      .catch((error: unknown) => setMapError(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      mounted.current?.destroy();
      mounted.current = null;
      delete window.__archipelMap;
    };
    // The map is made once per language (its controls are labelled at creation).
  }, [ready, store, t]);

  useEffect(() => {
    if (!hidden) mounted.current?.map.resize();
  }, [hidden]);

  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    import('./FilePreview')
      .then(({ previewFile }) => previewFile(store, file, t))
      .catch((error: unknown) => store.getState().setStatus({ phase: 'error', message: String(error) }));
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the file picker of the panel is the keyboard's way.
    <div
      class={dragging ? 'map-panel is-dropping' : 'map-panel'}
      hidden={hidden}
      onDragOver={(e) => {
        if (e.dataTransfer?.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {dragging && <p class="drop-hint">{t('preview.drop')}</p>}
      <div class="map" ref={container} />
      {legend && <Legend />}
      <ClusterMembers />
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

/** The category legend is the category filter: pressing a colour toggles it. */
function Legend() {
  const t = useT();
  const selected = useAppState((s) => s.filters.categories);
  const counts = useAppState(selectCounts).category;
  const { toggleOption } = useActions();
  // Open where there is room for it; on small maps and in embeds it starts folded.
  const embed = useAppState((s) => s.embed);
  const [open, setOpen] = useState(() => !embed && window.innerWidth >= 900 && window.innerHeight >= 600);
  return (
    <section class={open ? 'legend' : 'legend is-closed'} aria-labelledby="legend-title">
      <h2 class="legend-title" id="legend-title">
        <button type="button" class="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('legend.title')}
        </button>
      </h2>
      {open && (
        <ul>
          {CATEGORIES.map((category) => (
            <li key={category}>
              <button
                type="button"
                class="legend-item"
                aria-pressed={selected.includes(category)}
                onClick={() => toggleOption('category', category)}
              >
                <CategoryBadge category={category} />
                <span title={t(`category.${category}` as MessageKey)}>
                  {t(`category.short.${category}` as MessageKey)}
                </span>
                <span class="option-count">{t.number(counts[category])}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && <p class="legend-hint">{t('legend.hint')}</p>}
    </section>
  );
}

/** Actors at one spot that zooming cannot split. */
function ClusterMembers() {
  const t = useT();
  const ids = useAppState((s) => s.clusterMembers);
  const actors = useAppState(selectActorsById);
  const { select, showClusterMembers } = useActions();
  if (!ids) return null;
  return (
    <section class="cluster-members" aria-labelledby="cluster-members-title">
      <h2 id="cluster-members-title">{t.plural('cluster.members', ids.length)}</h2>
      <button type="button" class="close" aria-label={t('cluster.close')} onClick={() => showClusterMembers(null)}>
        ×
      </button>
      <ul class="links">
        {ids.map((id) => (
          <li key={id}>
            <button
              type="button"
              class="link"
              onClick={() => {
                showClusterMembers(null);
                select(id);
              }}
            >
              {actors.get(id)?.properties.name ?? id}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
