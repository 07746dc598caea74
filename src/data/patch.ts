/**
 * Patches: what a person proposes from the app ("add a place", "suggest a
 * correction", "this place closed"), as a small JSON document that travels
 * without a server (a forge issue, an e-mail, a file) and that
 * `npm run review` applies. Pure: shared by the form, the review script and
 * their tests. The shape is `docs/patch.schema.json`.
 *
 * Over 300 lines: the document's whole life (shape, version, check, the
 * channels that carry it) in one place, read beside its schema.
 */
import type { ActorFeature, ActorProperties, LonLat } from '../core/types';
import { ACTOR_PROPERTY_ORDER, isObject } from './validate';

export const PATCH_FORMAT = 1;
export const PATCH_OPS = ['add', 'update', 'close'] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

/** The fields a patch may set: an actor's properties (not its provenance, which review writes) and its position. */
export const PATCH_FIELDS = [
  'name',
  'category',
  'roles',
  'themes',
  'territory',
  'address',
  'postcode',
  'commune',
  'url',
  'email',
  'phone',
  'description',
  'opening_hours',
  'wheelchair',
  'networks',
  'coordinates',
] as const;
export type PatchField = (typeof PATCH_FIELDS)[number];

/** A new value per field; `null` removes an optional field. */
export type PatchChanges = Partial<Record<PatchField, string | string[] | LonLat | null>>;

export interface PatchAuthor {
  name?: string;
  contact?: string;
}

export interface Patch {
  'archipel-patch': typeof PATCH_FORMAT;
  op: PatchOp;
  /** The actor's id (for `add`, the id proposed for the new place). */
  id: string;
  /** The version of the actor the patch was made on ({@link actorVersion}); absent for `add`. */
  version?: string;
  changes: PatchChanges;
  /** Only when the person chose to say who they are. */
  author?: PatchAuthor;
  /** ISO date (YYYY-MM-DD) the patch was made. */
  date: string;
  /** Why, in the person's words. */
  note: string;
}

/** Longest note kept in a patch; a forge URL must stay short anyway. */
export const MAX_NOTE = 2000;

/**
 * A short fingerprint of an actor's content (position and every property,
 * in schema order): two versions of an actor differ whenever any fact
 * differs, even on the same day. `v1-` then 13 hex digits (cyrb53).
 */
export function actorVersion(feature: ActorFeature): string {
  const p = feature.properties as unknown as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  // `insee` is left out: the loader derives it from postcode and commune (both counted), so the
  // app and `npm run review`, which reads the file as written, must agree without it.
  for (const key of ACTOR_PROPERTY_ORDER) if (key !== 'insee' && p[key] !== undefined) ordered[key] = p[key];
  const text = JSON.stringify([feature.geometry.coordinates, ordered]);
  return `v1-${cyrb53(text).toString(16).padStart(14, '0')}`;
}

