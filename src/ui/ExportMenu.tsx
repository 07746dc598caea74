import { covers } from '../data/parts';
import { territoryIds } from '../core/territory-id';
import './ExportMenu.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { encodeUrl } from '../core/url';
import { urlStateOf } from '../state/store';
import { exportDate } from '../export/provenance';
import { selectFiltered } from '../state/selectors';
import { useAppState, useStore, useT } from './hooks';
import type { ExportFormat, ExportFile } from '../export/index';
import { createWorkerRpc, WorkerRpcError } from '../core/worker-rpc';
import type { WorkerRpc } from '../core/worker-rpc';
import type { ExportJob, ExportProgress, ExportResult } from '../export/export-worker';

type Status =
  | { phase: 'idle' }
  | { phase: 'running'; format: ExportFormat; loadedBytes: number }
  | { phase: 'done'; count: number; names: string[] }
  | { phase: 'error'; message: string }
  | { phase: 'cancelled' };

/**
 * Up to this many actors, the page hands its selection to the export worker: a copy of some tens
 * of milliseconds. Beyond, the worker reads the data again, which takes longer but never holds
 * the page.
 */
const COPY_LIMIT = 25_000;

declare global {
  interface Window {
    /** For the browser tests only: another limit, to take the other path with few actors. */
    __archipelExportCopyLimit?: number;
  }
}

/**
 * Exports exactly the filtered actors, as GeoJSON or CSV, their links, or their graph (GEXF, GraphML,
 * CSV node and edge lists), with their provenance.
 * The work runs in a worker; it shows progress and can be cancelled.
 */
export function ExportMenu() {
  const t = useT();
  const store = useStore();
  const count = useAppState(selectFiltered).length;
  const [status, setStatus] = useState<Status>({ phase: 'idle' });
  const worker = useRef<WorkerRpc<ExportJob, ExportResult, ExportProgress> | null>(null);
  useEffect(() => () => worker.current?.destroy(), []);

  const start = (format: ExportFormat) => {
    worker.current?.destroy();
    // One worker per export, stopped when it is done: its memory goes with it.
    const w = createWorkerRpc<ExportJob, ExportResult, ExportProgress>(
      () => new Worker(new URL('../export/export-worker.ts', import.meta.url), { type: 'module' }),
    );
    worker.current = w;
    setStatus({ phase: 'running', format, loadedBytes: 0 });
    const s = store.getState();
    const selected = selectFiltered(s);
    const job: ExportJob = {
      query: encodeUrl(urlStateOf(s)),
      format,
      date: exportDate(),
      baseUrl: `${location.origin}${location.pathname}`,
      assetsBase: new URL(import.meta.env.BASE_URL, location.href).href,
      now: s.now,
      preview: s.previewSource
        ? {
            file: s.previewSource,
            base: { networks: s.dataset?.networks ?? [], territories: s.dataset?.territories ?? [] },
          }
        : null,
      // Copied only when the page holds every actor of the view (src/data/parts.ts): else the worker reads it all.
      selection:
        covers(territoryIds(s.filters.territory)) && selected.length <= (window.__archipelExportCopyLimit ?? COPY_LIMIT)
          ? { actors: selected, networks: s.dataset?.networks ?? [], territories: s.dataset?.territories ?? [] }
          : null,
    };
    const onProgress = (progress: ExportProgress) =>
      setStatus({ phase: 'running', format, loadedBytes: progress.loadedBytes ?? 0 });
    w.ask(job, { onProgress })
      .then(
        (result) => {
          result.files.forEach(download);
          setStatus({ phase: 'done', count: result.count, names: result.files.map((f) => f.name) });
        },
        (error: unknown) => {
          // Cancelled (or replaced by another export): the cancel already said so.
          if (error instanceof WorkerRpcError && error.reason === 'destroyed') return;
          setStatus({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => {
        w.destroy();
        if (worker.current === w) worker.current = null;
      });
  };
  const cancel = () => {
    worker.current?.destroy();
    worker.current = null;
    setStatus({ phase: 'cancelled' });
  };

  return (
    <section class="export" aria-labelledby="export-title">
      <h2 id="export-title" class="export-title">
        {t('export.title')}
      </h2>
      <div class="export-buttons">
        <button
          type="button"
          class="button button-quiet"
          disabled={status.phase === 'running' || count === 0}
          onClick={() => start('geojson')}
        >
          {t('export.geojson')}
        </button>
        <button
          type="button"
          class="button button-quiet"
          disabled={status.phase === 'running' || count === 0}
          onClick={() => start('csv')}
        >
          {t('export.csv')}
        </button>
        <button
          type="button"
          class="button button-quiet"
          disabled={status.phase === 'running' || count === 0}
          onClick={() => start('links')}
        >
          {t('export.links')}
        </button>
      </div>
      <h3 class="export-subtitle">{t('export.graphTitle')}</h3>
      <div class="export-buttons">
        {(['gexf', 'graphml', 'nodes', 'edges'] as const).map((format) => (
          <button
            type="button"
            class="button button-quiet"
            key={format}
            disabled={status.phase === 'running' || count === 0}
            onClick={() => start(format)}
          >
            {t(`export.${format}`)}
          </button>
        ))}
        {status.phase === 'running' && (
          <button type="button" class="button" onClick={cancel}>
            {t('action.cancel')}
          </button>
        )}
      </div>
      <p class="export-status" role="status">
        {status.phase === 'running'
          ? t('export.running')
          : status.phase === 'done'
            ? t.plural('export.done', status.count, { files: status.names.join(', ') })
            : status.phase === 'error'
              ? t('export.error', { detail: status.message })
              : status.phase === 'cancelled'
                ? t('export.cancelled')
                : ''}
      </p>
    </section>
  );
}

/** Saves a file through a temporary link; the text never becomes HTML. */
function download(file: ExportFile) {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
