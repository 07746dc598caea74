import type { ActorFeature, ActorProperties, LonLat } from '../../src/core/types';

/**
 * A valid actor for unit tests: a library in Brest, with `properties` over
 * its defaults. Tests name only what their answer depends on.
 */
export function actorFixture(
  properties: Partial<ActorProperties> = {},
  coordinates: LonLat = [-4.49, 48.39],
): ActorFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: {
      id: 'brest-test',
      name: 'Médiathèque de test',
      category: 'library',
      roles: ['public-service'],
      themes: ['training'],
      territory: 'brest',
      address: '1 rue de Siam',
      postcode: '29200',
      commune: 'Brest',
      ...properties,
    },
  };
}
