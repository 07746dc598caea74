/**
 * The checks of an actor that need the administrative map: its commune from its fields, and its
 * point against that commune and France. Called by `validateActors` (src/data/validate.ts) through
 * the map (`Admin.checkCommune`, `Admin.checkPosition`), so that they come with the map's own chunk:
 * a page that never reads the map (an embed's first load) never fetches them.
 */
import { readPoint, shortText } from './validate';
import type { Report } from './validate';
import type { ActorProperties, LonLat } from '../core/types';
import type { Admin, AdminCommune } from './admin';

/**
 * The commune an actor's fields name (INSEE code, else postcode and name), with what disagrees
 * reported as warnings; its INSEE code is completed from it.
 */
export function checkCommune(admin: Admin, out: Partial<ActorProperties>, report: Report): AdminCommune | undefined {
  const found = admin.resolveCommune({ insee: out.insee, postcode: out.postcode, commune: out.commune });
  const commune = found.commune;
  if (found.inseeUnknown) report('inseeUnknown', 'insee', { value: out.insee ?? '' }, 'warning');
  if (found.postcodeUnknown) report('postcodeUnknown', 'postcode', { value: shortText(out.postcode) }, 'warning');
  else if (found.nameDisagrees)
    report(
      'communeDisagrees',
      'commune',
      {
        value: shortText(out.commune),
        postcode: out.postcode ?? '',
        commune: commune ? admin.label(commune) : '',
      },
      'warning',
    );
  if (commune) out.insee = commune.code;
  else if (out.postcode !== undefined && out.commune !== undefined && !found.inseeUnknown)
    report('communeNotFound', 'commune', { value: shortText(out.commune), postcode: out.postcode }, 'warning');
  return commune;
}

/**
 * Position checks with the administrative map: a point must stand within its commune's extent
 * plus a margin (`POSITION_FACTOR`, `POSITION_MARGIN_KM` of src/data/admin.ts) and in France
 * (some département's extent); longitude and latitude swapped are named as such.
 */
export function checkPosition(
  admin: Admin,
  geometry: unknown,
  commune: AdminCommune | undefined,
  report: Report,
): LonLat | undefined {
  const point = readPoint(geometry, report);
  if (!point) return undefined;
  const [lon, lat] = point;
  const swapped: LonLat = [lat, lon];
  const fits = (p: LonLat) => {
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return false;
    if (!commune) return admin.inFrance(p);
    const d = admin.distanceFromCommune(commune, p);
    return d ? d.km <= d.limitKm : admin.inFrance(p);
  };
  const where = commune ? admin.label(commune) : '';
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    if (fits(swapped)) report('coordinatesSwapped', 'geometry', { lon, lat, territory: where || 'France' });
    else report('coordinatesOutOfRange', 'geometry', { lon, lat });
    return undefined;
  }
  if (fits(point)) return point;
  if (fits(swapped)) {
    report('coordinatesSwapped', 'geometry', { lon, lat, territory: where || 'France' });
    return undefined;
  }
  if (!admin.inFrance(point)) {
    report('outsideFrance', 'geometry', { lon, lat });
    return undefined;
  }
  const d = commune ? admin.distanceFromCommune(commune, point) : null;
  if (d) report('farFromCommune', 'geometry', { km: Math.round(d.km), commune: where });
  return undefined;
}
