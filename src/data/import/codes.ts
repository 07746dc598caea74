import type { IssueCode } from '../validate';

/**
 * Issue codes the importers add to the validator's. Their messages are
 * `issue.<code>` keys of the i18n catalogues.
 */
export const IMPORT_CODES = {
  /** Same normalised name as another imported actor within 50 m (warning). */
  possibleDuplicate: 'possibleDuplicate',
  /** The CSV reader could not read a row (unterminated quote, …). */
  csvParse: 'csvParse',
  /** No importer recognises the file. */
  formatUnknown: 'formatUnknown',
} as const satisfies Record<string, IssueCode>;
