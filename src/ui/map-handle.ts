import type { MountedMap } from '../map/mount';

declare global {
  interface Window {
    /** The mounted map, for the browser tests and the benchmark only. */
    __archipelMap?: MountedMap;
  }
}

let idled: () => void = () => {};
const firstIdle = new Promise<void>((resolve) => {
  idled = resolve;
});

/** Shows the mounted map to the browser tests and the benchmark (`window.__archipelMap`). */
export function exposeMap(map: MountedMap): void {
  window.__archipelMap = map;
  map.drawn().then(idled, idled);
}

let mapMade: () => void = () => {};
const made = new Promise<void>((resolve) => {
  mapMade = resolve;
});
let mapComing = false;

/** Said by the map panel when it starts making its map, then once the map is made. */
export function mapStarting(): void {
  mapComing = true;
}
export function mapStarted(): void {
  mapMade();
}

/**
 * Resolves once the map the page is making exists (its code read, its WebGL context made, its
 * workers started), at once if no map is coming, and after `ms` at most.
 */
export function afterMapStarts(ms: number): Promise<void> {
  if (!mapComing) return Promise.resolve();
  return Promise.race([made, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

/**
 * Resolves once a map of the page has first been idle (drawn), or after `ms` at most: work that
 * can wait waits for it, and a page that shows no map (the list alone) waits no longer.
 */
export function firstMapIdleOr(ms: number): Promise<void> {
  return Promise.race([firstIdle, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

/** Runs `task` once the map has first drawn (or after `ms`), when the page is next idle. */
export function whenDrawnAndIdle(task: () => void, ms: number): void {
  void firstMapIdleOr(ms).then(() => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: 2000 });
    else setTimeout(task, 200);
  });
}

/** Forgets the map once it is removed. */
export function forgetMap(): void {
  delete window.__archipelMap;
}
