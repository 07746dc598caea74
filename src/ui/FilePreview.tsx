import './FilePreview.css';
import { useActions, useAppState, useStore, useT } from './hooks';
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
  s.setStatus({ phase: 'loading', loadedBytes: 0, totalBytes: file.size });
  try {
    const [{ browserAdminSource, loadForeign, previewBase }, text] = await Promise.all([
      import('../data/browser-load'),
      file.text(),
    ]);
    const dataset = await loadForeign(
      file.name,
      text,
      previewBase(s.dataset),
      browserAdminSource(import.meta.env.BASE_URL),
    );
    s.setDataset(dataset);
    s.setPreviewFile(file.name, file);
    s.setStatus({ phase: 'ready' });
    if (dataset.issues.length > 0) s.setIssuesOpen(true);
  } catch (error) {
    // Unreadable, or its code could not be fetched: said where loading problems are said, not left loading.
    s.setStatus({ phase: 'error', message: `${file.name}: ${error instanceof Error ? error.message : String(error)}` });
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
