/**
 * `npm run data -- --sources DIR [--curated DIR] [--out DIR] [--report FILE]`
 *
 * Builds the shipped `data/actors.geojson` and `data/networks.json` from the
 * curated actors (`data/curated/`) and the national open data files found in
 * DIR (or in `$ARCHIPEL_SOURCES`): the files named in `scripts/data/sources.ts`
 * (`data/README.md` says where each comes from). The files of the project's
 * shared folders `data/open/` and `data/mediation-numerique/` are those files;
 * put them in one folder, or give both folders separated by `:`.
 *
 * Prints the report (read, merged, kept, dropped with reason, per source;
 * networks; the study territories) and writes it between the census markers
 * of `OUT/README.md` when there is one. Same inputs, same bytes.
 *
 * Exit status: 0 when built; 1 when a source file is missing or unreadable; 2 on a usage error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { applyOverrides } from '../src/data/review';
import type { Overrides } from '../src/data/review';
import type { ActorFeature } from '../src/core/types';
import { join, resolve } from 'node:path';
import { checkOpeningHours } from '../src/data/opening-hours';
import { nodeAdmin } from './admin-files';
import { fail, parseArgs } from './cli';
import { buildCensus } from './data/census';
import { Communes } from './data/communes';
import { formatReport, readmeBlock, serialiseActors } from './data/output';
import { SOURCES, SOURCE_IDS } from './data/sources';
import type { SourceId } from './data/sources';

const USAGE = 'usage: npm run data -- --sources DIR[:DIR…] [--curated DIR] [--out DIR] [--report FILE]';
const { positional, options } = parseArgs(process.argv.slice(2), ['sources', 'curated', 'out', 'report'], USAGE);
if (positional.length > 0) fail(USAGE);
const sourceDirs = (options.sources ?? process.env.ARCHIPEL_SOURCES ?? '').split(':').filter(Boolean);
if (sourceDirs.length === 0) fail(`no sources folder: give --sources DIR or set ARCHIPEL_SOURCES\n${USAGE}`);
const curatedDir = resolve(options.curated ?? 'data/curated');
const outDir = resolve(options.out ?? 'data');

const files: Partial<Record<Exclude<SourceId, 'curated'>, string>> = {};
const missing: string[] = [];
for (const id of SOURCE_IDS) {
  if (id === 'curated') continue;
  const path = sourceDirs.map((dir) => join(resolve(dir), SOURCES[id].file)).find((p) => existsSync(p));
  if (!path) missing.push(SOURCES[id].file);
  else files[id] = readFileSync(path, 'utf8');
}
if (missing.length > 0) {
  console.error(`missing in ${sourceDirs.join(', ')}: ${missing.join(', ')}`);
  process.exit(1);
}

const started = Date.now();
const census = buildCensus({
  curatedActors: readFileSync(join(curatedDir, 'actors.geojson'), 'utf8'),
  curatedNetworks: readFileSync(join(curatedDir, 'networks.json'), 'utf8'),
  files,
  communes: Communes.load(),
  checkOpeningHours,
  admin: await nodeAdmin(),
});
// Changes accepted by `npm run review` for actors that come from an open source
// (`data/curated/overrides.json`) are laid over the sources' facts: curated always wins.
const overridesFile = join(curatedDir, 'overrides.json');
const overrides: Overrides = existsSync(overridesFile) ? JSON.parse(readFileSync(overridesFile, 'utf8')) : {};
const actors = applyOverrides(census.actors.features as ActorFeature[], overrides);
if (Object.keys(overrides).length > 0)
  console.log(
    `overrides: ${Object.keys(overrides).length} from ${overridesFile}, ${census.actors.features.length - actors.length} closed`,
  );
writeFileSync(join(outDir, 'actors.geojson'), serialiseActors(actors));
writeFileSync(join(outDir, 'networks.json'), `${JSON.stringify(census.networks, null, 2)}\n`);
const readme = join(outDir, 'README.md');
if (existsSync(readme)) {
  const text = readFileSync(readme, 'utf8');
  const updated = readmeBlock(text, census.report);
  if (updated !== text) writeFileSync(readme, updated);
}
if (options.report) writeFileSync(options.report, `${JSON.stringify(census.report, null, 2)}\n`);
console.log(formatReport(census.report));
console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}`);
