import { describe, expect, test } from 'vitest';
import {
  PLACE_SEARCH_OPTIONS,
  createOnlineGeocoder,
  createPlaceSearch,
  decodePlaces,
  parseAddressResponse,
  placeWords,
} from '../../src/data/places';
import { PLACES_OPTIONS, placesFile } from '../../scripts/build-places';

import type { Place, PlaceKind, PlacesFile } from '../../src/data/places';

function place(name: string, postcodes: string[], population: number, extra: Partial<Place> = {}): Place {
  return {
    id: name,
    kind: 'commune' as PlaceKind,
    name,
    code: '',
    postcodes,
    departement: postcodes[0]?.slice(0, 2) ?? '',
    departementName: '',
    population,
    lon: 0,
    lat: 0,
    approximate: false,
    ...extra,
  };
}

const PLACES: Place[] = [
  place('Brest', ['29200'], 142346),
  place('Brestot', ['27350'], 500),
  place('Esboz-Brest', ['70300'], 450),
  place('Guipavas', ['29490'], 15000),
  place('Grenoble', ['38000', '38100'], 158198),
  place('Saint-Martin-d’Hères', ['38400'], 38000),
  place('Saint-Martin-d’Uriage', ['38410'], 5500),
  place('Saint-Martin-le-Vinoux', ['38950'], 5800),
  place('Saint-Martin', ['32300'], 300),
  place('Martin-Église', ['76370'], 1500),
  place('L’Île-Saint-Denis', ['93450'], 8700),
  place('Île-Tudy', ['29980'], 700),
  place('Le Havre', ['76600', '76610', '76620'], 165000),
  place('Lyon', ['69001', '69002', '69003'], 519127),
  place('Lyon 3e Arrondissement', ['69003'], 105000, { kind: 'arrondissement', commune: 'Lyon' }),
  place('La Croix-Rousse', [], 30000, { kind: 'neighbourhood', commune: 'Lyon' }),
  place('Échirolles', ['38130'], 37000),
  place('Eybens', ['38320'], 10000),
];
const search = createPlaceSearch(PLACES);
const names = (query: string, limit = 10) => search.search(query, limit).map((p) => p.name);

describe('placeWords', () => {
  test('folds case, accents, ligatures and punctuation', () => {
    expect(placeWords('Saint-Martin-d’Hères')).toEqual(['saint', 'martin', 'd', 'heres']);
    expect(placeWords("  L'ÎLE  Saint-Denis ")).toEqual(['l', 'ile', 'saint', 'denis']);
    expect(placeWords('Œuilly (02160)')).toEqual(['oeuilly', '02160']);
    expect(placeWords('—')).toEqual([]);
  });
});

