import type { ActorFeature } from '../core/types';

const indices = new WeakMap<readonly ActorFeature[], Map<ActorFeature, number>>();

/** Each actor's index in the array sent to a worker (made once per array: the workers share it). */
export function indexOfActors(all: readonly ActorFeature[]): Map<ActorFeature, number> {
  let index = indices.get(all);
  if (!index) {
    index = new Map<ActorFeature, number>();
    for (let i = 0; i < all.length; i++) index.set(all[i]!, i);
    indices.set(all, index);
  }
  return index;
}

/**
 * Many strings as one, with where each ends: a worker receives one string (copied at once)
 * instead of an array of 100,000 (cloned one by one on the page's thread, 0.1-0.4 s).
 */
export interface PackedStrings {
  text: string;
  ends: Uint32Array;
}

export function packStrings(strings: readonly string[]): PackedStrings {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    at += strings[i]!.length;
    ends[i] = at;
  }
  return { text: strings.join(''), ends };
}

export function unpackStrings({ text, ends }: PackedStrings): string[] {
  const out = new Array<string>(ends.length);
  let from = 0;
  for (let i = 0; i < ends.length; i++) {
    out[i] = text.slice(from, ends[i]);
    from = ends[i]!;
  }
  return out;
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
