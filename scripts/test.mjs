#!/usr/bin/env node
/**
 * `npm test`: the type check, the format and lint check, then every vitest suite (unit and real-browser),
 * then one closing line CI can read: `Tests: N passed, N failed`.
 * Extra arguments go to vitest (`npm test -- test/unit`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const report = 'test-results/vitest.json';
mkdirSync('test-results', { recursive: true });
// A run that dies before writing its report must not be read as the last one's.
rmSync(report, { force: true });

const tsc = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' });
// The formatter and the linter (Biome): `npm run format` writes what they ask.
const lint = spawnSync('npx', ['biome', 'check', '.'], { stdio: 'inherit' });
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
  {
    stdio: 'inherit',
  },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
}
if (tsc.status !== 0) {
  console.error('Type check failed (tsc --noEmit).');
  failed += 1;
}
if (lint.status !== 0) {
  console.error('Format or lint check failed (biome check; npm run format fixes what it can).');
  failed += 1;
}
// A suite that failed to load has no failed test of its own: count it once.
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
