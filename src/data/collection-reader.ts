/**
 * Cuts a GeoJSON FeatureCollection into runs of whole features while its bytes are still coming
 * (a file from elsewhere, fetched by the foreign-data worker): the `features` array is cut at its
 * commas, and each run is decoded as soon as its bytes are in, and given as text, to be parsed by
 * {@link parseRun} where it is read (the page: src/data/run-reading.ts). Decoding, parsing and
 * validating 66 MB (100,000 actors) then overlap the download instead of following it, and the
 * actors are made where they are used, not copied from one thread to another.
 *
 * Only the bytes are scanned (brackets, braces, commas and quotes are ASCII, and no byte of a
 * multi-byte UTF-8 character is), so no JavaScript tokenizer reads the text: the values are made
 * by the engine's own parser, which streaming JSON libraries, reading character by character in
 * JavaScript, are several times slower than. The runs parsed and put together, with what
 * {@link CollectionReader.finish} gives, are the value `JSON.parse` gives for the whole text.
 * Whatever this reader cannot read so (not UTF-8, not one JSON object, no `features` array, JSON
 * it finds broken, a key it cannot compare) makes it give up: {@link CollectionReader.finish} then
 * says null; a run {@link parseRun} refuses (broken JSON inside a feature) says the same.
 * The file is then read whole the usual way, which also says what is wrong with it.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Features in one run at most, so that a large chunk of bytes is not one long task to read. */
const MAX_BATCH = 2000;

const FEATURES_KEY = [0x66, 0x65, 0x61, 0x74, 0x75, 0x72, 0x65, 0x73]; // "features"

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

type Phase = 'start' | 'prefix' | 'features' | 'suffix' | 'end' | 'failed';

export class CollectionReader {
  private phase: Phase = 'start';
  /** The bytes not yet used, from {@link kept} on (absolute offsets). */
  private parts: Uint8Array[] = [];
  private partStarts: number[] = [];
  private received = 0;
  /** Where the bytes still needed begin: the prefix's start, the next feature's, or the suffix's. */
  private kept = 0;
  /** Where the scan goes on. */
  private scanAt = 0;
  private depth = 0;
  private inString = false;
  /** In a string, whether the last byte scanned was a backslash that escapes the next one. */
  private escaped = false;
  private stringStart = 0;
  /** The last key (or string) read at the top level of the object, as bytes. */
  private lastTopString: Uint8Array | null = null;
  private prefix: Uint8Array | null = null;
  /**
   * The collection's members written before its features (`type`, its own territories and
   * networks…), with an empty `features`: known once the features begin; null before, or when
   * they do not parse alone.
   */
  head: Record<string, unknown> | null = null;
  /** Commas of the features array since {@link kept}, and where the last was. */
  private cuts = 0;
  private lastCut = 0;
  /** Features given in runs so far. */
  private told = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  /**
   * @param onRun - given each run of whole features, in the order of the file: its text and how
   *   many features it holds, for {@link parseRun}
   */
  constructor(private readonly onRun: (text: string, count: number) => void) {}

  /** Reads the next bytes of the file. */
  push(bytes: Uint8Array): void {
    if (this.phase === 'failed' || bytes.byteLength === 0) return;
    this.parts.push(bytes);
    this.partStarts.push(this.received);
    this.received += bytes.byteLength;
    try {
      this.scan();
      if (this.phase === 'features' && this.cuts > 0) this.giveRun(this.lastCut, this.cuts);
      this.forget();
    } catch {
      this.fail();
    }
  }

  /**
   * The collection the file holds, as `JSON.parse` would make it from the whole text, with an
   * empty `features` array (its features are the runs'); null when this reader gave up (the file
   * is then read whole).
   */
  finish(): Record<string, unknown> | null {
    if (this.phase === 'start' && this.received > 0) {
      // A file of fewer than three bytes: the byte-order mark's check waited for more.
      try {
        this.scan(true);
      } catch {
        this.fail();
      }
    }
    if (this.phase !== 'end' || this.prefix === null) return this.fail();
    try {
      const suffix = this.slice(this.kept, this.received);
      const rest: unknown = JSON.parse(this.decoder.decode(this.prefix) + this.decoder.decode(suffix));
      // The rest of the object must hold the features array this reader emptied, and only it.
      if (typeof rest !== 'object' || rest === null || Array.isArray(rest)) return this.fail();
      const collection = rest as Record<string, unknown>;
      if (!Array.isArray(collection.features) || collection.features.length > 0) return this.fail();
      return collection;
    } catch {
      return this.fail();
    }
  }

