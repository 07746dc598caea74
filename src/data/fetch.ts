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
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const header = response.headers.get('content-length');
  const total = header && !response.headers.get('content-encoding') ? Number(header) : null;
  if (!response.body) {
    const text = await response.text();
    onProgress(text.length, total);
    return text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    onProgress(loaded, total);
  }
  parts.push(decoder.decode());
  return parts.join('');
}
