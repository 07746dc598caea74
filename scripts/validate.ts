/**
 * `npm run validate -- FILE…`: checks data files with the validator the app uses.
 * Files are recognised by content (FeatureCollection, networks, territories);
 * what is not given is taken beside the actors file, else from data/.
 * Prints one line per problem; exits 1 on any error.
 */
import { readFileSync, existsSync } from 'node:fs';
import { decodeBytes } from '../src/data/decode';
import { basename, dirname, join, resolve } from 'node:path';
import { readDataset } from '../src/data/load';
import { nodeAdminSource } from './admin-files';
import type { SourceText, DatasetSources } from '../src/data/load';
import { formatIssue } from '../src/data/issue-text';
import { checkOpeningHours } from '../src/data/opening-hours';
import { createTranslator, pickLang } from '../src/i18n';

const t = createTranslator(pickLang(process.env.ARCHIPEL_LANG, ['en']));
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: npm run validate -- data/actors.geojson [data/networks.json] [data/territories.json]');
  process.exit(2);
}

type Kind = keyof DatasetSources;
const given = new Map<Kind, SourceText>();
const unreadable: string[] = [];
for (const path of files) {
  let text: string;
  try {
    text = decodeBytes(readFileSync(path)).text;
  } catch (error) {
    unreadable.push(`${path}: ${(error as Error).message}`);
    continue;
  }
  given.set(kindOf(path, text), { file: basename(path), text });
}

function kindOf(path: string, text: string): Kind {
  if (/"FeatureCollection"/.test(text.slice(0, 2000)) || /\.geojson$/i.test(path)) return 'actors';
  if (/"scale"\s*:/.test(text) || /network/i.test(basename(path))) return 'networks';
  if (/"bbox"\s*:/.test(text) || /territor/i.test(basename(path))) return 'territories';
  return 'actors';
}

const actorsPath = files.find((f) => given.get('actors')?.file === basename(f));
const beside = actorsPath ? dirname(resolve(actorsPath)) : resolve('data');
function fallback(kind: Kind, name: string): SourceText {
  const own = given.get(kind);
  if (own) return own;
  const path = [join(beside, name), resolve('data', name)].find((p) => existsSync(p));
  if (!path) return { file: name, text: kind === 'actors' ? '{"type":"FeatureCollection","features":[]}' : '[]' };
  return { file: basename(path), text: decodeBytes(readFileSync(path)).text };
}

// The same reading as the app's, the administrative map included: communes resolved, positions checked.
const dataset = await readDataset(
  {
    actors: fallback('actors', 'actors.geojson'),
    networks: fallback('networks', 'networks.json'),
    territories: fallback('territories', 'territories.json'),
  },
  checkOpeningHours,
  nodeAdminSource(),
);

for (const line of unreadable) console.error(line);
let errors = unreadable.length;
let warnings = 0;
for (const issue of dataset.issues) {
  const line = `${t(`issue.severity.${issue.severity}`)}: ${formatIssue(issue, t)}`;
  if (issue.severity === 'error') {
    errors++;
    console.error(line);
  } else {
    warnings++;
    console.warn(line);
  }
}
console.log(
  `${dataset.actors.length}/${dataset.read} actors valid, ${dataset.networks.length} networks, ${dataset.territories.length} territories; ${errors} errors, ${warnings} warnings`,
);
process.exit(errors > 0 ? 1 : 0);