  private fail(): null {
    this.phase = 'failed';
    this.parts = [];
    this.partStarts = [];
    this.prefix = null;
    this.head = null;
    return null;
  }

  /** Scans the bytes received since the last scan. */
  private scan(atEnd = false): void {
    if (this.phase === 'start') {
      if (this.received < 3 && !atEnd) return;
      const head = this.slice(0, Math.min(3, this.received));
      // UTF-16 (its byte-order marks) is read whole; UTF-8's mark is skipped.
      if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) throw new Error('utf-16');
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) this.scanAt = 3;
      this.kept = this.scanAt;
      this.phase = 'prefix';
    }
    let index = this.partIndexOf(this.scanAt);
    while (index < this.parts.length) {
      const part = this.parts[index]!;
      const base = this.partStarts[index]!;
      this.scanPart(part, base, this.scanAt - base);
      this.scanAt = base + part.byteLength;
      index++;
    }
  }

  private scanPart(part: Uint8Array, base: number, from: number): void {
    const n = part.byteLength;
    let i = from;
    // The state in locals while the loop runs (most bytes are inside strings, skipped here).
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    while (i < n) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i++;
        }
        while (i < n) {
          const byte = part[i]!;
          if (byte === QUOTE) break;
          i += byte === BACKSLASH ? 2 : 1;
        }
        if (i >= n) {
          // The string goes on in the next part; a backslash ending this one escapes its first byte.
          escaped = i > n;
          break;
        }
        inString = false;
        if (depth === 1) this.lastTopString = this.slice(this.stringStart + 1, base + i);
        i++;
        continue;
      }
      const byte = part[i]!;
      if (byte === QUOTE) {
        inString = true;
        this.stringStart = base + i;
      } else if (depth === 0) {
        // Before the object: white space; after it: the parse of the rest says whether it is right.
        if (this.phase === 'prefix') {
          if (byte === OPEN_BRACE) depth = 1;
          else if (!isJsonSpace(byte)) throw new Error('not an object');
        }
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (byte === OPEN_BRACKET && depth === 1 && this.isFeaturesKey()) this.openFeatures(base + i);
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (this.phase === 'features' && depth === 1) this.closeFeatures(base + i);
        else if (depth === 0 && this.phase === 'suffix') this.phase = 'end';
      } else if (byte === COMMA && depth === 2 && this.phase === 'features') {
        this.cuts++;
        this.lastCut = base + i;
        if (this.cuts >= MAX_BATCH) this.giveRun(this.lastCut, this.cuts);
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
  }

  private isFeaturesKey(): boolean {
    const key = this.lastTopString;
    if (key === null) return false;
    // A key written with escapes is not compared: the file is read whole.
    if (key.includes(BACKSLASH)) throw new Error('escaped key');
    return key.length === FEATURES_KEY.length && FEATURES_KEY.every((b, i) => key[i] === b);
  }

  private openFeatures(at: number): void {
    if (this.phase !== 'prefix') throw new Error('a second features array');
    this.prefix = this.slice(this.kept, at + 1);
    try {
      const head: unknown = JSON.parse(`${this.decoder.decode(this.prefix)}]}`);
      if (typeof head === 'object' && head !== null && !Array.isArray(head))
        this.head = head as Record<string, unknown>;
    } catch {
      // The whole is parsed at the end, and says whether it is JSON.
    }
    this.kept = at + 1;
    this.cuts = 0;
    this.phase = 'features';
  }

  private closeFeatures(at: number): void {
    // The features after the last run, or nothing when the array is empty (a comma before `]` is not JSON).
    const bytes = this.slice(this.kept, at);
    if (bytes.every(isJsonSpace)) {
      if (this.told > 0) throw new Error('trailing comma');
    } else {
      this.give(bytes, this.cuts + 1);
    }
    this.kept = at;
    this.cuts = 0;
    this.lastTopString = null;
    this.phase = 'suffix';
  }

  /** Gives the features from {@link kept} to the comma at `end`: `count` of them. */
  private giveRun(end: number, count: number): void {
    this.give(this.slice(this.kept, end), count);
    this.kept = end + 1;
    this.cuts = 0;
  }

  private give(bytes: Uint8Array, count: number): void {
    this.told += count;
    // Bytes that are not UTF-8 throw: the reader gives up.
    this.onRun(this.decoder.decode(bytes), count);
  }

  /** Drops the parts wholly before {@link kept}. */
  private forget(): void {
    let drop = 0;
    while (drop < this.parts.length - 1 && this.partStarts[drop + 1]! <= this.kept) drop++;
    if (drop > 0) {
      this.parts.splice(0, drop);
      this.partStarts.splice(0, drop);
    }
  }

  private partIndexOf(offset: number): number {
    let index = 0;
    while (index < this.parts.length - 1 && this.partStarts[index + 1]! <= offset) index++;
    return index;
  }

  /** The bytes from `start` to `end` (absolute offsets, still kept), copied only when they span parts. */
  private slice(start: number, end: number): Uint8Array {
    let index = this.partIndexOf(start);
    const first = this.parts[index]!;
    const firstStart = this.partStarts[index]!;
    if (end <= firstStart + first.byteLength) return first.subarray(start - firstStart, end - firstStart);
    const out = new Uint8Array(end - start);
    let at = 0;
    for (; index < this.parts.length && at < out.byteLength; index++) {
      const part = this.parts[index]!;
      const partStart = this.partStarts[index]!;
      const from = Math.max(start, partStart) - partStart;
      const to = Math.min(end, partStart + part.byteLength) - partStart;
      if (to > from) {
        out.set(part.subarray(from, to), at);
        at += to - from;
      }
    }
    return out;
  }
}

