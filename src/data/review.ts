/**
 * Applying a patch to the data, as `npm run review` does: pure, so that it
 * is tested without files. The patched data is checked by the validator the
 * app uses; a patch made on an older version of the actor is refused unless
 * forced; only the patched actor changes.
 */
import type { ActorFeature, LonLat, Network, Territory } from '../core/types';
import { haversineKm } from '../geo/distance';
import { actorVersion, fieldValue, patchedActor, PATCH_FIELDS } from './patch';
import type { Patch, PatchChanges, PatchField } from './patch';
import { idOf, isObject, MAX_LENGTH, orderProperties, validateActors } from './validate';
import type { Issue, OpeningHoursCheck } from './validate';

export interface ReviewContext {
  territories: readonly Territory[];
  networks: readonly Pick<Network, 'id'>[];
  checkOpeningHours?: OpeningHoursCheck;
  /** Apply even when the patch was made on another version of the actor. */
  force?: boolean;
  /** File name for the validator's messages. */
  file?: string;
}

/** One change in words: a field, its value before and after (undefined: absent). */
export interface FieldChange {
  field: PatchField | 'source' | 'updated';
  before: unknown;
  after: unknown;
}

export type ReviewResult =
  | {
      ok: true;
      /** The whole collection with the patch applied; every other feature is the same object as before. */
      collection: { type: 'FeatureCollection'; features: unknown[] } & Record<string, unknown>;
      /** The actor after the patch; null when closed. */
      actor: ActorFeature | null;
      changes: FieldChange[];
    }
  | { ok: false; reason: string; issues?: Issue[] };

/** `contribution: NAME or anonymous, DATE`: the provenance a reviewed patch leaves. */
export function contributionSource(patch: Patch): string {
  const who = patch.author?.name?.trim() || 'anonymous';
  return `contribution: ${who}, ${patch.date}`;
}

/** The new source first, then the older ones while the whole fits the validator's limit. */
export function prependSource(source: string, previous: string | undefined): string {
  const parts = [source, ...(previous ? previous.split(/\s+;\s+/) : [])];
  const max = MAX_LENGTH.source!;
  let out = parts[0]!;
  for (const part of parts.slice(1)) {
    if (out.length + 3 + part.length > max) break;
    out += ` ; ${part}`;
  }
  return out;
}

/** Whether a patch was made on this version of the actor: its content fingerprint, or its `updated` date. */
export function isCurrentVersion(patch: Patch, actor: ActorFeature): boolean {
  if (patch.version === actorVersion(actor)) return true;
  return /^\d{4}-\d{2}-\d{2}$/.test(patch.version ?? '') && patch.version === actor.properties.updated;
}

/**
 * Applies one patch to a parsed actors file. Refused, with a reason in
 * words: an unknown actor, an id already taken, a stale version (unless
 * `force`), or a result the validator rejects (its messages are returned).
 */
