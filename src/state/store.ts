import { minuteOf } from '../core/time';
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import { DEFAULT_URL_STATE } from '../core/url';
import { FACET } from '../core/facets';
import type { LatLon, MapView, UrlProblem, UrlState } from '../core/url';
import type { Filters } from '../core/filter';
import type { FacetGroup } from '../core/facets';
import type { LoadedDataset } from '../data/load';
import type { DataFailure } from '../data/browser-load';
import type { LonLat } from '../core/types';
import type { Category, CheckMode, Need, Role, Theme } from '../core/vocab';
import type { Lang } from '../i18n';
import type { AppConfig } from './config';
import type { FreshnessModule, HoursEvaluator } from '../data/select';

export type LoadStatus =
  | {
      phase: 'loading';
      loadedBytes: number;
      totalBytes: number | null;
      cancel?: () => void;
      /** A file from elsewhere being validated (in a worker): entries checked so far, of how many. */
      checked?: { done: number; total: number };
    }
  | { phase: 'ready' }
  | { phase: 'error'; message: string }
  | { phase: 'cancelled' };

/** The whole state of the app: what the URL says, plus what was loaded. */
export interface AppState extends UrlState {
  dataset: LoadedDataset | null;
  status: LoadStatus;
  /** URL values that were ignored, shown once to the user. */
  urlProblems: UrlProblem[];
  /** The language in force (the URL's, else the browser's). */
  activeLang: Lang;
  /** Whether the list of rejected data is open. */
  issuesOpen: boolean;
  /**
   * A file from elsewhere drawn before its check against the administrative map, while that check
   * runs (src/ui/admin-later.ts `checkForeignLater`): what it rejects is not said yet.
   */
  checkingPlaces: boolean;
  /** Deployment configuration, once read. */
  config: AppConfig | null;
  /** Members of a cluster that zooming cannot split, listed for the user. */
  clusterMembers: string[] | null;
  /** What the `near` point is, for people: a commune's name, "my position". */
  nearLabel: string | null;
  /** Milliseconds since 1970 of the minute `open=now` is evaluated at. */
  now: number;
  /** Evaluates opening hours; null until its (heavy) module is loaded. */
  hours: HoursEvaluator | null;
  /** The age and completeness tests of `check=`; null until its module is loaded (when `check` is set). */
  freshness: FreshnessModule | null;
  /** The kd-tree for distance queries; null until its module is loaded (once a point is chosen). */
  nearestModule: NearestModule | null;
  /** Whether the next click on the map places the proposal form's pin. */
  picking: boolean;
  /** The proposal form's pin. */
  pickedPoint: LonLat | null;
  /** Name of a local file shown instead of the data (not in the URL: it is on this computer only). */
  previewFile: string | null;
  /** That file, which an export reads again (in its worker). */
  previewSource: File | null;
  /**
   * In an embed on a page of another origin: whether the person agreed that the host page be
   * told what they do with their own file (counts, names, searches). Never set without their click.
   */
  shareWithHost: boolean;
  /** Why the file of `data=` is not shown (the shipped data is, instead); null when it is, or there is none. */
  dataFailure: DataFailure | null;
}

/** How a change reaches the browser history: a new entry, or replacing the current one. */
export type HistoryMode = 'push' | 'replace';

export interface AppActions {
  setDataset(dataset: LoadedDataset): void;
  setStatus(status: LoadStatus): void;
  toggleOption(group: FacetGroup, value: Category | Role | Theme): void;
  setFilters(patch: Partial<Filters>): void;
  /** Typing a query is continuous: it replaces the history entry. */
  setQuery(q: string): void;
  clearFilters(): void;
  select(id: string | null): void;
  setView(view: UrlState['view']): void;
  setMapView(view: MapView): void;
  setLinks(on: boolean): void;
  setNear(near: LatLon | null, label?: string | null): void;
  setRadius(km: number | null): void;
  setOpen(open: string | null): void;
  /** With `open`: whether places whose hours are unknown show too (`hours=unknown`). */
  setUnknownHours(on: boolean): void;
  /** A resident's need (`need=`), or none. */
  setNeed(need: Need | null): void;
  /** The "to check" selection (`check=`), and its age threshold in years (`stale=`). */
  setCheck(check: CheckMode | null, stale?: number | null): void;
  /** Opens the proposal form (`new` or an actor's id), or closes it; the pin is dropped either way. */
  setSuggest(target: string | null): void;
  /** Whether the next click on the map places the proposal's pin. */
  setPicking(picking: boolean): void;
  /** The proposal's pin, [longitude, latitude]. */
  setPickedPoint(point: LonLat | null): void;
  /** The minute "now" means (for `open=now` and the hours shown); ticks each minute. */
  tick(now: number): void;
  /** The opening-hours evaluator, once its module is loaded. */
  setHours(hours: HoursEvaluator): void;
  /** The freshness module, once loaded. */
  setFreshness(freshness: FreshnessModule): void;
  /** The kd-tree module, once loaded. */
  setNearestModule(module: NearestModule): void;
  setLang(lang: Lang): void;
  /** Replaces the URL part of the state (back/forward navigation). */
  applyUrlState(url: UrlState): void;
  dismissUrlProblems(): void;
  setIssuesOpen(open: boolean): void;
  setCheckingPlaces(checking: boolean): void;
  setConfig(config: AppConfig): void;
  showClusterMembers(ids: string[] | null): void;
  setPreviewFile(name: string | null, source?: File | null): void;
}

