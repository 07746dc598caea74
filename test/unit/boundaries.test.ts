import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The folders of `src/` are layers (README, "How the code is organised"): a file may import from
 * its own folder and from the folders its layer lists, never upwards, so there is no cycle
 * between folders. `main.tsx` (the entry) may import anything.
 */
const LAYERS: Record<string, readonly string[]> = {
  i18n: [],
  core: ['i18n'],
  geo: ['core', 'i18n'],
  data: ['core', 'geo', 'i18n'],
  state: ['core', 'geo', 'data', 'i18n'],
  map: ['core', 'geo', 'data', 'state', 'i18n'],
  export: ['core', 'geo', 'data', 'state', 'i18n'],
  embed: ['core', 'geo', 'data', 'state', 'i18n'],
  ui: ['core', 'geo', 'data', 'state', 'map', 'export', 'embed', 'i18n'],
  types: [],
};

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const ROOT = resolve(SRC, '..');

/** Every relative import, re-export, dynamic import and worker URL of a module. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec?.startsWith('.')) found.push(spec);
  }
  return found;
}

/** The breaches of the layer rules in a tree of modules: `from → to` for each forbidden import. */
function boundaryBreaches(files: { path: string; source: string }[], srcDir: string): string[] {
  const breaches: string[] = [];
  for (const { path, source } of files) {
    const fromFolder = relative(srcDir, path).split(/[\\/]/)[0]!;
    for (const spec of importsOf(source)) {
      const target = resolve(dirname(path), spec.split('?')[0]!);
      const rel = relative(srcDir, target);
      if (rel.startsWith('..')) {
        // Outside src/: only package.json (the version in exports) is allowed.
        if (!/package\.json$/.test(rel)) breaches.push(`${relative(ROOT, path)} → ${relative(ROOT, target)}`);
        continue;
      }
      const toFolder = rel.split(/[\\/]/)[0]!;
      if (fromFolder === toFolder || /\.tsx?$/.test(fromFolder)) continue;
      const allowed = LAYERS[fromFolder];
      if (!allowed?.includes(toFolder)) breaches.push(`${relative(ROOT, path)} → ${relative(ROOT, target)}`);
    }
  }
  return breaches;
}

function sourceFiles(dir: string): { path: string; source: string }[] {
  const files: { path: string; source: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) files.push({ path, source: readFileSync(path, 'utf8') });
  }
  return files;
}

describe('import boundaries', () => {
  test('every folder of src/ is a known layer', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
  });

  test('no import crosses a layer upwards or leaves src/', () => {
    expect(boundaryBreaches(sourceFiles(SRC), SRC)).toEqual([]);
  });

  test('an upward import is caught, whatever form it takes', () => {
    const fake = (folder: string, source: string) => ({ path: join(SRC, folder, 'x.ts'), source });
    expect(
      boundaryBreaches(
        [
          fake('core', "import { createStore } from '../state/store';"),
          fake('geo', "export { x } from '../data/validate';"),
          fake('data', "const m = await import('../map/mount');"),
          fake('state', "new Worker(new URL('../ui/worker.ts', import.meta.url));"),
          fake('map', "import type { A } from '../ui/App';"),
          fake('ui', "import { x } from '../map/mount';"),
        ],
        SRC,
      ),
    ).toEqual([
      'src/core/x.ts → src/state/store',
      'src/geo/x.ts → src/data/validate',
      'src/data/x.ts → src/map/mount',
      'src/state/x.ts → src/ui/worker.ts',
      'src/map/x.ts → src/ui/App',
    ]);
  });
});
