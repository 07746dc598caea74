/**
 * The one way a data file's bytes become text, everywhere a file comes in: the
 * file picker, a file dropped on the map, `data=` and the command-line scripts.
 *
 * - a byte-order mark decides: UTF-8 (EF BB BF), UTF-16 LE (FF FE), UTF-16 BE (FE FF);
 * - without one, UTF-8 when the bytes are valid UTF-8;
 * - else Windows-1252, what spreadsheets (Excel "CSV") write on French Windows.
 *
 * The byte-order mark is not part of the text.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** True when the bytes were not valid UTF-8 and no mark said what they are: the encoding is a guess. */
  guessed: boolean;
}

export function decodeBytes(input: ArrayBuffer | ArrayBufferView): DecodedText {
  const bytes =
    input instanceof ArrayBuffer
      ? new Uint8Array(input)
      : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', guessed: false };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', guessed: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', guessed: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', guessed: false };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', guessed: true };
  }
}

/**
 * Windows-1252 by its table (WHATWG's): engines disagree (Node's `TextDecoder` reads it as
 * Latin-1, so `’` 0x92 would become a control character), and the app and the scripts must agree.
 */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let chunk = '';
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      chunk += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
    }
    parts.push(chunk);
  }
  return parts.join('');
}
