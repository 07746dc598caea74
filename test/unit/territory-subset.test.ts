import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { actorInTerritory, isTerritoryId, territorySubset } from '../../src/data/territory-subset';
import { communeIndex } from '../../scripts/deployment';
import { oembedFor } from '../../src/core/oembed';

const read = (name: string) => JSON.parse(readFileSync(`data/${name}`, 'utf8'));
const index = communeIndex();

describe('a territory’s part of the data', () => {
  test('ids of the territories contract are understood, others refused', () => {
    for (const id of [
      'brest',
      'epci:242900314',
      'commune:29019',
      'dep:29',
      'dep:2A',
      'dep:971',
      'region:53',
      'dep:29,dep:38',
    ])
      expect(isTerritoryId(id)).toBe(true);
    for (const id of ['paris', 'epci:12', 'dep:', 'commune:2901', 'dep:29;dep:38'])
      expect(isTerritoryId(id)).toBe(false);
  });

  test('an actor belongs by its legacy territory, its INSEE code, or its postcode and commune', () => {
    const brestLegacy = { territory: 'brest', postcode: '29200', commune: 'Brest' };
    expect(actorInTerritory(brestLegacy, 'epci:242900314', index)).toBe(true);
    expect(actorInTerritory(brestLegacy, 'brest', index)).toBe(true);
    expect(actorInTerritory(brestLegacy, 'grenoble', index)).toBe(false);
    // No territory tag: the commune is found from postcode and name (Guipavas is in Brest métropole).
    const guipavas = { postcode: '29490', commune: 'Guipavas' };
    expect(actorInTerritory(guipavas, 'epci:242900314', index)).toBe(true);
    expect(actorInTerritory(guipavas, 'commune:29075', index)).toBe(true);
    expect(actorInTerritory(guipavas, 'region:53', index)).toBe(true);
    expect(actorInTerritory(guipavas, 'region:84', index)).toBe(false);
    // Departments by INSEE code, else by postcode prefix (Corsica: 20xxx).
    expect(actorInTerritory({ insee: '2A004', postcode: '20000' }, 'dep:2A')).toBe(true);
    expect(actorInTerritory({ postcode: '20000' }, 'dep:2A')).toBe(true);
    expect(actorInTerritory({ postcode: '97100' }, 'dep:971')).toBe(true);
    expect(actorInTerritory({ postcode: '38000' }, 'dep:29,dep:38')).toBe(true);
    expect(actorInTerritory({ postcode: '75001' }, 'dep:29,dep:38')).toBe(false);
  });

  test('the subset keeps the territory’s actors, their networks and wider ones, and drops partners outside', () => {
    const actors = read('actors.geojson');
    const networks = read('networks.json') as { id: string; memberOf?: string[] }[];
    const subset = territorySubset(actors, networks, read('territories.json'), 'epci:200040715', index);
    const expected = actors.features.filter(
      (f: { properties: { territory: string } }) => f.properties.territory === 'grenoble',
    );
    expect(subset.actors.features).toHaveLength(expected.length);
    const kept = new Set(subset.actors.features.map((f) => (f.properties as { id: string }).id));
    const shipped = new Set(subset.networks.map((n) => n.id));
    for (const f of subset.actors.features) {
      const p = f.properties as { networks?: string[]; partners?: string[] };
      for (const n of p.networks ?? []) expect(shipped.has(n)).toBe(true);
      for (const partner of p.partners ?? []) expect(kept.has(partner)).toBe(true);
    }
    for (const n of subset.networks)
      for (const parent of (n.memberOf as string[] | undefined) ?? []) expect(shipped.has(parent)).toBe(true);
    expect(subset.networks.length).toBeLessThan(networks.length);
    expect(subset.territories.map((t) => t.id)).toEqual(['grenoble']);
  });
});

describe('oEmbed', () => {
  test('a view’s answer is a rich oEmbed whose iframe shows that view, embedded, titled in its language', () => {
    const answer = oembedFor({
      siteUrl: 'https://example.org/carte/',
      query: 'territory=brest&embed=1&theme=training',
      title: 'Archipel',
      frameTitle: 'Map of the actors of the digital commons (Archipel)',
      lang: 'en',
    });
    expect(answer).toMatchObject({ version: '1.0', type: 'rich', width: 800, height: 600 });
    expect(answer.html).toContain(
      'src="https://example.org/carte/?embed=1&amp;territory=brest&amp;theme=training&amp;lang=en"',
    );
    expect(answer.html).toContain('title="Map of the actors of the digital commons (Archipel)"');
  });
});
