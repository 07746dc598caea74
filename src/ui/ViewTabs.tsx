import { useActions, useAppState, useT } from './hooks';

/** Map and list as two tabs: the list is the accessible alternative to the map. */
export function ViewTabs() {
  const t = useT();
  const view = useAppState((s) => s.view);
  const { setView } = useActions();
  return (
    <div class="view-tabs" role="group" aria-label={t('view.label')}>
      {(['map', 'list', 'stats'] as const).map((v) => (
        <button type="button" class="tab" aria-pressed={view === v} onClick={() => setView(v)} key={v}>
          {t(`view.${v}`)}
        </button>
      ))}
    </div>
  );
}
