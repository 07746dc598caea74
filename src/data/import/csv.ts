/**
 * CSV for the importers: papaparse with the delimiter guessed, every row keeping the line where it
 * starts (for messages), unreadable rows reported.
 */
import Papa from 'papaparse';
import { IMPORT_CODES } from './codes';
import type { Issue } from '../validate';

/** One CSV data row: its cells and the line of the file where it starts (header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  /** Rows the reader could not read (unterminated quotes…), already left out of `rows`. */
  issues: Issue[];
}

/**
 * Reads CSV text with papaparse: a byte-order mark is dropped, the delimiter
 * is the most frequent of `,` `;` and tab on the header line, line ends are
 * guessed (CRLF, LF or CR), quoted cells may hold delimiters, quotes and line
 * breaks. Every row keeps the line where it starts, for messages.
 *
 * @param text - the file's text
 * @param file - its name, for messages
 */
export function readCsv(text: string, file: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = guessDelimiter(body);
  const rows: CsvRow[] = [];
  const issues: Issue[] = [];
  let header: string[] | undefined;
  let previousEnd = 0;
  let countedUpTo = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    delimiter,
    header: false,
    skipEmptyLines: true,
    step: (result) => {
      let start = previousEnd;
      while (start < body.length && (body[start] === '\r' || body[start] === '\n')) start++;
      for (let i = countedUpTo; i < start; i++) {
        const c = body.charCodeAt(i);
        // LF, or a CR not followed by LF (old Mac files): one line each; CRLF counts once.
        if (c === 10 || (c === 13 && body.charCodeAt(i + 1) !== 10)) line++;
      }
      countedUpTo = start;
      previousEnd = result.meta.cursor;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        issues.push({
          severity: 'error',
          file,
          unit: 'row',
          index: line,
          code: IMPORT_CODES.csvParse,
          params: { detail: quoteError.message },
        });
        return;
      }
      if (header === undefined) header = result.data.map((h) => h.trim());
      else rows.push({ line, cells: result.data });
    },
  });
  return { header: header ?? [], rows, issues };
}

function guessDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const first = end === -1 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = first.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The cells of a row keyed by header name; the first of two same-named columns wins. */
export function rowRecord(header: readonly string[], row: CsvRow): Record<string, string> {
  const record: Record<string, string> = {};
  header.forEach((name, i) => {
    if (name !== '' && !(name in record)) record[name] = row.cells[i] ?? '';
  });
  return record;
}
