import type { GeoJSONSource, Map as MaplibreMap, MapSourceDataEvent } from 'maplibre-gl';

/**
 * The longest a map's frames are held for data on its way (a source whose tiles never say they
 * are loaded, a style changed meanwhile): then it draws what it has.
 */
const HOLD_MAX_MS = 600;

interface FrameHold {
  hold(sourceId: string): void;
}

const holds = new WeakMap<MaplibreMap, FrameHold>();

/**
 * Called just before `setData` on one of the map's GeoJSON sources: when the source's tiles are
 * on screen, the map draws no frame until the new data is in them (or {@link HOLD_MAX_MS} has
 * passed), unless it is moving. A source with no tiles drawn yet (its first data, a layer just
 * shown) is not held: its tiles are asked for by the frames themselves.
 *
 * MapLibre asks for a frame when the data is handed to its worker, again when the worker answers,
 * then draws the new tiles: the first frames draw what was already on screen. With software
 * WebGL each frame costs the GPU process 70–150 ms at 100,000 actors, and a filter's clusters,
 * links and networks waited behind two such frames. Held, they come in the frame that shows them
 * (measured in the benchmark: filter → idle at 100,000 actors from 0.38 s to 0.28 s).
 */
export function holdFrames(map: MaplibreMap, sourceId: string): void {
  installFrameHold(map).hold(sourceId);
}

/**
 * Watches the map's sources from its creation on, to know which have tiles drawn (see
 * {@link holdFrames}, which installs it otherwise, having missed what came before).
 */
export function installFrameHold(map: MaplibreMap): FrameHold {
  let hold = holds.get(map);
  if (!hold) {
    hold = createFrameHold(map);
    holds.set(map, hold);
  }
  return hold;
}

/**
 * `setData` on the map's GeoJSON source `sourceId`, when it has one, drawn in the frame that shows
 * the new data ({@link holdFrames}); resolves once MapLibre's worker has it.
 */
export async function setSourceData(map: MaplibreMap, sourceId: string, data: GeoJSON.GeoJSON | string): Promise<void> {
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (!source) return;
  holdFrames(map, sourceId);
  await source.setData(data);
}

function createFrameHold(map: MaplibreMap): FrameHold {
  /** Sources whose new data is not in their tiles yet. */
  const waiting = new Set<string>();
  /** Of those, the ones reloading their tiles (the worker has the data). */
  const reloading = new Set<string>();
  /**
   * Sources whose tiles are loaded and drawn: new data reloads those very tiles, with no frame
   * needed to ask for them. A layer shown or hidden, or a new style, asks for tiles anew.
   */
  const drawn = new Set<string>();
  map.on('style.load', () => drawn.clear());
  let asked = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const repaint = map.triggerRepaint.bind(map);
  const release = () => {
    waiting.clear();
    reloading.clear();
    clearTimeout(timer);
    timer = undefined;
    if (!asked) return;
    asked = false;
    repaint();
  };
  const loaded = (sourceId: string) => {
    waiting.delete(sourceId);
    reloading.delete(sourceId);
    if (waiting.size === 0) release();
  };
  // Every frame MapLibre asks for goes through here (its own updates, resizes, camera moves).
  map.triggerRepaint = () => {
    // A moving map is drawn as it moves: a hold would freeze it.
    if (waiting.size > 0 && !map.isMoving()) asked = true;
    else repaint();
  };
  map.on('sourcedata', (event: MapSourceDataEvent) => {
    const id = event.sourceId;
    if (event.sourceDataType === 'visibility') drawn.delete(id);
    else if (event.sourceDataType === undefined && event.tile && event.isSourceLoaded) drawn.add(id);
    if (!waiting.has(id)) return;
    if (event.sourceDataType === 'content') {
      // The worker has the data; the source reloads its tiles, if it shows any.
      if (map.isSourceLoaded(id)) loaded(id);
      else reloading.add(id);
    } else if (event.sourceDataType === undefined && reloading.has(id) && event.isSourceLoaded) {
      loaded(id);
    }
  });
  return {
    hold(sourceId) {
      if (!drawn.has(sourceId)) return;
      waiting.add(sourceId);
      reloading.delete(sourceId);
      // From the first hold on: holds that follow one another do not hold the map longer.
      timer ??= setTimeout(release, HOLD_MAX_MS);
    },
  };
}
