import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { AppState, AppStore } from '../state/store';
import type { Translator } from '../i18n';

export const StoreContext = createContext<AppStore | null>(null);
export const TranslatorContext = createContext<Translator | null>(null);

export function useStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}

/**
 * Reads a slice of the store and re-renders when (and only when) it changes
 * by identity. Selectors must return stable references (see state/selectors).
 */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useStore();
  const [, setTick] = useState(0);
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const value = selector(store.getState());
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(() => {
    const check = () => {
      if (!Object.is(selectorRef.current(store.getState()), valueRef.current)) setTick((n) => n + 1);
    };
    const unsubscribe = store.subscribe(check);
    // Effects run after paint: the store may have changed since this render.
    check();
    return unsubscribe;
  }, [store]);
  return value;
}

/** The store's actions (stable functions). */
export function useActions() {
  return useStore().getState();
}

export function useT(): Translator {
  const t = useContext(TranslatorContext);
  if (!t) throw new Error('useT outside <TranslatorContext.Provider>');
  return t;
}
