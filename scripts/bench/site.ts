/** What the benchmark scripts share on the Node side: serving a built site, and what a trace records. */
import { preview } from 'vite';
import type { PluginOption, PreviewServer } from 'vite';
import type { AddressInfo } from 'node:net';

/** The trace categories of a profile: tasks, their timeline, and V8's samples. */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  '__metadata',
];

/** One event of a Chromium trace (the categories above). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown>; name?: string };
}

/** A node of V8's sampling profile, as a trace's `ProfileChunk` events carry it. */
export interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** The events of a trace as Playwright's `browser.stopTracing` gives it (an object or a bare array). */
export function traceEvents(buffer: Buffer): TraceEvent[] {
  const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(trace) ? trace : trace.traceEvents;
}

/** Serves the built site `outDir` on a free loopback port, without the project's Vite config. */
export async function previewSite(
  root: string,
  outDir: string,
  plugins: PluginOption[] = [],
): Promise<{ server: PreviewServer; base: string }> {
  const server = await preview({
    configFile: false,
    root,
    base: '/',
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins,
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}
