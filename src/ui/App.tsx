import { useState } from 'preact/hooks';
import { Header } from './Header';
import { SearchBox } from './SearchBox';
import { ActorList } from './ActorList';
import { MapPanel } from './MapPanel';
import { DetailPanel } from './DetailPanel';
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
  ExportMenu,
  FilePreview,
  FilterPanel,
  Intents,
  NearBox,
  StatsView,
  preloadSheet,
} from './lazy-parts';
import type { Panel } from '../core/embed-options';

/** The page: it only composes. */
export function App() {
  const t = useT();
  const view = useAppState((s) => s.view);
  const embed = useAppState((s) => s.embed);
  const panels = useAppState((s) => s.panels) ?? PANELS;
  const accent = useAppState((s) => s.color);
  const narrow = useMediaQuery(COMPACT_QUERY);
  const compact = embed || narrow;
  // Compact: the panel is a bottom sheet over the map, folded to the search and the count.
  const [sheetOpen, setSheetOpen] = useState(false);
  const shows = (panel: Panel) => panels.includes(panel);
  const side = shows('search') || shows('filters') || shows('list');
  const style = accent ? { '--accent': `#${accent}`, '--accent-soft': `#${accent}1f` } : undefined;
  return (
    <div class={`app${embed ? ' is-embed' : ''}${compact ? ' is-compact' : ''}${side ? '' : ' no-side'}`} style={style}>
      <SkipLink compact={compact} />
      {embed ? <EmbedBar /> : <Header />}
      <Notices />
      <div class="layout">
        {side && (
          <aside class={sheetOpen ? 'side sheet-open' : 'side'} aria-label={t('panel.label')}>
            <div class="side-head">
              {shows('search') && <SearchBox />}
              {!embed && shows('filters') && <Intents />}
              <ResultCount />
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
              {shows('search') && (!compact || sheetOpen) && <NearBox />}
              {shows('filters') && (!compact || sheetOpen) && <FilterPanel />}
              {!embed && <ExportMenu />}
              {!embed && <FilePreview />}
              {/* On phones and in embeds the list is a view of its own (a tab), not a short list here. */}
              {view === 'map' && shows('list') && !compact && <ActorList compact />}
            </div>
          </aside>
        )}
        <main class="main" id="main">
          {shows('list') && <ViewTabs />}
          <MapPanel hidden={view !== 'map'} legend={shows('legend')} />
          {view === 'list' && <ActorList />}
          {view === 'stats' && <StatsView />}
          {view === 'accessibility' && <AccessibilityStatement />}
          <DetailPanel />
        </main>
      </div>
    </div>
  );
}
