import { describe, expect, test } from 'vitest';
import { communeKey, depOfPostcode } from '../../src/data/admin';
import {
  actorTerritories,
  canonicalTerritoryId,
  homeTerritory,
  parseTerritoryId,
  parseTerritoryList,
} from '../../src/core/territory-id';
import { nodeAdmin } from '../../scripts/admin-files';

describe('territory ids', () => {
  test('administrative ids, slugs and aliases', () => {
    expect(parseTerritoryId('commune:29019')).toEqual({ level: 'commune', code: '29019' });
    expect(parseTerritoryId('commune:2a004')).toEqual({ level: 'commune', code: '2A004' });
    expect(parseTerritoryId('epci:242900314')).toEqual({ level: 'epci', code: '242900314' });
    expect(parseTerritoryId('dep:2A')).toEqual({ level: 'dep', code: '2A' });
    expect(parseTerritoryId('dep:971')).toEqual({ level: 'dep', code: '971' });
    expect(parseTerritoryId('region:53')).toEqual({ level: 'region', code: '53' });
    expect(parseTerritoryId('quimper')).toEqual({ level: 'custom', code: 'quimper' });
    expect(parseTerritoryId('dep:9')).toBeNull();
    expect(parseTerritoryId('epci:1234')).toBeNull();
    expect(parseTerritoryId('canton:29')).toBeNull();
    expect(parseTerritoryId('Brest')).toBeNull();
    expect(canonicalTerritoryId('brest')).toBe('epci:242900314');
    expect(canonicalTerritoryId('grenoble')).toBe('epci:200040715');
    expect(canonicalTerritoryId('dep:29')).toBe('dep:29');
  });

  test('comma lists keep order, drop duplicates and name what is not understood', () => {
    expect(parseTerritoryList('brest, grenoble,dep:2a,brest,nope!')).toEqual({
      ids: ['brest', 'grenoble', 'dep:2A'],
      bad: ['nope!'],
    });
  });

  test('an actor is in its commune’s territories and in its own territory with its alias', () => {
    const admin = {
      communes: { '29019': { name: 'Brest', territories: ['commune:29019', 'epci:242900314', 'dep:29', 'region:53'] } },
      territories: {},
    };
    expect(actorTerritories({ insee: '29019' }, admin)).toEqual([
      'commune:29019',
      'epci:242900314',
      'dep:29',
      'region:53',
    ]);
    expect(actorTerritories({ territory: 'grenoble' })).toEqual(['grenoble', 'epci:200040715']);
    expect(homeTerritory({ insee: '2A004' })).toBe('dep:2A');
    expect(homeTerritory({ territory: 'brest', insee: '29019' })).toBe('brest');
  });
});

describe('commune names and postcodes', () => {
  test('names compare without accents, case, hyphens, apostrophes, articles or abbreviations', () => {
    expect(communeKey('Échirolles')).toBe(communeKey('ECHIROLLES'));
    expect(communeKey('Pont de Claix')).toBe(communeKey('Le Pont-de-Claix'));
    expect(communeKey('St Martin d’Hères')).toBe(communeKey("Saint-Martin-d'Hères"));
    expect(communeKey('Saint-Donat-sur-lHerbasse')).toBe(communeKey("Saint-Donat-sur-l'Herbasse"));
    expect(communeKey('Nîmes Cedex 9')).toBe(communeKey('Nîmes'));
  });

  test('the département a postcode names', () => {
    expect(depOfPostcode('29200')).toBe('29');
    expect(depOfPostcode('20000')).toBe('2A');
    expect(depOfPostcode('20200')).toBe('2B');
    expect(depOfPostcode('97400')).toBe('974');
  });
});

