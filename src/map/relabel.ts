import { BASEMAP_LAYER } from './basemap';
import { mapLocale } from './create';
import { redrawMarkers } from './install';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Translator } from '../i18n';

/**
 * Puts the map's words in another language where they are, without making the map again (which
 * left it empty for seconds): maplibre's controls (labelled at their creation, so their buttons
 * are relabelled here), the canvas's accessible name, the cooperative gestures' hints, the
 * embedded basemap's country and city names, and the initials of the actor markers.
 */
export function relabelMap(map: MaplibreMap, t: Translator, ratio: number): void {
  const locale = mapLocale(t);
  // Strings maplibre asks for later (a control added, a hint shown) come from here.
  Object.assign((map as unknown as { _locale: Record<string, string> })._locale, locale);
  const container = map.getContainer();
  const label = (selector: string, text: string | undefined) => {
    for (const el of container.querySelectorAll<HTMLElement>(selector)) {
      if (text === undefined) continue;
      el.title = text;
      el.setAttribute('aria-label', text);
    }
  };
  label('.maplibregl-ctrl-zoom-in', locale['NavigationControl.ZoomIn']);
  label('.maplibregl-ctrl-zoom-out', locale['NavigationControl.ZoomOut']);
  label('.maplibregl-ctrl-compass', locale['NavigationControl.ResetBearing']);
  label('.maplibregl-ctrl-attrib-button', locale['AttributionControl.ToggleAttribution']);
  const hint = (selector: string, key: string) => {
    const el = container.querySelector(selector);
    if (el && locale[key]) el.textContent = locale[key];
  };
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  hint(
    '.maplibregl-desktop-message',
    mac ? 'CooperativeGesturesHandler.MacHelpText' : 'CooperativeGesturesHandler.WindowsHelpText',
  );
  hint('.maplibregl-mobile-message', 'CooperativeGesturesHandler.MobileHelpText');
  map.getCanvas().setAttribute('aria-label', t('map.canvasLabel'));

  // The embedded basemap's names (an online style keeps its own).
  for (const id of [BASEMAP_LAYER.placeLabels, BASEMAP_LAYER.countryLabels]) {
    if (map.getLayer(id))
      map.setLayoutProperty(id, 'text-field', ['coalesce', ['get', `name_${t.lang}`], ['get', 'name']]);
  }
  redrawMarkers(map, ratio, (category) => t(`category.letter.${category}`));
}
