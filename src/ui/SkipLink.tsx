import { useActions, useAppState, useT } from './hooks';

/** In compact mode the list is a view: the skip link opens it, then moves the focus to it. */
function skipToFullList(event: Event, setView: (view: 'list') => void) {
  event.preventDefault();
  setView('list');
  requestAnimationFrame(() => document.getElementById('results')?.focus());
}

/** The first stop of the keyboard: straight to the list of results. */
export function SkipLink({ compact }: { compact: boolean }) {
  const t = useT();
  const view = useAppState((s) => s.view);
  const { setView } = useActions();
  return (
    // biome-ignore lint/a11y/useValidAnchor: a real link to the list; on phones it also opens the list view.
    <a
      class="skip-link"
      href="#results"
      onClick={compact && view !== 'list' ? (e) => skipToFullList(e, setView) : undefined}
    >
      {t('a11y.skipToList')}
    </a>
  );
}
