import { useEffect, useState } from 'preact/hooks';
import { Header } from './Header';
import { SearchBox } from './SearchBox';
import { ActorList } from './ActorList';
import { MapPanel } from './MapPanel';
import { DetailPanel } from './DetailPanel';
import { Notices } from './Notices';
import { ResultCount } from './ResultCount';
import { EmbedBar } from './EmbedBar';
import { SuggestButton } from './SuggestButton';
import { useActions, useAppState, useT } from './hooks';
import { PANELS } from '../core/embed-options';
import { lazyComponent } from './lazy';

// Drawn only on demand, and never in an embed: fetched the first time they show.
const AccessibilityStatement = lazyComponent(() =>
  import('./AccessibilityStatement').then((m) => m.AccessibilityStatement),
);
const ExportMenu = lazyComponent(() => import('./ExportMenu').then((m) => m.ExportMenu));
const FilePreview = lazyComponent(() => import('./FilePreview').then((m) => m.FilePreview));
const StatsView = lazyComponent(() => import('./StatsView').then((m) => m.StatsView));
const SuggestForm = lazyComponent(() => import('./SuggestForm').then((m) => m.SuggestForm));
// The panel's controls: drawn at once on wide screens, when the sheet opens on phones and in embeds.
const loadFilterPanel = () => import('./FilterPanel').then((m) => m.FilterPanel);
const loadNearBox = () => import('./NearBox').then((m) => m.NearBox);
const FilterPanel = lazyComponent(loadFilterPanel);
const NearBox = lazyComponent(loadNearBox);
const Intents = lazyComponent(() => import('./Intents').then((m) => m.Intents));
/** Fetches the sheet's code as soon as a hand or the focus comes near its button. */
const preloadSheet = () => void Promise.all([loadFilterPanel(), loadNearBox()]);
import type { Panel } from '../core/embed-options';

const COMPACT_QUERY = '(max-width: 639px)';

/** In compact mode the list is a view: the skip link opens it, then moves the focus to it. */
function skipToFullList(event: Event, setView: (view: 'list') => void) {
  event.preventDefault();
  setView('list');
  requestAnimationFrame(() => document.getElementById('results')?.focus());
}

/** The page: it only composes. */
export function App() {
  const t = useT();
  const view = useAppState((s) => s.view);
  const { setView } = useActions();
  const embed = useAppState((s) => s.embed);
  const suggest = useAppState((s) => s.suggest);
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
      {/* biome-ignore lint/a11y/useValidAnchor: a real link to the list; on phones it also opens the list view. */}
      <a
        class="skip-link"
        href="#results"
        onClick={compact && view !== 'list' ? (e) => skipToFullList(e, setView) : undefined}
      >
        {t('a11y.skipToList')}
      </a>
      {embed ? <EmbedBar /> : <Header />}
      <Notices />
      <div class="layout">
        {side && (
          <aside class={sheetOpen ? 'side sheet-open' : 'side'} aria-label={t('panel.label')}>
            <div class="side-head">
              {shows('search') && <SearchBox />}
              {!embed && shows('filters') && <Intents />}
              <ResultCount />
              {!embed && <SuggestButton id={null} />}
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
          {suggest && !embed ? <SuggestForm /> : <DetailPanel />}
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
      {(['map', 'list', 'stats'] as const).map((v) => (
        <button type="button" class="tab" aria-pressed={view === v} onClick={() => setView(v)} key={v}>
          {t(`view.${v}`)}
        </button>
      ))}
    </div>
  );
}

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const list = matchMedia(query);
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    onChange();
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
