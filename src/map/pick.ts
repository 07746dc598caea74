import type { Map as MaplibreMap, Marker } from 'maplibre-gl';
import type { AppStore } from '../state/store';

/**
 * The proposal form's pin: while the form asks for it (`picking`), a click
 * on the map places the pin; the pin can then be dragged (or moved with the
 * form's other means). Returns what undoes it. MapLibre's `Marker` comes from
 * the caller, which has MapLibre already: this module, fetched when the form
 * first opens, then needs nothing else.
 */
export function bindPicking(map: MaplibreMap, store: AppStore, MarkerClass: typeof Marker): () => void {
  let marker: Marker | null = null;
  const onClick = (event: { lngLat: { lng: number; lat: number } }) => {
    if (!store.getState().picking) return;
    store.getState().setPickedPoint([round(event.lngLat.lng), round(event.lngLat.lat)]);
  };
  map.on('click', onClick);
  const show = () => {
    const { pickedPoint, picking } = store.getState();
    map.getCanvas().style.cursor = picking ? 'crosshair' : '';
    if (!pickedPoint) {
      marker?.remove();
      marker = null;
      return;
    }
    if (!marker) {
      marker = new MarkerClass({ draggable: true, color: '#b3261e' }).setLngLat(pickedPoint).addTo(map);
      marker.getElement().classList.add('pick-marker');
      marker.on('dragend', () => {
        const at = marker!.getLngLat();
        store.getState().setPickedPoint([round(at.lng), round(at.lat)]);
      });
    } else marker.setLngLat(pickedPoint);
  };
  const unsubscribe = store.subscribe((s) => [s.pickedPoint, s.picking] as const, show, {
    equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1],
  });
  show();
  return () => {
    unsubscribe();
    map.off('click', onClick);
    marker?.remove();
  };
}

/** Six decimals: about 10 cm, more than any address needs. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
