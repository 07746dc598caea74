import { describe, expect, test } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { basemapStyle, BASEMAP_LAYER, BASEMAP_THEME } from '../../src/map/basemap';
import { MAP_FONT_STACK } from '../../src/map/fonts';
import {
  PLAN_IGN,
  STREET_SOURCE,
  STREET_THEME,
  parseStreetBasemap,
  streetLayers,
  streetSource,
  tileOf,
} from '../../src/map/street-basemap';
import { DEFAULT_CONFIG, parseConfig } from '../../src/state/config';

/** What the map makes of `streetBasemap` in a configuration file. */
const street = (raw: unknown) => parseStreetBasemap(parseConfig({ streetBasemap: raw }).streetBasemap);

describe('streetBasemap in archipel.config.json', () => {
  test('off unless the deployment asks for it', () => {
    expect(DEFAULT_CONFIG.streetBasemap).toBeNull();
    expect(parseConfig({}).streetBasemap).toBeNull();
    expect(parseConfig({ streetBasemap: false }).streetBasemap).toBeNull();
    expect(street(false)).toBeNull();
  });

  test('"ign" is the Plan IGN of the Géoplateforme, credited to the IGN', () => {
    expect(street('ign')).toEqual({
      tiles: 'https://data.geopf.fr/tms/1.0.0/PLAN.IGN/{z}/{x}/{y}.pbf',
      attribution: 'Plan IGN © IGN (Licence Ouverte 2.0)',
    });
  });

  test('another service with the same schema: an http(s) template with {z}, {x} and {y}, and its own credit', () => {
    const tiles = 'https://tiles.example.org/plan/{z}/{x}/{y}.pbf';
    expect(street({ tiles, attribution: ' Ville de Brest, d’après Plan IGN ' })).toEqual({
      tiles,
      attribution: 'Ville de Brest, d’après Plan IGN',
    });
    // Without a credit of its own, the IGN's (the schema is the IGN's data).
    expect(street({ tiles })?.attribution).toBe(PLAN_IGN.attribution);
    for (const bad of [
      { tiles: 'javascript:alert(1)/{z}/{x}/{y}' },
      { tiles: 'ftp://tiles.example.org/{z}/{x}/{y}.pbf' },
      { tiles: 'https://tiles.example.org/{z}/{x}.pbf' },
      { url: tiles },
      42,
      'osm',
    ])
      expect(street(bad)).toBeNull();
  });
});

describe('the street layers', () => {
  test('form a valid style with the embedded basemap, under its place names', () => {
    const style = basemapStyle({ baseUrl: '/', lang: 'fr' });
    const labels = style.layers.findIndex((l) => l.id === BASEMAP_LAYER.placeLabels);
    const layers = [...style.layers.slice(0, labels), ...streetLayers(MAP_FONT_STACK), ...style.layers.slice(labels)];
    const withStreets = {
      ...style,
      sources: { ...style.sources, [STREET_SOURCE]: streetSource(0, PLAN_IGN) },
      layers,
    };
    expect(validateStyleMin(withStreets)).toEqual([]);
  });

  test('water and halos in the embedded basemap’s colours', () => {
    expect(STREET_THEME.water).toBe(BASEMAP_THEME.seaClose);
    expect(STREET_THEME.halo).toBe(BASEMAP_THEME.halo);
  });

  test('the credit is written as text, never as HTML', () => {
    const source = streetSource(0, {
      tiles: 'https://x.example/{z}/{x}/{y}',
      attribution: '<img src=x onerror=alert(1)>',
    });
    expect(source.attribution).not.toContain('<');
    expect(source.attribution).toContain('&#60;img');
  });

  test('the tile of a point: the centre of Brest at zoom 15', () => {
    // lon -4.487, lat 48.3905: x = floor((lon + 180) / 360 * 2^15), y from the Mercator latitude.
    expect(tileOf(-4.487, 48.3905, 15)).toEqual([15975, 11337]);
    expect(tileOf(0, 0, 1)).toEqual([1, 1]);
  });
});
