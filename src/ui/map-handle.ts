import type { MountedMap } from '../map/mount';

declare global {
  interface Window {
    /** The mounted map, for the browser tests and the benchmark only. */
    __archipelMap?: MountedMap;
  }
}

/** Shows the mounted map to the browser tests and the benchmark (`window.__archipelMap`). */
export function exposeMap(map: MountedMap): void {
  window.__archipelMap = map;
}

/** Forgets the map once it is removed. */
export function forgetMap(): void {
  delete window.__archipelMap;
}
