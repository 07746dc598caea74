/**
 * `npm run import -- FILE [--out FILE] [--territory ID] [--territories FILE] [--networks FILE]`
 *
 * Converts a file to our GeoJSON: our CSV template or GeoJSON, the "lieux de
 * médiation numérique" standard (CSV or JSON), or OpenStreetMap GeoJSON from
 * Overpass turbo. The format is recognised by content (src/data/import/detect.ts);
 * the mapping is in src/data/import/MAPPING.md. Every actor is validated by
 * the validator the app uses, against data/territories.json and
 * data/networks.json unless other files are given.
 *
 * - `--territory ID`: for places outside every territory's bbox (else they are rejected).
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
import { toGeoJSON } from '../src/export/geojson';
import { checkOpeningHours } from '../src/data/opening-hours';
import { formatIssue, validateNetworks, validateTerritories } from '../src/data/validate';
import { createTranslator, pickLang } from '../src/i18n';
import type { ImportSummary } from '../src/data/import';
import { fail, parseArgs } from './cli';

const t = createTranslator(pickLang(process.env.ARCHIPEL_LANG, ['en']));
const USAGE = 'usage: npm run import -- FILE [--out FILE] [--territory ID] [--territories FILE] [--networks FILE]';

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
if (options.territory !== undefined && !territories.valid.some((x) => x.id === options.territory)) {
  fail(
    `--territory ${options.territory}: not in ${basename(territoriesPath)} (${territories.valid.map((x) => x.id).join(', ')})`,
  );
}

let text: string;
try {
  text = decodeBytes(readFileSync(inputPath)).text;
} catch (error) {
  console.error(`${inputPath}: ${(error as Error).message}`);
  process.exit(1);
}

const result = importText(text, {
  file: basename(inputPath),
  territories: territories.valid,
  networks: networks.valid,
  checkOpeningHours,
  ...(options.territory !== undefined ? { territory: options.territory } : {}),
});

for (const issue of result.issues) console.error(`${t(`issue.severity.${issue.severity}`)}: ${formatIssue(issue, t)}`);
console.error(summaryText(result.summary));

if (result.features.length === 0) {
  console.error('Nothing imported: no file written.');
  process.exit(1);
}
const geojson = toGeoJSON(result.features);
if (options.out !== undefined) {
  writeFileSync(options.out, geojson);
  console.error(`Wrote ${result.features.length} actors to ${options.out}.`);
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
