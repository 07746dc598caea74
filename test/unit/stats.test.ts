import { describe, expect, test } from 'vitest';
import { compareTerritories, territoryStats } from '../../src/geo/stats';
import type { ActorFeature, LonLat, Network } from '../../src/core/types';
import { CATEGORIES, SCALES, THEMES } from '../../src/core/vocab';
import type { Category, Theme } from '../../src/core/vocab';
import { actorFixture } from './fixtures';

function actor(
  id: string,
  name: string,
  territory: string,
  coordinates: LonLat,
  category: Category,
  themes: Theme[],
  networks: string[] = [],
  partners: string[] = [],
): ActorFeature {
  return actorFixture(
    { id, name, category, roles: ['contributor'], themes, territory, networks, partners },
    coordinates,
  );
}

// The fixture of links.test.ts, with names that make ties break by name, not id.
const b1 = actor(
  'b1',
  'Médiathèque des Capucins',
  'brest',
  [-4.5, 48.4],
  'library',
  ['training', 'digital-inclusion'],
  ['papi', 'region'],
  ['b2'],
);
const b2 = actor(
  'b2',
  'Cyber-base Bellevue',
  'brest',
  [-4.46, 48.4],
  'internet-access',
  ['digital-inclusion'],
  ['papi'],
  ['b1', 'g1'],
);
const b3 = actor(
  'b3',
  'Fablab des Capucins',
  'brest',
  [-4.48, 48.43],
  'fablab',
  ['making', 'training'],
  ['fab-net', 'region'],
);
const g1 = actor('g1', 'La Casemate', 'grenoble', [5.72, 45.18], 'fablab', ['making'], ['fab-net']);
const g2 = actor('g2', 'Illyse', 'grenoble', [5.74, 45.19], 'association', ['free-software', 'hosting']);
const g3 = actor(
  'g3',
  'Bibliothèque Kateb Yacine',
  'grenoble',
  [5.73, 45.2],
  'library',
  ['open-knowledge', 'training'],
  ['fab-net', 'ghost', 'fab-net'],
  ['g2'],
);
const actors = [b1, b2, b3, g1, g2, g3];

const networks: Network[] = [
  { id: 'papi', name: 'PAPI de Brest', scale: 'local' },
  { id: 'region', name: 'Hub Bretagne', scale: 'regional', seat: [-1.68, 48.11], memberOf: ['world'] },
  { id: 'fab-net', name: 'Réseau français des fablabs', scale: 'national', seat: [2.35, 48.86], memberOf: ['world'] },
  { id: 'world', name: 'Fab Foundation', scale: 'international' },
];

const zeroCategories = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
const zeroThemes = Object.fromEntries(THEMES.map((t) => [t, 0]));

