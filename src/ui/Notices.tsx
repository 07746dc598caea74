import { countEntries } from '../data/counts';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { EmbedShare } from './EmbedShare';
import { useActions, useAppState, useT } from './hooks';
import { DataSourceNotice, IssueList } from './lazy-parts';

/** Loading progress, ignored URL values and rejected data: said once, never blocking. */
export function Notices() {
  const t = useT();
  const status = useAppState((s) => s.status);
  const problems = useAppState((s) => s.urlProblems);
  const issues = useAppState((s) => s.dataset?.issues ?? null);
  const issuesOpen = useAppState((s) => s.issuesOpen);
  const foreign = useAppState((s) => s.data !== null);
  const { dismissUrlProblems, setIssuesOpen } = useActions();
  // Entries, not issues: a row with ten problems is one rejected entry.
  const entries = useMemo(() => countEntries(issues ?? []), [issues]);
  const box = useRef<HTMLDivElement>(null);
  // Over the map, the notices take no room of their own (app.css): a change of their height
  // would resize the map's canvas, a task of 0.1-0.6 s with software WebGL. What they cover
  // at the map's top (the legend, the zoom buttons, a detail panel) moves down by their height instead.
  useEffect(() => {
    const el = box.current!;
    const host = el.parentElement!.parentElement!;
    // Their height, and where they end in the main area (a detail panel opened beside them starts below).
    const observer = new ResizeObserver(() => {
      const height = el.offsetHeight;
      host.style.setProperty('--notices-height', `${height}px`);
      host.style.setProperty('--notices-bottom', `${height && el.parentElement!.offsetTop + height}px`);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div class="notices">
      <div class="notices-stack" ref={box}>
        <EmbedShare />
        {foreign && <DataSourceNotice />}
        {status.phase === 'loading' && (
          <div class="notice" role="status">
            <span>
              {status.checked
                ? t('load.checking', { done: status.checked.done, total: status.checked.total })
                : t('load.loading')}
            </span>
            <progress
              max={status.totalBytes ?? undefined}
              value={status.totalBytes ? status.loadedBytes : undefined}
              aria-label={t('load.progress')}
            />
            {/* Not read out at each chunk: the progress bar carries it for those who ask. */}
            <span aria-hidden="true">{t('load.bytes', { size: formatBytes(status.loadedBytes, t.lang) })}</span>
            {status.cancel && (
              <button type="button" class="button button-quiet" onClick={status.cancel}>
                {t('action.cancel')}
              </button>
            )}
          </div>
        )}
        {status.phase === 'cancelled' && (
          <div class="notice" role="status">
            {t('load.cancelled')}
          </div>
        )}
        {status.phase === 'error' && (
          <div class="notice notice-error" role="alert">
            {t('load.error', { detail: status.message })}
          </div>
        )}
        {problems.length > 0 && (
          <div class="notice" role="status">
            <span>{t('url.ignored', { list: ignoredList(problems, t) })}</span>
            <button type="button" class="button button-quiet" onClick={dismissUrlProblems}>
              {t('action.dismiss')}
            </button>
          </div>
        )}
        {(issues?.length ?? 0) > 0 && (
          <div class="notice" role="status">
            <span>{t('data.entries', { errors: entries.rejected, warnings: entries.warned })}</span>
            <button
              type="button"
              class="button button-quiet"
              aria-expanded={issuesOpen}
              onClick={() => setIssuesOpen(!issuesOpen)}
            >
              {t(issuesOpen ? 'data.hideIssues' : 'data.showIssues')}
            </button>
          </div>
        )}
        {issuesOpen && issues && <IssueList issues={issues} />}
      </div>
    </div>
  );
}

/** At most {@link MAX_IGNORED_SHOWN} values, each cut short: a crafted URL cannot fill the screen. */
const MAX_IGNORED_SHOWN = 5;
const MAX_IGNORED_LENGTH = 60;

function ignoredList(problems: readonly { param: string; value: string }[], t: ReturnType<typeof useT>): string {
  const shown = problems.slice(0, MAX_IGNORED_SHOWN).map((p) => {
    const text = `${p.param}=${p.value}`;
    return text.length > MAX_IGNORED_LENGTH ? `${text.slice(0, MAX_IGNORED_LENGTH - 1)}…` : text;
  });
  const list = shown.join(', ');
  return problems.length > MAX_IGNORED_SHOWN
    ? t('url.ignoredMore', { list, count: problems.length - MAX_IGNORED_SHOWN })
    : list;
}

function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const key = `${lang}:${unit === 0 ? 0 : 1}`;
  let format = byteFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 0 ? 0 : 1 });
    byteFormats.set(key, format);
  }
  return `${format.format(value)} ${units[unit]}`;
}

/** Made once per language and precision, not at each redraw of the progress line. */
const byteFormats = new Map<string, Intl.NumberFormat>();
