/**
 * `npm run export -- 'QUERY' [--format geojson|csv|links] [--out FILE] [--date YYYY-MM-DD] [--base URL]`
 *
 * The app's export, headless. `QUERY` is the query string of an app URL
 * (`theme=training&category=library`, with or without `?`) or the whole URL.
 * It is decoded by the app's URL codec and the shipped data is read and
 * selected as the app does (filters, `near` with `radius`, `open`), so the
 * file has the same bytes as the app's export for that URL, given the same
 * date and app address (and minute, for `open=now`):
 *
 * - `--date` (or `ARCHIPEL_EXPORT_DATE`): the provenance date, default today (UTC);
 * - `--base` (or `ARCHIPEL_BASE_URL`): the app's address for the permalink;
 *   default the address part of a whole URL given as QUERY, else none (the
 *   permalink is then relative, `./?theme=training`).
 *
 * Data: `data/` (or `ARCHIPEL_DATA_DIR`, as for `npm start`); with `data=` in
 * the query, that file (a path is read relative to the site root, the parent
 * of the data folder; http(s) is fetched) through the importers, as the app does.
 *
 * `--format links`: the archipelago links of the selected actors, each actor's
 * own (`buildLinks` of src/geo, detailed mode), with the provenance as `metadata`.
 *
 * Output: `--out FILE`, else standard output. CSV comes with a provenance
 * sidecar (`FILE.provenance.json`, see src/export/csv.ts), written only with
 * `--out`. Ignored URL values are reported on standard error, as the app shows them.
 *
 * Exit status: 0 on success (even with no actor selected), 2 on a usage error
 * or unreadable data.
 */
import { minuteOf } from '../src/core/time';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildDataset } from '../src/data/load';
import { selectActors } from '../src/data/select';
import * as hoursModule from '../src/data/hours';
import { importText } from '../src/data/import';
import { checkOpeningHours } from '../src/data/opening-hours';
import { exportSelection, exportDate, isExportDate } from '../src/export';
import { provenanceFileName } from '../src/export/csv';
import { decodeUrl } from '../src/core/url';
import type { Dataset } from '../src/core/types';
import type { UrlState } from '../src/core/url';
import { fail, parseArgs } from './cli';

const USAGE =
  "usage: npm run export -- 'QUERY' [--format geojson|csv|links] [--out FILE] [--date YYYY-MM-DD] [--base URL]";
const FORMATS = ['geojson', 'csv', 'links'] as const;
type Format = (typeof FORMATS)[number];

const { positional, options } = parseArgs(process.argv.slice(2), ['format', 'out', 'date', 'base'], USAGE);
if (positional.length > 1) fail(USAGE);
const format = (options.format ?? 'geojson') as Format;
if (!FORMATS.includes(format)) fail(`--format ${format}: one of ${FORMATS.join(', ')}\n${USAGE}`);
const date = options.date ?? process.env.ARCHIPEL_EXPORT_DATE ?? exportDate();
if (!isExportDate(date)) fail(`--date ${date}: YYYY-MM-DD expected`);

const { query, base: baseFromUrl } = splitQuery(positional[0] ?? '');
const baseUrl = options.base ?? process.env.ARCHIPEL_BASE_URL ?? baseFromUrl;
const { state, problems } = decodeUrl(query);
for (const p of problems) console.error(`ignored URL value: ${p.param}=${p.value}`);

const dataDir = resolve(process.env.ARCHIPEL_DATA_DIR ?? 'data');
const dataset = await loadDataset(state);
// Place, radius and opening time select as in the app; `open=now` is this minute, said as such in the provenance.
const now = minuteOf(Date.now());
const hours = state.open ? hoursModule : null;
const actors = selectActors(dataset.actors, state, { now, hours });

const files = exportSelection({ dataset, state, now, hours, format, date, baseUrl, actors }).files;

if (options.out !== undefined) {
  writeFileSync(options.out, files[0]!.text);
  if (files[1]) writeFileSync(provenanceFileName(options.out), files[1].text);
  console.error(
    `Wrote ${actors.length} actors to ${options.out}${files[1] ? ` and ${provenanceFileName(options.out)}` : ''}.`,
  );
} else {
  process.stdout.write(files[0]!.text);
  if (files[1]) console.error('Provenance sidecar not written: give --out FILE to get it beside the CSV.');
}

/** The shipped data, as the app reads it (no opening-hours parsing), or the `data=` file through the importers. */
async function loadDataset(urlState: UrlState): Promise<Dataset> {
  const read = (name: string) => ({ file: name, text: readText(join(dataDir, name)) });
  const shipped = buildDataset({
    actors: read('actors.geojson'),
    networks: read('networks.json'),
    territories: read('territories.json'),
  });
  const errors = shipped.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0)
    console.error(`${errors} problems in the shipped data: run npm run validate -- ${join(dataDir, 'actors.geojson')}`);
  if (urlState.data === null) return shipped;
  const source = urlState.data;
  const text = /^https?:/i.test(source)
    ? await fetchText(source)
    : readText(resolve(dirname(dataDir), source.replace(/^\.?\//, '').split(/[?#]/)[0]!));
  const imported = importText(text, {
    file: source,
    territories: shipped.territories,
    networks: shipped.networks,
    checkOpeningHours,
  });
  const rejected = imported.summary.rejected;
  if (rejected > 0)
    console.error(`${source}: ${rejected} of ${imported.summary.read} entries rejected (npm run import shows why).`);
  return { actors: imported.features, networks: shipped.networks, territories: shipped.territories };
}

/** `?a=b`, `a=b` or `https://host/path/?a=b` → the query and the address before it. */
function splitQuery(arg: string): { query: string; base: string } {
  if (/^https?:\/\//i.test(arg)) {
    const url = new URL(arg);
    return { query: url.search.slice(1), base: `${url.origin}${url.pathname}` };
  }
  return { query: arg.startsWith('?') ? arg.slice(1) : arg, base: '' };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    fail(`${path}: ${(error as Error).message}`);
  }
}

async function fetchText(url: string): Promise<string> {
  try {
    const response = await fetch(url);
    if (!response.ok) fail(`${url}: HTTP ${response.status}`);
    return await response.text();
  } catch (error) {
    fail(`${url}: ${(error as Error).message}`);
  }
}
