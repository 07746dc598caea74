import { describe, expect, test } from 'vitest';
import * as hours from '../../src/data/hours';
import { fixedOpen, selectActors } from '../../src/data/select';
import { NO_FILTERS } from '../../src/core/filter';
import { haversineKm } from '../../src/geo/distance';
import { createAppStore } from '../../src/state/store';
import { selectFiltered } from '../../src/state/selectors';
import { decodeUrl } from '../../src/core/url';
import type { ActorFeature, ActorProperties, LonLat } from '../../src/core/types';
import { actorFixture } from './fixtures';

function actor(id: string, coordinates: LonLat, overrides: Partial<ActorProperties> = {}): ActorFeature {
  return actorFixture({ id, name: id, ...overrides }, coordinates);
}

// Around Brest: every kilometre or so eastwards, with hours on some days only.
const actors = Array.from({ length: 12 }, (_, i) =>
  actor(`a${i}`, [-4.49 + i * 0.014, 48.39], {
    category: i % 3 === 0 ? 'fablab' : 'library',
    opening_hours: i % 2 === 0 ? 'Mo-Fr 09:00-18:00' : 'Sa 10:00-12:00',
  }),
);
// Wednesday 2026-11-25 at 10:00 in Paris.
const wednesday = hours.parisInstant(2026, 11, 25, 10, 0).getTime();

describe('selectActors', () => {
  test('keeps the actors within the radius of the place, by great-circle distance', () => {
    const { state } = decodeUrl('near=48.39,-4.49&radius=3');
    const kept = selectActors(actors, state, { now: wednesday, hours: null });
    expect(kept.map((a) => a.properties.id)).toEqual(
      actors.filter((a) => haversineKm([-4.49, 48.39], a.geometry.coordinates) <= 3).map((a) => a.properties.id),
    );
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(actors.length);
  });
  test('a place without a radius only sorts: it selects nothing out', () => {
    const { state } = decodeUrl('near=48.39,-4.49');
    expect(selectActors(actors, state, { now: wednesday, hours: null })).toHaveLength(actors.length);
  });
  test('open=now keeps the actors open at the given minute; a Paris time, those open then', () => {
    const now = decodeUrl('open=now').state;
    expect(selectActors(actors, now, { now: wednesday, hours }).map((a) => a.properties.id)).toEqual([
      'a0',
      'a2',
      'a4',
      'a6',
      'a8',
      'a10',
    ]);
    const saturday = decodeUrl('open=2026-11-28T11:00').state;
    expect(selectActors(actors, saturday, { now: wednesday, hours }).map((a) => a.properties.id)).toEqual([
      'a1',
      'a3',
      'a5',
      'a7',
      'a9',
      'a11',
    ]);
  });
  test('open= without the hours evaluator is refused, not answered wrong', () => {
    expect(() => selectActors(actors, decodeUrl('open=now').state, { now: wednesday, hours: null })).toThrow(/open=/);
  });
  test('selects what the app shows, for filters, place, radius and opening time together', () => {
    const { state } = decodeUrl('category=library&near=48.39,-4.47&radius=4&open=now');
    const store = createAppStore({ ...state, activeLang: 'fr', now: wednesday, hours });
    store.getState().setDataset({ actors, networks: [], territories: [], issues: [], read: actors.length });
    const shown = selectFiltered(store.getState());
    expect(shown.length).toBeGreaterThan(0);
    expect(selectActors(actors, state, { now: wednesday, hours })).toEqual(shown);
    // With a text query too (the app finds the matching actors once, then filters those).
    store.getState().setQuery('A2');
    const searched = selectFiltered(store.getState());
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.map((a) => a.properties.id)).toEqual(
      shown.filter((a) => a.properties.id.startsWith('a2')).map((a) => a.properties.id),
    );
    expect(
      selectActors(actors, { ...state, filters: { ...state.filters, q: 'A2' } }, { now: wednesday, hours }),
    ).toEqual(searched);
    // A change that keeps the same actors keeps the same array: nothing downstream redoes its work.
    store.getState().setQuery('a2 ');
    expect(selectFiltered(store.getState())).toBe(searched);
    store.getState().setQuery('');
    expect(selectFiltered(store.getState())).not.toBe(searched);
  });
});

describe('fixedOpen', () => {
  test('writes open=now as the Paris minute it meant, and leaves the rest', () => {
    expect(fixedOpen('now', wednesday, hours)).toBe('2026-11-25T10:00');
    expect(fixedOpen('2026-11-28T11:00', wednesday, hours)).toBe('2026-11-28T11:00');
    expect(fixedOpen(null, wednesday, hours)).toBeNull();
  });
});

describe('NO_FILTERS with nothing else', () => {
  test('selects every actor in data order', () => {
    expect(
      selectActors(
        actors,
        { filters: NO_FILTERS, near: null, radius: null, open: null, unknownHours: false, need: null },
        { now: wednesday, hours: null },
      ),
    ).toEqual(actors);
  });
});
