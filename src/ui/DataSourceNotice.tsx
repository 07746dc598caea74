import { encodeUrl } from '../core/url';
import { urlStateOf } from '../state/store';
import { DEFAULT_STALL_MS } from '../data/fetch';
import type { DataFailure } from '../data/browser-load';
import type { Translator } from '../i18n';
import { useAppState, useT } from './hooks';

/**
 * Data from `data=` is someone else's: the page always names where it comes
 * from and offers the shipped map; when that file cannot be read, it says what
 * happened and what to do, over the shipped map shown instead.
 */
export function DataSourceNotice() {
  const t = useT();
  const data = useAppState((s) => s.data);
  const failure = useAppState((s) => s.dataFailure);
  const back = useAppState((s) => encodeUrl({ ...urlStateOf(s), data: null }));
  // The file is drawn before its places are checked (src/ui/admin-later.ts): said while they are.
  const checking = useAppState((s) => s.checkingPlaces && s.status.phase === 'ready');
  if (!data) return null;
  const source = sourceName(data);
  const href = `${window.location.pathname}${back ? `?${back}` : ''}`;
  const link = (
    <a class="button button-quiet" href={href}>
      {t('source.back')}
    </a>
  );
  if (failure)
    return (
      <div class="notice notice-error" role="alert">
        <span>{failureMessage(t, failure, source)}</span>
        {link}
      </div>
    );
  return (
    <>
      <div class="notice notice-source" role="status">
        <span>{t('source.foreign', { source })}</span>
        {link}
      </div>
      {checking && (
        <div class="notice" role="status">
          {t('source.checking')}
        </div>
      )}
    </>
  );
}

/** The other site's host name, or the file's name when it is on this site. */
export function sourceName(data: string): string {
  try {
    const url = new URL(data, window.location.href);
    if (url.origin !== window.location.origin) return url.host;
    return decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1)) || url.href;
  } catch {
    return data.slice(0, 100);
  }
}

function failureMessage(t: Translator, failure: DataFailure, source: string): string {
  switch (failure.kind) {
    case 'http':
      return failure.status === 404
        ? t('source.failed.http404', { source })
        : t('source.failed.http', { source, status: failure.status ?? '?' });
    case 'unreachable': {
      const crossOrigin = new URL(failure.url, window.location.href).origin !== window.location.origin;
      return crossOrigin
        ? t('source.failed.cors', { source, origin: window.location.origin })
        : t('source.failed.unreachable', { source });
    }
    case 'html':
      return t('source.failed.html', { source });
    case 'timeout':
      return t('source.failed.timeout', { source, seconds: Math.round(DEFAULT_STALL_MS / 1000) });
  }
}
