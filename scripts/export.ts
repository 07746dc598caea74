/**
 * `npm run export -- 'QUERY' [--format geojson|csv|links|gexf|graphml|nodes|edges] [--out FILE] [--date YYYY-MM-DD] [--base URL]`
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
 * of the data folder, and must stay inside the working folder; http(s) is
 * fetched) through the importers, as the app does. `--data FILE` names a file
 * explicitly, anywhere (it replaces `data=`). Bytes are decoded as the app
 * decodes them (`decodeBytes`).
 *
 * `--format links`: the archipelago links of the selected actors, each actor's
 * own (`buildLinks` of src/geo, detailed mode), with the provenance as `metadata`.
 * `--format gexf|graphml|nodes|edges`: the archipelago as a graph (src/export/graph.ts),
 * for Gephi, Cytoscape or NetworkX; `nodes` and `edges` are CSV lists with a sidecar.
 *
 * Output: `--out FILE`, else standard output, which then carries the export and nothing else
 * (every message goes to standard error). CSV (and the node and edge lists) come with a provenance
 * sidecar (`FILE.provenance.json`, see src/export/csv.ts), written only with
 * `--out`. Ignored URL values are reported on standard error, as the app shows them.
 *
 * Exit status: 0 on success (even with no actor selected), 1 when the data file
 * cannot be read as data (not JSON, unknown format…), 2 on a usage error, a
 * refused path or an unreadable file.
 */
import { minuteOf } from '../src/core/time';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { decodeBytes } from '../src/data/decode';
import { readDataset } from '../src/data/load';
import { fileNameOf } from '../src/data/browser-load';
import { loadForeign } from '../src/data/foreign-load';
import { selectActors } from '../src/data/select';
import * as hoursModule from '../src/data/hours';
import * as freshness from '../src/data/freshness';
import { nodeAdminSource } from './admin-files';
import { EXPORT_FORMATS, exportSelection, exportDate, isExportDate } from '../src/export';
import type { ExportFormat } from '../src/export';
import { provenanceFileName } from '../src/export/csv';
import { decodeUrl } from '../src/core/url';
import type { Dataset } from '../src/core/types';
import type { UrlState } from '../src/core/url';
import { fail, parseArgs } from './cli';

const USAGE =
  "usage: npm run export -- 'QUERY' [--format geojson|csv|links|gexf|graphml|nodes|edges] [--out FILE] [--date YYYY-MM-DD] [--base URL] [--data FILE]";
const FORMATS = EXPORT_FORMATS;
type Format = ExportFormat;

const { positional, options } = parseArgs(process.argv.slice(2), ['format', 'out', 'date', 'base', 'data'], USAGE);
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
const actors = selectActors(dataset.actors, state, { now, hours, freshness, admin: dataset.admin });

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

/**
 * The data as the app reads it, by the app's own code (src/data/load.ts, browser-load.ts): the
 * shipped files (no opening-hours parsing), or the `data=` file with the shipped networks and
 * territories, in any format, its own `territories` and `networks` lists included.
 */
async function loadDataset(urlState: UrlState): Promise<Dataset> {
  const read = (name: string) => ({ file: name, text: readText(join(dataDir, name)) });
  const adminSource = nodeAdminSource();
  const shippedLists = { networks: read('networks.json'), territories: read('territories.json') };
  const explicit = options.data;
  if (urlState.data === null && explicit === undefined) {
    const shipped = await readDataset({ actors: read('actors.geojson'), ...shippedLists }, undefined, adminSource);
    const errors = shipped.issues.filter((i) => i.severity === 'error').length;
    if (errors > 0)
      console.error(
        `${errors} problems in the shipped data: run npm run validate -- ${join(dataDir, 'actors.geojson')}`,
      );
    return shipped;
  }
  const source = explicit ?? urlState.data!;
  const text = /^https?:/i.test(source)
    ? await fetchText(source)
    : readText(explicit !== undefined ? resolve(explicit) : dataPath(source));
  const dataset = await loadForeign(fileNameOf(source), text, shippedLists, adminSource);
  // A file that is not data at all (not JSON, no known format): nothing to export, and said so.
  const fileErrors = dataset.issues.filter(
    (i) => i.severity === 'error' && i.index === undefined && i.file === fileNameOf(source),
  );
  if (fileErrors.length > 0) {
    for (const issue of fileErrors)
      console.error(`${source}: ${issue.code}${issue.params?.detail ? ` (${issue.params.detail})` : ''}`);
    console.error(`${source}: cannot be read as data; nothing exported.`);
    process.exit(1);
  }
  const rejected = dataset.read - dataset.actors.length;
  if (rejected > 0)
    console.error(`${source}: ${rejected} of ${dataset.read} entries rejected (npm run import shows why).`);
  return dataset;
}

/**
 * A `data=` path of the query, on disk: relative to the site root, and inside the working
 * folder. A URL is something anyone can craft (`data=../../../../etc/passwd`): a file elsewhere
 * is read only when named with `--data`.
 */
function dataPath(source: string): string {
  const path = resolve(dirname(dataDir), source.replace(/^\.?\//, '').split(/[?#]/)[0]!);
  const inside = relative(process.cwd(), path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
    fail(`data=${source}: outside the working folder (${process.cwd()}); give it with --data FILE to read it anyway.`);
  return path;
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
    return decodeBytes(readFileSync(path)).text;
  } catch (error) {
    fail(`${path}: ${(error as Error).message}`);
  }
}

async function fetchText(url: string): Promise<string> {
  try {
    const response = await fetch(url);
    if (!response.ok) fail(`${url}: HTTP ${response.status}`);
    return decodeBytes(await response.arrayBuffer()).text;
  } catch (error) {
    fail(`${url}: ${(error as Error).message}`);
  }
}
