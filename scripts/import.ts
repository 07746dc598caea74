/**
 * `npm run import -- FILE [--out FILE] [--territory ID] [--territories FILE] [--networks FILE]`
 *
 * Converts a file to our GeoJSON: our CSV template or GeoJSON, the "lieux de
 * médiation numérique" standard (CSV or JSON), or OpenStreetMap GeoJSON from
 * Overpass turbo. The format is recognised by content (src/data/import/detect.ts);
 * the mapping is in src/data/import/MAPPING.md. Every actor is validated by
 * the validator the app uses, against data/territories.json and
 * data/networks.json unless other files are given, and the administrative map
 * (public/admin/): each place's commune is found (`insee`) and its position checked.
 * A place anywhere in France is imported.
 *
 * - `--territory ID[,ID…]`: a filter, "keep only these": the imported actors in
 *   none of these territories (`dep:29`, `epci:242900314`, `commune:38185`,
 *   `region:53`, `brest`…) are left out of the output and counted as such; it
 *   never makes a row invalid.
 * - Output: the GeoJSON goes to `--out`, else to standard output. It is
 *   written only when at least one actor was imported.
 * - Report (standard error): one line per rejection and warning, then the
 *   quality summary (read, imported, rejected by reason, duplicates). Contact
 *   details are never printed. `ARCHIPEL_LANG=fr` for French messages.
 *
 * Exit status: 0 when at least one actor was imported (rejections are in the
 * report); 1 when nothing could be imported (unreadable file, unknown format,
 * every row rejected); 2 on a usage error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeBytes } from '../src/data/decode';
import { basename, resolve } from 'node:path';
import { importText } from '../src/data/import';
import { adminForText, withAdmin } from '../src/data/load';
import { indexActors, inTerritory } from '../src/core/filter';
import { parseTerritoryList } from '../src/core/territory-id';
import { nodeAdminSource } from './admin-files';
import { toGeoJSON } from '../src/export/geojson';
import { checkOpeningHours } from '../src/data/opening-hours';
import { validateNetworks, validateTerritories } from '../src/data/validate';
import { formatIssue } from '../src/data/issue-text';
import { createTranslator, pickLang } from '../src/i18n';
import type { ImportSummary } from '../src/data/import';
import { fail, parseArgs } from './cli';

const t = createTranslator(pickLang(process.env.ARCHIPEL_LANG, ['en']));
const USAGE =
  'usage: npm run import -- FILE [--out FILE] [--territory ID[,ID…]] [--territories FILE] [--networks FILE]';

const { positional, options } = parseArgs(
  process.argv.slice(2),
  ['out', 'territory', 'territories', 'networks'],
  USAGE,
);
if (positional.length !== 1) fail(USAGE);
const inputPath = positional[0]!;

const territoriesPath = options.territories ?? resolve('data', 'territories.json');
const networksPath = options.networks ?? resolve('data', 'networks.json');
const territories = validateTerritories(readJson(territoriesPath), basename(territoriesPath));
const networks = validateNetworks(readJson(networksPath), basename(networksPath));
for (const issue of [...territories.issues, ...networks.issues])
  console.error(`${t(`issue.severity.${issue.severity}`)}: ${formatIssue(issue, t)}`);
const filter = options.territory !== undefined ? parseTerritoryList(options.territory) : null;
if (filter && (filter.bad.length > 0 || filter.ids.length === 0))
  fail(
    `--territory ${options.territory}: territory ids expected (dep:29, epci:242900314, commune:38185, region:53, brest)`,
  );

let text: string;
try {
  text = decodeBytes(readFileSync(inputPath)).text;
} catch (error) {
  console.error(`${inputPath}: ${(error as Error).message}`);
  process.exit(1);
}

const adminSource = nodeAdminSource();
const admin = await adminForText(adminSource, [text]);
if (filter) {
  // The filter's territories must exist: a typo must not silently keep nothing.
  const own = new Set(territories.valid.map((x) => x.id));
  const probe = await adminForText(adminSource, [filter.ids.join(' ')], admin);
  const unknown = filter.ids.filter((id) => !own.has(id) && !probe?.territory(id));
  if (unknown.length > 0) fail(`--territory: unknown territory ${unknown.join(', ')}`);
}
const result = importText(text, {
  file: basename(inputPath),
  territories: territories.valid,
  networks: networks.valid,
  checkOpeningHours,
  ...(admin ? { admin } : {}),
});

for (const issue of result.issues) console.error(`${t(`issue.severity.${issue.severity}`)}: ${formatIssue(issue, t)}`);
console.error(summaryText(result.summary));

let kept = result.features;
if (filter) {
  const info = withAdmin({ actors: kept, networks: [], territories: [], issues: [], read: 0 }, admin).admin;
  const value = filter.ids.join(',');
  kept = indexActors(kept, info)
    .filter((a) => inTerritory(a, value))
    .map((a) => a.feature);
  console.error(`  kept by --territory ${value}: ${kept.length} of ${result.features.length} imported`);
}

if (kept.length === 0) {
  console.error('Nothing imported: no file written.');
  process.exit(1);
}
const geojson = toGeoJSON(kept);
if (options.out !== undefined) {
  writeFileSync(options.out, geojson);
  console.error(`Wrote ${kept.length} actors to ${options.out}.`);
} else {
  process.stdout.write(geojson);
}

/** The quality summary, one figure a line (English, like `npm run validate`'s closing line). */
function summaryText(s: ImportSummary): string {
  const lines = [
    `${s.file}: ${s.format ?? 'unknown format'}`,
    `  read:       ${s.read}`,
    `  imported:   ${s.imported}`,
    `  rejected:   ${s.rejected}`,
    ...Object.entries(s.rejectedByReason).map(([reason, n]) => `    ${reason}: ${n}`),
    `  warnings:   ${s.warnings}`,
    ...Object.entries(s.warningsByReason).map(([reason, n]) => `    ${reason}: ${n}`),
    `  probable duplicates (same name within 50 m): ${s.duplicates}`,
  ];
  return lines.join('\n');
}

function readJson(path: string): unknown {
  try {
    const text = decodeBytes(readFileSync(path)).text;
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    fail(`${path}: ${(error as Error).message}`);
  }
}
