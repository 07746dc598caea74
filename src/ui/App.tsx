import { useState } from 'preact/hooks';
import { SearchBox } from './SearchBox';
import { ActorList } from './ActorList';
import { MapPanel } from './MapPanel';
import { Notices } from './Notices';
import { ResultCount } from './ResultCount';
import { EmbedBar } from './EmbedBar';
import { useAppState, useT } from './hooks';
import { PANELS } from '../core/embed-options';
import { SkipLink } from './SkipLink';
import { ViewTabs } from './ViewTabs';
import { COMPACT_QUERY, useMediaQuery } from './media-query';
import {
  AccessibilityStatement,
  DetailPanel,
  ExportMenu,
  FilePreview,
  FilterPanel,
  Header,
  Intents,
  NearBox,
  PrintSheet,
  StatsView,
  GraphView,
  Living,
  SuggestForm,
  preloadSheet,
} from './lazy-parts';
import type { Panel } from '../core/embed-options';

/** The page: it only composes. */
export function App() {
  const t = useT();
  const view = useAppState((s) => s.view);
  const selecting = useAppState((s) => s.selected !== null);
  const embed = useAppState((s) => s.embed);
  const suggest = useAppState((s) => s.suggest);
  const panels = useAppState((s) => s.panels) ?? PANELS;
  const accent = useAppState((s) => s.color ?? s.config?.color ?? null);
  const narrow = useMediaQuery(COMPACT_QUERY);
  // The layout follows the width, in an embed too: a 900 px frame gets the wide layout.
  const compact = narrow;
  // Compact: the panel is a bottom sheet over the map, folded to the search and the count.
  const [sheetOpen, setSheetOpen] = useState(false);
  // The filters and the place fold behind their button on phones and, at any width, in embeds: a
  // host page's map comes first, and their code is fetched only when someone opens them.
  const folded = compact || embed;
  const shows = (panel: Panel) => panels.includes(panel);
  const side = shows('search') || shows('filters') || shows('list');
  const style = accent ? { '--accent': `#${accent}`, '--accent-soft': `#${accent}1f` } : undefined;
  return (
    <div class={`app${embed ? ' is-embed' : ''}${compact ? ' is-compact' : ''}${side ? '' : ' no-side'}`} style={style}>
      <SkipLink compact={compact} />
      {embed ? <EmbedBar /> : <Header />}
      <div class="layout">
        {side && (
          <aside class={sheetOpen ? 'side sheet-open' : 'side'} aria-label={t('panel.label')}>
            <div class="side-head">
              {shows('search') && <SearchBox />}
              {!embed && shows('filters') && <Intents />}
              <ResultCount />
              {!embed && <Living part="add" />}
              {shows('filters') && (
                <button
                  type="button"
                  class="button sheet-toggle"
                  aria-expanded={sheetOpen}
                  aria-controls="side-more"
                  onClick={() => setSheetOpen(!sheetOpen)}
                  onFocus={preloadSheet}
                  onPointerEnter={preloadSheet}
                >
                  {t(sheetOpen ? 'sheet.close' : 'sheet.open')}
                </button>
              )}
            </div>
            <div class="side-more" id="side-more">
              {shows('search') && (!folded || sheetOpen) && <NearBox />}
              {shows('filters') && (!folded || sheetOpen) && <FilterPanel />}
              {!embed && <ExportMenu />}
              {!embed && <FilePreview />}
              {/* On phones and in embeds the list is a view of its own (a tab), not a short list here. */}
              {view === 'map' && shows('list') && !compact && <ActorList compact />}
            </div>
          </aside>
        )}
        <main class="main" id="main">
          {shows('list') && <ViewTabs />}
          {/* Over the map's top (app.css): notices coming and going never resize the map. */}
          <Notices />
          <MapPanel hidden={view !== 'map'} legend={shows('legend')} />
          {view === 'list' && <ActorList />}
          {view === 'stats' && <StatsView />}
          {view === 'graph' && <GraphView />}
          {view === 'accessibility' && <AccessibilityStatement />}
          {view === 'print' && <PrintSheet />}
          {suggest && !embed ? <SuggestForm /> : selecting && <DetailPanel />}
        </main>
      </div>
    </div>
  );
}
