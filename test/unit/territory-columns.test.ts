import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { readDataset } from '../../src/data/load';
import { withTerritories } from '../../src/data/browser-load';
import { nodeAdminSource } from '../../scripts/admin-files';
import { createAppStore } from '../../src/state/store';
import { selectFiltered, selectStatsColumns, selectTerritoryExtent } from '../../src/state/selectors';

const shipped = (name: string) => ({ file: name, text: readFileSync(`data/${name}`, 'utf8') });
const dataset = await readDataset(
  { actors: shipped('actors.geojson'), networks: shipped('networks.json'), territories: shipped('territories.json') },
  undefined,
  nodeAdminSource(),
);

function storeAt(territory: string | null, data = dataset) {
  const store = createAppStore({ activeLang: 'fr' });
  store.getState().setDataset(data);
  store.getState().setFilters({ territory });
  return store.getState();
}

describe('statistics columns and extents of any territories', () => {
  test('territory=brest,dep:38: one column each, in order, named; the extent holds both boxes', () => {
    const s = storeAt('brest,dep:38');
    const columns = selectStatsColumns(s);
    expect(columns.map((c) => [c.id, c.name])).toEqual([
      ['brest', 'Brest'],
      ['dep:38', 'Isère'],
    ]);
    const [brest, isere] = columns;
    const box = selectTerritoryExtent(s)!;
    expect(box).toEqual([
      Math.min(brest!.bbox[0], isere!.bbox[0]),
      Math.min(brest!.bbox[1], isere!.bbox[1]),
      Math.max(brest!.bbox[2], isere!.bbox[2]),
      Math.max(brest!.bbox[3], isere!.bbox[3]),
    ]);
    // Isère's box is the département's (Grenoble inside, about 1.6° wide), not its actors' around Grenoble.
    expect(isere!.bbox[0] < 5.72 && isere!.bbox[2] > 5.72 && isere!.bbox[1] < 45.19 && isere!.bbox[3] > 45.19).toBe(
      true,
    );
    expect(isere!.bbox[2] - isere!.bbox[0]).toBeGreaterThan(1.2);
    // Every actor shown is in one of the columns.
    expect(selectFiltered(s).length).toBe(
      selectFiltered(storeAt('brest')).length + selectFiltered(storeAt('dep:38')).length,
    );
  });

  test('without territory=, the columns are the data’s own territories', () => {
    expect(selectStatsColumns(storeAt(null)).map((c) => c.id)).toEqual(['brest', 'grenoble']);
  });

  test('a commune of a département without actors becomes known once its département is read', async () => {
    expect(storeAt('commune:35238').dataset!.admin!.territories['commune:35238']).toBeUndefined();
    const more = await withTerritories(dataset, ['commune:35238'], nodeAdminSource());
    const s = storeAt('commune:35238', more);
    const [rennes] = selectStatsColumns(s);
    expect(rennes!.name).toBe('Rennes');
    const box = selectTerritoryExtent(s)!;
    expect(box[0] < -1.68 && box[2] > -1.68 && box[1] < 48.11 && box[3] > 48.11).toBe(true);
    expect(box[2] - box[0]).toBeLessThan(1);
    expect(selectFiltered(s)).toEqual([]);
    // Nothing to add when everything is known: the same dataset.
    expect(await withTerritories(more, ['commune:35238', 'dep:29'], nodeAdminSource())).toBe(more);
  });
});
