import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import * as hours from '../../src/data/hours';
import { fixedOpen, openWindow, selectActors } from '../../src/data/select';
import { explainEmpty } from '../../src/data/explain';
import { INTENTS, intentOf } from '../../src/data/intents';
import { decodeUrl, encodeUrl, isOpenParam } from '../../src/core/url';
import { createAppStore } from '../../src/state/store';
import { selectFiltered } from '../../src/state/selectors';
import type { ActorFeature, ActorProperties, LonLat } from '../../src/core/types';
import { actorFixture } from './fixtures';

function actor(id: string, coordinates: LonLat, overrides: Partial<ActorProperties> = {}): ActorFeature {
  return actorFixture({ id, name: id, ...overrides }, coordinates);
}

// Wednesday 2026-11-25 at 10:00 in Paris.
const wednesday = hours.parisInstant(2026, 11, 25, 10, 0).getTime();
const ctx = { now: wednesday, hours };
const weekdays = actor('weekdays', [-4.49, 48.39], { opening_hours: 'Mo-Fr 09:00-18:00' });
const saturday = actor('saturday', [-4.48, 48.39], { opening_hours: 'Sa 10:00-12:00' });
const evening = actor('evening', [-4.47, 48.39], { opening_hours: 'We 19:00-21:00' });
const unknown = actor('unknown', [-4.46, 48.39]);
const maybe = actor('maybe', [-4.45, 48.39], { opening_hours: 'Mo-Fr "sur rendez-vous"' });
const all = [weekdays, saturday, evening, unknown, maybe];
const ids = (list: readonly ActorFeature[]) => list.map((a) => a.properties.id);
const select = (query: string) => ids(selectActors(all, decodeUrl(query).state, ctx));