export function applyPatch(collection: unknown, patch: Patch, ctx: ReviewContext): ReviewResult {
  if (!isObject(collection) || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    return { ok: false, reason: 'the data file is not a GeoJSON FeatureCollection' };
  const features = collection.features as unknown[];
  const index = features.findIndex((f) => idOf(f) === patch.id);
  const file = ctx.file ?? 'actors.geojson';
  const validation = {
    file,
    territories: ctx.territories,
    networks: ctx.networks,
    checkOpeningHours: ctx.checkOpeningHours,
  };
  const validActor = (list: unknown[]) => {
    const result = validateActors({ type: 'FeatureCollection', features: list }, validation);
    return {
      actor: result.valid.find((a) => a.properties.id === patch.id),
      errors: result.issues.filter((i) => i.severity === 'error' && i.id === patch.id),
    };
  };

  let current: ActorFeature | undefined;
  if (patch.op === 'add') {
    if (index >= 0) return { ok: false, reason: `an actor with id "${patch.id}" already exists` };
  } else {
    if (index < 0) return { ok: false, reason: `no actor has id "${patch.id}"` };
    const read = validActor(features);
    current = read.actor;
    if (!current)
      return { ok: false, reason: `actor "${patch.id}" does not pass validation as it stands`, issues: read.errors };
    if (!isCurrentVersion(patch, current) && !ctx.force) {
      return {
        ok: false,
        reason:
          `the patch was made on version ${patch.version} of "${patch.id}", but the data now holds ` +
          `version ${actorVersion(current)} (updated ${current.properties.updated ?? 'on an unknown date'}): ` +
          'someone changed it since; check the changes still make sense, then apply with --force',
      };
    }
  }

  let next: unknown[];
  let actor: ActorFeature | null;
  if (patch.op === 'close') {
    // Other actors naming it as a partner would lose their partner: refused, never edited behind their back.
    const partnersOf = features.filter((f) => {
      const p = isObject(f) && isObject(f.properties) ? f.properties.partners : undefined;
      return Array.isArray(p) && p.includes(patch.id);
    });
    if (partnersOf.length > 0)
      return {
        ok: false,
        reason: `"${patch.id}" is a partner of ${partnersOf.map((f) => `"${idOf(f)}"`).join(', ')}: edit those first`,
      };
    next = features.filter((_, i) => i !== index);
    actor = null;
  } else {
    const draft = patchedActor(patch, current);
    draft.properties.source = prependSource(contributionSource(patch), current?.properties.source);
    draft.properties.updated = patch.date;
    const placed = index >= 0 ? features.map((f, i) => (i === index ? draft : f)) : [...features, draft];
    const checked = validActor(placed);
    if (checked.errors.length > 0 || !checked.actor)
      return { ok: false, reason: 'the patched actor does not pass validation', issues: checked.errors };
    // The file keeps what the validator keeps, in schema order; a new actor goes last.
    actor = checked.actor;
    const kept = actor;
    next = placed.map((f) => (f === draft ? kept : f));
  }

  return {
    ok: true,
    collection: { ...collection, type: 'FeatureCollection', features: next },
    actor,
    changes: describeChanges(current ?? null, actor),
  };
}

/** What changed between two versions of an actor, field by field (patch fields, then provenance). */
export function describeChanges(before: ActorFeature | null, after: ActorFeature | null): FieldChange[] {
  const out: FieldChange[] = [];
  const value = (a: ActorFeature | null, field: FieldChange['field']) =>
    a === null
      ? undefined
      : field === 'source' || field === 'updated'
        ? a.properties[field]
        : fieldValue(a, field as PatchField);
  for (const field of [...PATCH_FIELDS, 'source', 'updated'] as const) {
    const b = value(before, field);
    const a = value(after, field);
    if (JSON.stringify(b ?? null) !== JSON.stringify(a ?? null)) out.push({ field, before: b, after: a });
  }
  return out;
}

/** A value in a sentence: quoted text, a list, a position, or "(none)". */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((v) => JSON.stringify(v)).join(', ');
  return JSON.stringify(value);
}

/**
 * The changes in plain English, one line each, as `npm run review` prints them:
 * `phone: (none) → "02 98 00 00 00"`, `position: moved 120 m`.
 */
export function changesInWords(changes: readonly FieldChange[]): string[] {
  return changes.map(({ field, before, after }) => {
    if (field === 'coordinates') {
      if (before === undefined) return `position: ${shown(after)}`;
      const m = Math.round(haversineKm(before as LonLat, after as LonLat) * 1000);
      return `position: moved ${m} m (${shown(before)} → ${shown(after)})`;
    }
    return `${field}: ${shown(before)} → ${shown(after)}`;
  });
}

// ——— The curated layer (`data/curated/`) ———

/**
 * What `npm run review` records in `data/curated/overrides.json` for an actor
 * that comes from an open source rather than from the curated files: the
 * fields people corrected, or that it closed. `npm run data` lays these over
 * the sources' values (curated always wins).
 */
export interface Override {
  changes?: PatchChanges;
  closed?: true;
  source: string;
  updated: string;
}
export type Overrides = Record<string, Override>;

/** Adds a reviewed patch to the overrides: later changes of a field win; a close stays closed. */
export function recordOverride(overrides: Overrides, patch: Patch, source: string): Overrides {
  const previous = overrides[patch.id];
  const entry: Override = { source, updated: patch.date };
  if (patch.op === 'close') entry.closed = true;
  const changes = { ...previous?.changes, ...patch.changes };
  if (Object.keys(changes).length > 0) entry.changes = changes;
  if (previous?.closed) entry.closed = true;
  return { ...overrides, [patch.id]: entry };
}

/**
 * Lays the overrides over source-derived actors (for `npm run data`): closed
 * actors are left out, corrected fields replace the source's, and the
 * actor's `source` and `updated` say the correction's. Actors without an
 * override are returned as they are.
 */
export function applyOverrides(actors: readonly ActorFeature[], overrides: Overrides): ActorFeature[] {
  const out: ActorFeature[] = [];
  for (const actor of actors) {
    const o = overrides[actor.properties.id];
    if (!o) {
      out.push(actor);
      continue;
    }
    if (o.closed) continue;
    const patched = patchedActor(
      {
        'archipel-patch': 1,
        op: 'update',
        id: actor.properties.id,
        changes: o.changes ?? {},
        date: o.updated,
        note: '',
      },
      actor,
    );
    patched.properties.source = prependSource(o.source, actor.properties.source);
    patched.properties.updated = o.updated;
    out.push({ ...patched, properties: orderProperties(patched.properties) });
  }
  return out;
}