describe('the administrative map (public/admin, from @etalab/decoupage-administratif)', async () => {
  const admin = await nodeAdmin(['29', '38', '84', '2A', '974', '75']);

  test('names, membership and extents of every level', () => {
    expect(admin.territory('epci:242900314')?.name).toBe('Brest Métropole');
    expect(admin.territory('brest')?.id).toBe('epci:242900314');
    expect(admin.territory('grenoble')?.name).toBe('Grenoble-Alpes-Métropole');
    expect(admin.territory('dep:38')?.name).toBe('Isère');
    expect(admin.territory('region:53')?.name).toBe('Bretagne');
    expect(admin.territory('commune:38151')?.name).toBe('Échirolles');
    expect(admin.territoriesOf('38151')).toEqual(['commune:38151', 'epci:200040715', 'dep:38', 'region:84']);
    const finistere = admin.territory('dep:29')!.bbox;
    // Brest and Quimper lie in Finistère's extent; Grenoble does not.
    for (const [lon, lat] of [
      [-4.486, 48.39],
      [-4.1, 47.996],
    ] as const)
      expect(lon >= finistere[0] && lon <= finistere[2] && lat >= finistere[1] && lat <= finistere[3]).toBe(true);
    expect(admin.inFrance([5.72, 45.19])).toBe(true);
    expect(admin.inFrance([-8, 47])).toBe(false); // the Bay of Biscay
    expect(admin.inFrance([55.45, -20.9])).toBe(true); // Saint-Denis, La Réunion
  });

  test('a commune by INSEE code, former code, or postcode and name, whatever the spelling', () => {
    expect(admin.resolveCommune({ insee: '29019' }).commune?.name).toBe('Brest');
    // Saint-Marc, merged into Brest in 1945.
    expect(admin.resolveCommune({ insee: '29253' }).commune?.code).toBe('29019');
    // A Paris arrondissement is Paris.
    expect(admin.resolveCommune({ insee: '75111' }).commune?.code).toBe('75056');
    expect(admin.resolveCommune({ postcode: '38130', commune: 'ECHIROLLES' }).commune?.code).toBe('38151');
    expect(admin.resolveCommune({ postcode: '38800', commune: 'Pont de Claix' }).commune?.code).toBe('38317');
    expect(admin.resolveCommune({ postcode: '75011', commune: 'Paris' }).commune?.code).toBe('75056');
    expect(admin.resolveCommune({ postcode: '97400', commune: 'Saint-Denis' }).commune?.code).toBe('97411');
  });

  test('says what disagrees: a postcode that does not exist, a name that is not the postcode’s', () => {
    expect(admin.resolveCommune({ postcode: '380000', commune: 'Grenoble' }).postcodeUnknown).toBe(true);
    expect(admin.resolveCommune({ postcode: '30252Cedex', commune: 'Nîmes' }).postcodeUnknown).toBe(true);
    // A CEDEX code is an organisation's real postcode: its commune is found in its département.
    const cedex = admin.resolveCommune({ postcode: '38040', commune: 'Grenoble Cedex 9' });
    expect(cedex.postcodeUnknown).toBe(false);
    expect(cedex.commune?.code).toBe('38185');
    const wrongName = admin.resolveCommune({ postcode: '29200', commune: 'Quimper' });
    expect(wrongName.nameDisagrees).toBe(true);
    // The name is found in the postcode's département all the same.
    expect(wrongName.commune?.code).toBe('29232');
    expect(admin.resolveCommune({ insee: '29999' }).inseeUnknown).toBe(true);
  });

  test('distance from a commune and its allowed extent', () => {
    const brest = admin.commune('29019')!;
    const near = admin.distanceFromCommune(brest, [-4.55, 48.4])!;
    expect(near.km).toBeLessThan(near.limitKm);
    const grenoble = admin.distanceFromCommune(brest, [5.72, 45.19])!;
    expect(grenoble.km).toBeGreaterThan(600);
    expect(grenoble.km).toBeGreaterThan(grenoble.limitKm);
  });
});

describe('Saint-Martin and Saint-Barthélemy, one commune each, are on the map', async () => {
  const admin = await nodeAdmin(['977', '978']);

  test('each has its commune, placed at its seat, and an extent the size of an island', () => {
    expect(admin.territory('dep:978')?.name).toBe('Saint-Martin');
    expect(admin.resolveCommune({ postcode: '97150', commune: 'Saint-Martin' }).commune?.code).toBe('97801');
    expect(admin.resolveCommune({ insee: '97701' }).commune?.name).toBe('Saint-Barthélemy');
    expect(admin.inFrance([-63.08, 18.07])).toBe(true); // Marigot
    for (const id of ['dep:977', 'dep:978']) {
      const [w, s, e, n] = admin.territory(id)!.bbox;
      expect(e - w).toBeGreaterThan(0);
      expect(e - w).toBeLessThan(0.5); // not the Antilles: Guadeloupe lies 250 km away
      expect(n - s).toBeLessThan(0.5);
    }
    const martin = admin.commune('97801')!;
    expect(admin.distanceFromCommune(martin, [-63.05, 18.1])!.km).toBeLessThan(
      admin.distanceFromCommune(martin, [-63.05, 18.1])!.limitKm,
    );
  });
});
