import { useState } from 'preact/hooks';
import { formatIssue } from '../data/issue-text';
import type { Issue } from '../data/validate';
import { useT } from './hooks';

/**
 * Issues drawn at first, and added by each "show more": a file with 100,000 problems opens its
 * list at once, and every issue can still be read (or exported with `npm run validate`).
 */
export const ISSUES_PAGE = 100;

/** The rejected and warned entries of the data, each with its file, position, id and reason. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  const t = useT();
  const [shown, setShown] = useState(ISSUES_PAGE);
  const rest = issues.length - shown;
  return (
    <section class="issues" aria-label={t('data.issuesTitle')}>
      <ul>
        {issues.slice(0, shown).map((issue, i) => (
          <li key={i} class={`issue issue-${issue.severity}`}>
            <strong>{t(`issue.severity.${issue.severity}`)}</strong> {formatIssue(issue, t)}
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <p>
          {t('data.moreIssues', { count: rest })}{' '}
          <button type="button" class="button button-quiet" onClick={() => setShown(shown + ISSUES_PAGE * 10)}>
            {t('data.showMoreIssues', { count: Math.min(rest, ISSUES_PAGE * 10) })}
          </button>
        </p>
      )}
    </section>
  );
}
