import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { offlineManifest, serviceWorkerSource } from '../../scripts/offline';
import { parseConfig } from '../../src/state/config';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'archipel-offline-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('the service worker the build writes', () => {
  const files = {
    'index.html': '<!doctype html>',
    'archipel.config.json': '{}',
    'assets/index-abc.js': 'code',
    'basemap/land.json': '{}',
    'basemap/LICENCES.md': 'text',
    'data/actors.geojson': '{"type":"FeatureCollection","features":[]}',
    'places/communes.json': '[]',
    'admin/communes-29.json': '[]',
    'screenshots/a.png': 'png',
    'archipel-map.js': 'element',
  };

  test('keeps the app, administrative map, basemap, data and place search; not the screenshots, licences or the host pages’ element', () => {
    expect(offlineManifest(site(files)).files).toEqual([
      'admin/communes-29.json',
      'archipel.config.json',
      'assets/index-abc.js',
      'basemap/land.json',
      'data/actors.geojson',
      'index.html',
      'places/communes.json',
    ]);
  });

  test('a new version when a kept file changes, the same when nothing kept did', () => {
    const before = offlineManifest(site(files)).version;
    expect(offlineManifest(site(files)).version).toBe(before);
    expect(offlineManifest(site({ ...files, 'screenshots/a.png': 'other' })).version).toBe(before);
    expect(offlineManifest(site({ ...files, 'data/actors.geojson': '{"type":"FeatureCollection"}' })).version).not.toBe(
      before,
    );
  });

  test('the worker names its version in its cache, and is valid JavaScript', () => {
    const source = serviceWorkerSource('0123456789abcdef', ['index.html']);
    expect(source).toContain("const CACHE = 'archipel-0123456789abcdef';");
    expect(() => new Function(source)).not.toThrow();
  });

  test('"offline": false in the configuration switches it off; anything else leaves it on', () => {
    expect(parseConfig({ offline: false }).offline).toBe(false);
    expect(parseConfig({}).offline).toBe(true);
    expect(parseConfig({ offline: 'no' }).offline).toBe(true);
  });
});
