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
  map.idle().then(idled, idled);
}

/** Resolves once a map of the page has first been idle (drawn): work that can wait waits for it. */
export function firstMapIdle(): Promise<void> {
  return firstIdle;
}

/** Forgets the map once it is removed. */
export function forgetMap(): void {
  delete window.__archipelMap;
}
