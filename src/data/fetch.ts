/**
 * Why a file could not be read, in terms a person can act on:
 * - `http`: the server answered with an error status (`status` says which);
 * - `unreachable`: no answer could be read: for another site, most often the
 *   server does not allow other sites to read its files (CORS), or a
 *   Content-Security-Policy forbids it; else the network is down;
 * - `html`: the address gives a web page, not a data file;
 * - `timeout`: nothing came for too long;
 * - `cancelled`: the user (or the code) stopped it.
 */
export type FetchFailureKind = 'http' | 'unreachable' | 'html' | 'timeout' | 'cancelled';

export class FetchFailure extends Error {
  constructor(
    readonly kind: FetchFailureKind,
    readonly url: string,
    readonly status: number | null = null,
  ) {
    super(kind === 'http' ? `HTTP ${status}` : kind);
    this.name = 'FetchFailure';
  }
}

export interface FetchOptions {
  /**
   * Milliseconds without anything received (no answer, or no new bytes)
   * before giving up: a server that never ends fails rather than hangs. 0: never.
   */
  stallMs?: number;
  /** Refuse an answer that is a web page (a data URL pointing at an HTML page). */
  refuseHtml?: boolean;
}

/**
 * Progress is told at most this often, and once at the end: each report redraws the loading line
 * (the 11 MB census comes in some 170 chunks, which redrew it 170 times during its load).
 */
const PROGRESS_EVERY_MS = 100;

/** Time without a byte after which a read is given up (a slow but live server keeps sending). */
export const DEFAULT_STALL_MS = 15_000;

/**
 * Reads a URL as text with progress and cancellation: a big file shows how
 * far it got, and the user can stop it. Every failure is a {@link FetchFailure}.
 *
 * @param url - where to read
 * @param onProgress - called with bytes read so far and the total when known
 * @param signal - aborts the request
 */
export async function fetchText(
  url: string,
  onProgress: (loaded: number, total: number | null) => void,
  signal?: AbortSignal,
  options: FetchOptions = {},
): Promise<string> {
  // Our own files (the shipped data, the place search) are UTF-8; a file from elsewhere is read
  // with `fetchBytes` and decoded by `decodeBytes`, which guesses its encoding.
  return new TextDecoder('utf-8').decode(await fetchBytes(url, onProgress, signal, options));
}

/**
 * Reads a URL as bytes, with progress, cancellation and the failures of {@link fetchText};
 * decoded by `decodeBytes` (byte-order marks, UTF-8, else Windows-1252). The bytes fill their own
 * buffer, which can be transferred to a worker as it is.
 */
export async function fetchBytes(
  url: string,
  onProgress: (loaded: number, total: number | null) => void,
  signal?: AbortSignal,
  options: FetchOptions = {},
): Promise<Uint8Array> {
  return joinParts(await fetchParts(url, onProgress, signal, options));
}

/** The parts as one array of bytes, with a buffer of its own (the part itself when it is the only one and has it). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  const only = parts.length === 1 ? parts[0]! : null;
  if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only;
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/**
 * {@link fetchBytes} as the parts the body came in, each given to `onPart` as soon as it is read
 * (src/data/collection-reader.ts cuts a file into runs while the rest downloads): a 66 MB file is not
 * copied into one buffer unless it has to be.
 */
export async function fetchParts(
  url: string,
  onProgress: (loaded: number, total: number | null) => void,
  signal?: AbortSignal,
  options: FetchOptions & { onPart?: (part: Uint8Array) => void } = {},
): Promise<Uint8Array[]> {
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (!stallMs) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, stallMs);
  };
  const onAbort = () => controller.abort();
  if (signal?.aborted) throw new FetchFailure('cancelled', url);
  signal?.addEventListener('abort', onAbort);
  const failure = (error: unknown): FetchFailure => {
    if (error instanceof FetchFailure) return error;
    if (timedOut) return new FetchFailure('timeout', url);
    if (signal?.aborted) return new FetchFailure('cancelled', url);
    return new FetchFailure('unreachable', url);
  };
  arm();
  try {
    const response = await fetch(url, { signal: controller.signal });
    arm();
    if (!response.ok) throw new FetchFailure('http', url, response.status);
    if (options.refuseHtml && /^\s*text\/html/i.test(response.headers.get('content-type') ?? ''))
      throw new FetchFailure('html', url);
    const header = response.headers.get('content-length');
    const total = header && !response.headers.get('content-encoding') ? Number(header) : null;
    const parts: Uint8Array[] = [];
    if (!response.body) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      parts.push(bytes);
      options.onPart?.(bytes);
      onProgress(bytes.byteLength, total);
    } else {
      const reader = response.body.getReader();
      let loaded = 0;
      let told = Number.NEGATIVE_INFINITY;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        loaded += value.byteLength;
        parts.push(value);
        options.onPart?.(value);
        const now = performance.now();
        if (now - told >= PROGRESS_EVERY_MS) {
          told = now;
          onProgress(loaded, total);
        }
      }
      onProgress(loaded, total);
    }
    // A static host often answers a missing file with its home page, with a 200 and no type.
    if (options.refuseHtml) {
      const first: Uint8Array[] = [];
      for (let size = 0, i = 0; size < 200 && i < parts.length; i++) {
        first.push(parts[i]!);
        size += parts[i]!.byteLength;
      }
      const head = new TextDecoder('utf-8').decode(joinParts(first).subarray(0, 200));
      if (/^\s*<(!doctype html|html[\s>])/i.test(head.replace(/^\uFEFF/, ''))) throw new FetchFailure('html', url);
    }
    return parts;
  } catch (error) {
    throw failure(error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
