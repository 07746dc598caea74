import type { Category, Role, Scale, Service, Theme, Wheelchair } from './vocab';

/** The properties of one actor, as in `data/actors.geojson` (docs/data-model.md). */
export interface ActorProperties {
  id: string;
  name: string;
  category: Category;
  roles: Role[];
  themes: Theme[];
  /** A territory of `data/territories.json` or of the file's own list (legacy `brest`, `grenoble`); optional. */
  territory?: string;
  address: string;
  postcode: string;
  commune: string;
  /** INSEE code of the commune; the loader resolves it from `postcode` and `commune` when absent. */
  insee?: string;
  url?: string;
  email?: string;
  phone?: string;
  description?: string;
  opening_hours?: string;
  wheelchair?: Wheelchair;
  networks?: string[];
  partners?: string[];
  source?: string;
  updated?: string;
  /** Services offered whatever the category (`public-internet`). */
  services?: Service[];
  /** Ids of the census sources the actor's facts come from (`data/README.md`). */
  sources?: string[];
  /** When several sources made the actor: which one gave each fact (`position`, `opening_hours`, `phone`…). */
  fact_sources?: Record<string, string>;
}

/** Longitude then latitude, WGS 84. */
export type LonLat = [number, number];

export interface ActorFeature {
  type: 'Feature';
  id?: string | number;
  geometry: { type: 'Point'; coordinates: LonLat };
  properties: ActorProperties;
}

export interface ActorCollection {
  type: 'FeatureCollection';
  features: ActorFeature[];
}

/** A network an actor can be a member of (`data/networks.json`). */
export interface Network {
  id: string;
  name: string;
  scale: Scale;
  url?: string;
  description?: string;
  themes?: Theme[];
  seat?: LonLat;
  memberOf?: string[];
  source?: string;
}

/** A territory (`data/territories.json`): bbox is [west, south, east, north]. */
export interface Territory {
  id: string;
  name: string;
  center: LonLat;
  bbox: [number, number, number, number];
  source?: string;
}

/** What the loader learnt from the administrative map about one commune of the actors. */
export interface AdminCommuneInfo {
  name: string;
  /** `commune:…`, `epci:…`, `dep:…`, `region:…` ids it belongs to. */
  territories: string[];
}

/**
 * The part of the administrative map the actors need, as plain data (workers receive it, core
 * reads it): their communes, and the names and extents of the territories those belong to.
 */
export interface AdminInfo {
  communes: Record<string, AdminCommuneInfo>;
  territories: Record<string, Territory>;
}

/** Everything the app shows, once loaded and validated. */
export interface Dataset {
  actors: ActorFeature[];
  networks: Network[];
  territories: Territory[];
  /** The actors' communes and their territories; absent when the administrative map was not read. */
  admin?: AdminInfo;
}
