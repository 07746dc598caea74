import './FilePreview.css';
import { useActions, useAppState, useStore, useT } from './hooks';
import { nextTask, prepareDataset } from '../state/prepare';
import type { AppStore } from '../state/store';
import type { Translator } from '../i18n';

/** Largest local file previewed; beyond, the browser would struggle and the user is told. */
export const MAX_PREVIEW_BYTES = 200 * 1024 * 1024;

/**
 * Reads a local file (chosen or dropped on the map) and shows its actors in
 * place of the current ones, with the same validation as `data=`. Nothing is
 * uploaded anywhere; the preview lasts until the page is reloaded.
 */
export async function previewFile(store: AppStore, file: File, t: Translator): Promise<void> {
  const s = store.getState();
  if (file.size > MAX_PREVIEW_BYTES) {
    s.setStatus({
      phase: 'error',
      message: t('preview.tooLarge', {
        file: file.name,
        size: Math.round(file.size / 1e6),
        max: MAX_PREVIEW_BYTES / 1e6,
      }),
    });
    return;
  }
  // Read, decoded and validated in a worker: the page stays responsive and Cancel stops it at once.
  const controller = new AbortController();
  const cancel = () => controller.abort();
  const previous = s.status;
  s.setStatus({ phase: 'loading', loadedBytes: 0, totalBytes: file.size, cancel });
  try {
    const [{ loadForeignOffThread }, { browserAdminSource, previewBase, withAdminOf }] = await Promise.all([
      import('../data/foreign-client'),
      import('../data/browser-load'),
    ]);
    const base = new URL(import.meta.env.BASE_URL, location.href).href;
    const read = await loadForeignOffThread({
      file: file.name,
      // Read in the worker: 100 MB read here would hold the page for tasks of several hundred ms.
      bytes: file,
      shipped: previewBase(s.dataset),
      baseUrl: base,
      onProgress: (done, total) =>
        store.getState().setStatus({
          phase: 'loading',
          loadedBytes: file.size,
          totalBytes: file.size,
          cancel,
          checked: { done, total },
        }),
      signal: controller.signal,
    });
    // Each step in tasks of its own: the page stays responsive however large the file.
    await nextTask();
    const dataset = await withAdminOf(read, browserAdminSource(import.meta.env.BASE_URL));
    await nextTask();
    await prepareDataset(store.getState, dataset);
    // Named with the data, in one change (nothing in between to undo what was prepared): an
    // embed's host page of another origin is then never told about the file.
    store.meta.history = 'replace';
    store.setState({ dataset, previewFile: file.name, previewSource: file });
    await nextTask();
    s.setStatus({ phase: 'ready' });
    if (dataset.issues.length > 0) s.setIssuesOpen(true);
  } catch (error) {
    // Cancelled: the data shown before stays, as it was.
    if (controller.signal.aborted) s.setStatus(previous.phase === 'loading' ? { phase: 'ready' } : previous);
    // Unreadable, or its code could not be fetched: said where loading problems are said, not left loading.
    else
      s.setStatus({
        phase: 'error',
        message: `${file.name}: ${error instanceof Error ? error.message : String(error)}`,
      });
  }
}

/** A keyboard-reachable way to preview a file (dropping one on the map does the same). */
export function FilePreview() {
  const t = useT();
  const store = useStore();
  const previewName = useAppState((s) => s.previewFile);
  const { setPreviewFile } = useActions();
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" class="export-title">
        {t('preview.title')}
      </h2>
      <label class="button button-quiet file-button">
        {t('preview.choose')}
        <input
          type="file"
          class="visually-hidden"
          accept=".geojson,.json,.csv,application/geo+json,application/json,text/csv"
          onChange={(e) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) void previewFile(store, file, t);
          }}
        />
      </label>
      <p class="preview-status" role="status">
        {previewName ? t('preview.showing', { file: previewName }) : t('preview.hint')}
      </p>
      {previewName && (
        <button
          type="button"
          class="button button-quiet"
          onClick={() => {
            setPreviewFile(null);
            window.location.reload();
          }}
        >
          {t('preview.end')}
        </button>
      )}
    </section>
  );
}
