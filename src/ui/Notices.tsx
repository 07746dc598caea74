import { formatIssue } from '../data/validate';
import { useActions, useAppState, useT } from './hooks';
import { DataSourceNotice } from './DataSourceNotice';

/** Loading progress, ignored URL values and rejected data: said once, never blocking. */
export function Notices() {
  const t = useT();
  const status = useAppState((s) => s.status);
  const problems = useAppState((s) => s.urlProblems);
  const issues = useAppState((s) => s.dataset?.issues ?? null);
  const issuesOpen = useAppState((s) => s.issuesOpen);
  const { dismissUrlProblems, setIssuesOpen } = useActions();
  const errors = (issues ?? []).filter((i) => i.severity === 'error');
  const warnings = (issues ?? []).filter((i) => i.severity === 'warning');
  return (
    <div class="notices">
      <DataSourceNotice />
      {status.phase === 'loading' && (
        <div class="notice" role="status">
          <span>{t('load.loading')}</span>
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
          <span>{t('url.ignored', { list: problems.map((p) => `${p.param}=${p.value}`).join(', ') })}</span>
          <button type="button" class="button button-quiet" onClick={dismissUrlProblems}>
            {t('action.dismiss')}
          </button>
        </div>
      )}
      {errors.length + warnings.length > 0 && (
        <div class="notice" role="status">
          <span>{t('data.issues', { errors: errors.length, warnings: warnings.length })}</span>
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
      {issuesOpen && issues && (
        <section class="issues" aria-label={t('data.issuesTitle')}>
          <ul>
            {issues.slice(0, 1000).map((issue, i) => (
              <li key={i} class={`issue issue-${issue.severity}`}>
                <strong>{t(`issue.severity.${issue.severity}`)}</strong> {formatIssue(issue, t)}
              </li>
            ))}
          </ul>
          {issues.length > 1000 && <p>{t('data.moreIssues', { count: issues.length - 1000 })}</p>}
        </section>
      )}
    </div>
  );
}

function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
