/** The start of the minute holding `ms` (milliseconds since 1970): what `open=now` means, the same everywhere. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}
