import type { Issue } from './validate';

/**
 * How many *entries* the issues are about, not how many issues: a row with ten
 * problems is one rejected entry. An entry is a (file, position); an issue
 * about a whole file (not JSON, unknown format) counts as one entry.
 *
 * - `rejected`: entries with at least one error;
 * - `warned`: entries kept with at least one warning (an entry both rejected
 *   and warned about counts as rejected only).
 */
export function countEntries(issues: readonly Issue[]): { rejected: number; warned: number } {
  const rejected = new Set<string>();
  const warned = new Set<string>();
  let i = 0;
  for (const issue of issues) {
    const key = issue.index === undefined ? `${issue.file}\u0000file\u0000${i++}` : entryKey(issue);
    if (issue.severity === 'error') rejected.add(key);
    else warned.add(key);
  }
  let warnedOnly = 0;
  for (const key of warned) if (!rejected.has(key)) warnedOnly++;
  return { rejected: rejected.size, warned: warnedOnly };
}

function entryKey(issue: Issue): string {
  return `${issue.file}\u0000${issue.unit ?? 'feature'}\u0000${issue.index}`;
}
