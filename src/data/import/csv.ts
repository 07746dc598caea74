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
  // An unterminated quote makes the reader take the rest of the file as one cell. The row is
  // rejected and reading starts again on the next line, so that the rows after it are kept;
  // past MAX_CSV_RESTARTS (each restart reads the rest again), the swallowed lines are
  // rejected one by one, each reported.
  let offset = 0;
  let lineAtOffset = 1;
  let restarts = 0;
  while (offset < body.length) {
    const segment = offset === 0 ? body : body.slice(offset);
    let previousEnd = 0;
    let countedUpTo = 0;
    let line = lineAtOffset;
    let resume = -1;
    Papa.parse<string[]>(segment, {
      delimiter,
      header: false,
      skipEmptyLines: true,
      step: (result, parser) => {
        let start = previousEnd;
        while (start < segment.length && (segment[start] === '\r' || segment[start] === '\n')) start++;
        line += countLineBreaks(segment, countedUpTo, start);
        countedUpTo = start;
        previousEnd = result.meta.cursor;
        const quoteErrors = result.errors.filter((e) => e.type === 'Quotes');
        if (quoteErrors.length === 0) {
          if (header === undefined) header = result.data.map((h) => h.trim());
          else rows.push({ line, cells: result.data });
          return;
        }
        // A quote error in a row that runs over several lines (an unterminated quote, or a
        // malformed one that a later quote closed): the lines it took are rows of their own.
        const unterminated = quoteErrors.find((e) => e.code === 'MissingQuotes') ?? quoteErrors[0]!;
        let lineEnd = nextLineBreak(segment, start);
        if (lineEnd >= result.meta.cursor) lineEnd = -1;
        if (lineEnd !== -1 && restarts < MAX_CSV_RESTARTS) {
          issues.push({
            severity: 'error',
            file,
            unit: 'row',
            index: line,
            code: IMPORT_CODES.csvParse,
            params: { detail: unterminated.message },
          });
          restarts++;
          resume = offset + lineEnd;
          lineAtOffset = line;
          parser.abort();
          return;
        }
        if (lineEnd !== -1) {
          // Every non-empty line the quote swallowed is a row of its own, reported.
          const end = Math.min(result.meta.cursor, segment.length);
          const last = line + countLineBreaks(segment, start, end);
          let at = line;
          let lineStart = start;
          const swallowed: number[] = [];
          while (lineStart < end) {
            let lineStop = nextLineBreak(segment, lineStart);
            if (lineStop === -1 || lineStop > end) lineStop = end;
            if (segment.slice(lineStart, lineStop).trim() !== '') swallowed.push(at);
            lineStart = lineStop;
            if (segment[lineStart] === '\r' && segment[lineStart + 1] === '\n') lineStart += 2;
            else if (lineStart < end) lineStart++;
            at++;
          }
          const to = swallowed[swallowed.length - 1] ?? line;
          for (const index of swallowed)
            issues.push({
              severity: 'error',
              file,
              unit: 'row',
              index,
              code: IMPORT_CODES.csvUnterminated,
              params: { from: line, to },
            });
          countedUpTo = end;
          line = last;
          return;
        }
        issues.push({
          severity: 'error',
          file,
          unit: 'row',
          index: line,
          code: IMPORT_CODES.csvParse,
          params: { detail: quoteErrors[0]!.message },
        });
      },
    });
    if (resume === -1) break;
    offset = resume;
  }
  return { header: header ?? [], rows, issues };
}

/** How many restarts after unterminated quotes {@link readCsv} makes before reporting lines one by one. */
const MAX_CSV_RESTARTS = 20;

/** Line breaks between two offsets: LF, or a CR not followed by LF (old Mac files); CRLF counts once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** The offset of the first CR or LF from `from`, or -1. */
function nextLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
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
  // No prototype: a column named `__proto__` or `constructor` is a column like any other.
  const record: Record<string, string> = Object.create(null);
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!;
    if (name !== '' && !Object.hasOwn(record, name)) record[name] = row.cells[i] ?? '';
  }
  return record;
}
