import type { PlaceSearch } from '../data/places';

let placeSearch: Promise<PlaceSearch> | null = null;

/**
 * The offline search over communes, their places, and the EPCIs, départements and régions,
 * built once when a search field is first used (the file is about 500 kB gzip). The place
 * search ("Where am I") and the territory picker share it.
 */
export function getPlaceSearch(): Promise<PlaceSearch> {
  placeSearch ??= Promise.all([import('../data/places'), import('../data/admin'), import('../data/browser-load')]).then(
    async ([{ loadPlaces, createPlaceSearch }, { loadTerritoryPlaces }, { browserAdminSource }]) => {
      const base = import.meta.env.BASE_URL;
      const [places, territories] = await Promise.all([
        loadPlaces(base),
        loadTerritoryPlaces(browserAdminSource(base)).catch(() => []),
      ]);
      return createPlaceSearch([...territories, ...places]);
    },
  );
  placeSearch.catch(() => (placeSearch = null));
  return placeSearch;
}
