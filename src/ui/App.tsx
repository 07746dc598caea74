import { Header } from './Header';
import { FilterPanel } from './FilterPanel';
import { ActorList } from './ActorList';
import { MapPanel } from './MapPanel';
import { DetailPanel } from './DetailPanel';
import { Notices } from './Notices';
import { ResultCount } from './ResultCount';
import { useActions, useAppState, useT } from './hooks';

/** The page: it only composes. */
export function App() {
  const t = useT();
  const view = useAppState((s) => s.view);
  const embed = useAppState((s) => s.embed);
  return (
    <div class={`app view-${view}${embed ? ' is-embed' : ''}`}>
      <a class="skip-link" href="#results">
        {t('a11y.skipToList')}
      </a>
      <Header />
      <Notices />
      <div class="layout">
        <aside class="side" aria-label={t('panel.label')}>
          <FilterPanel />
          <ResultCount />
          {view === 'map' && <ActorList compact />}
        </aside>
        <main class="main" id="main">
          <ViewTabs />
          <MapPanel hidden={view !== 'map'} />
          {view === 'list' && <ActorList />}
          <DetailPanel />
        </main>
      </div>
    </div>
  );
}

/** Map and list as two tabs: the list is the accessible alternative to the map. */
function ViewTabs() {
  const t = useT();
  const view = useAppState((s) => s.view);
  const { setView } = useActions();
  return (
    <div class="view-tabs" role="group" aria-label={t('view.label')}>
      {(['map', 'list'] as const).map((v) => (
        <button type="button" class="tab" aria-pressed={view === v} onClick={() => setView(v)} key={v}>
          {t(v === 'map' ? 'view.map' : 'view.list')}
        </button>
      ))}
    </div>
  );
}
