import { DEFAULT_URL_STATE, encodeUrl } from '../core/url';
import { urlStateOf } from '../state/store';
import { useAppState, useT } from './hooks';

/** The embed's only chrome: the name, and a link to the full map with the same view. */
export function EmbedBar() {
  const t = useT();
  // A string: the bar redraws only when the link changes, not on every store update.
  const query = useAppState((s) => encodeUrl({ ...urlStateOf(s), embed: DEFAULT_URL_STATE.embed }));
  const title = useAppState((s) => s.config?.title ?? null);
  const href = `${window.location.pathname}${query ? `?${query}` : ''}`;
  return (
    <header class="embed-bar">
      <span class="embed-title">{title ?? t('app.title')}</span>
      <a class="embed-open" href={href} target="_blank" rel="noopener">
        {t('embed.openFull')}
        <span class="visually-hidden"> {t('a11y.newWindow')}</span>
      </a>
    </header>
  );
}
