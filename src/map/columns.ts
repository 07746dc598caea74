import type { ActorFeature } from '../core/types';

/** Each actor's index in the array sent to a worker. */
export function indexOfActors(all: readonly ActorFeature[]): Map<ActorFeature, number> {
  const index = new Map<ActorFeature, number>();
  for (const [i, actor] of all.entries()) index.set(actor, i);
  return index;
}

/** The indices of `filtered` (a subset of the actors indexed), in its order: what a worker keeps. */
export function keptIndices(filtered: readonly ActorFeature[], index: ReadonlyMap<ActorFeature, number>): Uint32Array {
  const kept = new Uint32Array(filtered.length);
  let k = 0;
  for (const actor of filtered) {
    const i = index.get(actor);
    if (i !== undefined) kept[k++] = i;
  }
  return k === kept.length ? kept : kept.slice(0, k);
}
