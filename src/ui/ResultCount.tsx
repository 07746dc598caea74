import { selectAllActors, selectFiltered } from '../state/selectors';
import { useAppState, useT } from './hooks';

/** How many actors are shown, announced to screen readers as it changes. */
export function ResultCount() {
  const t = useT();
  const shown = useAppState(selectFiltered).length;
  const total = useAppState(selectAllActors).length;
  const ready = useAppState((s) => s.status.phase === 'ready');
  return (
    <p class="result-count" role="status" aria-live="polite" aria-atomic="true">
      {ready ? (shown === total ? t.plural('count.actors', shown) : t.plural('count.actorsOf', shown, { total })) : ''}
    </p>
  );
}
