import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data the browser suite serves: the study's curated layer (`data/curated/`, 82 actors and
 * 27 networks, hand-checked; it began as the `data/actors.geojson` and `data/networks.json`
 * shipped before the census, and has had sourced memberships added since) and
 * `data/territories.json`, copied into a folder the tests own.
 * The UI tests test behaviour on this known, small, real dataset; the shipped national census
 * (some 20,000 actors, `npm run data`) has its own test, `census.test.ts`.
 *
 * Written by the suite's setup (`global-setup.ts`), not committed: the curated files stay the
 * one source, so the copy can never drift from them. `ARCHIPEL_DATA_DIR` set before the run
 * wins (to run the suite on another folder of data files).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEST_DATA_DIR = join(ROOT, 'test', 'fixtures', 'data');

/** The files and where each comes from. */
const FILES: readonly (readonly [string, string])[] = [
  ['actors.geojson', join(ROOT, 'data', 'curated', 'actors.geojson')],
  ['networks.json', join(ROOT, 'data', 'curated', 'networks.json')],
  ['territories.json', join(ROOT, 'data', 'territories.json')],
];

/** Writes the test data folder; returns its path. */
export function writeTestData(): string {
  mkdirSync(TEST_DATA_DIR, { recursive: true });
  for (const [name, from] of FILES) copyFileSync(from, join(TEST_DATA_DIR, name));
  return TEST_DATA_DIR;
}

/** The folder the suite serves. */
export const dataDir = process.env.ARCHIPEL_DATA_DIR ?? TEST_DATA_DIR;

/**
 * The environment for a script a browser test runs (`npm run export`…), so that it reads the data
 * the app is served. Never set on `process.env` itself: the unit tests, in processes started by
 * the same run, read the shipped `data/`.
 */
export const scriptEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ARCHIPEL_DATA_DIR: dataDir });
