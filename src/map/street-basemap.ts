/**
 * Streets, buildings and street names over the embedded basemap, from an online vector tile service
 * with the layers of the IGN's Plan IGN (`streetBasemap` in `archipel.config.json`: `"ign"` is
 * https://data.geopf.fr/tms/1.0.0/PLAN.IGN/{z}/{x}/{y}.pbf, Géoplateforme, no key, Licence Ouverte 2.0).
 *
 * This module is fetched once the map has drawn everything (`mount.ts`), so it never delays the
 * first view nor weighs on the first load, and it adds nothing until the service answers:
 *
 * - nothing is asked below {@link STREET_MINZOOM}, nor while the browser says it is offline;
 * - one tile of the view is asked first; only when it comes are the source and layers added, under
 *   the basemap's place names and our marks; a service that fails or hangs leaves the embedded
 *   basemap as it is, and is asked again at a later move, no sooner than {@link RETRY_MS};
 * - tiles come through a protocol of ours with a time limit, so a service that stops answering
 *   gives empty tiles rather than a map that waits for ever, and no error;
 * - our own layers and colours, drawn with the map's own font: no glyphs, no sprite, nothing but the
 *   tiles from that host (the IGN's own style would also fetch its fonts and icons, paint an opaque
 *   background over our sea and land, and repeat the town names).
 *
 * The source carries the credit, which the attribution control shows while its layers are drawn.
 */
import { addProtocol } from 'maplibre-gl';
import type {
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
  Map as MaplibreMap,
  SymbolLayerSpecification,
  VectorSourceSpecification,
} from 'maplibre-gl';

/** An online vector tile service with the layers of the Plan IGN. */
export interface StreetBasemap {
  /** Tile URL template with `{z}`, `{x}` and `{y}`, http(s). */
  tiles: string;
  /** Credit shown in the map's attribution while its streets are drawn (plain text). */
  attribution: string;
}

/**
 * The IGN's Plan IGN vector tiles (Géoplateforme, no key, Licence Ouverte 2.0): `"streetBasemap": "ign"`.
 * Schema: https://data.geopf.fr/tms/1.0.0/PLAN.IGN/metadata.json
 */
export const PLAN_IGN: StreetBasemap = {
  tiles: 'https://data.geopf.fr/tms/1.0.0/PLAN.IGN/{z}/{x}/{y}.pbf',
  attribution: 'Plan IGN © IGN (Licence Ouverte 2.0)',
};

/**
 * Reads `streetBasemap` of the configuration: `"ign"`, or
 * `{ "tiles": "http(s)://…{z}…{x}…{y}…", "attribution"?: "…" }` (the IGN's credit when none);
 * anything else: off.
 */
export function parseStreetBasemap(raw: unknown): StreetBasemap | null {
  if (raw === 'ign') return PLAN_IGN;
  if (typeof raw !== 'object' || raw === null) return null;
  const { tiles, attribution } = raw as Record<string, unknown>;
  if (
    typeof tiles !== 'string' ||
    !/^https?:\/\//.test(tiles) ||
    !['{z}', '{x}', '{y}'].every((p) => tiles.includes(p))
  )
    return null;
  return {
    tiles,
    attribution:
      typeof attribution === 'string' && attribution.trim() ? attribution.trim().slice(0, 200) : PLAN_IGN.attribution,
  };
}

export const STREET_SOURCE = 'street-basemap';

export const STREET_LAYER = {
  water: 'street-water',
  buildings: 'street-buildings',
  paths: 'street-paths',
  pedestrian: 'street-pedestrian',
  roadCasings: 'street-road-casings',
  roads: 'street-roads',
  names: 'street-names',
} as const;

/** From this zoom on, streets are asked for and drawn (a town's streets start to be readable). */
export const STREET_MINZOOM = 13;

/** The deepest zoom of the service's tiles; deeper zooms scale them. */
const STREET_MAXZOOM = 18;

/** How long one tile may take before it counts as empty. */
const TILE_TIMEOUT_MS = 8000;

/** After a service that did not answer, how long before asking it again. */
const RETRY_MS = 30_000;

const PROTOCOL = 'archipel-streets';

/** The template of each map's service (one map in practice; a new one after a hot reload). */
const templates: string[] = [];
let protocolAdded = false;

/** Roads of the national, regional and main networks: wider. */
const MAJOR: ExpressionSpecification = [
  'match',
  ['get', 'symbo'],
  [
    'AUTOROU_LIBRE',
    'AUTOROU_PEAGE',
    'BRET_AUTO_LIBRE_1',
    'BRET_AUTO_LIBRE_2',
    'BRET_AUTO_LIBRE_3',
    'BRET_AUTO_PEAGE_1',
    'BRET_AUTO_PEAGE_2',
    'BRET_AUTO_PEAGE_3',
    'PRINCIPALE_1',
    'PRINCIPALE_2',
    'PRINCIPALE_3',
    'PRINCIPALE_4',
    'BRET_PRINCIPALE',
    'REGIONALE_1',
    'REGIONALE_2',
    'REGIONALE_3',
    'REGIONALE_4',
    'BRET_REGIONALE',
  ],
  true,
  false,
];