describe('territoryStats', () => {
  const brest = territoryStats(actors, networks, 'brest');
  const grenoble = territoryStats(actors, networks, 'grenoble');

  test('counts actors by category, every category present in vocabulary order', () => {
    expect(brest.actors).toBe(3);
    expect(brest.byCategory).toEqual({ ...zeroCategories, library: 1, 'internet-access': 1, fablab: 1 });
    expect(Object.keys(brest.byCategory)).toEqual([...CATEGORIES]);
    expect(grenoble.byCategory).toEqual({ ...zeroCategories, fablab: 1, association: 1, library: 1 });
  });
  test('counts actors by theme, every theme present in vocabulary order', () => {
    expect(brest.byTheme).toEqual({ ...zeroThemes, training: 2, 'digital-inclusion': 2, making: 1 });
    expect(Object.keys(brest.byTheme)).toEqual([...THEMES]);
    expect(grenoble.byTheme).toEqual({
      ...zeroThemes,
      making: 1,
      'free-software': 1,
      hosting: 1,
      'open-knowledge': 1,
      training: 1,
    });
  });
  test('share of actors linked to at least one known network', () => {
    expect([brest.linkedActors, brest.actors, brest.linkedShare]).toEqual([3, 3, 1]);
    expect([grenoble.linkedActors, grenoble.actors]).toEqual([2, 3]);
    expect(grenoble.linkedShare).toBeCloseTo(0.6667, 4);
  });
  test('memberships by scale of the network, once per actor and network, unknown networks ignored', () => {
    expect(brest.linksByScale).toEqual({ local: 2, regional: 2, national: 1, international: 0 });
    expect(Object.keys(brest.linksByScale)).toEqual([...SCALES]);
    expect(grenoble.linksByScale).toEqual({ local: 0, regional: 0, national: 2, international: 0 });
  });
  test('most connected actors: networks + partners (either side listing), by degree then name', () => {
    expect(brest.topActors).toEqual([
      { id: 'b2', name: 'Cyber-base Bellevue', degree: 3 },
      { id: 'b1', name: 'Médiathèque des Capucins', degree: 3 },
      { id: 'b3', name: 'Fablab des Capucins', degree: 2 },
    ]);
    expect(grenoble.topActors).toEqual([
      { id: 'g3', name: 'Bibliothèque Kateb Yacine', degree: 2 },
      { id: 'g1', name: 'La Casemate', degree: 2 },
      { id: 'g2', name: 'Illyse', degree: 1 },
    ]);
  });
  test('most connected networks: members in the territory, by degree then name', () => {
    expect(brest.topNetworks).toEqual([
      { id: 'region', name: 'Hub Bretagne', degree: 2 },
      { id: 'papi', name: 'PAPI de Brest', degree: 2 },
      { id: 'fab-net', name: 'Réseau français des fablabs', degree: 1 },
    ]);
    expect(grenoble.topNetworks).toEqual([{ id: 'fab-net', name: 'Réseau français des fablabs', degree: 2 }]);
  });
  test('rankings keep the top N', () => {
    const top2 = territoryStats(actors, networks, 'brest', { top: 2 });
    expect(top2.topActors.map((a) => a.id)).toEqual(['b2', 'b1']);
    expect(top2.topNetworks.map((n) => n.id)).toEqual(['region', 'papi']);
  });
  test('ties of degree and name break by id, whatever the input order', () => {
    const twinA = actor('twin-a', 'Même nom', 'lyon', [4.8, 45.7], 'company', ['training']);
    const twinB = actor('twin-b', 'Même nom', 'lyon', [4.8, 45.7], 'company', ['training']);
    expect(territoryStats([twinB, twinA], networks, 'lyon').topActors.map((a) => a.id)).toEqual(['twin-a', 'twin-b']);
    expect(territoryStats([twinA, twinB], networks, 'lyon').topActors.map((a) => a.id)).toEqual(['twin-a', 'twin-b']);
  });
  test('every figure follows the filters', () => {
    // b1 filtered out: b2 loses a partner, papi and region a member.
    const filtered = territoryStats([b2, b3, g1, g2, g3], networks, 'brest');
    expect(filtered.actors).toBe(2);
    expect(filtered.byCategory.library).toBe(0);
    expect(filtered.byTheme['digital-inclusion']).toBe(1);
    expect(filtered.linksByScale).toEqual({ local: 1, regional: 1, national: 1, international: 0 });
    expect(filtered.topActors).toEqual([
      { id: 'b2', name: 'Cyber-base Bellevue', degree: 2 },
      { id: 'b3', name: 'Fablab des Capucins', degree: 2 },
    ]);
    expect(filtered.topNetworks.map((n) => [n.id, n.degree])).toEqual([
      ['region', 1],
      ['papi', 1],
      ['fab-net', 1],
    ]);
    // g1 filtered out: b2's partnership with it no longer counts.
    expect(territoryStats([b1, b2, b3, g2, g3], networks, 'brest').topActors[0]).toEqual({
      id: 'b1',
      name: 'Médiathèque des Capucins',
      degree: 3,
    });
  });
  test('a territory with no actor shown has zeros everywhere and a share of 0', () => {
    const empty = territoryStats(actors, networks, 'lyon');
    expect(empty).toEqual({
      territory: 'lyon',
      actors: 0,
      byCategory: zeroCategories,
      byTheme: zeroThemes,
      linkedActors: 0,
      linkedShare: 0,
      linksByScale: { local: 0, regional: 0, national: 0, international: 0 },
      topActors: [],
      topNetworks: [],
    });
  });
});

describe('compareTerritories', () => {
  test('two territories side by side, with the networks they share and the partnerships between them', () => {
    const comparison = compareTerritories(actors, networks, ['brest', 'grenoble']);
    expect(comparison.territories).toEqual(['brest', 'grenoble']);
    expect(comparison.stats[0]).toEqual(territoryStats(actors, networks, 'brest'));
    expect(comparison.stats[1]).toEqual(territoryStats(actors, networks, 'grenoble'));
    expect(comparison.sharedNetworks).toEqual([
      { id: 'fab-net', name: 'Réseau français des fablabs', members: [1, 2] },
    ]);
    expect(comparison.partnerships).toBe(1);
  });
  test('follows the filters', () => {
    const comparison = compareTerritories([b1, b2, g1, g2, g3], networks, ['brest', 'grenoble']);
    expect(comparison.sharedNetworks).toEqual([]);
    expect(comparison.stats[0].actors).toBe(2);
    expect(compareTerritories([b1, b3, g1, g2, g3], networks, ['brest', 'grenoble']).partnerships).toBe(0);
  });
  test('the order of the pair is kept', () => {
    const comparison = compareTerritories(actors, networks, ['grenoble', 'brest'], { top: 1 });
    expect(comparison.stats.map((s) => s.territory)).toEqual(['grenoble', 'brest']);
    expect(comparison.sharedNetworks[0]!.members).toEqual([2, 1]);
    expect(comparison.stats[1].topActors).toEqual([{ id: 'b2', name: 'Cyber-base Bellevue', degree: 3 }]);
  });
});
