import { latest, normalizePropertyExpression } from '@maplibre/maplibre-gl-style-spec';
import type { StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, test } from 'vitest';
import { ARCHIPELAGO_LAYER, archipelagoLowerLayers } from '../../src/map/archipelago';

/** The islands' fill opacity MapLibre draws at a zoom. */
function fillOpacityAt(zoom: number): number {
  const layer = archipelagoLowerLayers(['Noto Sans Regular']).find((l) => l.id === ARCHIPELAGO_LAYER.islandFill)!;
  const value = (layer.paint as Record<string, unknown>)['fill-opacity'];
  const spec = (latest.paint_fill as unknown as Record<string, StylePropertySpecification>)['fill-opacity']!;
  return normalizePropertyExpression(value as never, 'fill-opacity', spec).evaluate({ zoom }) as number;
}

describe('islands over a street map', () => {
  test('tinted where a territory is a patch of the map, nearly clear at street zooms where they cover whole blocks', () => {
    expect(fillOpacityAt(6)).toBeCloseTo(0.22);
    expect(fillOpacityAt(11)).toBeCloseTo(0.22);
    expect(fillOpacityAt(15)).toBeLessThanOrEqual(0.06);
    expect(fillOpacityAt(18)).toBeLessThanOrEqual(0.06);
    // In between, it fades.
    expect(fillOpacityAt(13.5)).toBeLessThan(0.22);
    expect(fillOpacityAt(13.5)).toBeGreaterThan(0.06);
  });
});
