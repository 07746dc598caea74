/**
 * The national view draws the shipped actors before the administrative map (src/main.tsx); this
 * module, fetched only by such a view, reads the map afterwards and checks every actor against it.
 */
import { territoryIds } from '../core/territory-id';
import { browserAdminSource, loadDataset, takeShippedSources, withTerritories } from '../data/browser-load';
import { readDataset } from '../data/load';
import type { AdminSource } from '../data/admin';
import type { LoadedDataset } from '../data/load';
import type { AppStore } from '../state/store';
import { whenDrawnAndIdle } from './map-handle';
import { prepareDataset } from '../state/prepare';

/** What the page gives: its store, where the data is, and what it decided at start. */
export interface AdminLaterHost {
  store: AppStore;
  baseUrl: string;
  adminSource: AdminSource;
  /** Whether the view needs the map now (a territory, the statistics). */
  adminNow: (s: ReturnType<AppStore['getState']>) => boolean;
  /** Reports the URL's ids the data lacks. */
  reportDanglingReferences: (checkSelected: boolean) => void;
}

/**
 * Reads the administrative map (`withShippedAdmin`) once the map has drawn everything and the page
 * is idle, or at once when a view needs it: the page then says it is loading meanwhile, as no count
 * of a territory is exact without the map.
 */
export function addAdminMapWhenIdle(host: AdminLaterHost): void {
  const { store, baseUrl, adminSource, adminNow } = host;
  let started = false;
  const start = () => {
    const shown = store.getState().dataset;
    if (started || !shown || shown.adminMap || store.getState().previewFile !== null) return;
    started = true;
    const waiting = adminNow(store.getState()) && store.getState().status.phase === 'ready';
    if (waiting) store.getState().setStatus({ phase: 'loading', loadedBytes: 0, totalBytes: null });
    const ready = () => {
      if (waiting && store.getState().status.phase === 'loading') store.getState().setStatus({ phase: 'ready' });
    };
    withShippedAdmin(shown, baseUrl)
      .then((checked) => withTerritories(checked, territoryIds(store.getState().filters.territory), adminSource))
      .then((dataset) => {
        unsubscribe();
        // Another dataset came meanwhile (a file previewed, the data read again): it stays.
        if (store.getState().dataset === shown) {
          store.getState().setDataset(dataset);
          host.reportDanglingReferences(true);
        }
        ready();
      })
      .catch(() => {
        // Tried again at the next change that needs it; the actors shown stay.
        started = false;
        ready();
      });
  };
  const unsubscribe = store.subscribe((s) => {
    if (adminNow(s)) start();
  });
  if (adminNow(store.getState())) start();
  // A page that shows no map (the list alone) reads it all the same, later: long enough after the
  // actors that a map on a slow machine is drawn first.
  whenDrawnAndIdle(start, 30_000);
}

/**
 * A file from elsewhere (`data=`) drawn before its check against the administrative map: checked
 * (`check`, src/data/foreign-client.ts `takeLaterCheck`) once the map has drawn it and the page is
 * idle, or at once when a view needs the map or shows the list. Until then the page says its
 * places are being checked; the check's result then replaces the file's first reading, with what
 * it rejected or warned about. Where the check changed no actor, the same array stays (nothing is
 * drawn again).
 */
export function checkForeignLater(
  host: AdminLaterHost,
  shown: LoadedDataset,
  check: () => Promise<LoadedDataset | null>,
): void {
  const { store, adminSource, adminNow } = host;
  let started = false;
  store.getState().setCheckingPlaces(true);
  const start = () => {
    if (started) return;
    started = true;
    unsubscribe();
    check()
      .then((checked) =>
        checked ? withTerritories(checked, territoryIds(store.getState().filters.territory), adminSource) : null,
      )
      .then(async (checked) => {
        // Another file came meanwhile (one previewed): it stays. The same file with a territory
        // added (src/main.tsx `withTerritories`) is the file still.
        const stands = () => {
          const current = store.getState();
          return checked && current.previewFile === null && current.dataset?.actors === shown.actors;
        };
        if (!stands()) return;
        const next = keepUnchanged(store.getState().dataset!, checked!);
        // Its index made a slice at a time: at 100,000 actors, one task of 0.4 s otherwise.
        await prepareDataset(store.getState, next);
        if (!stands()) return;
        store.getState().setDataset(next);
        host.reportDanglingReferences(true);
      })
      .catch(() => {})
      .finally(() => store.getState().setCheckingPlaces(false));
  };
  // The list shows every row: checked at once when it is the view.
  const now = (s: ReturnType<AppStore['getState']>) => adminNow(s) || s.view !== 'map';
  const unsubscribe = store.subscribe((s) => {
    if (now(s)) start();
  });
  if (now(store.getState())) start();
  whenDrawnAndIdle(start, 30_000);
}

/**
 * The shipped data read without the administrative map (`loadDataset` without `withAdminMap`),
 * read again with it: the actors checked against their communes (the warnings that check gives,
 * the codes it completes), with the map's names and territories. Where the check changes no actor,
 * network or territory, the page's own objects are kept, so that nothing already drawn is drawn
 * again (the filtered actors stay the same array). Its texts are kept from the first reading; a
 * dataset read otherwise is fetched again.
 */
export async function withShippedAdmin(dataset: LoadedDataset, baseUrl: string): Promise<LoadedDataset> {
  const sources = takeShippedSources(dataset);
  const checked = sources
    ? await readDataset(sources, undefined, browserAdminSource(baseUrl))
    : await loadDataset(baseUrl, () => {}, undefined, null, true);
  return keepUnchanged(dataset, checked);
}

/** `after`, with the actors, networks and territories of `before` where they are the same. */
export function keepUnchanged(before: LoadedDataset, after: LoadedDataset): LoadedDataset {
  const same = <T>(a: readonly T[], b: readonly T[], key: (x: T) => unknown) =>
    a === b ||
    (a.length === b.length && a.every((x, i) => key(x) === key(b[i]!) && JSON.stringify(x) === JSON.stringify(b[i])));
  return {
    ...after,
    actors: same(before.actors, after.actors, (a) => a.properties.id) ? before.actors : after.actors,
    networks: same(before.networks, after.networks, (n) => n.id) ? before.networks : after.networks,
    territories: same(before.territories, after.territories, (t) => t.id) ? before.territories : after.territories,
  };
}
