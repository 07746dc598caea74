import { selectAllActors, selectFiltered } from '../state/selectors';
import { useActions, useAppState, useT } from './hooks';

/** How many actors are shown, announced to screen readers as it changes. */
export function ResultCount() {
  const t = useT();
  const shown = useAppState(selectFiltered).length;
  // A view framed on a territory may hold only its parts of the data: the total is the whole's.
  const loaded = useAppState(selectAllActors).length;
  const total = useAppState((s) => s.dataset?.shippedActors) ?? loaded;
  const ready = useAppState((s) => s.status.phase === 'ready');
  const onMap = useAppState((s) => s.view === 'map');
  const { setView } = useActions();
  return (
    <>
      <p class="result-count" role="status" aria-live="polite" aria-atomic="true">
        {ready
          ? shown === total
            ? t.plural('count.actors', shown)
            : t.plural('count.actorsOf', shown, { total })
          : ''}
      </p>
      {/* An empty map says why in the list: one press away (on phones the list is a view of its own). */}
      {ready && shown === 0 && total > 0 && onMap && (
        <button type="button" class="button button-quiet empty-why" onClick={() => setView('list')}>
          {t('empty.why')}
        </button>
      )}
    </>
  );
}
