/**
 * What the asset builders (`build-basemap.ts`, `build-places.ts`) share: the
 * project's folder, reading data files from npm packages, their versions for
 * the licence texts, the freshness check, and the shapes of the sources both read.
 */
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** `require` from the project's folder, to find packages' files. */
export const requireFromRoot = createRequire(join(ROOT, 'package.json'));

/** A JSON file of a package (`'@etalab/decoupage-administratif/data/communes.json'`). */
export function readJson<T>(input: string): T {
  return JSON.parse(readFileSync(requireFromRoot.resolve(input), 'utf8')) as T;
}

/** The installed version of a package, for the licence texts. */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** Whether every output exists and none is older than any input. */
export function isUpToDate(inputs: string[], outputs: string[]): boolean {
  try {
    const oldestOutput = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
    return inputs.every((path) => statSync(path).mtimeMs <= oldestOutput);
  } catch {
    return false;
  }
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A commune as `@etalab/decoupage-administratif` lists it (the fields either builder reads). */
export type Commune = {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  zone?: string;
  departement?: string;
  region?: string;
  commune?: string;
  chefLieu?: string;
  anciensCodes?: string[];
  codesPostaux?: string[];
  population?: number;
};
