import { formatIssue } from '../data/issue-text';
import type { Issue } from '../data/validate';
import { useT } from './hooks';

/** At most this many issues are drawn; the rest are counted. */
const MAX_SHOWN = 1000;

/** The rejected and warned entries of the data, each with its file, position, id and reason. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  const t = useT();
  return (
    <section class="issues" aria-label={t('data.issuesTitle')}>
      <ul>
        {issues.slice(0, MAX_SHOWN).map((issue, i) => (
          <li key={i} class={`issue issue-${issue.severity}`}>
            <strong>{t(`issue.severity.${issue.severity}`)}</strong> {formatIssue(issue, t)}
          </li>
        ))}
      </ul>
      {issues.length > MAX_SHOWN && <p>{t('data.moreIssues', { count: issues.length - MAX_SHOWN })}</p>}
    </section>
  );
}
