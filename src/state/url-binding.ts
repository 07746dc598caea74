import { decodeUrl, encodeUrl } from '../core/url';
import { urlStateOf } from './store';
import type { AppStore } from './store';

/**
 * Keeps the address bar and the store in step: deliberate steps push a
 * history entry, continuous ones (panning) replace it; back/forward restore.
 *
 * @returns a function that unbinds
 */
export function bindUrl(store: AppStore, win: Window = window): () => void {
  let last = win.location.search.replace(/^\?/, '');
  const write = () => {
    const query = encodeUrl(urlStateOf(store.getState()));
    if (query === last) return;
    last = query;
    const url = `${win.location.pathname}${query ? `?${query}` : ''}${win.location.hash}`;
    if (store.meta.history === 'push') win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
  };
  const unsubscribe = store.subscribe(urlStateOf, write, { equalityFn: shallowEqual });
  const onPop = () => {
    const { state } = decodeUrl(win.location.search);
    last = encodeUrl(state);
    store.getState().applyUrlState(state);
  };
  win.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPop);
  };
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a) as (keyof typeof a)[];
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
}