describe('open= now, today, this week, a day, days, a minute', () => {
  test('the URL reads every form and refuses days that do not exist or spans too long', () => {
    for (const ok of ['now', 'today', 'week', '2026-12-01', '2026-12-01T10:30', '2026-12-01..2026-12-07'])
      expect(isOpenParam(ok)).toBe(true);
    for (const bad of [
      'tomorrow',
      '2026-02-30',
      '2026-12-07..2026-12-01',
      '2026-12-01..2027-01-15',
      '2026-12-01T24:00',
    ])
      expect(isOpenParam(bad)).toBe(false);
    expect(encodeUrl(decodeUrl('open=week&hours=unknown&need=forms').state)).toBe('need=forms&open=week&hours=unknown');
  });
  test('now keeps the places open at the minute; today, those open at some moment of the Paris day', () => {
    expect(select('open=now')).toEqual(['weekdays']);
    expect(select('open=today')).toEqual(['weekdays', 'evening']);
    expect(select('open=2026-11-28')).toEqual(['saturday']);
  });
  test('this week is today and the six days after: every place with hours that open', () => {
    expect(select('open=week')).toEqual(['weekdays', 'saturday', 'evening']);
    expect(fixedOpen('week', wednesday, hours)).toBe('2026-11-25..2026-12-01');
    expect(fixedOpen('today', wednesday, hours)).toBe('2026-11-25');
    const { from, to } = openWindow('week', wednesday, hours);
    expect(from.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(to!.toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });
  test('unknown hours are a third state: left out by default, kept with hours=unknown', () => {
    expect(hours.openVerdict(undefined, new Date(wednesday))).toBe('unknown');
    expect(hours.openVerdict('Mo-Fr "sur rendez-vous"', new Date(wednesday))).toBe('unknown');
    expect(hours.openVerdict('Sa 10:00-12:00', new Date(wednesday))).toBe(false);
    expect(select('open=now&hours=unknown')).toEqual(['weekdays', 'unknown', 'maybe']);
    // A place closed all week is not "unknown".
    expect(select('open=2026-11-29&hours=unknown')).toEqual(['unknown']);
  });
  test('the app selects the same actors as the export for every form', () => {
    for (const query of ['open=today', 'open=week&hours=unknown', 'open=2026-11-28', 'open=2026-11-25T19:30']) {
      const store = createAppStore({ activeLang: 'fr', ...decodeUrl(query).state, now: wednesday, hours });
      store.getState().setDataset({ actors: all, networks: [], territories: [], issues: [] } as never);
      expect(ids(selectFiltered(store.getState()))).toEqual(select(query));
    }
  });
});

describe('an empty answer says why and how out', () => {
  test('open now with nobody open: the places with unknown hours, the nearest time, and each lift', () => {
    const lib = [saturday, unknown];
    const answer = explainEmpty(lib, decodeUrl('open=now&category=library').state, ctx)!;
    expect(answer.conditions).toEqual(['category', 'open']);
    expect(answer.culprit).toBe('open');
    expect(answer.ways).toEqual([
      { kind: 'unknown-hours', count: 1 },
      { kind: 'open', open: 'week', count: 1 },
      { kind: 'remove', condition: 'open', count: 2 },
    ]);
    // Each way out, taken, gives what it said.
    expect(selectActors(lib, decodeUrl('open=week&category=library').state, ctx)).toHaveLength(1);
  });
  test('a chosen time offers that whole day first', () => {
    const answer = explainEmpty(all, decodeUrl('open=2026-11-25T20:30&q=weekdays').state, ctx)!;
    expect(answer.ways[0]).toEqual({ kind: 'open', open: '2026-11-25', count: 1 });
  });
  test('nothing to explain when something passes', () => {
    expect(explainEmpty(all, decodeUrl('open=week').state, ctx)).toBeNull();
  });
});

describe('intents are rules over what a place offers, on the shipped actors', () => {
  const shipped = (JSON.parse(readFileSync('data/actors.geojson', 'utf8')) as { features: ActorFeature[] }).features;
  const byId = new Map(shipped.map((a) => [a.properties.id, a]));
  const kept = (need: Parameters<typeof intentOf>[0]) => shipped.filter((a) => intentOf(need).offers(a));
  test('online forms: the France services counter of Quatre-Moulins (an association) is found', () => {
    const pimms = byId.get('brest-vivre-la-ville-pimms')!;
    expect(pimms.properties.category).toBe('association');
    expect(intentOf('forms').offers(pimms)).toBe(true);
    // A France services counter of the census, whatever its themes, by the label in its name or networks.
    const counter = actor('fs', [-4.4, 48.4], { name: 'France services de Landerneau', themes: ['cooperation'] });
    expect(intentOf('forms').offers(counter)).toBe(true);
    const member = actor('fs2', [-4.4, 48.4], { networks: ['france-services'], themes: ['cooperation'] });
    expect(intentOf('forms').offers(member)).toBe(true);
    // A free-software association that does no digital inclusion is not a place for forms.
    expect(
      kept('forms').every(
        (a) => a.properties.themes.includes('digital-inclusion') || /france services/i.test(a.properties.name),
      ),
    ).toBe(true);
  });
  test('internet: members of Brest’s PAPI network whatever their category', () => {
    const papi = shipped.filter((a) => a.properties.networks?.includes('papi-brest'));
    expect(papi.length).toBeGreaterThan(0);
    expect(papi.some((a) => a.properties.category !== 'internet-access')).toBe(true);
    expect(papi.every((a) => intentOf('internet').offers(a))).toBe(true);
  });
  test('every intent keeps some shipped places and leaves some out', () => {
    for (const intent of INTENTS) {
      expect(kept(intent.id).length, intent.id).toBeGreaterThan(0);
      expect(kept(intent.id).length, intent.id).toBeLessThan(shipped.length);
    }
  });
});

describe('place search: quartiers of the covered cities, near the view first', () => {
  test('Brest’s quartiers come from their town halls among the shipped actors', async () => {
    const { quartierSeats } = await import('../../scripts/build-places');
    const seats = quartierSeats('data/actors.geojson').map((s) => `${s.name} (${s.commune})`);
    expect(seats).toEqual(
      expect.arrayContaining(['Bellevue (Brest)', 'Quatre-Moulins (Brest)', 'Europe (Brest)', 'Lambézellec (Brest)']),
    );
  });
  test('"Bellevue" is Brest’s quartier first; seen from Brest, places nearby rank before larger ones far away', async () => {
    const { createPlaceSearch, decodePlaces } = await import('../../src/data/places');
    const search = createPlaceSearch(decodePlaces(JSON.parse(readFileSync('public/places/communes.json', 'utf8'))));
    const [first] = search.search('Bellevue', 5);
    expect([first!.name, first!.kind, first!.commune]).toEqual(['Bellevue', 'neighbourhood', 'Brest']);
    // "Saint-Pierre": many places of that very name; the most populated first, but seen from
    // Brest, Brest's quartier first.
    const brest = { lat: 48.39, lon: -4.486 };
    const [anywhere] = search.search('Saint-Pierre', 3);
    const [fromBrest] = search.search('Saint-Pierre', 3, brest);
    expect(anywhere!.commune ?? anywhere!.name).not.toBe('Brest');
    expect([fromBrest!.name, fromBrest!.commune]).toEqual(['Saint-Pierre', 'Brest']);
  });
});
