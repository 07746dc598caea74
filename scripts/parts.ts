/**
 * The shipped data's parts (src/data/parts.ts), made by the build and the dev server from the
 * data folder's `actors.geojson` and `networks.json` (or a city deployment's own subset of them).
 * Nothing here is committed: `data/actors.geojson` stays the one source.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cutParts } from '../src/data/parts';
import type { PartsGeography } from '../src/data/parts';
import { readDataset } from '../src/data/load';
import { nodeAdminSource } from './admin-files';

let geography: PartsGeography | null = null;

/** Commune → EPCI and département → région, from the official split (`@etalab/decoupage-administratif`). */
export function partsGeography(): PartsGeography {
  if (geography) return geography;
  const require = createRequire(import.meta.url);
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as {
    code: string;
    membres: { code: string }[];
  }[];
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as {
    code: string;
    region: string;
  }[];
  const epciOf = new Map<string, string>();
  for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);
  const regionOf = new Map(departements.map((d) => [d.code, d.region]));
  geography = { epciOf: (insee) => epciOf.get(insee) ?? null, regionOf: (dep) => regionOf.get(dep) ?? null };
  return geography;
}

/**
 * The part files (name in `data/parts/` → text) of the given data files' texts. The whole data is
 * validated as the app reads it (with the administrative map), so each part can tell how many
 * actors all of it holds.
 */
export async function partsOf(
  actorsText: string,
  networksText: string,
  territoriesText: string,
): Promise<Map<string, string>> {
  const networks = JSON.parse(networksText) as unknown;
  const whole = await readDataset(
    {
      actors: { file: 'actors.geojson', text: actorsText },
      networks: { file: 'networks.json', text: networksText },
      territories: { file: 'territories.json', text: territoriesText },
    },
    undefined,
    nodeAdminSource(),
  );
  return cutParts(
    JSON.parse(actorsText),
    Array.isArray(networks) ? networks : [],
    partsGeography(),
    whole.actors.length,
  ).files;
}

const cache = new Map<string, { stamp: string; files: Promise<Map<string, string>> }>();

/** The parts of a data folder, cut again only when its files change (the dev server asks per request). */
export function partsOfFolder(dataDir: string): Promise<Map<string, string>> {
  const paths = ['actors.geojson', 'networks.json', 'territories.json'].map((name) => join(dataDir, name));
  const stamp = paths.map((p) => `${statSync(p).mtimeMs}:${statSync(p).size}`).join('|');
  const known = cache.get(dataDir);
  if (known?.stamp === stamp) return known.files;
  const [actors, networks, territories] = paths.map((p) => readFileSync(p, 'utf8'));
  const files = partsOf(actors!, networks!, territories!);
  cache.set(dataDir, { stamp, files });
  return files;
}
