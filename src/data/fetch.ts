/**
 * Reads a URL as text with progress and cancellation: a big file shows how
 * far it got, and the user can stop it.
 *
 * @param url - where to read
 * @param onProgress - called with bytes read so far and the total when known
 * @param signal - aborts the request
 */
export async function fetchText(
  url: string,
  onProgress: (loaded: number, total: number | null) => void,
  signal?: AbortSignal,
): Promise<string> {
  // Our own files (the shipped data, the place search) are UTF-8; a file from elsewhere is read
  // with `fetchBytes` and decoded by `decodeBytes`, which guesses its encoding.
  return new TextDecoder('utf-8').decode(await fetchBytes(url, onProgress, signal));
}

/** Reads a URL as bytes, with progress and cancellation (see {@link fetchText}); decoded by `decodeBytes`. */
export async function fetchBytes(
  url: string,
  onProgress: (loaded: number, total: number | null) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const header = response.headers.get('content-length');
  const total = header && !response.headers.get('content-encoding') ? Number(header) : null;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress(bytes.byteLength, total);
    return bytes;
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(value);
    onProgress(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}
