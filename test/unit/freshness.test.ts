import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import * as freshness from '../../src/data/freshness';
import { isStale, missingFields, needsCheck, sourceLabel } from '../../src/data/freshness';
import { selectActors } from '../../src/data/select';
import { explainEmpty, without } from '../../src/data/explain';
import { conditionLabel } from '../../src/ui/EmptyAnswer';
import { decodeUrl, encodeUrl } from '../../src/core/url';
import { describeSelection, exportQuery } from '../../src/export/provenance';
import { createTranslator } from '../../src/i18n';
import { actorFixture } from './fixtures';
import type { ActorFeature } from '../../src/core/types';

const now = Date.parse('2026-12-06T10:00:00Z');

describe('age and completeness of an actor’s facts', () => {
  test('old is more than the threshold before today, or no date at all', () => {
    expect(isStale('2024-12-07', now)).toBe(false);
    expect(isStale('2024-12-05', now)).toBe(true);
    expect(isStale('2025-12-05', now, 1)).toBe(true);
    expect(isStale(undefined, now)).toBe(true);
    expect(isStale('2026-11-28', now)).toBe(false);
  });

  test('missing useful facts: hours, phone, wheelchair access, web site', () => {
    expect(missingFields(actorFixture().properties)).toEqual(['opening_hours', 'phone', 'wheelchair', 'url']);
    const full = actorFixture({ opening_hours: 'Mo 10:00-12:00', phone: '1', wheelchair: 'yes', url: 'https://a.fr' });
    expect(missingFields(full.properties)).toEqual([]);
    expect(needsCheck({ ...full.properties, updated: '2026-01-01' }, '1', now)).toBe(false);
    expect(needsCheck({ ...full.properties, updated: '2020-01-01' }, 'incomplete', now)).toBe(false);
    expect(needsCheck({ ...full.properties, updated: '2020-01-01' }, 'stale', now)).toBe(true);
  });

  test('the source, short: a web address is its host name, a contribution is said as is', () => {
    expect(sourceLabel('https://www.sillage.brest.fr/a/b ; https://x.org')).toBe('sillage.brest.fr');
    expect(sourceLabel('contribution: Anne, 2026-12-06 ; https://x.org')).toBe('contribution: Anne, 2026-12-06');
    expect(sourceLabel(undefined)).toBeNull();
  });

  test('every shipped actor has a date and a source the detail shows', () => {
    const shipped: ActorFeature[] = JSON.parse(readFileSync('data/actors.geojson', 'utf8')).features;
    for (const a of shipped) {
      expect(Number.isNaN(Date.parse(a.properties.updated ?? '')), a.properties.id).toBe(false);
      expect(sourceLabel(a.properties.source), a.properties.id).not.toBeNull();
    }
  });
});

describe('the "to check" selection', () => {
  const fresh = actorFixture({
    id: 'fresh',
    updated: '2026-06-01',
    opening_hours: 'Mo 10:00-12:00',
    phone: '1',
    wheelchair: 'no',
    url: 'https://a.fr',
  });
  const old = actorFixture({ ...fresh.properties, id: 'old', updated: '2019-01-01' });
  const thin = actorFixture({ id: 'thin', updated: '2026-06-01' });
  const all = [fresh, old, thin];
  const ids = (query: string) =>
    selectActors(all, decodeUrl(query).state, { now, hours: null, freshness }).map((a) => a.properties.id);

  test('check=1, stale, incomplete and stale=YEARS select as they say; the URL keeps them', () => {
    expect(ids('check=1')).toEqual(['old', 'thin']);
    expect(ids('check=stale')).toEqual(['old']);
    expect(ids('check=incomplete')).toEqual(['thin']);
    expect(ids('check=stale&stale=10')).toEqual([]);
    // Without its module the answer would be wrong: the selection says so rather than ignore `check`.
    expect(() => selectActors(all, decodeUrl('check=1').state, { now, hours: null })).toThrow(/freshness/);
    expect(ids('')).toEqual(['fresh', 'old', 'thin']);
    expect(encodeUrl(decodeUrl('stale=3&check=stale').state)).toBe('check=stale&stale=3');
    expect(decodeUrl('check=yes&stale=0').problems.map((p) => p.param)).toEqual(['check', 'stale']);
  });

  test('an empty "to check" list names that filter and what lifting it gives', () => {
    const context = { now, hours: null, freshness };
    const fablab = (id: string) => actorFixture({ ...fresh.properties, id, name: `Fablab ${id}` });
    const places = [fablab('a'), fablab('b'), actorFixture({ id: 'c', updated: '2019-01-01' })];
    // The fablabs are fresh, the old place is no fablab: the two conditions leave nothing.
    const { state } = decodeUrl('q=fablab&check=stale');
    const answer = explainEmpty(places, state, context)!;
    expect(answer.conditions).toEqual(['q', 'check']);
    expect(answer.culprit).toBe('check');
    expect(answer.ways).toEqual([
      { kind: 'remove', condition: 'check', count: 2 },
      { kind: 'remove', condition: 'q', count: 1 },
    ]);
    // What it promises is what the list then shows.
    expect(selectActors(places, without(state, 'check'), context).map((a) => a.properties.id)).toEqual(['a', 'b']);
    // Without the module, no promise rather than a wrong one.
    expect(explainEmpty(places, state, { now, hours: null })).toBeNull();
    const label = (lang: 'fr' | 'en', query: string) =>
      conditionLabel('check', { ...decodeUrl(query).state, territories: new Map() }, createTranslator(lang));
    expect(label('fr', 'check=stale&stale=10')).toBe('le filtre « fiches à vérifier : Anciennes (plus de 10 ans) »');
    expect(label('en', 'check=1')).toBe('the filter “records to check: Old (over 2 years) or incomplete”');
  });

  test('exports carry the selection in their permalink and in words', () => {
    const { state } = decodeUrl('check=1&stale=3&selected=x');
    expect(exportQuery(state)).toBe('check=1&stale=3');
    expect(describeSelection(state, createTranslator('en'))).toBe('to check: over 3 years old or incomplete');
    expect(describeSelection(state, createTranslator('fr'))).toBe('à vérifier : plus de 3 ans ou incomplètes');
  });
});
