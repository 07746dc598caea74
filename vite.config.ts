/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { deployment, deploymentData, readDeployment } from './scripts/deployment';
import { offlineWorker } from './scripts/offline';
import { partsOf, partsOfFolder } from './scripts/parts';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

// Another folder of data files can be served and shipped instead: ARCHIPEL_DATA_DIR=path npm start.
const DATA_DIR = process.env.ARCHIPEL_DATA_DIR ?? 'data';
const DATA_FILE = /\.(geojson|json|csv)$/;

/**
 * Serves `data/` at `<base>data/` in development and copies it into `dist/data/`,
 * so the shipped data stays a top-level folder that people edit by hand.
 */
function shippedData(): Plugin {
  return {
    name: 'archipel-shipped-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        // The actors cut into parts (src/data/parts.ts), made from the data folder as the build makes them.
        const part = /\/data\/parts\/([\w.-]+)$/.exec((req.url ?? '').split('?')[0]!);
        if (part) {
          partsOfFolder(DATA_DIR)
            .then((files) => files.get(part[1]!))
            .catch(() => undefined)
            .then((body) => {
              if (body === undefined) {
                res.statusCode = 404;
                res.end();
              } else {
                res.setHeader('Content-Type', 'application/json; charset=utf-8');
                res.end(body);
              }
            });
          return;
        }
        // Top-level data files, and the sync changelogs (`data/changelog/DATE.json`, `index.json`).
        const match = /\/data\/((?:changelog\/)?[\w.-]+)$/.exec((req.url ?? '').split('?')[0]!);
        if (!match || !DATA_FILE.test(match[1]!)) return next();
        try {
          const body = readFileSync(join(DATA_DIR, match[1]!));
          res.setHeader(
            'Content-Type',
            match[1]!.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          );
          res.end(body);
        } catch {
          res.statusCode = 404;
          res.end();
        }
      });
    },
    async generateBundle() {
      // A city's own Archipel ships only its territory's part (scripts/deployment.ts).
      const own = deploymentData(DATA_DIR, readDeployment(ROOT).territory);
      for (const name of readdirSync(DATA_DIR)) {
        if (DATA_FILE.test(name))
          this.emitFile({
            type: 'asset',
            fileName: `data/${name}`,
            source: own.get(name) ?? readFileSync(join(DATA_DIR, name)),
          });
      }
      // The actors cut into parts, from what this deployment ships (src/data/parts.ts).
      const shipped = (name: string) => {
        const text = own.get(name) ?? readFileSync(join(DATA_DIR, name));
        return typeof text === 'string' ? text : new TextDecoder().decode(text);
      };
      const parts = await partsOf(shipped('actors.geojson'), shipped('networks.json'), shipped('territories.json'));
      for (const [name, source] of parts) this.emitFile({ type: 'asset', fileName: `data/parts/${name}`, source });
      const changelogs = join(DATA_DIR, 'changelog');
      if (existsSync(changelogs))
        for (const name of readdirSync(changelogs))
          if (/\.json$/.test(name))
            this.emitFile({
              type: 'asset',
              fileName: `data/changelog/${name}`,
              source: readFileSync(join(changelogs, name)),
            });
    },
  };
}

/**
 * Generated assets (the embedded basemap, the offline place search) are made from npm packages by
 * scripts before any build or dev server, so a fresh clone needs no extra step.
 * Each script does nothing when its outputs are newer than its inputs.
 */
function generatedAssets(): Plugin {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    for (const script of ['scripts/build-basemap.ts', 'scripts/build-places.ts', 'scripts/build-admin.ts']) {
      // From the project's folder, whatever the working directory: their paths are relative to it.
      execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', cwd: ROOT });
    }
  };
  return { name: 'archipel-generated-assets', buildStart: run, configureServer: run };
}

/** concaveman's own robust-predicates, its one predicate (the package exports only its index). */
const ORIENT2D = [
  join(ROOT, 'node_modules/concaveman/node_modules/robust-predicates/esm/orient2d.js'),
  join(ROOT, 'node_modules/robust-predicates/esm/orient2d.js'),
].find((path) => existsSync(path));

export default defineConfig({
  // Relative base: the built site works from any static host and any sub-path.
  base: './',
  plugins: [preact(), generatedAssets(), shippedData(), deployment(ROOT, DATA_DIR), offlineWorker()],
  // concaveman (the islands' hulls) needs only orient2d; the package's index brings its three other
  // predicates, kept by the bundler (no "sideEffects": false): 0.2 kB gzip in the islands' worker.
  resolve: { alias: ORIENT2D ? [{ find: /^robust-predicates$/, replacement: ORIENT2D }] : [] },
  // Workers are ES modules (all are created with type: 'module'), so they too can load code on demand.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // No polyfill of <link rel="modulepreload"> in the entry (0.2 kB gzip of the embed's budget): a
    // browser without it (Safari before 17) fetches each chunk when it is imported, slower, not broken.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The app, and the <archipel-map> element as one file at a stable address (src/embed/archipel-map.ts).
      input: { index: join(ROOT, 'index.html'), 'archipel-map': join(ROOT, 'src/embed/archipel-map.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'archipel-map' ? 'archipel-map.js' : 'assets/[name]-[hash].js'),
        // MapLibre in a chunk of its own: the embed budget (`npm run bench`) counts everything else.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            // Small modules the entry shares with lazy parts: one chunk rather than one each.
            {
              name: 'shared',
              test: /src[\\/]core[\\/](territory-id|vocab|worker-rpc)\.ts$|src[\\/]map[\\/]marks\.ts$/,
            },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 20_000,
          // Vitest's default is one worker fewer than the cores: one worker on two cores, with the
          // second core idle while a test waits for a script it started (cli, patch, sync…).
          maxWorkers: Math.max(2, availableParallelism() - 1),
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: two cores, software WebGL. Two at a time was tried (session 6):
          // each file then took twice as long or more, and the suite no less.
          fileParallelism: false,
          maxWorkers: 1,
          // The files one after another in one worker, which launches Chromium once (browser.ts),
          // rather than a new worker and a new Chromium for each file (some 3 s each). Each test
          // still opens its pages in a fresh browser context.
          isolate: false,
          // After the unit tests' group (two workers): a group has one number of workers.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
