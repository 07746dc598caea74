import type { Category, Role, Scale, Service, Theme, Wheelchair } from './vocab';

/** The properties of one actor, as in `data/actors.geojson` (docs/data-model.md). */
export interface ActorProperties {
  id: string;
  name: string;
  category: Category;
  roles: Role[];
  themes: Theme[];
  territory: string;
  address: string;
  postcode: string;
  commune: string;
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
  /** INSEE code of the actor's commune (5 characters). */
  insee?: string;
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

/** Everything the app shows, once loaded and validated. */
export interface Dataset {
  actors: ActorFeature[];
  networks: Network[];
  territories: Territory[];
}
