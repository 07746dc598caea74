import { render } from 'preact';
import { App } from './ui/App';
import { StoreContext, TranslatorContext } from './ui/hooks';
import { createAppStore, minuteOf } from './state/store';
import { decodeUrl } from './state/url';
import { bindUrl } from './state/url-binding';
import { bindHostMessages } from './embed/host-messages';
import { isReadableAccent } from './embed/options';
import { selectActorsById, selectNetworksById, selectTerritoriesById } from './state/selectors';
import { loadDataset, nextTask } from './data/browser-load';
import { loadConfig } from './config';
import { pickLang } from './i18n/core';
import { loadTranslator } from './i18n/load';
import type { UrlProblem } from './state/url';
import './ui/app.css';

const { state: fromUrl, problems } = decodeUrl(window.location.search);
// An accent colour that would make text unreadable is refused like any invalid value.
if (fromUrl.color && !isReadableAccent(fromUrl.color)) {
  problems.push({ param: 'color', value: fromUrl.color });
  fromUrl.color = null;
}
const activeLang = pickLang(fromUrl.lang, navigator.languages ?? [navigator.language]);
const store = createAppStore({ ...fromUrl, activeLang, urlProblems: problems });
bindUrl(store);
bindHostMessages(store);

const root = document.getElementById('app')!;
const draw = async () => {
  const lang = store.getState().activeLang;
  const t = await loadTranslator(lang);
  // A later switch of language may have answered first.
  if (store.getState().activeLang !== lang) return;
  document.documentElement.lang = lang;
  document.title = t('app.title');
  render(
    <StoreContext.Provider value={store}>
      <TranslatorContext.Provider value={t}>
        <App />
      </TranslatorContext.Provider>
    </StoreContext.Provider>,
    root,
  );
};
void draw();
store.subscribe((s) => s.activeLang, () => void draw());

const baseUrl = import.meta.env.BASE_URL;
const controller = new AbortController();
const cancel = () => controller.abort();
store.getState().setStatus({ phase: 'loading', loadedBytes: 0, totalBytes: null, cancel });

const configReady = loadConfig(baseUrl).then((config) => store.getState().setConfig(config));
loadDataset(
  baseUrl,
  ({ loadedBytes, totalBytes }) => store.getState().setStatus({ phase: 'loading', loadedBytes, totalBytes, cancel }),
  controller.signal,
  fromUrl.data,
)
  .then(async (dataset) => {
    await configReady;
    // Indexing and drawing the actors is a task of its own, after the loading's.
    await nextTask();
    store.getState().setDataset(dataset);
    reportDanglingReferences();
    store.getState().setStatus({ phase: 'ready' });
  })
  .catch((error: unknown) => {
    if (controller.signal.aborted) store.getState().setStatus({ phase: 'cancelled' });
    else store.getState().setStatus({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
  });

// Opening hours are evaluated by a heavy parser: loaded when a view first needs it.
const needsHours = (s: ReturnType<typeof store.getState>) =>
  s.open !== null || s.view === 'list' || (s.selected !== null && Boolean(selectActorsById(s).get(s.selected)?.properties.opening_hours));
const loadHours = () => {
  if (store.getState().hours || !needsHours(store.getState())) return;
  unsubscribeHours();
  import('./data/hours').then((hours) => store.getState().setHours(hours));
};
const unsubscribeHours = store.subscribe(loadHours);
loadHours();
// The kd-tree for distances: loaded once a point is chosen (a scan answers until then).
const loadNearest = () => {
  if (store.getState().nearestModule || store.getState().near === null) return;
  unsubscribeNearest();
  import('./geo/nearest')
    .then((module) => store.getState().setNearestModule(module))
    .catch(() => undefined); // the scan goes on answering
};
const unsubscribeNearest = store.subscribe(loadNearest);
loadNearest();
// "Open now" follows the clock, a minute at a time.
setInterval(() => {
  const minute = minuteOf(Date.now());
  if (store.getState().now !== minute) store.getState().tick(minute);
}, 15_000);

/** A URL naming an actor or a territory that the data does not have: report it and ignore it. */
function reportDanglingReferences() {
  const s = store.getState();
  const extra: UrlProblem[] = [];
  if (s.selected && !selectActorsById(s).has(s.selected) && !selectNetworksById(s).has(s.selected)) {
    extra.push({ param: 'selected', value: s.selected });
    s.applyUrlState({ ...s, selected: null });
  }
  if (s.filters.territory && !selectTerritoriesById(s).has(s.filters.territory)) {
    extra.push({ param: 'territory', value: s.filters.territory });
    s.applyUrlState({ ...s, filters: { ...s.filters, territory: null } });
  }
  if (extra.length) store.setState({ urlProblems: [...store.getState().urlProblems, ...extra] });
}