/** The same calm palette as the embedded basemap: streets show the way without outshining the marks. */
// Written out rather than imported from `./basemap`, so this lazy module shares no code with the
// first load's (a shared chunk would weigh on the embed); a unit test checks they agree.
export const STREET_THEME = {
  water: '#E4EBEF', // BASEMAP_THEME.seaClose
  building: '#E8E3DA',
  buildingOutline: '#D8D1C4',
  casing: '#D3CCBF',
  road: '#FFFFFF',
  path: '#B4AC9F',
  nameText: '#5E666E', // 5.8:1 on the halo
  halo: 'rgba(255, 255, 255, 0.92)', // BASEMAP_THEME.halo
};

/**
 * The street layers, bottom to top, names in the map's font `fontStack`, over the Plan IGN's source layers (`hydro_surf`, `bati_surf`,
 * `routier_chemin`, `routier_route`, `toponyme_routier_odonyme_lin`).
 */
export function streetLayers(
  fontStack: string[],
): (FillLayerSpecification | LineLayerSpecification | SymbolLayerSpecification)[] {
  const theme = STREET_THEME;
  const base = { source: STREET_SOURCE, minzoom: STREET_MINZOOM };
  // Widths at zooms 13, 16 and 19 (major roads, then streets); the road inside its casing is
  // `inset` narrower, so the casing shows as an edge each side.
  const roadWidth = (inset: [number, number, number]): ExpressionSpecification => [
    'interpolate',
    ['exponential', 1.6],
    ['zoom'],
    13,
    ['case', MAJOR, 3.5 - inset[0], 1.75 - inset[0]],
    16,
    ['case', MAJOR, 10 - inset[1], 7 - inset[1]],
    19,
    ['case', MAJOR, 35 - inset[2], 28 - inset[2]],
  ];
  const pedestrian: ExpressionSpecification = ['==', ['get', 'symbo'], 'RUE_PIETONNE'];
  return [
    {
      ...base,
      id: STREET_LAYER.water,
      type: 'fill',
      'source-layer': 'hydro_surf',
      // Inland water only: the coast is the embedded basemap's, which two coastlines would blur.
      filter: ['match', ['get', 'symbo'], ['SURFACE_D_EAU', 'BASSIN'], true, false],
      paint: { 'fill-color': theme.water },
    },
    {
      ...base,
      id: STREET_LAYER.buildings,
      type: 'fill',
      'source-layer': 'bati_surf',
      minzoom: 14,
      paint: {
        'fill-color': theme.building,
        'fill-outline-color': theme.buildingOutline,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0.4, 15.5, 1],
      },
    },
    {
      ...base,
      id: STREET_LAYER.paths,
      type: 'line',
      'source-layer': 'routier_chemin',
      minzoom: 15,
      filter: ['!', pedestrian],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': theme.path,
        'line-width': ['interpolate', ['linear'], ['zoom'], 15, 1, 18, 2],
        'line-dasharray': [2, 1.5],
      },
    },
    {
      ...base,
      id: STREET_LAYER.pedestrian,
      type: 'line',
      'source-layer': 'routier_chemin',
      minzoom: 15,
      filter: pedestrian,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': theme.road, 'line-width': ['interpolate', ['linear'], ['zoom'], 15, 2, 18, 6] },
    },
    {
      ...base,
      id: STREET_LAYER.roadCasings,
      type: 'line',
      'source-layer': 'routier_route',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': theme.casing, 'line-width': roadWidth([0, 0, 0]) },
    },
    {
      ...base,
      id: STREET_LAYER.roads,
      type: 'line',
      'source-layer': 'routier_route',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': theme.road, 'line-width': roadWidth([0.75, 2, 3]) },
    },
    {
      ...base,
      id: STREET_LAYER.names,
      type: 'symbol',
      'source-layer': 'toponyme_routier_odonyme_lin',
      minzoom: 15,
      layout: {
        'symbol-placement': 'line',
        // Abbreviated names ("R. de Siam") until the streets are wide enough for whole ones.
        'text-field': [
          'step',
          ['zoom'],
          ['coalesce', ['get', 'nom_gauche'], ['get', 'nom_desabrege'], ''],
          17,
          ['coalesce', ['get', 'nom_desabrege'], ['get', 'nom_gauche'], ''],
        ],
        'text-font': fontStack,
        'text-size': ['interpolate', ['linear'], ['zoom'], 15, 10.5, 18, 13],
        'text-max-angle': 30,
        'text-padding': 2,
      },
      paint: { 'text-color': theme.nameText, 'text-halo-color': theme.halo, 'text-halo-width': 1.5 },
    },
  ];
}

