import { Map as MaplibreMap, NavigationControl, ScaleControl, AttributionControl } from 'maplibre-gl';
import { basemapStyle, BASEMAP_ATTRIBUTION } from './basemap';
import { loadMapFonts } from './fonts';
import { drawDonut, parseDonutId } from './images';
import { installFrameHold } from './frame-hold';
import type { StyleSpecification } from 'maplibre-gl';
import type { AppStore } from '../state/store';
import type { AppConfig } from '../state/config';
import type { Translator } from '../i18n';
import type { MapCallbacks } from './mount';

/** The pixel ratio marker images are drawn at (1 to 3). */
export function imageRatio(): number {
  return Math.max(1, Math.min(3, window.devicePixelRatio || 1));
}

/**
 * Makes the MapLibre map: the embedded basemap (or the configured online style, with a fallback),
 * the controls labelled in the app's language, the camera of the URL's `map=` or all of France.
 */
export async function createMap(
  container: HTMLElement,
  store: AppStore,
  t: Translator,
  config: AppConfig,
  callbacks: MapCallbacks,
): Promise<MaplibreMap> {
  // Not waited for: the map's code, workers and style load meanwhile. The style's `font-faces` make
  // maplibre wait for the files before drawing a label (src/map/install.ts gives them to any style);
  // the markers' letters, drawn on a canvas, are drawn again once the font is there (src/map/mount.ts).
  void loadMapFonts();
  const baseUrl = import.meta.env.BASE_URL;
  const embedded = basemapStyle({ baseUrl: absoluteBase(baseUrl), lang: t.lang });
  const state = store.getState();
  const initialView = state.map;
  const map = new MaplibreMap({
    container,
    style: config.styleUrl ?? embedded,
    center: initialView ? [initialView.lon, initialView.lat] : [2.4, 46.6],
    zoom: initialView ? initialView.zoom : 4.6,
    attributionControl: false,
    cooperativeGestures: state.embed,
    maxZoom: 19,
    // Labels appear at once instead of fading in over 300 ms: each change then costs one frame, not
    // a run of them (about 70 ms each with software WebGL), and nothing moves for those who would rather not.
    fadeDuration: 0,
    locale: mapLocale(t),
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addControl(new AttributionControl({ compact: true, customAttribution: BASEMAP_ATTRIBUTION }), 'bottom-right');
  map.getCanvas().setAttribute('aria-label', t('map.canvasLabel'));
  // From the start: which sources have tiles drawn decides which new data holds the frames.
  installFrameHold(map);

  if (config.styleUrl) fallBackWhenStyleFails(map, embedded, config.styleTimeoutMs, callbacks);

  const ratio = imageRatio();
  // Donuts are drawn when a cluster first needs its composition, then kept.
  map.setMissingStyleImageResolver((id) => {
    const donut = parseDonutId(id);
    if (donut && !map.hasImage(id)) map.addImage(id, drawDonut(donut.px, donut.shares, ratio), { pixelRatio: ratio });
  });
  return map;
}

/** Relative bases ("./") must become absolute: style source URLs are resolved by the worker. */
function absoluteBase(base: string): string {
  return new URL(base, window.location.href).href;
}

/**
 * Waits for an online style; on error or timeout, switches to the embedded one
 * (our layers come back through the `style.load` handler).
 */
function fallBackWhenStyleFails(
  map: MaplibreMap,
  embedded: StyleSpecification,
  timeoutMs: number,
  callbacks: MapCallbacks,
) {
  let settled = false;
  const fallBack = () => {
    if (settled) return;
    settled = true;
    map.setStyle(embedded);
    callbacks.onStyleFallback?.();
  };
  const timer = window.setTimeout(fallBack, timeoutMs);
  const stop = () => {
    settled = true;
    window.clearTimeout(timer);
  };
  map.once('style.load', stop);
  // A map removed meanwhile (a change of language makes a new one) must not get a style.
  map.once('remove', stop);
  map.on('error', () => {
    if (!map.isStyleLoaded()) {
      window.clearTimeout(timer);
      fallBack();
    }
  });
}

/** Labels of maplibre's own controls, in the app's language. */
export function mapLocale(t: Translator): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
    'AttributionControl.MapFeedback': t('map.feedback'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.cooperativeWindows'),
    'CooperativeGesturesHandler.MacHelpText': t('map.cooperativeMac'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.cooperativeMobile'),
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
  };
}