/** A 53-bit string hash (cyrb53, public domain): fast, stable, good enough to tell versions apart. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The value of one patch field on an actor (`coordinates` from its geometry). */
export function fieldValue(feature: ActorFeature, field: PatchField): unknown {
  if (field === 'coordinates') return feature.geometry.coordinates;
  return (feature.properties as unknown as Record<string, unknown>)[field];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Only the fields whose value differs from the actor's: what a correction really changes. */
export function changedFields(feature: ActorFeature, changes: PatchChanges): PatchChanges {
  const out: PatchChanges = {};
  for (const field of PATCH_FIELDS) {
    if (!(field in changes)) continue;
    const value = changes[field];
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    const current = fieldValue(feature, field);
    if (empty ? current === undefined : sameValue(value, current)) continue;
    out[field] = empty ? null : (value as PatchChanges[PatchField]);
  }
  return out;
}

/** A slug for a proposed place: its commune and name, lower case, no accents. */
export function proposeId(name: string, commune: string): string {
  const slug = `${commune} ${name}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'new-place';
}

export interface MakePatchInput {
  op: PatchOp;
  id: string;
  /** The actor as the person saw it (update, close). */
  actor?: ActorFeature;
  changes: PatchChanges;
  author?: PatchAuthor;
  note?: string;
  /** The day, `YYYY-MM-DD`. */
  date: string;
}

/** The patch a form makes: only real changes, the version it was made on, the author only if given. */
export function makePatch(input: MakePatchInput): Patch {
  const patch: Patch = {
    'archipel-patch': PATCH_FORMAT,
    op: input.op,
    id: input.id,
    changes: {},
    date: input.date,
    note: (input.note ?? '').trim().slice(0, MAX_NOTE),
  };
  if (input.actor && input.op !== 'add') {
    patch.version = actorVersion(input.actor);
    if (input.op === 'update') patch.changes = changedFields(input.actor, input.changes);
  } else if (input.op === 'add') {
    for (const field of PATCH_FIELDS) {
      const value = input.changes[field];
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
        continue;
      patch.changes[field] = value;
    }
  }
  const name = input.author?.name?.trim();
  const contact = input.author?.contact?.trim();
  if (name || contact) {
    patch.author = {};
    if (name) patch.author.name = name.slice(0, 200);
    if (contact) patch.author.contact = contact.slice(0, 200);
  }
  // Fixed key order: the same proposal always gives the same text.
  const ordered: Patch = { 'archipel-patch': PATCH_FORMAT, op: patch.op, id: patch.id } as Patch;
  if (patch.version) ordered.version = patch.version;
  ordered.changes = patch.changes;
  if (patch.author) ordered.author = patch.author;
  ordered.date = patch.date;
  ordered.note = patch.note;
  return ordered;
}

/**
 * The actor a patch describes, for the validator: the current actor with the
 * changes laid over it (or, for `add`, the changes alone), provenance left out.
 */
export function patchedActor(patch: Patch, current: ActorFeature | undefined): ActorFeature {
  const properties: Record<string, unknown> = current ? { ...current.properties } : { id: patch.id };
  let coordinates = current?.geometry.coordinates as unknown;
  for (const field of PATCH_FIELDS) {
    if (!(field in patch.changes)) continue;
    const value = patch.changes[field];
    if (field === 'coordinates') coordinates = value;
    else if (value === null) delete properties[field];
    else properties[field] = value;
  }
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: coordinates as LonLat },
    properties: properties as unknown as ActorProperties,
  };
}

/** One problem of a patch document's shape (the schema's rules, in words). */
export interface PatchProblem {
  field: string;
  reason: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks a parsed patch against `docs/patch.schema.json`'s rules. The values
 * themselves (a theme, a position in its territory) are the validator's
 * business, once the patch is applied.
 */
export function checkPatch(raw: unknown): { patch: Patch | null; problems: PatchProblem[] } {
  const problems: PatchProblem[] = [];
  const bad = (field: string, reason: string) => problems.push({ field, reason });
  if (!isObject(raw)) return { patch: null, problems: [{ field: '', reason: 'not a JSON object' }] };
  if (raw['archipel-patch'] !== PATCH_FORMAT) bad('archipel-patch', `must be ${PATCH_FORMAT}`);
  if (!PATCH_OPS.includes(raw.op as PatchOp)) bad('op', `must be one of ${PATCH_OPS.join(', ')}`);
  if (typeof raw.id !== 'string' || !ID.test(raw.id) || raw.id.length > 200) bad('id', 'must be a slug');
  if (raw.op !== 'add' && typeof raw.version !== 'string') bad('version', 'is required to update or close');
  if (raw.version !== undefined && (typeof raw.version !== 'string' || raw.version.length > 100))
    bad('version', 'must be a short text');
  if (typeof raw.date !== 'string' || !DAY.test(raw.date) || Number.isNaN(Date.parse(`${raw.date}T00:00:00Z`)))
    bad('date', 'must be a date YYYY-MM-DD');
  if (typeof raw.note !== 'string' || raw.note.length > MAX_NOTE) bad('note', `must be a text of at most ${MAX_NOTE}`);
  if (!isObject(raw.changes)) bad('changes', 'must be an object');
  else {
    for (const [key, value] of Object.entries(raw.changes)) {
      if (!(PATCH_FIELDS as readonly string[]).includes(key)) bad(`changes.${key}`, 'is not a field a patch may set');
      else if (key === 'coordinates') {
        if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number'))
          bad('changes.coordinates', 'must be [longitude, latitude]');
      } else if (
        value !== null &&
        typeof value !== 'string' &&
        !(Array.isArray(value) && value.every((v) => typeof v === 'string'))
      )
        bad(`changes.${key}`, 'must be a text, a list of texts or null');
    }
    if (raw.op === 'update' && Object.keys(raw.changes).length === 0) bad('changes', 'an update changes something');
  }
  if (raw.author !== undefined) {
    if (!isObject(raw.author)) bad('author', 'must be an object');
    else
      for (const [key, value] of Object.entries(raw.author))
        if ((key !== 'name' && key !== 'contact') || typeof value !== 'string' || value.length > 200)
          bad(`author.${key}`, 'only name and contact, as short texts');
  }
  for (const key of Object.keys(raw))
    if (!['archipel-patch', 'op', 'id', 'version', 'changes', 'author', 'date', 'note'].includes(key))
      bad(key, 'unknown member');
  return { patch: problems.length === 0 ? (raw as unknown as Patch) : null, problems };
}

/**
 * The patches in a text: a JSON patch (or a list of them), or the body of an
 * issue or an e-mail made by the app, where the patch sits in a ```json block.
 */
export function extractPatches(text: string): unknown[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    /* not plain JSON: look for fenced blocks */
  }
  const out: unknown[] = [];
  for (const match of body.matchAll(/```(?:json)?\s*\n([\s\S]*?)\n\s*```/g)) {
    try {
      const parsed: unknown = JSON.parse(match[1]!);
      if (isObject(parsed) && 'archipel-patch' in parsed) out.push(parsed);
    } catch {
      /* another block */
    }
  }
  return out;
}

/** The text of a patch as people and `npm run review` read it: indented JSON. */
export function patchText(patch: Patch): string {
  return `${JSON.stringify(patch, null, 2)}\n`;
}

/** The name of a patch file: `archipel-patch-ID-DATE.json`. */
export function patchFileName(patch: Patch): string {
  return `archipel-patch-${patch.id}-${patch.date}.json`;
}

// ——— Channels: where a deployment receives patches ———

/** Where proposals go, from `archipel.config.json`'s `contribute`. */
export type PatchChannel =
  | { kind: 'gitlab' | 'github' | 'gitea'; url: string }
  | { kind: 'email'; address: string }
  | { kind: 'download' };

/** Longest URL handed to the browser: beyond, forges and mail programs cut or refuse it. */
export const MAX_URL_LENGTH = 8000;

export type Delivery =
  | { kind: 'url'; href: string; channel: 'gitlab' | 'github' | 'gitea' | 'email' }
  | { kind: 'download'; reason: 'configured' | 'tooLong'; fileName: string; text: string };

/** Reads `contribute` from the configuration: a forge project, an e-mail address, or nothing. */
export function parseChannel(raw: unknown): PatchChannel | null {
  if (!isObject(raw)) return null;
  if ((raw.kind === 'gitlab' || raw.kind === 'github' || raw.kind === 'gitea') && typeof raw.url === 'string') {
    const url = raw.url.trim().replace(/\/+$/, '');
    if (/^https:\/\/[^\s/]+\/[^\s?#]+$/.test(url)) return { kind: raw.kind, url };
    return null;
  }
  if (
    raw.kind === 'email' &&
    typeof raw.address === 'string' &&
    /^[^\s@<>()",;?&]+@[^\s@<>()",;?&]+\.[a-z]{2,}$/i.test(raw.address)
  )
    return { kind: 'email', address: raw.address };
  if (raw.kind === 'download') return { kind: 'download' };
  return null;
}

/** The title of the issue or e-mail: what is proposed, about which place. */
export function patchTitle(patch: Patch, placeName: string): string {
  const verb = patch.op === 'add' ? 'Add' : patch.op === 'close' ? 'Closed' : 'Correction';
  return `[Archipel] ${verb}: ${placeName} (${patch.id})`;
}

/** The body: a line for people, then the patch in a ```json block that `npm run review` reads back. */
export function patchBody(patch: Patch, intro: string): string {
  return `${intro}\n\n\`\`\`json\n${patchText(patch)}\`\`\`\n`;
}

/**
 * How a patch reaches the deployment: the forge's "new issue" page or a
 * `mailto:` link with the patch in the body, or a file to download when no
 * channel is configured or the link would be too long.
 */
export function deliver(patch: Patch, channel: PatchChannel | null, text: { title: string; intro: string }): Delivery {
  const download = (reason: 'configured' | 'tooLong'): Delivery => ({
    kind: 'download',
    reason,
    fileName: patchFileName(patch),
    text: patchText(patch),
  });
  if (!channel || channel.kind === 'download') return download('configured');
  const body = patchBody(patch, text.intro);
  const q = encodeURIComponent;
  const href =
    channel.kind === 'gitlab'
      ? `${channel.url}/-/issues/new?issue[title]=${q(text.title)}&issue[description]=${q(body)}`
      : channel.kind === 'email'
        ? `mailto:${channel.address}?subject=${q(text.title)}&body=${q(body)}`
        : `${channel.url}/issues/new?title=${q(text.title)}&body=${q(body)}`;
  if (href.length > MAX_URL_LENGTH) return download('tooLong');
  return { kind: 'url', href, channel: channel.kind };
}
