/**
 * `npm run sync [-- --sources FILE] [--data DIR] [--date YYYY-MM-DD] [--dry-run]`:
 * re-imports the open sources listed in `data/sources.json` (a local file or
 * a URL each, in any format `npm run import` reads) and reports what changed
 * since the last run: places added, gone, moved (> 100 m), renamed, hours or
 * contact changed, per source and per territory. Facts of the curated layer
 * (`data/curated/`) are never overwritten: a source that says otherwise is
 * listed as a conflict.
 *
 * Writes each source's import to `data/sync/SOURCE.geojson` (what the next
 * run compares with, and what `npm run data` builds from), and the report
 * to `data/changelog/DATE.json` and `DATE.md`, listed in
 * `data/changelog/index.json` for the app. A source that cannot be read
 * keeps its last import and is reported; the exit code is then 1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildDataset } from '../src/data/load';
import { importText } from '../src/data/import';
import { checkOpeningHours } from '../src/data/opening-hours';
import { changeLine, changelogMarkdown, compareSource, findConflicts, makeChangelog } from '../src/data/sync';
import type { SourceStatus, SyncChange, SyncConflict } from '../src/data/sync';
import type { Overrides } from '../src/data/review';
import type { ActorFeature } from '../src/core/types';
import { isExportDate } from '../src/export/provenance';
import { fail, parseArgs } from './cli';

const USAGE = 'usage: npm run sync -- [--sources data/sources.json] [--data DIR] [--date YYYY-MM-DD] [--dry-run]';
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const { positional, options } = parseArgs(
  args.filter((a) => a !== '--dry-run'),
  ['sources', 'data', 'date'],
  USAGE,
);
if (positional.length > 0) fail(USAGE);
const dir = resolve(options.data ?? 'data');
const sourcesPath = resolve(options.sources ?? join(dir, 'sources.json'));
const date = options.date ?? new Date().toISOString().slice(0, 10);
if (!isExportDate(date)) fail(`--date ${date}: YYYY-MM-DD expected`);
if (!existsSync(sourcesPath))
  fail(`${sourcesPath}: no sources listed. See README, "Keeping the map alive", for its format.\n${USAGE}`);

/** One open source, as `data/sources.json` lists it. */
interface SourceEntry {
  id: string;
  publisher: string;
  /** The dataset's page (data.gouv.fr, the publisher's site). */
  dataset?: string;
  licence?: string;
  /** Informative: the importers recognise the format by content. */
  format?: string;
  /** A local file, relative to sources.json; or a URL to download. */
  path?: string;
  url?: string;
  /** Territory for places outside every territory's bbox (foreign formats). */
  territory?: string;
}

const listed = JSON.parse(readFileSync(sourcesPath, 'utf8')) as unknown;
const entries = (Array.isArray(listed) ? listed : ((listed as { sources?: unknown[] }).sources ?? [])) as SourceEntry[];
for (const e of entries)
  if (typeof e?.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(e.id) || (!e.path && !e.url))
    fail(`${sourcesPath}: each source needs an id (a slug) and a path or a url: ${JSON.stringify(e).slice(0, 200)}`);

const read = (name: string) => ({ file: name, text: readFileSync(join(dir, name), 'utf8') });
const reference = buildDataset({
  actors: { file: 'actors.geojson', text: '{"type":"FeatureCollection","features":[]}' },
  networks: read('networks.json'),
  territories: read('territories.json'),
});

// The curated layer: its actors, and the fields people corrected on source actors.
const curatedDir = join(dir, 'curated');
const curatedActors = new Map<string, ActorFeature>();
let overrides: Overrides = {};
if (existsSync(curatedDir)) {
  for (const name of readdirSync(curatedDir).filter((n) => n.endsWith('.geojson'))) {
    const json = JSON.parse(readFileSync(join(curatedDir, name), 'utf8')) as { features?: ActorFeature[] };
    for (const f of json.features ?? []) if (f?.properties?.id) curatedActors.set(f.properties.id, f);
  }
  if (existsSync(join(curatedDir, 'overrides.json')))
    overrides = JSON.parse(readFileSync(join(curatedDir, 'overrides.json'), 'utf8')) as Overrides;
}

