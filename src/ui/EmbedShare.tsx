import { useMemo, useState } from 'preact/hooks';
import { hostPage } from '../embed/host-messages';
import { useAppState, useStore, useT } from './hooks';

/**
 * In an embed on a page of another origin, while a file from the person's own
 * computer is shown: says that the host page is told nothing about it, and
 * offers the one way to let it follow (`shareWithHost`). Nothing is shared
 * without that click.
 */
export function EmbedShare() {
  const t = useT();
  const store = useStore();
  const previewFile = useAppState((s) => s.previewFile);
  const shared = useAppState((s) => s.shareWithHost);
  const [dismissed, setDismissed] = useState(false);
  const page = useMemo(() => hostPage(), []);
  if (!page || page.sameOrigin || previewFile === null || shared || dismissed) return null;
  return (
    <div class="notice" role="status">
      <span>{t('embed.shareAsk', { origin: page.origin ?? '?' })}</span>
      <button type="button" class="button button-quiet" onClick={() => store.setState({ shareWithHost: true })}>
        {t('embed.shareYes')}
      </button>
      <button type="button" class="button button-quiet" onClick={() => setDismissed(true)}>
        {t('embed.shareNo')}
      </button>
    </div>
  );
}
