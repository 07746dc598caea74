import { readFileSync } from 'node:fs';
import { readDataset } from '../../src/data/load';
import { nodeAdminSource } from '../../scripts/admin-files';
import { filterActors, indexActors, NO_FILTERS } from '../../src/core/filter';
import type { Filters } from '../../src/core/filter';
import { dataDir } from './test-data';

/**
 * The served data (the curated layer, `test-data.ts`) as the validator sees it: browser tests
 * compute what the page must show from here, never from the page itself.
 */
const read = (name: string) => ({ file: name, text: readFileSync(`${dataDir}/${name}`, 'utf8') });
export const dataset = await readDataset(
  {
    actors: read('actors.geojson'),
    networks: read('networks.json'),
    territories: read('territories.json'),
  },
  undefined,
  nodeAdminSource(),
);
const indexed = indexActors(dataset.actors, dataset.admin);

/** The actors the filters keep, in data order. */
export const expectedActors = (filters: Partial<Filters>) => filterActors(indexed, { ...NO_FILTERS, ...filters });
/** How many actors the filters keep. */
export const count = (filters: Partial<Filters>) => expectedActors(filters).length;
