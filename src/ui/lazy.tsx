import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { loadMoreMessages } from '../i18n/load';

/**
 * A component whose code is fetched the first time it is drawn: what the first
 * screen does not show (filters panel, place search, statistics, exports, the
 * embed builder…) stays out of the first load.
 * Draws nothing until the code is there (a fraction of a second, from the same site), with the
 * rest of the catalogue its words are in (`i18n/load.ts`).
 */
export function lazyComponent<P extends object>(
  load: () => Promise<FunctionComponent<P>>,
  /** `core`: its words are all in the first load's catalogue, so it does not wait for the rest. */
  words: 'core' | 'more' = 'more',
): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  let loading: Promise<void> | null = null;
  return (props: P) => {
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let alive = true;
      loading ??= Promise.all([load(), words === 'more' ? loadMoreMessages() : null]).then(
        ([component]) => {
          loaded = component;
        },
        () => {
          // Not fetched (a lost connection): the next time it is drawn tries again.
          loading = null;
        },
      );
      loading.then(() => alive && loaded && setReady(true));
      return () => {
        alive = false;
      };
    }, []);
    const Component = loaded;
    return Component ? <Component {...props} /> : null;
  };
}