/** Escapes the deployment's credit: maplibre writes attributions as HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The source, through our protocol: `archipel-streets://<map>/{z}/{x}/{y}`. */
export function streetSource(index: number, street: StreetBasemap): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [`${PROTOCOL}://${index}/{z}/{x}/{y}`],
    minzoom: STREET_MINZOOM,
    maxzoom: STREET_MAXZOOM,
    attribution: escapeHtml(street.attribution),
  };
}

function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}

/** Asks for one tile, within the time limit; null when it failed, did not come, or the browser is offline. */
async function fetchTile(url: string, outer?: AbortSignal): Promise<ArrayBuffer | null> {
  if (!navigator.onLine) return null;
  const abort = new AbortController();
  const timer = window.setTimeout(() => abort.abort(), TILE_TIMEOUT_MS);
  const stop = () => abort.abort();
  outer?.addEventListener('abort', stop);
  try {
    const response = await fetch(url, { signal: abort.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
    // 204 or 404: a tile with nothing in it (the sea, outside France).
    if (response.status === 204 || response.status === 404) return new ArrayBuffer(0);
    if (!response.ok) return null;
    return await response.arrayBuffer();
  } catch {
    return null;
  } finally {
    window.clearTimeout(timer);
    outer?.removeEventListener('abort', stop);
  }
}

function ensureProtocol() {
  if (protocolAdded) return;
  protocolAdded = true;
  addProtocol(PROTOCOL, async (params, abort) => {
    const match = /^archipel-streets:\/\/(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
    const template = match ? templates[Number(match[1])] : undefined;
    if (!match || !template) return { data: new ArrayBuffer(0) };
    const data = await fetchTile(tileUrl(template, Number(match[2]), Number(match[3]), Number(match[4])), abort.signal);
    // A tile that did not come is drawn empty: the embedded basemap shows through, with no error.
    return { data: data ?? new ArrayBuffer(0) };
  });
}

/** The tile of the Web Mercator grid at zoom `z` that holds this point. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/**
 * Draws the streets of the configured service on `map` once it answers (see the module's comment).
 *
 * @param configured - `streetBasemap` of the configuration, as written
 * @param before - the layer the streets go under: the embedded basemap's place names
 * @param fontStack - the map's font, for street names
 * @returns a function that stops listening (the map's removal does too)
 */
export function addStreetBasemap(
  map: MaplibreMap,
  configured: unknown,
  before: string,
  fontStack: string[],
): () => void {
  const street = parseStreetBasemap(configured);
  if (!street) return () => {};
  ensureProtocol();
  const index = templates.push(street.tiles) - 1;
  let answered = false;
  let asking = false;
  let lastFailure = Number.NEGATIVE_INFINITY;
  let alive = true;

  const install = () => {
    // Over the embedded basemap only: an online style (`styleUrl`) has its own streets.
    if (!alive || !answered || map.getSource(STREET_SOURCE) || !map.getLayer(before)) return;
    map.addSource(STREET_SOURCE, streetSource(index, street));
    for (const layer of streetLayers(fontStack)) map.addLayer(layer, before);
  };

  const tryNow = async () => {
    if (!alive || answered || asking || map.getZoom() < STREET_MINZOOM || !navigator.onLine) return;
    if (Date.now() - lastFailure < RETRY_MS) return;
    asking = true;
    // The tile the map itself asks first for the centre of the view, so the answer is not wasted.
    const z = Math.min(STREET_MAXZOOM, Math.floor(map.getZoom()));
    const { lng, lat } = map.getCenter();
    const [x, y] = tileOf(lng, lat, z);
    const tile = await fetchTile(tileUrl(street.tiles, z, x, y));
    asking = false;
    if (!alive) return;
    if (tile === null) {
      lastFailure = Date.now();
      return;
    }
    answered = true;
    install();
  };

  const onMove = () => void tryNow();
  const onOnline = () => {
    lastFailure = Number.NEGATIVE_INFINITY;
    void tryNow();
  };
  const stop = () => {
    alive = false;
    map.off('moveend', onMove);
    map.off('style.load', install);
    window.removeEventListener('online', onOnline);
  };
  map.on('moveend', onMove);
  // A new style (the embedded one after a failed online style) has no street layers: again.
  map.on('style.load', install);
  map.once('remove', stop);
  window.addEventListener('online', onOnline);
  void tryNow();
  return stop;
}
