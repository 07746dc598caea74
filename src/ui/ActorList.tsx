import { useMemo, useState } from 'preact/hooks';
import { selectFiltered } from '../state/selectors';
import { CategoryBadge } from './FilterPanel';
import { useActions, useAppState, useT } from './hooks';
import type { ActorFeature } from '../data/types';
import type { MessageKey } from '../i18n';

const PAGE = 100;

/**
 * The filtered actors as a list: a complete alternative to the map. Each name
 * is a button that opens the same detail panel as a click on the map.
 *
 * @param compact - the short form under the filters, beside the map
 */
export function ActorList({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const actors = useAppState(selectFiltered);
  const selected = useAppState((s) => s.selected);
  const { select } = useActions();
  const [limit, setLimit] = useState(PAGE);
  const sorted = useMemo(() => sortByName(actors, t.lang), [actors, t.lang]);
  const shown = sorted.slice(0, limit);
  return (
    <section class={compact ? 'results results-compact' : 'results results-full'} id="results" tabIndex={-1} aria-labelledby="results-title">
      <h2 id="results-title" class={compact ? 'visually-hidden' : 'results-title'}>
        {t('list.title')}
      </h2>
      {actors.length === 0 ? (
        <p class="empty">{t('list.empty')}</p>
      ) : (
        <ul class="actor-list">
          {shown.map((actor) => (
            <ActorItem actor={actor} key={actor.properties.id} current={actor.properties.id === selected} onOpen={select} compact={compact} />
          ))}
        </ul>
      )}
      {sorted.length > limit && (
        <button type="button" class="button button-quiet more" onClick={() => setLimit(limit + PAGE * 5)}>
          {t('list.more', { count: Math.min(PAGE * 5, sorted.length - limit), total: sorted.length - limit })}
        </button>
      )}
    </section>
  );
}

function ActorItem({ actor, current, onOpen, compact }: { actor: ActorFeature; current: boolean; onOpen: (id: string) => void; compact: boolean }) {
  const t = useT();
  const p = actor.properties;
  return (
    <li class={current ? 'actor is-current' : 'actor'}>
      <button type="button" class="actor-open" aria-current={current ? 'true' : undefined} onClick={() => onOpen(p.id)}>
        <CategoryBadge category={p.category} />
        <span class="actor-name">{p.name}</span>
      </button>
      <p class="actor-meta">
        {t(`category.${p.category}` as MessageKey)} · {p.commune}
      </p>
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

function sortByName(actors: readonly ActorFeature[], lang: string): ActorFeature[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  return [...actors].sort((a, b) => collator.compare(a.properties.name, b.properties.name));
}
