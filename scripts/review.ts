/**
 * `npm run review -- PATCH… [--force] [--dry-run] [--data DIR]`: applies
 * patches made in the app (a `.json` file, or the text of the issue or
 * e-mail that carried one) to the data, with the validator the app uses.
 *
 * - `data/actors.geojson` gets the change, so that the app and
 *   `npm run validate` see it at once;
 * - when `data/curated/` exists (the census's hand-edited layer), the change
 *   is also kept there, so that the next `npm run data` keeps it: a curated
 *   actor is edited in its `data/curated/*.geojson` file; an actor that comes
 *   from an open source gets an override in `data/curated/overrides.json`
 *   (curated always wins); a new place goes to `data/curated/actors.geojson`.
 *
 * Prints what each patch changes, in words. A patch made on an older
 * version of its actor is refused unless `--force`. Exits 1 when any patch
 * was refused (the others are applied), 2 on a usage error.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildDataset } from '../src/data/load';
import { checkOpeningHours } from '../src/data/opening-hours';
import { checkPatch, extractPatches } from '../src/data/patch';
import type { Patch } from '../src/data/patch';
import { applyPatch, changesInWords, contributionSource, recordOverride } from '../src/data/review';
import type { Overrides, ReviewContext } from '../src/data/review';
import { idOf } from '../src/data/validate';
import { formatIssue } from '../src/data/issue-text';
import { createTranslator } from '../src/i18n';
import { fail, parseArgs } from './cli';

const USAGE = 'usage: npm run review -- PATCH.json… [--force] [--dry-run] [--data DIR]';
const args = process.argv.slice(2);
const flags = new Set<string>(args.filter((a) => a === '--force' || a === '--dry-run'));
const { positional: files, options } = parseArgs(
  args.filter((a) => !flags.has(a)),
  ['data'],
  USAGE,
);
if (files.length === 0) fail(USAGE);
const force = flags.has('--force');
const dryRun = flags.has('--dry-run');
const dir = resolve(options.data ?? 'data');
const actorsPath = join(dir, 'actors.geojson');
if (!existsSync(actorsPath)) fail(`${actorsPath}: not found`);
const t = createTranslator('en');

const read = (name: string) => ({ file: name, text: readFileSync(join(dir, name), 'utf8') });
const reference = buildDataset({
  actors: { file: 'actors.geojson', text: '{"type":"FeatureCollection","features":[]}' },
  networks: read('networks.json'),
  territories: read('territories.json'),
});
const context: ReviewContext = {
  territories: reference.territories,
  networks: reference.networks,
  checkOpeningHours,
  force,
};

const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const write = (path: string, value: unknown) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

let actors = json(actorsPath);
const curatedDir = join(dir, 'curated');
const curated = existsSync(curatedDir);
const curatedFiles = new Map<string, unknown>();
if (curated)
  for (const name of readdirSync(curatedDir)
    .filter((n) => n.endsWith('.geojson'))
    .sort())
    curatedFiles.set(name, json(join(curatedDir, name)));
const overridesPath = join(curatedDir, 'overrides.json');
let overrides: Overrides = curated && existsSync(overridesPath) ? (json(overridesPath) as Overrides) : {};
let overridesChanged = false;
const changedCurated = new Set<string>();

let applied = 0;
let refused = 0;
const refuse = (where: string, reason: string, details: string[] = []) => {
  refused++;
  console.error(`error: ${where}: refused: ${reason}`);
  for (const line of details) console.error(`  ${line}`);
};

for (const path of files) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    refuse(path, (error as Error).message);
    continue;
  }
  const found = extractPatches(text);
  if (found.length === 0) refuse(basename(path), 'no Archipel patch in this file');
  found.forEach((raw, n) => {
    const where = found.length > 1 ? `${basename(path)} [${n}]` : basename(path);
    const { patch, problems } = checkPatch(raw);
    if (!patch) {
      refuse(
        where,
        'not a valid patch (docs/patch.schema.json)',
        problems.map((p) => `${p.field || 'patch'} ${p.reason}`),
      );
      return;
    }
    const result = applyPatch(actors, patch, context);
    if (!result.ok) {
      refuse(
        `${where} (${patch.id})`,
        result.reason,
        (result.issues ?? []).map((i) => formatIssue(i, t)),
      );
      return;
    }
    const keptInCurated = keepInCurated(patch);
    if (keptInCurated !== true) {
      refuse(`${where} (${patch.id})`, `the curated layer refused it: ${keptInCurated}`);
      return;
    }
    actors = result.collection;
    applied++;
    const name = result.actor?.properties.name ?? patch.id;
    const verb = patch.op === 'add' ? 'added' : patch.op === 'close' ? 'closed (removed)' : 'updated';
    console.log(`${where}: ${patch.id} "${name}" ${verb}${force ? ' (forced)' : ''}`);
    for (const line of changesInWords(result.changes)) console.log(`  ${line}`);
    if (patch.note) console.log(`  note: ${patch.note}`);
  });
}

/** Keeps the change in `data/curated/` when it exists; true, or the reason it could not. */
function keepInCurated(patch: Patch): true | string {
  if (!curated) return true;
  const source = contributionSource(patch);
  for (const [name, collection] of curatedFiles) {
    const features = (collection as { features?: unknown[] }).features ?? [];
    if (!features.some((f) => idOf(f) === patch.id)) continue;
    // The same patch, on the curated copy: forced, as the version was checked on the built file.
    const result = applyPatch(collection, patch, { ...context, force: true, file: `curated/${name}` });
    if (!result.ok) return result.reason;
    curatedFiles.set(name, result.collection);
    changedCurated.add(name);
    return true;
  }
  if (patch.op === 'add') {
    const name = 'actors.geojson';
    const collection = curatedFiles.get(name) ?? { type: 'FeatureCollection', features: [] };
    const result = applyPatch(collection, patch, { ...context, file: `curated/${name}` });
    if (!result.ok) return result.reason;
    curatedFiles.set(name, result.collection);
    changedCurated.add(name);
    return true;
  }
  overrides = recordOverride(overrides, patch, source);
  overridesChanged = true;
  return true;
}

if (!dryRun && applied > 0) {
  write(actorsPath, actors);
  if (curated) {
    for (const name of changedCurated) write(join(curatedDir, name), curatedFiles.get(name));
    if (overridesChanged) {
      mkdirSync(curatedDir, { recursive: true });
      write(overridesPath, overrides);
    }
  }
}
console.log(
  `${applied} patch${applied === 1 ? '' : 'es'} applied, ${refused} refused` +
    (dryRun ? ' (dry run: nothing written)' : applied > 0 ? `; written to ${basename(dir)}/` : ''),
);
process.exit(refused > 0 ? 1 : 0);
