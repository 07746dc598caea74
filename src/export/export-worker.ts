/// <reference lib="webworker" />
/**
 * Exports off the main thread: the worker reads the same data the page shows
 * (shipped files or `data=`), filters it by the same URL, and writes the files,
 * so that a 100,000-actor export never freezes the page and nothing big has to
 * be copied from the page to the worker.
 */
import { loadDataset } from '../data/browser-load';
import { decodeUrl } from '../state/url';
import { exportSelection } from './index';
import type { ExportFile, ExportFormat } from './index';

export interface ExportJob {
  /** The view's URL query: its filters and `data=` select the actors. */
  query: string;
  format: ExportFormat;
  date: string;
  /** The app's address without query, for the permalink. */
  baseUrl: string;
  /** Where the app's files are (`import.meta.env.BASE_URL` resolved against the page). */
  assetsBase: string;
}

export type ExportMessage =
  | { type: 'progress'; stage: 'loading' | 'writing'; loadedBytes?: number }
  | { type: 'done'; files: ExportFile[]; count: number }
  | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ExportJob>) => {
  const job = event.data;
  const post = (message: ExportMessage) => scope.postMessage(message);
  try {
    const { state } = decodeUrl(job.query);
    const dataset = await loadDataset(job.assetsBase, ({ loadedBytes }) => post({ type: 'progress', stage: 'loading', loadedBytes }), undefined, state.data ? new URL(state.data, job.baseUrl).href : null);
    post({ type: 'progress', stage: 'writing' });
    const output = exportSelection({ dataset, state, format: job.format, date: job.date, baseUrl: job.baseUrl });
    post({ type: 'done', files: output.files, count: output.actors.length });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
