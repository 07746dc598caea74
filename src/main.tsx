import { render } from 'preact';
import { App } from './ui/App';
import { StoreContext, TranslatorContext } from './ui/hooks';
import { createAppStore, urlStateOf } from './state/store';
import { minuteOf } from './core/time';
import { decodeUrl } from './core/url';
import { bindUrl } from './state/url-binding';
import { bindHostMessages } from './embed/host-messages';
import { isReadableAccent } from './core/embed-options';
import { TERRITORY_ALIASES, canonicalTerritoryId, territoryIds } from './core/territory-id';
import { selectActorsById, selectNetworksById, selectTerritoriesById } from './state/selectors';
import { browserAdminSource, loadDataset, loadDatasetOrShipped, nextTask, withTerritories } from './data/browser-load';
import type { DataFailure, LoadProgress } from './data/browser-load';
import type { LoadedDataset } from './data/load';
import type { PartsOnPage } from './ui/parts-load';
import { loadConfig } from './state/config';
import { warmAfter } from './core/filter';
import { afterMapStarts, firstMapIdleOr, whenDrawnAndIdle } from './ui/map-handle';
import { pickLang } from './i18n/core';
import { loadTranslator, onMoreMessages } from './i18n/load';
import type { UrlProblem } from './core/url';
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

// A page that opens on the map asks for the map's code first, before the panels' own: making the
// map (its code, WebGL context, workers and style) is the longest path to the first drawn actors.
if (store.getState().view === 'map') void import('./map/mount').catch(() => undefined);

// Search texts are made once the map has drawn (or after 10 s, for a page with no map).
warmAfter(firstMapIdleOr(10_000));

