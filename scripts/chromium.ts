/** The system Chromium the browser tests and the benchmark drive (`CHROMIUM_PATH` overrides). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that give WebGL through SwiftShader without a GPU and keep Chromium off
 * the network (shared TESTING.md). Never `--disable-software-rasterizer` or
 * `--use-gl=swiftshader`: they kill WebGL and the map never gets idle.
 */
export const CHROMIUM_ARGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
