import { useState } from 'preact/hooks';
import type { AppStore } from '../state/store';
import type { Translator } from '../i18n';

/**
 * Dropping a file on the map previews it (the preview's code is fetched then). Returns whether a file
 * is being dragged over, and the handlers for the drop zone.
 */
export function useFileDrop(store: AppStore, t: Translator) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    import('./FilePreview')
      .then(({ previewFile }) => previewFile(store, file, t))
      .catch((error: unknown) => store.getState().setStatus({ phase: 'error', message: String(error) }));
  };
  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      setDragging(true);
    }
  };
  const onDragLeave = () => setDragging(false);
  return { dragging, onDragOver, onDragLeave, onDrop };
}
