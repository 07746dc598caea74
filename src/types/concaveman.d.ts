/** concaveman 2 ships no types: its one export, as its README documents it. */
declare module 'concaveman' {
  /**
   * The concave hull of `points`, as a closed ring (first point repeated last).
   * @param concavity - 1 hugs the points, Infinity gives the convex hull (default 2)
   * @param lengthThreshold - segments shorter than this are not drilled into (default 0)
   */
  export default function concaveman(
    points: readonly (readonly number[])[],
    concavity?: number,
    lengthThreshold?: number,
  ): [number, number][];
}
