import { isReadableAccent, parseColor } from '../core/embed-options';
/**
 * Deployment configuration, read from `archipel.config.json` beside
 * `index.html` when present. Everything is optional: with no file, the app
 * uses its embedded basemap and its shipped data, and makes no third-party request.
 */
export interface AppConfig {
  /** A MapLibre style URL for online tiles; the embedded basemap is used when it fails. */
  styleUrl: string | null;
  /** Milliseconds to wait for the online style before falling back. */
  styleTimeoutMs: number;
  /**
   * Streets, buildings and street names drawn over the embedded basemap from an online vector tile
   * service with the schema of the IGN's Plan IGN (`streetBasemap`: `"ign"`, or `{ "tiles", "attribution" }`),
   * once it answers; null: the embedded basemap alone. Not drawn with `styleUrl` (which has its own).
   * Kept as written: its only reader, `parseStreetBasemap` in `src/map/street-basemap.ts`, fetched
   * after the first idle, checks it, so the first load does without that code.
   */
  streetBasemap: unknown;
  /**
   * An online address search (the national address API's `/search/` endpoint,
   * or a compatible one) added to the offline commune search; null: offline only.
   * Each search sends what the user typed to that service.
   */
  addressSearchUrl: string | null;
  /** The deployment's name, shown as the page's title and heading (a city's own Archipel); null: "Archipel". */
  title: string | null;
  /** The deployment's accent colour (six hex digits), when `color=` does not set one. */
  color: string | null;
  /** How to reach the deployment's organisers: an http(s) or mailto: link, shown in the header. */
  contact: string | null;
  /** Whether a visit keeps the app, basemap and data for use with no network (a service worker); `false` removes it. */
  offline: boolean;
  /**
   * Where proposals from the app go (`contribute`): a forge's project, whose
   * "new issue" page opens prefilled (`{ "kind": "gitlab" | "github" | "gitea", "url": "https://…/group/project" }`),
   * an e-mail address (`{ "kind": "email", "address": "…" }`), or nothing: the
   * proposal is a file to download. Kept as written: the proposal form, the
   * only reader, checks it (`parseChannel` in `src/data/patch.ts`), so the
   * first load of the app and of embeds does without that code.
   */
  contribute: unknown;
}

export const DEFAULT_CONFIG: AppConfig = {
  styleUrl: null,
  styleTimeoutMs: 8000,
  streetBasemap: null,
  addressSearchUrl: null,
  title: null,
  color: null,
  contact: null,
  offline: true,
  contribute: null,
};

/** Reads a config object, keeping only known keys of the right type. */
export function parseConfig(raw: unknown): AppConfig {
  const config = { ...DEFAULT_CONFIG };
  if (typeof raw !== 'object' || raw === null) return config;
  const r = raw as Record<string, unknown>;
  if (typeof r.styleUrl === 'string' && /^https?:\/\//.test(r.styleUrl)) config.styleUrl = r.styleUrl;
  if (typeof r.styleTimeoutMs === 'number' && r.styleTimeoutMs > 0) config.styleTimeoutMs = r.styleTimeoutMs;
  if (r.streetBasemap !== undefined && r.streetBasemap !== false) config.streetBasemap = r.streetBasemap;
  if (typeof r.addressSearchUrl === 'string' && /^https?:\/\//.test(r.addressSearchUrl))
    config.addressSearchUrl = r.addressSearchUrl;
  if (typeof r.title === 'string' && r.title.trim() && r.title.length <= 100) config.title = r.title.trim();
  if (typeof r.color === 'string' && parseColor(r.color) && isReadableAccent(r.color))
    config.color = parseColor(r.color);
  if (typeof r.contact === 'string' && /^(https?:\/\/|mailto:)/i.test(r.contact)) config.contact = r.contact;
  if (r.offline === false) config.offline = false;
  if (r.contribute !== undefined) config.contribute = r.contribute;
  return config;
}

export async function loadConfig(baseUrl: string): Promise<AppConfig> {
  try {
    const response = await fetch(`${baseUrl}archipel.config.json`, { cache: 'no-cache' });
    if (!response.ok) return DEFAULT_CONFIG;
    // A static server may answer a missing file with index.html: not JSON, so no config.
    return parseConfig(await response.json());
  } catch {
    return DEFAULT_CONFIG;
  }
}
