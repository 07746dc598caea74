/**
 * The administrative map for scripts (`npm run validate`, `import`, `export`) and unit tests:
 * the same files the app fetches (`public/admin/`, built here first when out of date), read
 * from disk through the same `src/data/admin.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Admin, loadAdmin } from '../src/data/admin';
import type { AdminSource } from '../src/data/admin';
import { ADMIN_DIR, buildAdmin } from './build-admin';

let built = false;

/** Reads `public/admin/` files, building them first (once per process) when an input is newer. */
export function nodeAdminSource(dir = ADMIN_DIR): AdminSource {
  if (!built && dir === ADMIN_DIR) {
    buildAdmin();
    built = true;
  }
  return { read: async (name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) };
}

/** The index and the communes of these départements (every one when none is given). */
export async function nodeAdmin(departements?: string[]): Promise<Admin> {
  const source = nodeAdminSource();
  const admin = await loadAdmin(source, []);
  return loadAdmin(source, departements ?? admin.index.departements.map(([code]) => code), admin);
}
