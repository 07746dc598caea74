import type { MessageKey, Params, Translator } from '../i18n';
import { shortText } from './validate';
import type { Issue } from './validate';

// Apart from the validator: only the list of issues (a lazy part of the page) and the scripts
// word issues, so this code and its messages stay out of the page's first load.

/**
 * The text of an issue in the reader's language:
 * `actors.geojson #12 (brest-papi-x): unknown theme "fromation"`.
 */
export function formatIssue(issue: Issue, t: Translator): string {
  let where = issue.file;
  if (issue.index !== undefined) {
    const key =
      issue.unit === 'row' ? 'issue.where.row' : issue.unit === 'item' ? 'issue.where.item' : 'issue.where.feature';
    where = t(key, { file: issue.file, index: String(issue.index) });
  }
  if (issue.id !== undefined) where += ` (${shortText(issue.id)})`;
  const params: Params = { ...issue.params };
  if (typeof params.expected === 'string') params.expected = t(`issue.expected.${params.expected}` as MessageKey);
  // A spreadsheet's row speaks of its columns and cells, not of GeoJSON geometry.
  const code = issue.unit === 'row' && ROW_WORDING.has(issue.code) ? `row.${issue.code}` : issue.code;
  return `${where}: ${t(`issue.${code}` as MessageKey, params)}`;
}

/** Issues worded for a CSV row (`issue.row.*`) rather than a GeoJSON feature. */
const ROW_WORDING = new Set(['geometryMissing', 'coordinatesOutOfRange', 'coordinatesZero', 'coordinatesSwapped']);
