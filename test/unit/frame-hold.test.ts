import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { holdFrames, installFrameHold } from '../../src/map/frame-hold';
import type { Map as MaplibreMap, MapSourceDataEvent } from 'maplibre-gl';

/**
 * A map that counts the frames it would draw, whose sources load when the test says, with the
 * events MapLibre fires: `metadata` and `content` when its worker has new data, then one event
 * per tile reloaded, the last with the source loaded.
 */
function fakeMap() {
  let frames = 0;
  let moving = false;
  const loaded = new Map<string, boolean>();
  const listeners: ((event: MapSourceDataEvent) => void)[] = [];
  const fire = (sourceId: string, sourceDataType: MapSourceDataEvent['sourceDataType'] | undefined, tile = false) => {
    const event = {
      sourceId,
      sourceDataType,
      isSourceLoaded: loaded.get(sourceId) ?? true,
      ...(tile ? { tile: {} } : {}),
    } as MapSourceDataEvent;
    for (const listener of listeners) listener(event);
  };
  const map = {
    triggerRepaint: () => {
      frames++;
    },
    isMoving: () => moving,
    isSourceLoaded: (id: string) => loaded.get(id) ?? true,
    on: (type: string, listener: (event: MapSourceDataEvent) => void) => {
      if (type === 'sourcedata') listeners.push(listener);
    },
  } as unknown as MaplibreMap;
  installFrameHold(map);
  return {
    map,
    frames: () => frames,
    setMoving: (value: boolean) => {
      moving = value;
    },
    /** Its tiles loaded and drawn once (the first data). */
    drawn(id: string) {
      loaded.set(id, true);
      fire(id, undefined, true);
    },
    /** The worker has the new data: the source reloads its tiles. */
    workerHasData(id: string) {
      fire(id, 'metadata');
      loaded.set(id, false);
      fire(id, 'content');
    },
    /** Its tiles reloaded. */
    tilesLoaded(id: string) {
      fire(id, undefined, true);
      loaded.set(id, true);
      fire(id, undefined, true);
    },
    shownOrHidden: (id: string) => fire(id, 'visibility'),
  };
}

describe('frames held while new data reaches the tiles on screen', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("a filter's sources: no frame until all their tiles have the new data, then one", () => {
    const m = fakeMap();
    m.drawn('actors');
    m.drawn('links');
    holdFrames(m.map, 'actors');
    holdFrames(m.map, 'links');
    // MapLibre asks for a frame as each source's worker answers: both would draw the old tiles.
    m.workerHasData('actors');
    m.map.triggerRepaint();
    m.workerHasData('links');
    m.map.triggerRepaint();
    m.tilesLoaded('actors');
    m.map.triggerRepaint();
    expect(m.frames()).toBe(0);
    m.tilesLoaded('links');
    expect(m.frames()).toBe(1);
    // Then frames go as usual.
    m.map.triggerRepaint();
    expect(m.frames()).toBe(2);
  });

  test('a source with no tiles drawn yet is not held: its frames ask for its tiles', () => {
    const m = fakeMap();
    holdFrames(m.map, 'islands');
    m.map.triggerRepaint();
    expect(m.frames()).toBe(1);
    // A layer shown or hidden asks for tiles anew too.
    m.drawn('links');
    m.shownOrHidden('links');
    holdFrames(m.map, 'links');
    m.map.triggerRepaint();
    expect(m.frames()).toBe(2);
  });

  test('a moving map is drawn as it moves', () => {
    const m = fakeMap();
    m.drawn('actors');
    holdFrames(m.map, 'actors');
    m.setMoving(true);
    m.map.triggerRepaint();
    expect(m.frames()).toBe(1);
  });

  test('no hold lasts over 600 ms, however many holds follow', () => {
    const m = fakeMap();
    m.drawn('actors');
    holdFrames(m.map, 'actors');
    m.map.triggerRepaint();
    vi.advanceTimersByTime(400);
    holdFrames(m.map, 'actors');
    m.map.triggerRepaint();
    expect(m.frames()).toBe(0);
    vi.advanceTimersByTime(200);
    expect(m.frames()).toBe(1);
  });

  test('nothing asked meanwhile: no frame at the release', () => {
    const m = fakeMap();
    m.drawn('actors');
    holdFrames(m.map, 'actors');
    m.workerHasData('actors');
    m.tilesLoaded('actors');
    expect(m.frames()).toBe(0);
  });
});
