import { Header } from './Header';
import { useState } from 'preact/hooks';
import { FilterPanel, SearchBox } from './FilterPanel';
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
  // Phones: the panel is a bottom sheet over the map, folded to the search and the count.
  const [sheetOpen, setSheetOpen] = useState(false);
  return (
    <div class={`app view-${view}${embed ? ' is-embed' : ''}`}>
      <a class="skip-link" href="#results">
        {t('a11y.skipToList')}
      </a>
      <Header />
      <Notices />
      <div class="layout">
        <aside class={sheetOpen ? 'side sheet-open' : 'side'} aria-label={t('panel.label')}>
          <SearchBox />
          <ResultCount />
          <button type="button" class="button sheet-toggle" aria-expanded={sheetOpen} aria-controls="side-more" onClick={() => setSheetOpen(!sheetOpen)}>
            {t(sheetOpen ? 'sheet.close' : 'sheet.open')}
          </button>
          <div class="side-more" id="side-more">
            <FilterPanel />
            {view === 'map' && <ActorList compact />}
          </div>
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
