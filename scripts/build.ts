/**
 * `npm run build`: the static site in `dist/` (or `--out DIR`).
 *
 *   npm run build -- [--territory ID] [--config FILE] [--site-url URL] [--out DIR]
 *
 * - `--territory ID`: a city's own Archipel: `data/` holds only that
 *   territory's actors and the networks they belong to (ids: `epci:242900314`,
 *   `commune:29019`, `dep:29`, `region:53`, `brest`, a comma list…);
 * - `--config FILE`: the deployment's configuration (default: `archipel.config.json`
 *   at the project's root when there is one), written beside `index.html`;
 * - `--site-url URL`: where the site will be served, for the oEmbed files.
 * The same settings can come from the configuration file (`territory`, `siteUrl`)
 * or from `ARCHIPEL_TERRITORY`, `ARCHIPEL_CONFIG`, `ARCHIPEL_SITE_URL`.
 */
import { build } from 'vite';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const options: Record<string, string> = {};
for (let i = 0; i < args.length; i++) {
  const match = /^--(territory|config|site-url|out)(?:=(.*))?$/.exec(args[i]!);
  if (!match) {
    console.error(
      `build: unknown argument ${args[i]}\nusage: npm run build -- [--territory ID] [--config FILE] [--site-url URL] [--out DIR]`,
    );
    process.exit(2);
  }
  const value = match[2] ?? args[++i];
  if (value === undefined) {
    console.error(`build: --${match[1]} needs a value`);
    process.exit(2);
  }
  options[match[1]!] = value;
}
if (options.territory) process.env.ARCHIPEL_TERRITORY = options.territory;
if (options.config) process.env.ARCHIPEL_CONFIG = resolve(options.config);
if (options['site-url']) process.env.ARCHIPEL_SITE_URL = options['site-url'];

try {
  await build({
    mode: 'production',
    ...(options.out ? { build: { outDir: resolve(options.out), emptyOutDir: true } } : {}),
  });
} catch (error) {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