const root = document.getElementById('app')!;
const draw = async () => {
  const lang = store.getState().activeLang;
  const t = await loadTranslator(lang);
  // A later switch of language may have answered first.
  if (store.getState().activeLang !== lang) return;
  document.documentElement.lang = lang;
  document.title = store.getState().config?.title ?? t('app.title');
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
// The rest of the catalogue has come: what was drawn before it shows its words.
onMoreMessages(() => void draw());
store.subscribe(
  (s) => s.activeLang,
  () => void draw(),
);

const baseUrl = import.meta.env.BASE_URL;
const adminSource = browserAdminSource(baseUrl);
const controller = new AbortController();
const cancel = () => controller.abort();
store.getState().setStatus({ phase: 'loading', loadedBytes: 0, totalBytes: null, cancel });

const configReady = loadConfig(baseUrl).then((config) => {
  store.getState().setConfig(config);
  if (config.title) document.title = config.title;
});
/**
 * Whether the view needs the administrative map (communes, EPCIs, départements, régions) now:
 * the full app always does; an embed only for a territory other than the file's own and the
 * aliases, or for its statistics. An embed's first load is then within its budget, and the map
 * comes as soon as a view asks for it.
 */
const needsAdminMap = (s: ReturnType<typeof store.getState>) =>
  !s.embed ||
  s.view === 'stats' ||
  territoryIds(s.filters.territory).some((id) => !(id in TERRITORY_ALIASES) && !selectTerritoriesById(s).has(id));
const withAdminMap = needsAdminMap(store.getState());
/**
 * Whether the administrative map must come with the first data: a view whose counts need it (a
 * territory, the statistics). Otherwise the actors are drawn first and the map read after
 * (src/ui/admin-later.ts), off their first draw: for the national view, 100 files and a second
 * check of every actor; for a file from elsewhere, the check of its communes and positions.
 */
const adminNow = (s: ReturnType<typeof store.getState>) =>
  territoryIds(s.filters.territory).length > 0 || s.view === 'stats';
// A file from elsewhere shown without a map (the list) gains nothing from being drawn first.
const adminAtFirst =
  withAdminMap && (adminNow(store.getState()) || (fromUrl.data !== null && store.getState().view !== 'map'));
const onLoadProgress = ({ loadedBytes, totalBytes, checked }: LoadProgress) =>
  store.getState().setStatus({ phase: 'loading', loadedBytes, totalBytes, cancel, ...(checked ? { checked } : {}) });

/**
 * The parts of the shipped data on the page (src/ui/parts-load.ts), when a view framed on a
 * territory read only those; null when the page holds the whole data (or a file from elsewhere).
 */
let parts: PartsOnPage | null = null;

/**
 * The first data: a view framed on a territory (`territory=`) reads the parts that hold its
 * actors (and their networks), and nothing else yet; any other view, or a part that cannot be
 * read, the whole files as before; `data=` its file.
 */
async function firstLoad(): Promise<{ dataset: LoadedDataset; failure: DataFailure | null }> {
  const framed = territoryIds(fromUrl.filters.territory);
  if (!fromUrl.data && framed.length > 0) {
    try {
      const { firstParts } = await import('./ui/parts-load');
      const first = await firstParts(
        {
          baseUrl,
          store,
          adminSource,
          withAdminMap: () => withAdminMap || needsAdminMap(store.getState()),
          reportDanglingReferences,
        },
        framed,
        onLoadProgress,
        controller.signal,
      );
      if (first) {
        parts = first.parts;
        return { dataset: first.dataset, failure: null };
      }
    } catch (error) {
      if (controller.signal.aborted) throw error;
      // Not there (an older build, a territory without actors, no network and not kept): the whole file.
    }
  }
  return loadDatasetOrShipped(
    baseUrl,
    onLoadProgress,
    controller.signal,
    fromUrl.data,
    // The file of `data=` could not be read: the shipped map shows, and the page says why.
    (failure) => store.setState({ dataFailure: failure }),
    adminAtFirst,
    // Reading the census is a long task (about a second): it waits for a map being made (1.5 s at
    // most), whose workers and style then load meanwhile instead of after it (docs/benchmark.md).
    () => afterMapStarts(1500),
  );
}

firstLoad()
  .then(async ({ dataset: loaded }) => {
    // A commune of `territory=` in a département without actors: read before the first framing.
    const dataset = await withTerritories(loaded, territoryIds(store.getState().filters.territory), adminSource);
    await configReady;
    // Indexing and drawing the actors is a task of its own, after the loading's.
    await nextTask();
    store.getState().setDataset(dataset);
    // An actor named by `selected=` may be in another part: said missing only once everything is read.
    reportDanglingReferences(parts === null);
    store.getState().setStatus({ phase: 'ready' });
    if (parts) {
      parts.widenWhenAsked();
      // The full app reads the rest once the page is idle; an embed only if its view widens.
      if (!store.getState().embed) parts.completeWhenIdle();
    }
    // A file from elsewhere drawn before its check: checked once drawn (src/ui/admin-later.ts).
    const laterCheck = fromUrl.data ? (await import('./data/foreign-client')).takeLaterCheck(loaded) : undefined;
    if (laterCheck)
      void import('./ui/admin-later').then(({ checkForeignLater }) =>
        checkForeignLater({ store, baseUrl, adminSource, adminNow, reportDanglingReferences }, dataset, laterCheck),
      );
    else if (!withAdminMap) loadAdminMapWhenNeeded();
    else if (!parts && !store.getState().dataset?.adminMap)
      void import('./ui/admin-later').then(({ addAdminMapWhenIdle }) =>
        addAdminMapWhenIdle({ store, baseUrl, adminSource, adminNow, reportDanglingReferences }),
      );
    // Kept for use with no network once shown: the built full app only, never an embed (README).
    // Once the map has drawn and the page is idle: the worker's install fetches the whole app and
    // its data (README, "Works with no signal"), which would share the first draw's cores and network.
    if (import.meta.env.PROD && !store.getState().embed) {
      const enabled = store.getState().config?.offline !== false;
      whenDrawnAndIdle(
        () => void import('./ui/offline').then(({ keepOffline }) => keepOffline(enabled)).catch(() => undefined),
        10_000,
      );
    }
  })
  .catch((error: unknown) => {
    if (controller.signal.aborted) store.getState().setStatus({ phase: 'cancelled' });
    else
      store.getState().setStatus({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
  });

// A commune chosen later whose département has no actors: its département read, then it is named and framed.
store.subscribe(
  (s) => s.filters.territory,
  async (value) => {
    const dataset = store.getState().dataset;
    if (!dataset) return;
    const next = await withTerritories(dataset, territoryIds(value), adminSource);
    if (next !== dataset && store.getState().dataset === dataset) store.getState().setDataset(next);
  },
);

// Opening hours are evaluated by a heavy parser: loaded when a view first needs it.
const needsHours = (s: ReturnType<typeof store.getState>) =>
  s.open !== null ||
  s.view === 'list' ||
  s.view === 'print' ||
  (s.selected !== null && Boolean(selectActorsById(s).get(s.selected)?.properties.opening_hours));
// Each is fetched once; a failed fetch is tried again at the next change that needs it.
let hoursLoading = false;
const loadHours = () => {
  const s = store.getState();
  if (s.hours || hoursLoading || !needsHours(s)) return;
  hoursLoading = true;
  import('./data/hours').then((hours) => store.getState().setHours(hours)).catch(() => (hoursLoading = false));
};
store.subscribe(loadHours);
loadHours();
// The age and completeness tests of `check=` (living census): loaded once `check` is set.
let freshness: Promise<void> | null = null;
const loadFreshness = () => {
  if (freshness || store.getState().check === null) return;
  freshness = import('./data/freshness').then(store.getState().setFreshness, () => {
    freshness = null;
  });
};
store.subscribe(loadFreshness);
loadFreshness();
// The kd-tree for distances: loaded once a point is chosen (a scan answers until then).
let nearestLoading = false;
const loadNearest = () => {
  const s = store.getState();
  if (s.nearestModule || nearestLoading || s.near === null) return;
  nearestLoading = true;
  import('./geo/nearest')
    .then((module) => store.getState().setNearestModule(module))
    .catch(() => (nearestLoading = false));
};
store.subscribe(loadNearest);
loadNearest();
// "Open now" follows the clock, a minute at a time.
setInterval(() => {
  const minute = minuteOf(Date.now());
  if (store.getState().now !== minute) store.getState().tick(minute);
}, 15_000);

/** The shipped data read again with the administrative map, once a view of the embed needs it. */
function loadAdminMapWhenNeeded() {
  let loading = false;
  const load = () => {
    const s = store.getState();
    if (loading || !needsAdminMap(s) || s.dataset?.adminMap || s.previewFile !== null) return;
    loading = true;
    unsubscribe();
    const files = parts?.files() ?? null;
    (files ? parts!.read(files, true) : loadDataset(baseUrl, () => {}, undefined, null, true))
      .then((dataset) => {
        // The data on the page changed meanwhile (the whole came instead of the parts): read again for it.
        if (files !== (parts?.files() ?? null)) {
          loadAdminMapWhenNeeded();
          return;
        }
        // A file previewed meanwhile stays: the shipped data does not replace it.
        if (store.getState().previewFile === null) store.getState().setDataset(dataset);
      })
      .catch(() => {});
  };
  const unsubscribe = store.subscribe(load);
  load();
}

/** A URL naming an actor or a territory that the data does not have: report it and ignore it. */
function reportDanglingReferences(checkSelected: boolean) {
  const s = store.getState();
  const extra: UrlProblem[] = [];
  const dropSelected =
    checkSelected &&
    s.selected !== null &&
    !selectActorsById(s).has(s.selected) &&
    !selectNetworksById(s).has(s.selected);
  // Each id of `territory=` must be the file's or the administrative map's; unknown ones are named and dropped.
  const ids = territoryIds(s.filters.territory);
  const known = (id: string) =>
    selectTerritoriesById(s).has(id) ||
    selectTerritoriesById(s).has(canonicalTerritoryId(id)) ||
    s.dataset?.adminMap?.territory(id) !== undefined;
  const unknownIds = ids.filter((id) => !known(id));
  const dropTerritory = unknownIds.length > 0;
  const keptIds = ids.filter(known);
  if (dropSelected) extra.push({ param: 'selected', value: s.selected! });
  for (const id of unknownIds) extra.push({ param: 'territory', value: id });
  // One change for both: a second one made from the same snapshot would bring the first back.
  if (extra.length) {
    s.applyUrlState({
      ...urlStateOf(s),
      selected: dropSelected ? null : s.selected,
      filters: dropTerritory ? { ...s.filters, territory: keptIds.length ? keptIds.join(',') : null } : s.filters,
    });
  }
  if (extra.length) store.setState({ urlProblems: [...store.getState().urlProblems, ...extra] });
}