describe('createPlaceSearch', () => {
  test('a name, whatever the case and accents', () => {
    expect(names('brest')[0]).toBe('Brest');
    expect(names('BREST')[0]).toBe('Brest');
    expect(names('echirolles')).toEqual(['Échirolles']);
    expect(names('ÉCHIR')).toEqual(['Échirolles']);
  });

  test('a postcode, whole or begun', () => {
    expect(names('29200')).toEqual(['Brest']);
    expect(names('38100')).toEqual(['Grenoble']);
    expect(names('294')).toEqual(['Guipavas']);
    // A département's first digits: its places, the most populated first.
    expect(names('38', 3)).toEqual(['Grenoble', 'Saint-Martin-d’Hères', 'Échirolles']);
  });

  test('several words, with or without punctuation and abbreviations', () => {
    expect(names('saint martin d heres')).toEqual(['Saint-Martin-d’Hères']);
    expect(names("saint-martin-d'hères")).toEqual(['Saint-Martin-d’Hères']);
    expect(names('st martin d h')).toEqual(['Saint-Martin-d’Hères']);
    expect(names('martin heres')).toEqual(['Saint-Martin-d’Hères']);
  });

  test('a name with its postcode', () => {
    expect(names('grenoble 38000')).toEqual(['Grenoble']);
    expect(names('38000 grenoble')).toEqual(['Grenoble']);
    expect(names('grenoble 29200')).toEqual([]);
    expect(names('saint martin 38', 5)).toEqual([
      'Saint-Martin-d’Hères',
      'Saint-Martin-le-Vinoux',
      'Saint-Martin-d’Uriage',
    ]);
  });

  test('ranked by match quality, then population', () => {
    // The whole name beats a bigger place that only begins with it.
    expect(names('saint martin')).toEqual([
      'Saint-Martin',
      'Saint-Martin-d’Hères',
      'Saint-Martin-le-Vinoux',
      'Saint-Martin-d’Uriage',
    ]);
    // The beginning of the name beats a word further in.
    expect(names('brest')).toEqual(['Brest', 'Brestot', 'Esboz-Brest']);
    expect(names('martin')[0]).toBe('Martin-Église');
    // A leading article may be left out.
    expect(names('ile')).toEqual(['L’Île-Saint-Denis', 'Île-Tudy']);
    expect(names('havre')).toEqual(['Le Havre']);
    // A place whose only postcode is the one typed beats one of several.
    expect(names('69003')).toEqual(['Lyon 3e Arrondissement', 'Lyon']);
    expect(names('lyon')).toEqual(['Lyon', 'Lyon 3e Arrondissement', 'La Croix-Rousse']);
    // A neighbourhood answers to its commune's name too, after places named so.
    expect(names('lyon 3e')).toEqual(['Lyon 3e Arrondissement']);
    expect(names('croix rousse lyon')).toEqual(['La Croix-Rousse']);
    expect(names('lyon cr')).toEqual(['La Croix-Rousse']);
  });

  test('at most `limit` answers; nothing for an empty query or a bad limit', () => {
    expect(search.search('s', 2)).toHaveLength(2);
    expect(names('e', 3)).toEqual(['Échirolles', 'Eybens', 'Esboz-Brest']);
    expect(search.search('', 5)).toEqual([]);
    expect(search.search('   ', 5)).toEqual([]);
    expect(search.search('brest', 0)).toEqual([]);
    expect(search.search('zzz', 5)).toEqual([]);
  });

  test('the walk by population gives the same answers as the candidate lists', () => {
    // Many places beginning with "sa": a one-letter query walks by population.
    const many = [...PLACES];
    const letters = (i: number) => [...i.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
    for (let i = 0; i < 3000; i++) many.push(place(`Sainte-Commune-${letters(i)}`, [String(10000 + i)], i));
    const big = createPlaceSearch(many);
    expect(big.search('s', 3).map((p) => p.name)).toEqual([
      'Saint-Martin-d’Hères',
      'Saint-Martin-le-Vinoux',
      'Saint-Martin-d’Uriage',
    ]);
    expect(big.search('sainte commune elj', 1).map((p) => p.name)).toEqual([`Sainte-Commune-${letters(2999)}`]);
    expect(big.search('saint martin', 1).map((p) => p.name)).toEqual(['Saint-Martin']);
    expect(big.search('sainte c', 2).map((p) => p.name)).toEqual([
      `Sainte-Commune-${letters(2999)}`,
      `Sainte-Commune-${letters(2998)}`,
    ]);
    // The same answers when every query reads its candidate lists in full.
    const queries = ['s', 'sa', 'sainte', 'sainte c', 'st', 'e', 'c', '1', '10', '29', 'saint martin', 'l i'];
    const walked = queries.map((q) => big.search(q, 7));
    const saved = PLACE_SEARCH_OPTIONS.scanAbove;
    PLACE_SEARCH_OPTIONS.scanAbove = Infinity;
    try {
      expect(queries.map((q) => big.search(q, 7))).toEqual(walked);
    } finally {
      PLACE_SEARCH_OPTIONS.scanAbove = saved;
    }
  });
});

describe('decodePlaces', () => {
  const file: PlacesFile = {
    format: 'archipel-places',
    version: 1,
    attribution: 'test',
    precision: 3,
    departements: { '13': 'Bouches-du-Rhône', '29': 'Finistère' },
    name: ['Marseille', 'La Joliette', 'Brest'],
    code: ['13055', '', '29019'],
    postcodes: ['13001 13002', '', '29200'],
    population: [870000, 8638, 142346],
    kind: 'cnc',
    approximate: '001',
    parent: [[1, 0]],
    lon: [5381, -14, -9867],
    lat: [43297, 14, 5094],
  };

  test('rebuilds each place from the columns', () => {
    const [marseille, joliette, brest] = decodePlaces(file);
    expect(marseille).toMatchObject({
      name: 'Marseille',
      kind: 'commune',
      code: '13055',
      postcodes: ['13001', '13002'],
      departement: '13',
    });
    expect(marseille!.lon).toBeCloseTo(5.381, 6);
    expect(marseille!.lat).toBeCloseTo(43.297, 6);
    expect(joliette).toMatchObject({
      kind: 'neighbourhood',
      commune: 'Marseille',
      code: '13055',
      postcodes: [],
      departementName: 'Bouches-du-Rhône',
    });
    expect(joliette!.lon).toBeCloseTo(5.367, 6);
    expect(brest).toMatchObject({ name: 'Brest', approximate: true, departement: '29', departementName: 'Finistère' });
    expect(brest!.lon).toBeCloseTo(-4.5, 6);
    expect(brest!.lat).toBeCloseTo(48.405, 6);
  });

  test('a file of another kind is refused with a reason', () => {
    expect(() => decodePlaces(null)).toThrow(/not a JSON object/);
    expect(() => decodePlaces({ ...file, version: 2 })).toThrow(/version 2/);
    expect(() => decodePlaces({ ...file, lat: [1] })).toThrow(/"lat"/);
    expect(() => decodePlaces({ ...file, kind: 'c' })).toThrow(/"kind"/);
  });
});

// Each test reads all of GeoNames' French settlements (some 10 s alone, more on a loaded machine).
describe('scripts/build-places', { timeout: 90_000 }, () => {
  test('Brest and Grenoble and their neighbours are placed from GeoNames; the output is deterministic', () => {
    const options = { ...PLACES_OPTIONS, departements: ['29', '38'] };
    const { file, report } = placesFile(options);
    const places = decodePlaces(file);
    const find = (name: string) => places.find((p) => p.name === name && p.kind === 'commune');
    expect(find('Brest')).toMatchObject({
      code: '29019',
      postcodes: ['29200'],
      departementName: 'Finistère',
      approximate: false,
    });
    expect(find('Brest')!.lon).toBeCloseTo(-4.486, 1);
    expect(find('Brest')!.lat).toBeCloseTo(48.39, 1);
    expect(find('Grenoble')).toMatchObject({ code: '38185', approximate: false });
    expect(find('Saint-Martin-d’Hères') ?? find("Saint-Martin-d'Hères")).toMatchObject({
      code: '38421',
      approximate: false,
    });
    expect(report.communes).toBeGreaterThan(700); // 277 in Finistère, 512 in Isère (2025)
    expect(report.placedExactly + report.placedApproximately + report.leftOut.length).toBe(report.communes);
    expect(JSON.stringify(placesFile(options).file)).toBe(JSON.stringify(file));
    const search = createPlaceSearch(places);
    expect(search.search('brest', 1)[0]?.code).toBe('29019');
    expect(search.search('grenoble 38100', 1)[0]?.code).toBe('38185');
  });

  test('Saint-Barthélemy and Saint-Martin, one commune each, are placed at their seat (Gustavia, Marigot) and found', () => {
    const { file } = placesFile({ ...PLACES_OPTIONS, departements: ['977', '978'] });
    const places = decodePlaces(file);
    const martin = places.find((p) => p.code === '97801' && p.kind === 'commune');
    expect(martin).toMatchObject({ name: 'Saint-Martin', postcodes: ['97150'], approximate: false });
    expect(martin!.lon).toBeCloseTo(-63.08, 1); // Marigot
    expect(martin!.lat).toBeCloseTo(18.07, 1);
    const barth = places.find((p) => p.code === '97701' && p.kind === 'commune');
    expect(barth).toMatchObject({ name: 'Saint-Barthélemy', approximate: false });
    expect(barth!.lon).toBeCloseTo(-62.85, 1); // Gustavia
    expect(createPlaceSearch(places).search('saint-martin 97150', 1)[0]?.code).toBe('97801');
  });
});

describe('the national address API', () => {
  // A response written by hand after the API's documented format (GeoJSON FeatureCollection).
  const SAMPLE = {
    type: 'FeatureCollection',
    version: 'draft',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-4.486009, 48.390528] },
        properties: {
          label: 'Brest',
          score: 0.96,
          id: '29019',
          type: 'municipality',
          name: 'Brest',
          postcode: '29200',
          citycode: '29019',
          x: 145860.5,
          y: 6836553.3,
          population: 142346,
          city: 'Brest',
          context: '29, Finistère, Bretagne',
          importance: 0.62,
        },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-4.491, 48.3868] },
        properties: {
          label: '12 Rue de Siam 29200 Brest',
          score: 0.88,
          housenumber: '12',
          id: '29019_1234_00012',
          name: '12 Rue de Siam',
          postcode: '29200',
          citycode: '29019',
          city: 'Brest',
          context: '29, Finistère, Bretagne',
          type: 'housenumber',
          street: 'Rue de Siam',
        },
      },
      { type: 'Feature', geometry: null, properties: { label: 'no point' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: ['x', 1] }, properties: { label: 'bad point' } },
    ],
    attribution: 'BAN',
    licence: 'ETALAB-2.0',
    query: 'brest',
    limit: 5,
  };

  test('its answer reads as places, skipping features with no usable point', () => {
    const places = parseAddressResponse(SAMPLE);
    expect(places).toHaveLength(2);
    expect(places[0]).toEqual({
      id: '29019',
      kind: 'commune',
      name: 'Brest',
      code: '29019',
      postcodes: ['29200'],
      departement: '29',
      departementName: 'Finistère',
      population: 142346,
      lon: -4.486009,
      lat: 48.390528,
      approximate: false,
    });
    expect(places[1]).toMatchObject({
      kind: 'address',
      name: '12 Rue de Siam',
      commune: 'Brest',
      postcodes: ['29200'],
    });
    expect(parseAddressResponse({ error: 'oops' })).toEqual([]);
    expect(parseAddressResponse('nonsense')).toEqual([]);
  });

  test('the geocoder asks the configured URL, with no network in tests', async () => {
    const asked: string[] = [];
    const fakeFetch = (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(SAMPLE), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const geocoder = createOnlineGeocoder('https://example.test/search/', fakeFetch);
    expect(await geocoder.search('12 rue de siam brest', 5)).toHaveLength(2);
    expect(asked).toEqual(['https://example.test/search/?q=12+rue+de+siam+brest&limit=5&autocomplete=1']);
    expect(await geocoder.search('br')).toEqual([]); // the API refuses fewer than 3 characters
    expect(asked).toHaveLength(1);
    const failing = createOnlineGeocoder(
      'https://example.test/search/',
      (async () => new Response('', { status: 503 })) as typeof fetch,
    );
    await expect(failing.search('brest')).rejects.toThrow(/503/);
  });
});
