/** The archipelago's geometry and figures: the only door to turf (STYLE.md). */
export {
  BEND_STEP,
  BUNDLE_BELOW_ZOOM,
  CURVE_POINTS,
  bendsFor,
  buildLinks,
  curvedLine,
  linkModeForZoom,
  networkPoints,
  networkPositions,
  placeNetworks,
} from './links';
export type {
  LinkCollection,
  LinkFeature,
  LinkKind,
  LinkMode,
  LinkProperties,
  NetworkPlacement,
  NetworkPointProperties,
  PlacementOrigin,
} from './links';
export { islandLabels, territoryIslands } from './islands';
export type { IslandFeature, IslandOptions, IslandProperties } from './islands';
export { compareTerritories, territoryStats } from './stats';
export type { Ranked, SharedNetwork, StatsOptions, TerritoryComparison, TerritoryStats } from './stats';
