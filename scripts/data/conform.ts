/**
 * The census's last step: every actor as the project's validator reads it with the
 * administrative map (`src/data/validate.ts`, README "Position checks"), so that the shipped
 * file passes `npm run validate` and every row the validator would refuse is accounted for
 * here, by source and reason, instead of vanishing in the app.
 *
 * - A source's commune name that is none of its postcode's communes (a typo, "Uffhotz"; a
 *   locality, "Saint Aygulf" in Fréjus; "45370 Dry") gives way to the official name of the
 *   commune its INSEE code names; a postcode that does not exist, or that is not the one of the
 *   commune the source names (by its INSEE code and its name), gives way to that commune's own
 *   when it has only one (a commune with several keeps the source's, and the validator's warning). Curated actors are never changed (they win on what they state).
 * - An actor the validator still rejects (a position far from its commune, outside every
 *   département, swapped coordinates…) is left out; each of its places is counted as dropped
 *   for its source, with the reason.
 */
import type { Network } from '../../src/core/types';
import { communeKey } from '../../src/data/admin';
import type { Admin } from '../../src/data/admin';
import { validateActors } from '../../src/data/validate';
import type { Issue, OpeningHoursCheck } from '../../src/data/validate';
import { drop } from './sources';
import type { Place, SourceId, SourceReport } from './sources';

/** One built actor with the places (and labels) it was made of. */
export interface BuiltActor {
  id: string;
  feature: { properties: Record<string, unknown> } & Record<string, unknown>;
  places: readonly Place[];
  /** The place whose name and address the actor has; the others were counted as merged into it. */
  primary: Place;
}

export interface ConformReport {
  /** Commune names replaced by the official name of the actor's INSEE commune. */
  communeNamed: number;
  /** Postcodes that do not exist or are not the commune's, replaced by their commune's only postcode. */
  postcodeFixed: number;
  /** Actors the validator rejects, left out. */
  rejected: number;
}

/** The reason written in the report for an actor the validator rejects, by issue code. */
const REASONS: Partial<Record<Issue['code'], string>> = {
  farFromCommune: 'position far from its commune (validator, README "Position checks")',
  outsideFrance: 'position outside every département of the administrative map (validator)',
  coordinatesSwapped: 'longitude and latitude swapped (validator)',
};

export function reasonOf(issue: Issue): string {
  return REASONS[issue.code] ?? `rejected by the validator (${issue.code})`;
}

/**
 * The actors that pass the validator, in the same order; `actors` entries are changed in place
 * (commune, postcode) and the reports of the rejected ones' sources counted.
 */
export function conform(
  actors: readonly BuiltActor[],
  options: { admin: Admin; networks: readonly Network[]; checkOpeningHours: OpeningHoursCheck },
  reports: Record<SourceId, SourceReport>,
): { actors: BuiltActor[]; report: ConformReport } {
  const report: ConformReport = { communeNamed: 0, postcodeFixed: 0, rejected: 0 };
  const { admin } = options;
  for (const actor of actors) {
    const p = actor.feature.properties;
    if (actor.places.some((place) => place.source === 'curated')) continue;
    const found = admin.resolveCommune({
      insee: p.insee as string | undefined,
      postcode: p.postcode as string | undefined,
      commune: p.commune as string | undefined,
    });
    const commune = found.commune;
    if (!commune || commune.code !== p.insee) continue;
    if (!found.postcodeUnknown && !found.nameDisagrees) continue;
    // The name is the INSEE commune's (its official name, or one the map knows for it): the postcode is the mistake.
    const named = communeKey(String(p.commune ?? '')) === communeKey(commune.name);
    if (found.postcodeUnknown || named) {
      if (commune.postcodes.length === 1) {
        p.postcode = commune.postcodes[0];
        report.postcodeFixed++;
      }
    } else {
      p.commune = commune.name;
      report.communeNamed++;
    }
  }

  const result = validateActors(
    { type: 'FeatureCollection', features: actors.map((a) => a.feature) },
    {
      file: 'actors.geojson',
      territories: [],
      networks: options.networks,
      checkOpeningHours: options.checkOpeningHours,
      admin,
    },
  );
  const rejected = new Map<number, Issue>();
  for (const issue of result.issues)
    if (issue.severity === 'error' && issue.index !== undefined && !rejected.has(issue.index))
      rejected.set(issue.index, issue);
  const kept: BuiltActor[] = [];
  actors.forEach((actor, index) => {
    const issue = rejected.get(index);
    if (!issue) {
      kept.push(actor);
      return;
    }
    report.rejected++;
    for (const place of actor.places) {
      const r = reports[place.source];
      r.kept--;
      if (place !== actor.primary) r.merged--;
      drop(r, reasonOf(issue));
    }
  });
  return { actors: kept, report };
}
