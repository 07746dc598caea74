/// <reference lib="webworker" />
/**
 * Exports off the main thread. A selection small enough to copy quickly comes
 * from the page with the job. A larger one is not copied: the worker reads the
 * same data the page shows (shipped files, `data=`, or the file previewed from
 * the computer), selects by the same URL and minute, and writes the files, so
 * that a 100,000-actor export never freezes the page.
 */
import { browserAdminSource, loadDataset, previewBase } from '../data/browser-load';
import { loadForeignBytes } from '../data/foreign-load';
import * as freshness from '../data/freshness';
import { decodeUrl } from '../core/url';
import { exportSelection } from './index';
import { serveRpc } from '../core/worker-rpc';
import type { ExportFile, ExportFormat } from './index';
import type { Dataset } from '../core/types';

export interface ExportJob {
  /** The view's URL query: its filters, place and radius, opening time and `data=` select the actors. */
  query: string;
  format: ExportFormat;
  date: string;
  /** The app's address without query, for the permalink. */
  baseUrl: string;
  /** Where the app's files are (`import.meta.env.BASE_URL` resolved against the page). */
  assetsBase: string;
  /** The minute `open=now` means on the page. */
  now: number;
  /** A file previewed from the computer, shown instead of the data, with the networks and territories of the page. */
  preview: { file: File; base: Pick<Dataset, 'networks' | 'territories'> } | null;
  /** The page's selected actors, when few enough to copy (with the networks and territories): nothing is read again. */
  selection: Dataset | null;
}

/** What the worker tells while it works (core/worker-rpc progress); its answer is an {@link ExportResult}. */
export type ExportProgress = { stage: 'loading' | 'writing'; loadedBytes?: number };

export interface ExportResult {
  files: ExportFile[];
  count: number;
}

/** A failure is the request's error (core/worker-rpc): the page shows its message. */
serveRpc<ExportJob, ExportResult, ExportProgress>(
  self as unknown as DedicatedWorkerGlobalScope,
  async (job, progress) => {
    const { state } = decodeUrl(job.query);
    const onProgress = ({ loadedBytes }: { loadedBytes: number }) => progress({ stage: 'loading', loadedBytes });
    const dataset =
      job.selection ??
      (job.preview
        ? await loadForeignBytes(
            job.preview.file.name,
            await job.preview.file.arrayBuffer(),
            previewBase(job.preview.base),
            browserAdminSource(job.assetsBase),
          )
        : await loadDataset(
            job.assetsBase,
            onProgress,
            undefined,
            state.data ? new URL(state.data, job.baseUrl).href : null,
          ));
    const hours = state.open ? await import('../data/hours') : null;
    progress({ stage: 'writing' });
    const output = exportSelection({
      dataset,
      // The page's selection is the selection: not filtered again.
      ...(job.selection ? { actors: job.selection.actors } : {}),
      state,
      now: job.now,
      hours,
      // Small, and the provenance's wording needs it anyway: in the worker from the start.
      freshness: state.check ? freshness : null,
      localFile: job.preview?.file.name ?? null,
      format: job.format,
      date: job.date,
      baseUrl: job.baseUrl,
    });
    return { files: output.files, count: output.actors.length };
  },
);
