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
  // Positions by file and unit, as numbers: no string is made per issue (a file may have 100,000).
  type Positions = Map<string, Map<string, Set<number>>>;
  const rejected: Positions = new Map();
  const warned: Positions = new Map();
  const add = (sets: Positions, file: string, unit: string, index: number) => {
    let units = sets.get(file);
    if (!units) {
      units = new Map();
      sets.set(file, units);
    }
    let set = units.get(unit);
    if (!set) {
      set = new Set();
      units.set(unit, set);
    }
    set.add(index);
  };
  let wholeFile = 0;
  let rejectedCount = 0;
  for (const issue of issues) {
    if (issue.index === undefined) {
      // An issue about a whole file: one entry each.
      if (issue.severity === 'error') rejectedCount++;
      else wholeFile++;
      continue;
    }
    add(issue.severity === 'error' ? rejected : warned, issue.file, issue.unit ?? 'feature', issue.index);
  }
  for (const units of rejected.values()) for (const set of units.values()) rejectedCount += set.size;
  let warnedOnly = wholeFile;
  for (const [file, units] of warned)
    for (const [unit, set] of units) {
      const errors = rejected.get(file)?.get(unit);
      for (const index of set) if (!errors?.has(index)) warnedOnly++;
    }
  return { rejected: rejectedCount, warned: warnedOnly };
}
