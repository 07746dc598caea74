/**
 * A deployment of Archipel, made at build time (`npm run build -- --territory ID`,
 * see scripts/build.ts and the README, "A city's own Archipel"):
 *
 * - the deployment's configuration (`archipel.config.json`: title, colour,
 *   contact, online services) is always written beside `index.html`, so the
 *   app never asks for a file that is not there;
 * - with a territory, `data/` holds only that territory's actors and the
 *   networks they belong to (src/data/territory-subset.ts);
 * - with the site's address (`siteUrl`), oEmbed answers for the default view
 *   and for each territory (`oembed.json`, `oembed/<territory>.json`), and the
 *   page links to the default one for CMS that discover oEmbed.
 *
 * Settings come from environment variables set by scripts/build.ts:
 * `ARCHIPEL_TERRITORY`, `ARCHIPEL_SITE_URL`, `ARCHIPEL_CONFIG` (a path; else
 * `archipel.config.json` at the project's root, else `public/archipel.config.json`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { isTerritoryId, territorySubset } from '../src/data/territory-subset';
import type { CommuneIndex, Subset } from '../src/data/territory-subset';
import { oembedFor } from '../src/core/oembed';
import { FRAME_TITLE } from '../src/i18n/frame-title';

export interface DeploymentSettings {
  /** The configuration written to `archipel.config.json` (runtime keys and the build's own). */
  config: Record<string, unknown>;
  territory: string | null;
  siteUrl: string | null;
}

/** Reads the deployment's settings; throws with a sentence a person can act on. */
export function readDeployment(root: string, env: NodeJS.ProcessEnv = process.env): DeploymentSettings {
  const candidates = env.ARCHIPEL_CONFIG
    ? [env.ARCHIPEL_CONFIG]
    : [join(root, 'archipel.config.json'), join(root, 'public/archipel.config.json')];
  let config: Record<string, unknown> = {};
  for (const path of candidates) {
    if (!existsSync(path)) {
      if (env.ARCHIPEL_CONFIG) throw new Error(`configuration file not found: ${path}`);
      continue;
    }
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`${path}: the configuration must be a JSON object`);
    config = parsed as Record<string, unknown>;
    break;
  }
  const territory = env.ARCHIPEL_TERRITORY || (typeof config.territory === 'string' ? config.territory : null);
  if (territory && !isTerritoryId(territory))
    throw new Error(
      `unknown territory id "${territory}": use commune:INSEE, epci:SIREN, dep:CODE, region:CODE, brest or grenoble`,
    );
  let siteUrl = env.ARCHIPEL_SITE_URL || (typeof config.siteUrl === 'string' ? config.siteUrl : null);
  if (siteUrl) {
    if (!/^https?:\/\//.test(siteUrl)) throw new Error(`the site's address must start with http(s)://: ${siteUrl}`);
    if (!siteUrl.endsWith('/')) siteUrl += '/';
  }
  return {
    config: { ...config, ...(territory ? { territory } : {}), ...(siteUrl ? { siteUrl } : {}) },
    territory,
    siteUrl,
  };
}

/** Which communes EPCIs and regions cover, and communes by postcode and name, from the official split. */
export function communeIndex(): CommuneIndex {
  const require = createRequire(import.meta.url);
  type Commune = { code: string; nom: string; type: string; region?: string; codesPostaux?: string[] };
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as Commune[];
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as {
    code: string;
    membres: { code: string }[];
  }[];
  const byPlace = new Map<string, string>();
  const byRegion = new Map<string, Set<string>>();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle') continue;
    for (const postcode of c.codesPostaux ?? []) byPlace.set(`${postcode}|${normalise(c.nom)}`, c.code);
    if (c.region) {
      if (!byRegion.has(c.region)) byRegion.set(c.region, new Set());
      byRegion.get(c.region)!.add(c.code);
    }
  }
  const byEpci = new Map(epcis.map((e) => [e.code, new Set(e.membres.map((m) => m.code))]));
  return {
    communesOf(id) {
      const [kind, code = ''] = id.split(':');
      return (kind === 'epci' ? byEpci.get(code) : kind === 'region' ? byRegion.get(code) : undefined) ?? null;
    },
    inseeOf: (postcode, commune) => byPlace.get(`${postcode}|${normalise(commune)}`) ?? null,
  };
}

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .replace(/^saint /, 'st ')
    .trim();
}

/** The data files as shipped by this deployment: the whole folder, or the territory's part. */
export function deploymentData(dataDir: string, territory: string | null): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');
  if (!territory) return files;
  const subset: Subset = territorySubset(
    JSON.parse(read('actors.geojson')),
    JSON.parse(read('networks.json')),
    JSON.parse(read('territories.json')),
    territory,
    communeIndex(),
  );
  if (subset.actors.features.length === 0)
    throw new Error(`no actor of ${dataDir}/actors.geojson lies in territory ${territory}`);
  files.set('actors.geojson', `${JSON.stringify(subset.actors, null, 1)}\n`);
  files.set('networks.json', `${JSON.stringify(subset.networks, null, 2)}\n`);
  files.set('territories.json', `${JSON.stringify(subset.territories, null, 2)}\n`);
  return files;
}

/** The plugin: configuration, oEmbed files and the page's oEmbed link. */
export function deployment(root: string, dataDir: string): Plugin {
  let settings: DeploymentSettings | null = null;
  const get = () => (settings ??= readDeployment(root));
  return {
    name: 'archipel-deployment',
    buildStart() {
      settings = readDeployment(root);
    },
    transformIndexHtml() {
      const { siteUrl, config } = get();
      if (!siteUrl) return [];
      return [
        {
          tag: 'link',
          attrs: {
            rel: 'alternate',
            type: 'application/json+oembed',
            href: `${siteUrl}oembed.json`,
            title: typeof config.title === 'string' ? config.title : 'Archipel',
          },
          injectTo: 'head',
        },
      ];
    },
    generateBundle() {
      const { config, siteUrl, territory } = get();
      this.emitFile({
        type: 'asset',
        fileName: 'archipel.config.json',
        source: `${JSON.stringify(config, null, 2)}\n`,
      });
      if (!siteUrl) return;
      const title = typeof config.title === 'string' ? config.title : 'Archipel';
      const lang = config.lang === 'en' ? 'en' : 'fr';
      const answer = (query: string) =>
        `${JSON.stringify(oembedFor({ siteUrl, query, title, frameTitle: FRAME_TITLE[lang], lang }), null, 2)}\n`;
      this.emitFile({ type: 'asset', fileName: 'oembed.json', source: answer('') });
      const territories = territory
        ? (JSON.parse(deploymentData(dataDir, territory).get('territories.json') as string) as { id: string }[])
        : (JSON.parse(readFileSync(join(dataDir, 'territories.json'), 'utf8')) as { id: string }[]);
      for (const t of territories)
        this.emitFile({
          type: 'asset',
          fileName: `oembed/${t.id}.json`,
          source: answer(`territory=${encodeURIComponent(t.id)}`),
        });
    },
  };
}