const snapshotDir = join(dir, 'sync');
const changelogDir = join(dir, 'changelog');
const indexPath = join(changelogDir, 'index.json');
const previousDates: string[] = existsSync(indexPath) ? (JSON.parse(readFileSync(indexPath, 'utf8')) as string[]) : [];
const since =
  previousDates
    .filter((d) => d < date)
    .sort()
    .at(-1) ?? null;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

const statuses: SourceStatus[] = [];
const changes: SyncChange[] = [];
const conflicts: SyncConflict[] = [];
const snapshots = new Map<string, ActorFeature[]>();
for (const entry of entries) {
  const snapshotPath = join(snapshotDir, `${entry.id}.geojson`);
  const previous: ActorFeature[] = existsSync(snapshotPath)
    ? (JSON.parse(readFileSync(snapshotPath, 'utf8')) as { features: ActorFeature[] }).features
    : [];
  const status: SourceStatus = { id: entry.id, publisher: entry.publisher, read: 0, previous: previous.length };
  statuses.push(status);
  let text: string;
  const where = entry.path ? resolve(dirname(sourcesPath), entry.path) : entry.url!;
  try {
    text = entry.path ? readFileSync(where, 'utf8') : await fetchText(where);
  } catch (error) {
    status.error = (error as Error).message.split('\n')[0]!.slice(0, 200);
    console.error(`error: ${entry.id}: not read (${status.error}); its last import is kept`);
    continue;
  }
  const imported = importText(text, {
    file: entry.path ?? entry.url!,
    territories: reference.territories,
    networks: reference.networks,
    checkOpeningHours,
    ...(entry.territory ? { territory: entry.territory } : {}),
  });
  status.read = imported.features.length;
  const rejected = imported.issues.filter((i) => i.severity === 'error').length;
  if (imported.summary.format === null) {
    status.error = 'format not recognised';
    console.error(`error: ${entry.id}: format not recognised; its last import is kept`);
    continue;
  }
  const found = compareSource({ source: entry.id, previous, next: imported.features });
  changes.push(...found);
  conflicts.push(...findConflicts(found, { actors: curatedActors, overrides }));
  snapshots.set(entry.id, imported.features);
  console.log(
    `${entry.id} (${entry.publisher}): ${imported.features.length} places read` +
      (rejected > 0 ? `, ${rejected} problems (npm run import -- FILE lists them)` : '') +
      `, ${found.length} changes${since ? ` since ${since}` : previous.length === 0 ? ' (first run)' : ''}`,
  );
  for (const c of found) console.log(`  ${changeLine(c)}`);
}

for (const c of conflicts)
  console.log(
    `conflict: ${c.source}: ${c.id} ${c.field}: curated ${JSON.stringify(c.curated)} kept, source says ${JSON.stringify(c.incoming)}`,
  );
const log = makeChangelog(date, since, statuses, changes, conflicts);
for (const [territory, counts] of Object.entries(log.byTerritory))
  console.log(
    `${territory}: ${Object.entries(counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}`,
  );

const write = (path: string, value: unknown) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
if (!dryRun) {
  mkdirSync(snapshotDir, { recursive: true });
  mkdirSync(changelogDir, { recursive: true });
  for (const [id, features] of snapshots)
    write(join(snapshotDir, `${id}.geojson`), { type: 'FeatureCollection', features });
  write(join(changelogDir, `${date}.json`), log);
  writeFileSync(join(changelogDir, `${date}.md`), changelogMarkdown(log));
  write(indexPath, [...new Set([...previousDates, date])].sort());
}
const failed = statuses.filter((s) => s.error).length;
console.log(
  `${changes.length} changes, ${conflicts.length} conflicts, ${entries.length - failed}/${entries.length} sources read` +
    (dryRun ? ' (dry run: nothing written)' : `; changelog: ${join(changelogDir, `${date}.json`)}`),
);
process.exit(failed > 0 ? 1 : 0);
