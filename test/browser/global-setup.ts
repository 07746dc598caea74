import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';
import type { AddressInfo } from 'node:net';
import { TEST_DATA_DIR, dataDir, writeTestData } from './test-data';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Builds the app once and serves `dist/` on a free loopback port for every
 * browser test, from a sub-path, as a static host would; the data served is the
 * curated layer (`test-data.ts`), not the national census.
 */
export default async function setup(project: TestProject) {
  // One build and one server, however many projects name this setup.
  const shared = globalThis as {
    __archipelServer?: Promise<{ baseUrl: string; users: number; close(): Promise<void> }>;
  };
  shared.__archipelServer ??= buildAndServe();
  const server = await shared.__archipelServer;
  server.users += 1;
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    server.users -= 1;
    if (server.users === 0) await server.close();
  };
}

async function buildAndServe() {
  if (dataDir === TEST_DATA_DIR) writeTestData();
  // The build that ships: vitest sets NODE_ENV to "test", which would make Vite build a
  // development bundle (with preact/debug) unlike `npm run build`.
  // The data folder too (vite.config.ts reads ARCHIPEL_DATA_DIR), for the build only: the unit
  // tests of the same run read the shipped data.
  const before = { nodeEnv: process.env.NODE_ENV, data: process.env.ARCHIPEL_DATA_DIR };
  process.env.NODE_ENV = 'production';
  process.env.ARCHIPEL_DATA_DIR = dataDir;
  try {
    await build({ logLevel: 'warn', base: './', mode: 'production' });
  } finally {
    process.env.NODE_ENV = before.nodeEnv;
    if (before.data === undefined) delete process.env.ARCHIPEL_DATA_DIR;
    else process.env.ARCHIPEL_DATA_DIR = before.data;
  }
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const { port } = server.httpServer.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/`, users: 0, close: () => server.close() };
}
