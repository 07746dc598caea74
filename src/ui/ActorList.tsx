import { useMemo, useState } from 'preact/hooks';
import { selectFiltered, selectNearestIndex } from '../state/selectors';
import { firstK } from '../data/first';
import { formatDistance } from '../data/format';
import { haversineKm } from '../geo/distance';
import { CategoryBadge } from './CategoryBadge';
import { useActions, useAppState, useT } from './hooks';
import type { ActorFeature } from '../core/types';
import type { MessageKey } from '../i18n';
import type { HoursEvaluator } from '../state/store';
import { lazyComponent } from './lazy';

// Drawn only when nothing passes: its code (the explanation's selections) is fetched then.
const EmptyAnswer = lazyComponent(() => import('./EmptyAnswer').then((m) => m.EmptyAnswer));

const PAGE = 100;

/**
 * The filtered actors as a list: a complete alternative to the map. Each name
 * is a button that opens the same detail panel as a click on the map. With a
 * point (`near=`), nearest first with the distance, through the spatial index.
 *
 * @param compact - the short form under the filters, beside the map
 */
export function ActorList({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const actors = useAppState(selectFiltered);
  const index = useAppState(selectNearestIndex);
  const lang = useAppState((s) => s.activeLang);
  const collator = useMemo(() => new Intl.Collator(lang, { sensitivity: 'base', numeric: true }), [lang]);
  const near = useAppState((s) => s.near);
  const selected = useAppState((s) => s.selected);
  const hours = useAppState((s) => s.hours);
  const now = useAppState((s) => s.now);
  const showUnknown = useAppState((s) => s.open !== null && s.unknownHours);
  // While the data loads, an empty list is not an answer yet: nothing to explain.
  const loaded = useAppState((s) => s.dataset !== null);
  const { select, setView } = useActions();
  const [limit, setLimit] = useState(PAGE);
  const [sort, setSort] = useState<'distance' | 'name'>('distance');
  const byDistance = near !== null && sort === 'distance';
  const rows = useMemo((): { actor: ActorFeature; km?: number }[] => {
    if (byDistance) {
      const shown = new Set(actors);
      return index.nearest(near.lat, near.lon, limit, Infinity, (a) => shown.has(a));
    }
    // The first `limit` shown actors in name order, without sorting them all.
    return firstK(actors, limit, (a, b) => collator.compare(a.properties.name, b.properties.name)).map((actor) => ({
      actor,
    }));
  }, [actors, collator, index, near, byDistance, limit]);
  const at = new Date(now);
  return (
    <section
      class={compact ? 'results results-compact' : 'results results-full'}
      id="results"
      tabIndex={-1}
      aria-labelledby="results-title"
    >
      <div class="results-head">
        <h2 id="results-title" class={compact ? 'visually-hidden' : 'results-title'}>
          {t('list.title')}
        </h2>
        {!compact && actors.length > 0 && (
          <button type="button" class="button button-quiet print-open" onClick={() => setView('print')}>
            {t('print.button')}
          </button>
        )}
        {near && (
          <label class="sort">
            {t('list.sort')}
            <select
              value={sort}
              onChange={(e) => setSort((e.target as HTMLSelectElement).value as 'distance' | 'name')}
            >
              <option value="distance">{t('list.byDistance')}</option>
              <option value="name">{t('list.byName')}</option>
            </select>
          </label>
        )}
      </div>
      {actors.length === 0 ? (
        loaded && <EmptyAnswer />
      ) : (
        <ul class="actor-list">
          {rows.map(({ actor, km }) => (
            <ActorItem
              actor={actor}
              km={km ?? (near ? haversineKm([near.lon, near.lat], actor.geometry.coordinates) : undefined)}
              key={actor.properties.id}
              current={actor.properties.id === selected}
              onOpen={select}
              compact={compact}
              hours={hours}
              at={at}
              showUnknown={showUnknown}
            />
          ))}
        </ul>
      )}
      {actors.length > limit && (
        <button type="button" class="button button-quiet more" onClick={() => setLimit(limit + PAGE * 5)}>
          {t('list.more', { count: Math.min(PAGE * 5, actors.length - limit), total: actors.length - limit })}
        </button>
      )}
    </section>
  );
}

interface ItemProps {
  actor: ActorFeature;
  km: number | undefined;
  current: boolean;
  onOpen: (id: string) => void;
  compact: boolean;
  hours: HoursEvaluator | null;
  at: Date;
  /** Say "hours unknown" of a place with none (when such places are asked for, `hours=unknown`). */
  showUnknown: boolean;
}

function ActorItem({ actor, km, current, onOpen, compact, hours, at, showUnknown }: ItemProps) {
  const t = useT();
  const p = actor.properties;
  const state = hours && p.opening_hours ? hours.openState(p.opening_hours, at) : null;
  return (
    <li class={current ? 'actor is-current' : 'actor'}>
      <button type="button" class="actor-open" aria-current={current ? 'true' : undefined} onClick={() => onOpen(p.id)}>
        <CategoryBadge category={p.category} />
        <span class="actor-name">{p.name}</span>
        {km !== undefined && <span class="distance">{formatDistance(km, t.lang)}</span>}
      </button>
      <p class="actor-meta">
        {t(`category.${p.category}` as MessageKey)} · {p.commune}
      </p>
      {state && hours && (
        <p class={`actor-hours hours-${String(state.open)}`}>{hours.describeOpenState(state, at, t)}</p>
      )}
      {!p.opening_hours && showUnknown && <p class="actor-hours hours-unknown">{t('hours.none')}</p>}
      {!compact && (
        <ul class="chips" aria-label={t('detail.themes')}>
          {p.themes.map((theme) => (
            <li class="chip" key={theme}>
              {t(`theme.${theme}` as MessageKey)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
