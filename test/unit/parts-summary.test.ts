import { describe, expect, test } from 'vitest';
import { drawableSummary } from '../../src/data/parts-summary';
import { summaryClusters } from '../../src/map/summary-view';
import { CATEGORIES } from '../../src/core/vocab';

const area = (count: number, categories: Record<string, number>, center: [number, number]) => ({
  count,
  categories,
  themes: {},
  bbox: null,
  center,
});
const file = (departements: Record<string, unknown>, total: number, valid: number | null = total) => ({
  format: 'archipel-parts',
  version: 1,
  total,
  valid,
  summary: { regions: {}, departements },
});
const france = file(
  {
    '29': area(120, { library: 100, association: 20 }, [-4.2, 48.3]),
    '56': area(80, { library: 80 }, [-2.8, 47.8]),
    '75': area(300, { 'public-body': 300 }, [2.35, 48.86]),
    '13': area(50, { association: 50 }, [5.4, 43.4]),
  },
  550,
);

describe('the national summary drawn before the actors', () => {
  test('its counts add up to every actor at every zoom, by category too', () => {
    const summary = drawableSummary(france)!;
    expect(summary.total).toBe(550);
    for (let zoom = 0; zoom <= 8; zoom++) {
      const features = summaryClusters(summary, zoom);
      const sum = (key: string) => features.reduce((s, f) => s + (f.properties![key] as number), 0);
      expect(sum('point_count')).toBe(550);
      expect(sum('n_library')).toBe(180);
      expect(sum('n_association')).toBe(70);
      for (const f of features) {
        expect(f.properties!.summary).toBe(true);
        expect(f.properties!.cluster_id).toBeLessThan(0);
        expect(CATEGORIES.reduce((s, c) => s + (f.properties![`n_${c}`] as number), 0)).toBe(f.properties!.point_count);
      }
    }
    // Far out, Brittany's two départements are one count; closer, two.
    const brittany = (zoom: number) =>
      summaryClusters(summary, zoom).filter((f) => (f.geometry as GeoJSON.Point).coordinates[0]! < -2).length;
    expect(brittany(3)).toBe(1);
    expect(brittany(8)).toBe(2);
  });

  test('is not drawn when its counts would not be exactly what the page shows', () => {
    // Entries the page rejects: the counts would be too high.
    expect(drawableSummary({ ...france, valid: 549 })).toBeNull();
    expect(drawableSummary({ ...france, valid: null })).toBeNull();
    // Entries of no département: the areas do not hold every actor.
    expect(drawableSummary({ ...france, total: 560, valid: 560 })).toBeNull();
    // A category the app does not know, a count without a place.
    const odd = structuredClone(france);
    (odd.summary.departements['13'] as { categories: Record<string, number> }).categories = { unknown: 50 };
    expect(drawableSummary(odd)).toBeNull();
    const unplaced = structuredClone(france);
    (unplaced.summary.departements['13'] as { center: unknown }).center = null;
    expect(drawableSummary(unplaced)).toBeNull();
    expect(drawableSummary('not a summary')).toBeNull();
  });
});
