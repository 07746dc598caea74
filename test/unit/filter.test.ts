import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { facetCounts, filterActors, indexActors, normaliseText, NO_FILTERS } from '../../src/core/filter';
import type { Filters } from '../../src/core/filter';
import type { ActorFeature } from '../../src/core/types';
import { CATEGORIES, ROLES, THEMES } from '../../src/core/vocab';
import type { Category, Role, Theme } from '../../src/core/vocab';
import { actorFixture } from './fixtures';

function actor(
  id: string,
  category: Category,
  roles: Role[],
  themes: Theme[],
  extra: Partial<ActorFeature['properties']> = {},
): ActorFeature {
  return actorFixture({ id, name: id, category, roles, themes, ...extra });
}

// A small world whose answers are worked out by hand below.
const actors = indexActors([
  actor('lib-a', 'library', ['public-service'], ['training', 'digital-inclusion'], {
    name: 'Médiathèque François Mitterrand',
  }),
  actor('lib-b', 'library', ['public-service'], ['open-knowledge'], { territory: 'grenoble', commune: 'Échirolles' }),
  actor('fab-a', 'fablab', ['opportunity-space', 'contributor'], ['making', 'training'], {
    description: 'Atelier de fabrication numérique',
  }),
  actor('papi-a', 'internet-access', ['public-service'], ['digital-inclusion']),
  actor('asso-a', 'association', ['contributor'], ['free-software', 'hosting', 'training']),
]);
const ids = (filters: Partial<Filters>) =>
  filterActors(actors, { ...NO_FILTERS, ...filters }).map((a) => a.properties.id);
const vocab = { categories: CATEGORIES, roles: ROLES, themes: THEMES };

describe('filterActors', () => {
  test('no filter shows every actor', () => {
    expect(ids({})).toEqual(['lib-a', 'lib-b', 'fab-a', 'papi-a', 'asso-a']);
  });
  test('OR within a group', () => {
    expect(ids({ categories: ['library', 'fablab'] })).toEqual(['lib-a', 'lib-b', 'fab-a']);
    expect(ids({ themes: ['making', 'hosting'] })).toEqual(['fab-a', 'asso-a']);
  });
  test('AND across groups', () => {
    expect(ids({ categories: ['library', 'fablab'], themes: ['training'] })).toEqual(['lib-a', 'fab-a']);
    expect(ids({ roles: ['contributor'], themes: ['training'], categories: ['association'] })).toEqual(['asso-a']);
  });
  test('match=all requires every listed theme', () => {
    expect(ids({ themes: ['training', 'digital-inclusion'] })).toEqual(['lib-a', 'fab-a', 'papi-a', 'asso-a']);
    expect(ids({ themes: ['training', 'digital-inclusion'], match: 'all' })).toEqual(['lib-a']);
  });
  test('search ignores accents and case, over name, commune and description', () => {
    expect(ids({ q: 'mediatheque' })).toEqual(['lib-a']);
    expect(ids({ q: 'MÉDIATHÈQUE mitterrand' })).toEqual(['lib-a']);
    expect(ids({ q: 'echirolles' })).toEqual(['lib-b']);
    expect(ids({ q: 'fabrication' })).toEqual(['fab-a']);
    expect(ids({ q: 'fabrication brest nowhere' })).toEqual([]);
  });
  test('search folds the ligatures NFD keeps whole: œ as oe', () => {
    const world = indexActors([
      actor('fol', 'association', ['contributor'], ['training'], { name: 'Fédération des Œuvres laïques' }),
    ]);
    expect(filterActors(world, { ...NO_FILTERS, q: 'oeuvres laiques' }).map((a) => a.properties.id)).toEqual(['fol']);
    expect(filterActors(world, { ...NO_FILTERS, q: 'œuvres' }).map((a) => a.properties.id)).toEqual(['fol']);
  });
  test('every option of the filtered vocabularies has a bit of its own', () => {
    // An actor's categories, roles and themes are each one 32-bit number (src/core/filter.ts).
    for (const vocabulary of [CATEGORIES, ROLES, THEMES]) expect(vocabulary.length).toBeLessThanOrEqual(31);
  });
  test('the shown actors are those the rule names, for any actors and filters', () => {
    // The rule in plain words (docs/data-model.md): OR within a group, AND across groups; a
    // library with public internet access counts as an internet access point too.
    const categoriesOf = (p: ActorFeature['properties']) =>
      p.services?.includes('public-internet') ? [p.category, 'internet-access'] : [p.category];
    const rule = (p: ActorFeature['properties'], f: Filters) =>
      (f.categories.length === 0 || f.categories.some((c) => categoriesOf(p).includes(c))) &&
      (f.roles.length === 0 || f.roles.some((r) => p.roles.includes(r))) &&
      (f.themes.length === 0 ||
        (f.match === 'all' ? f.themes.every((t) => p.themes.includes(t)) : f.themes.some((t) => p.themes.includes(t))));
    const pick = <T>(values: readonly T[]) => fc.subarray([...values], { maxLength: 3 });
    const anActor = fc.record({
      category: fc.constantFrom(...CATEGORIES),
      roles: fc.subarray([...ROLES], { minLength: 1 }),
      themes: fc.subarray([...THEMES], { minLength: 1 }),
      internet: fc.boolean(),
    });
    const someFilters = fc.record({
      categories: pick(CATEGORIES),
      roles: pick(ROLES),
      // A theme no actor can have (an old link's): with match=all nothing passes, with any it adds nothing.
      themes: pick([...THEMES, 'retired-theme' as Theme]),
      match: fc.constantFrom('any' as const, 'all' as const),
      q: fc.constant(''),
      territory: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(anActor, { maxLength: 30 }), someFilters, (specs, filters) => {
        const world = specs.map((a, i) =>
          actor(`a${i}`, a.category, a.roles, a.themes, a.internet ? { services: ['public-internet'] } : {}),
        );
        const shown = filterActors(indexActors(world), filters).map((a) => a.properties.id);
        expect(shown).toEqual(world.filter((a) => rule(a.properties, filters)).map((a) => a.properties.id));
      }),
    );
  });
  test('territory restricts', () => {
    expect(ids({ territory: 'grenoble' })).toEqual(['lib-b']);
  });
});

