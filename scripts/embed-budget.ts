/**
 * What the first visit of an embed (`?embed=1`, shipped data, embedded basemap) downloads, and
 * how much of its JavaScript and CSS is ours: issue "Organisers" keeps everything but MapLibre's
 * own code under {@link EMBED_BUDGET_KB} kB gzip. Used by `npm run bench` (which prints it) and by
 * the browser test that guards it.
 *
 * "First visit" is everything the page fetches, without any action from the visitor, until the
 * map is idle and the network has been quiet for {@link QUIET_MS}: code loaded after the first
 * idle (the islands) counts too. Sizes are the gzip bodies as the server sends them (`vite
 * preview`, gzip level 6), without headers, fetched again from Node; each file is counted once.
 * Dedicated workers' scripts are fetched by the worker, which the page's events do not always
 * show: they are added from `page.workers()`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const EMBED_BUDGET_KB = 60;
const QUIET_MS = 1500;

/** MapLibre's own files: its code chunk, its worker and its stylesheet (see `vite.config.ts`). */
const MAPLIBRE = /\/assets\/maplibre(-gl-worker)?-[\w-]+\.(js|css)$/;

export interface EmbedResource {
  /** Path on the server, without the query. */
  path: string;
  kind: 'js' | 'css' | 'other';
  /** Bytes of the gzip body (or of the plain body when the server does not compress this type). */
  gzip: number;
  maplibre: boolean;
}

export interface EmbedLoad {
  url: string;
  resources: EmbedResource[];
  /** kB gzip of JS + CSS that is not MapLibre's. */
  oursKB: number;
  /** kB gzip of MapLibre's JS + CSS. */
  maplibreKB: number;
  /** kB gzip of everything else (data, basemap, fonts, places). */
  otherKB: number;
}

