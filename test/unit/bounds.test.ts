import { describe, expect, test } from 'vitest';
import { mainBounds, TRIM_FROM } from '../../src/geo/bounds';
import type { LonLat } from '../../src/core/types';

const BREST: LonLat = [-4.486, 48.39];
const STRASBOURG: LonLat = [7.752, 48.573];
const NICE: LonLat = [7.262, 43.71];
const LILLE: LonLat = [3.057, 50.629];
const POINTE_A_PITRE: LonLat = [-61.535, 16.241];
const SAINT_DENIS_REUNION: LonLat = [55.448, -20.879];

/** `n` places spread over metropolitan France, between Brest, Lille, Strasbourg and Nice. */
function metropole(n: number): LonLat[] {
  const corners = [BREST, LILLE, STRASBOURG, NICE];
  return Array.from({ length: n }, (_, i) => corners[i % 4]!);
}

describe('the box a map opens on', () => {
  test('the census of France opens on metropolitan France, not on the globe its overseas places span', () => {
    const france = [...metropole(400), POINTE_A_PITRE, POINTE_A_PITRE, SAINT_DENIS_REUNION, SAINT_DENIS_REUNION];
    expect(mainBounds(france)).toEqual([BREST[0], NICE[1], STRASBOURG[0], LILLE[1]]);
  });

  test('places within one country or region: all of them, the farthest included', () => {
    const places = [...metropole(100), [9.45, 42.7] as LonLat];
    expect(mainBounds(places)).toEqual([BREST[0], 42.7, 9.45, LILLE[1]]);
  });

  test('a few places far apart: all of them (nothing to leave out); none: no box', () => {
    const few = [...metropole(TRIM_FROM - 2), SAINT_DENIS_REUNION];
    expect(mainBounds(few)).toEqual([BREST[0], SAINT_DENIS_REUNION[1], SAINT_DENIS_REUNION[0], LILLE[1]]);
    expect(mainBounds([])).toBeNull();
  });

  test('the overseas places alone, or as many as the rest: all of them', () => {
    const half = [...metropole(50), ...Array.from({ length: 50 }, () => SAINT_DENIS_REUNION)];
    expect(mainBounds(half)).toEqual([BREST[0], SAINT_DENIS_REUNION[1], SAINT_DENIS_REUNION[0], LILLE[1]]);
  });
});