describe('normaliseText', () => {
  test('strips accents, folds case and spaces', () => {
    expect(normaliseText('  Médiathèque   Saint-Étienne ')).toBe('mediatheque saint-etienne');
    expect(normaliseText('L’Atelier')).toBe("l'atelier");
  });
});

describe('facetCounts', () => {
  test('each option counts what it would give with the other groups as they are', () => {
    const counts = facetCounts(actors, { ...NO_FILTERS, categories: ['library'], themes: ['training'] }, vocab);
    // Categories ignore the category filter but keep themes=training: lib-a, fab-a, asso-a.
    expect(counts.category.library).toBe(1);
    expect(counts.category.fablab).toBe(1);
    expect(counts.category.association).toBe(1);
    expect(counts.category['internet-access']).toBe(0);
    // Themes ignore the theme filter but keep category=library: lib-a, lib-b.
    expect(counts.theme.training).toBe(1);
    expect(counts.theme['open-knowledge']).toBe(1);
    expect(counts.theme.making).toBe(0);
    // Roles keep both: lib-a only.
    expect(counts.role['public-service']).toBe(1);
    expect(counts.role.contributor).toBe(0);
  });
  test('in match=all mode a theme counts the actors that also carry the selected ones', () => {
    const counts = facetCounts(actors, { ...NO_FILTERS, themes: ['training'], match: 'all' }, vocab);
    expect(counts.theme.training).toBe(3);
    expect(counts.theme['digital-inclusion']).toBe(1);
    expect(counts.theme.hosting).toBe(1);
    expect(counts.theme['open-knowledge']).toBe(0);
  });
  test('every option is present, zero included', () => {
    const counts = facetCounts(actors, NO_FILTERS, vocab);
    expect(Object.keys(counts.category)).toEqual([...CATEGORIES]);
    expect(counts.category.company).toBe(0);
  });
  test('each count is what selecting that option would show, for any actors and filters', () => {
    const pick = <T>(values: readonly T[]) => fc.subarray([...values], { maxLength: 3 });
    const anActor = fc.record({
      category: fc.constantFrom(...CATEGORIES),
      roles: fc.subarray([...ROLES], { minLength: 1 }),
      themes: fc.subarray([...THEMES], { minLength: 1 }),
      territory: fc.constantFrom('brest', 'grenoble'),
      name: fc.constantFrom('Médiathèque', 'Atelier', 'Centre social'),
    });
    const someFilters = fc.record({
      categories: pick(CATEGORIES),
      roles: pick(ROLES),
      themes: pick(THEMES),
      match: fc.constantFrom('any' as const, 'all' as const),
      q: fc.constantFrom('', 'atelier', 'media'),
      territory: fc.constantFrom(null, 'brest'),
    });
    fc.assert(
      fc.property(fc.array(anActor, { maxLength: 30 }), someFilters, (specs, filters) => {
        const world = indexActors(
          specs.map((a, i) => actor(`a${i}`, a.category, a.roles, a.themes, { territory: a.territory, name: a.name })),
        );
        const counts = facetCounts(world, filters, vocab);
        const shown = (f: Filters) => filterActors(world, f);
        for (const c of CATEGORIES) expect(counts.category[c]).toBe(shown({ ...filters, categories: [c] }).length);
        for (const r of ROLES) expect(counts.role[r]).toBe(shown({ ...filters, roles: [r] }).length);
        for (const t of THEMES) {
          // OR: the option alone in its group; all: the option on top of those required.
          const themes = filters.match === 'all' ? [...new Set([...filters.themes, t])] : [t];
          expect(counts.theme[t]).toBe(shown({ ...filters, themes }).length);
        }
      }),
    );
  });
});