/** The gzip body of `url` as the server sends it, and an estimate of its headers' bytes on the wire. */
export function gzipResponseSize(url: string): Promise<{ body: number; headers: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      // "name: value\r\n" per header, plus the status line.
      const headers =
        Object.entries(res.headers).reduce((sum, [k, v]) => sum + k.length + String(v).length + 4, 0) + 17;
      let body = 0;
      res.on('data', (chunk: Buffer) => (body += chunk.length));
      res.on('end', () => resolve({ body, headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens `url` in a new page of `context`, waits for the map's first idle and a quiet network,
 * and measures what was fetched. The page is closed afterwards.
 */
export async function measureEmbedLoad(context: BrowserContext, url: string): Promise<EmbedLoad> {
  const page: Page = await context.newPage();
  try {
    const urls = new Set<string>();
    let last = Date.now();
    const note = (u: string) => {
      if (!/^https?:/.test(u)) return;
      urls.add(u.split(/[?#]/)[0]!);
      last = Date.now();
    };
    page.on('request', (r) => note(r.url()));
    page.on('worker', (w) => note(w.url()));
    await page.goto(url);
    await page.waitForFunction(() => window.__archipelMap !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => window.__archipelMap!.idle());
    last = Date.now();
    while (Date.now() - last < QUIET_MS) await page.waitForTimeout(200);
    for (const w of page.workers()) note(w.url());

    const resources: EmbedResource[] = [];
    for (const u of urls) {
      const path = new URL(u).pathname;
      const kind = /\.js$/.test(path) ? 'js' : /\.css$/.test(path) ? 'css' : 'other';
      resources.push({ path, kind, gzip: (await gzipResponseSize(u)).body, maplibre: MAPLIBRE.test(path) });
    }
    resources.sort((a, b) => b.gzip - a.gzip);
    const kB = (pick: (r: EmbedResource) => boolean) =>
      resources.filter(pick).reduce((sum, r) => sum + r.gzip, 0) / 1000;
    return {
      url,
      resources,
      oursKB: kB((r) => r.kind !== 'other' && !r.maplibre),
      maplibreKB: kB((r) => r.kind !== 'other' && r.maplibre),
      otherKB: kB((r) => r.kind === 'other'),
    };
  } finally {
    await page.close();
  }
}

/** A few lines that say where the bytes go, ours first. */
export function describeEmbedLoad(load: EmbedLoad): string[] {
  const kb = (n: number) => (n / 1000).toFixed(1);
  const ours = load.resources.filter((r) => r.kind !== 'other' && !r.maplibre);
  return [
    `${load.url.replace(/^https?:\/\/[^/]+/, '')}: ours ${load.oursKB.toFixed(1)} kB gzip (budget ${EMBED_BUDGET_KB}), MapLibre ${load.maplibreKB.toFixed(1)} kB, data, basemap and fonts ${load.otherKB.toFixed(1)} kB`,
    `  ours: ${ours.map((r) => `${r.path.replace(/^.*\//, '').replace(/-[\w-]{8}\.(js|css)$/, '.$1')} ${kb(r.gzip)}`).join(', ')}`,
  ];
}

/**
 * The keys of the rest of the catalogue (`src/i18n/fr-more.ts`) that the code of a page's first load
 * can ask for: they must be none, else a word shows late (see `src/i18n/load.ts`).
 *
 * The first load is every built chunk but those that only the lazily drawn parts (`lazyComponent`)
 * reach, and but the catalogues themselves (and the workers that carry whole catalogues). A key is
 * asked for when the code holds it as a string, or holds a template that starts with a prefix of it
 * (`category.${id}`), or holds the base of its plural (`count.actors` for `count.actors.one`).
 *
 * @param assetsDir - the build's `assets/` folder
 * @param restKeys - the keys of the rest of the catalogue
 * @param lazyParts - the file names (without extension) of the lazily drawn components
 */
export function firstLoadKeysOfRest(assetsDir: string, restKeys: readonly string[], lazyParts: readonly string[]) {
  const files = readdirSync(assetsDir).filter((f) => f.endsWith('.js'));
  const code = new Map(files.map((f) => [f, readFileSync(join(assetsDir, f), 'utf8')]));
  const imports = (f: string) =>
    [...(code.get(f) ?? '').matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]!);
  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const queue = [...roots];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f) || !code.has(f)) continue;
      seen.add(f);
      queue.push(...imports(f));
    }
    return seen;
  };
  const lazyEntry = new RegExp(`^(${lazyParts.join('|')})-[\\w-]+\\.js$`);
  const lazy = closure(files.filter((f) => lazyEntry.test(f)));
  const catalogue = (f: string) => /^(fr|en)-(core|more)-/.test(f) || code.get(f)!.includes('"app.title":');
  const first = [...closure(files.filter((f) => !lazy.has(f) && !catalogue(f)))].filter((f) => !catalogue(f));
  // Object keys of inlined tables are not uses.
  const text = first.map((f) => code.get(f)!.replace(/"[\w.-]+":/g, '')).join('\n');
  const prefixes = [...new Set([...text.matchAll(/`(\w+(?:\.\w+)*\.)\$\{/g)].map((m) => m[1]!))];
  const holds = (key: string) => text.includes(`"${key}"`) || text.includes(`\`${key}\``) || text.includes(`'${key}'`);
  return restKeys.filter(
    (key) =>
      holds(key) ||
      prefixes.some((p) => key.startsWith(p)) ||
      (/\.(one|other)$/.test(key) && holds(key.replace(/\.(one|other)$/, ''))),
  );
}

/**
 * The lazily drawn components, by file name, read from `src/ui/`: every `import('./X')` of
 * `lazy-parts.ts`, and `lazyComponent(() => import('./X')…)` anywhere else.
 */
export function lazyParts(uiDir: string): string[] {
  const names = new Set<string>();
  for (const f of readdirSync(uiDir).filter((n) => /\.tsx?$/.test(n))) {
    const source = readFileSync(join(uiDir, f), 'utf8');
    const pattern =
      f === 'lazy-parts.ts' ? /import\('\.\/(\w+)'\)/g : /lazyComponent\(\s*\(\)\s*=>\s*import\('\.\/(\w+)'\)/g;
    for (const m of source.matchAll(pattern)) names.add(m[1]!);
  }
  return [...names].sort();
}