/**
 * The features of a run given by a {@link CollectionReader}, as `JSON.parse` makes them; throws
 * when they are not JSON, or when a feature is missing (`[1,,2]`), as for the whole.
 */
export function parseRun(text: string, count: number): unknown[] {
  const run = JSON.parse(`[${text}]`) as unknown;
  if (!Array.isArray(run) || run.length !== count) throw new Error('an empty feature');
  return run;
}

/** What a {@link cutRuns} tells the reader of its runs, in this order: `head` once, then each `run`. */
export type CutMessage =
  /** The collection's members before its features (its own territories and networks, if there). */
  | { type: 'head'; head: Record<string, unknown> }
  /** The next run of whole features, as text, for {@link parseRun}. */
  | { type: 'run'; text: string; count: number };

/**
 * A file cut into runs for a reader elsewhere (the foreign-data worker's, for the page:
 * src/data/run-reading.ts): `tell` is given the head, then each run. A
 * collection whose members before its features do not parse alone is not cut (nothing is told
 * after the head could not be).
 */
export function cutRuns(tell: (message: CutMessage) => void) {
  let headTold = false;
  let cutting = true;
  const tellHead = (head: Record<string, unknown> | null) => {
    if (head === null) cutting = false;
    else if (!headTold) {
      headTold = true;
      tell({ type: 'head', head });
    }
  };
  const reader = new CollectionReader((text, count) => {
    if (cutting) tellHead(reader.head);
    if (cutting) tell({ type: 'run', text, count });
  });
  return {
    /** The next bytes of the file. */
    push: (bytes: Uint8Array) => reader.push(bytes),
    /**
     * Once every byte was pushed: the collection without its features (the head told, if no run
     * told it), or null when the file could not be cut so (what was told is then void).
     */
    end(): Record<string, unknown> | null {
      const collection = cutting ? reader.finish() : null;
      if (collection) tellHead(reader.head);
      return collection && cutting ? collection : null;
    },
  };
}
