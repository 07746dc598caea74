import { describe, expect, test } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { selectHasFilters } from '../../src/state/selectors';

describe('the store', () => {
  test('clearing the filters clears everything that narrows the actors, and keeps the place', () => {
    const store = createAppStore({ activeLang: 'fr' });
    const s = store.getState();
    s.toggleOption('category', 'library');
    s.setNear({ lat: 48.39, lon: -4.49 });
    s.setRadius(2);
    s.setOpen('now');
    expect(selectHasFilters(store.getState())).toBe(true);
    store.getState().clearFilters();
    const after = store.getState();
    expect(selectHasFilters(after)).toBe(false);
    expect(after.filters.categories).toEqual([]);
    expect(after.near).toEqual({ lat: 48.39, lon: -4.49 });
    expect(store.meta.history).toBe('push');
  });

  test('options stay in vocabulary order whatever the order they are ticked in', () => {
    const store = createAppStore({ activeLang: 'fr' });
    store.getState().toggleOption('theme', 'open-data');
    store.getState().toggleOption('theme', 'training');
    expect(store.getState().filters.themes).toEqual(['training', 'open-data']);
    store.getState().toggleOption('theme', 'open-data');
    expect(store.getState().filters.themes).toEqual(['training']);
  });
});