export type AppStore = ReturnType<typeof createAppStore>;

/** How the last change should be written to history; read by the URL binding. */
export interface ChangeMeta {
  history: HistoryMode;
}

/**
 * Makes a fresh store: one per app, one per test.
 *
 * @param initial - the state read from the URL, and anything a test needs
 */
export function createAppStore(initial: Partial<AppState> & { activeLang: Lang }) {
  const meta: ChangeMeta = { history: 'push' };
  const store = createStore<AppState & AppActions>()(
    subscribeWithSelector((set, get) => {
      const push = (patch: Partial<AppState>) => {
        meta.history = 'push';
        set(patch);
      };
      const replace = (patch: Partial<AppState>) => {
        meta.history = 'replace';
        set(patch);
      };
      const setFilters = (patch: Partial<Filters>) => push({ filters: { ...get().filters, ...patch } });
      return {
        ...DEFAULT_URL_STATE,
        dataset: null,
        status: { phase: 'loading', loadedBytes: 0, totalBytes: null },
        urlProblems: [],
        issuesOpen: false,
        checkingPlaces: false,
        config: null,
        clusterMembers: null,
        previewFile: null,
        picking: false,
        pickedPoint: null,
        previewSource: null,
        shareWithHost: false,
        dataFailure: null,
        nearLabel: null,
        now: minuteOf(Date.now()),
        hours: null,
        freshness: null,
        nearestModule: null,
        ...initial,
        setDataset: (dataset) => replace({ dataset }),
        setStatus: (status) => replace({ status }),
        toggleOption: (group, value) => {
          const f = get().filters;
          const { key, vocabulary } = FACET[group];
          const current = f[key] as readonly string[];
          // Kept in vocabulary order: equal selections give equal URLs.
          const next = (vocabulary as readonly string[]).filter((v) =>
            v === value ? !current.includes(v) : current.includes(v),
          );
          setFilters({ [key]: next } as Partial<Filters>);
        },
        setFilters,
        setQuery: (q) => replace({ filters: { ...get().filters, q } }),
        // Everything `selectHasFilters` counts as narrowing: the facets, the radius, the time, the need, the facts to check.
        clearFilters: () =>
          push({
            filters: { ...DEFAULT_URL_STATE.filters },
            radius: null,
            open: null,
            unknownHours: false,
            need: null,
            check: null,
            stale: null,
          }),
        select: (selected) => {
          if (get().selected !== selected) push({ selected });
        },
        setView: (view) => push({ view }),
        setMapView: (map) => replace({ map }),
        setLinks: (links) => push({ links }),
        setNear: (near, label = null) => push({ near, nearLabel: near ? label : null }),
        setRadius: (radius) => push({ radius }),
        setOpen: (open) => push({ open }),
        setUnknownHours: (unknownHours) => push({ unknownHours }),
        setNeed: (need) => push({ need }),
        setCheck: (check, stale = null) => push({ check, stale: check ? stale : null }),
        setSuggest: (suggest) => push({ suggest, picking: false, pickedPoint: null }),
        setPicking: (picking) => replace({ picking }),
        setPickedPoint: (pickedPoint) => replace({ pickedPoint, picking: false }),
        tick: (now) => replace({ now }),
        setHours: (hours) => replace({ hours }),
        setFreshness: (freshness) => replace({ freshness }),
        setNearestModule: (nearestModule) => replace({ nearestModule }),
        setLang: (lang) => push({ lang, activeLang: lang }),
        applyUrlState: (url) => replace({ ...url, activeLang: url.lang ?? get().activeLang }),
        dismissUrlProblems: () => replace({ urlProblems: [] }),
        setIssuesOpen: (issuesOpen) => replace({ issuesOpen }),
        setCheckingPlaces: (checkingPlaces) => replace({ checkingPlaces }),
        setConfig: (config) => replace({ config }),
        showClusterMembers: (clusterMembers) => replace({ clusterMembers }),
        setPreviewFile: (previewFile, previewSource = null) => replace({ previewFile, previewSource }),
      };
    }),
  );
  return Object.assign(store, { meta });
}

export type { FreshnessModule, HoursEvaluator } from '../data/select';
/** `src/geo/nearest.ts`, loaded on demand; only its type is imported here. */
export type NearestModule = typeof import('../geo/nearest');

/** The URL part of the state. */
export function urlStateOf(state: AppState): UrlState {
  return {
    filters: state.filters,
    map: state.map,
    selected: state.selected,
    links: state.links,
    view: state.view,
    near: state.near,
    radius: state.radius,
    open: state.open,
    unknownHours: state.unknownHours,
    need: state.need,
    check: state.check,
    stale: state.stale,
    suggest: state.suggest,
    lang: state.lang,
    embed: state.embed,
    panels: state.panels,
    color: state.color,
    data: state.data,
  };
}
