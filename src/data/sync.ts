/**
 * What changed in a source between two imports, as `npm run sync` reports
 * it: places added, gone, moved (more than 100 m), renamed, with other hours
 * or contact; and the conflicts with the curated layer, whose facts are
 * never overwritten. Pure: tested on fixture versions of a source.
 */
import type { ActorFeature } from '../core/types';
import { haversineKm } from '../geo/distance';
import { fieldValue } from './patch';
import type { PatchField } from './patch';
import type { Overrides } from './review';

/** Beyond this distance a place has moved; below, a source's rounding. */
export const MOVED_METRES = 100;

export type ChangeKind = 'added' | 'gone' | 'moved' | 'renamed' | 'hours' | 'contact';

export interface SyncChange {
  source: string;
  kind: ChangeKind;
  id: string;
  name: string;
  /** The actor's territory (its `insee` commune when the data carries one). */
  territory: string;
  networks?: string[];
  /** For moved: metres; for the others: the field that changed. */
  field?: string;
  distance_m?: number;
  before?: unknown;
  after?: unknown;
}

/** A source's new value for a fact the curated layer sets otherwise: listed, never applied. */
export interface SyncConflict {
  source: string;
  id: string;
  field: string;
  curated: unknown;
  incoming: unknown;
}

export interface SourceCompare {
  source: string;
  previous: readonly ActorFeature[];
  next: readonly ActorFeature[];
}

/** Curated facts: actors of the curated files, and the fields people corrected on source actors. */
export interface CuratedFacts {
  actors: ReadonlyMap<string, ActorFeature>;
  overrides: Overrides;
}

const CONTACT_FIELDS = ['phone', 'email', 'url'] as const;

function territoryOf(a: ActorFeature): string {
  const p = a.properties as ActorFeature['properties'] & { insee?: string };
  return p.territory ?? (p.insee ? `commune:${p.insee}` : 'unknown');
}

function base(source: string, kind: ChangeKind, a: ActorFeature): SyncChange {
  const change: SyncChange = { source, kind, id: a.properties.id, name: a.properties.name, territory: territoryOf(a) };
  if (a.properties.networks && a.properties.networks.length > 0) change.networks = [...a.properties.networks];
  return change;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changes of one source between its previous and next import, in next's order then the gone ones. */
export function compareSource({ source, previous, next }: SourceCompare): SyncChange[] {
  const before = new Map(previous.map((a) => [a.properties.id, a]));
  const after = new Set(next.map((a) => a.properties.id));
  const out: SyncChange[] = [];
  for (const a of next) {
    const old = before.get(a.properties.id);
    if (!old) {
      out.push(base(source, 'added', a));
      continue;
    }
    const metres = Math.round(haversineKm(old.geometry.coordinates, a.geometry.coordinates) * 1000);
    if (metres > MOVED_METRES)
      out.push({
        ...base(source, 'moved', a),
        distance_m: metres,
        before: old.geometry.coordinates,
        after: a.geometry.coordinates,
      });
    if (old.properties.name !== a.properties.name)
      out.push({ ...base(source, 'renamed', a), before: old.properties.name, after: a.properties.name });
    if (!same(old.properties.opening_hours, a.properties.opening_hours))
      out.push({
        ...base(source, 'hours', a),
        field: 'opening_hours',
        before: old.properties.opening_hours,
        after: a.properties.opening_hours,
      });
    for (const field of CONTACT_FIELDS)
      if (!same(old.properties[field], a.properties[field]))
        out.push({ ...base(source, 'contact', a), field, before: old.properties[field], after: a.properties[field] });
  }
  for (const old of previous) if (!after.has(old.properties.id)) out.push(base(source, 'gone', old));
  return out;
}

/**
 * The changes that touch a curated fact: a curated actor the source changes
 * or drops, or a field people corrected that the source now says otherwise.
 */
export function findConflicts(changes: readonly SyncChange[], curated: CuratedFacts): SyncConflict[] {
  const out: SyncConflict[] = [];
  for (const change of changes) {
    const own = curated.actors.get(change.id);
    const override = curated.overrides[change.id];
    if (!own && !override) continue;
    if (change.kind === 'added') continue;
    if (change.kind === 'gone') {
      out.push({
        source: change.source,
        id: change.id,
        field: '(gone from the source)',
        curated: 'kept',
        incoming: null,
      });
      continue;
    }
    const field = change.kind === 'moved' ? 'coordinates' : change.kind === 'renamed' ? 'name' : change.field!;
    let value: unknown;
    if (override?.changes && field in override.changes) value = override.changes[field as PatchField];
    else if (own) value = fieldValue(own, field as PatchField);
    else continue;
    if (!same(value, change.after))
      out.push({ source: change.source, id: change.id, field, curated: value, incoming: change.after ?? null });
  }
  return out;
}

export interface SourceStatus {
  id: string;
  publisher: string;
  /** Places read in this run, and in the last one. */
  read: number;
  previous: number;
  /** Why the source could not be read (no network, missing file): its last import is kept. */
  error?: string;
}

export interface Changelog {
  'archipel-changelog': 1;
  date: string;
  /** The date of the previous run, when there was one. */
  since: string | null;
  sources: SourceStatus[];
  changes: SyncChange[];
  conflicts: SyncConflict[];
  /** Counts per territory then kind. */
  byTerritory: Record<string, Partial<Record<ChangeKind, number>>>;
  /** Counts per source then kind. */
  bySource: Record<string, Partial<Record<ChangeKind, number>>>;
}

export function makeChangelog(
  date: string,
  since: string | null,
  sources: SourceStatus[],
  changes: SyncChange[],
  conflicts: SyncConflict[],
): Changelog {
  const count = (key: (c: SyncChange) => string) => {
    const out: Record<string, Partial<Record<ChangeKind, number>>> = {};
    for (const c of changes) {
      const group = out[key(c)] ?? {};
      group[c.kind] = (group[c.kind] ?? 0) + 1;
      out[key(c)] = group;
    }
    return out;
  };
  return {
    'archipel-changelog': 1,
    date,
    since,
    sources,
    changes,
    conflicts,
    byTerritory: count((c) => c.territory),
    bySource: count((c) => c.source),
  };
}

const KIND_WORDS: Record<ChangeKind, string> = {
  added: 'added',
  gone: 'gone',
  moved: 'moved',
  renamed: 'renamed',
  hours: 'hours changed',
  contact: 'contact changed',
};

/** One line per change, as `npm run sync` prints them. */
export function changeLine(c: SyncChange): string {
  const what = `${KIND_WORDS[c.kind]}: ${c.id} "${c.name}" (${c.territory})`;
  if (c.kind === 'moved') return `${what}, ${c.distance_m} m`;
  if (c.kind === 'renamed') return `${what}, was ${JSON.stringify(c.before)}`;
  if (c.kind === 'hours' || c.kind === 'contact')
    return `${what}, ${c.field}: ${JSON.stringify(c.before ?? null)} → ${JSON.stringify(c.after ?? null)}`;
  return what;
}

/** The changelog as a short Markdown page for people. */
export function changelogMarkdown(log: Changelog): string {
  const lines = [`# Sync of ${log.date}`, '', log.since ? `Changes since ${log.since}.` : 'First run.', ''];
  lines.push('| source | publisher | places | before | status |', '| --- | --- | ---: | ---: | --- |');
  for (const s of log.sources)
    lines.push(
      `| ${s.id} | ${s.publisher} | ${s.read} | ${s.previous} | ${s.error ? `not read: ${s.error}` : 'read'} |`,
    );
  lines.push('');
  const kinds = Object.keys(KIND_WORDS) as ChangeKind[];
  lines.push(
    `| territory | ${kinds.map((k) => KIND_WORDS[k]).join(' | ')} |`,
    `| --- |${' ---: |'.repeat(kinds.length)}`,
  );
  for (const [territory, counts] of Object.entries(log.byTerritory))
    lines.push(`| ${territory} | ${kinds.map((k) => counts[k] ?? 0).join(' | ')} |`);
  lines.push('', '## Changes', '');
  if (log.changes.length === 0) lines.push('None.');
  for (const c of log.changes) lines.push(`- ${c.source}: ${changeLine(c)}`);
  lines.push('', '## Conflicts with curated facts (not applied)', '');
  if (log.conflicts.length === 0) lines.push('None.');
  for (const c of log.conflicts)
    lines.push(
      `- ${c.source}: ${c.id} ${c.field}: curated ${JSON.stringify(c.curated)}, source says ${JSON.stringify(c.incoming)}`,
    );
  return `${lines.join('\n')}\n`;
}

/** Who joined and who left between two dates, per network and per territory, from the changelogs alone. */
export interface Movements {
  /** Changelogs counted, by date. */
  dates: string[];
  groups: { group: string; kind: 'network' | 'territory'; joined: string[]; left: string[] }[];
}

export function joinedAndLeft(changelogs: readonly Changelog[], from: string, to: string): Movements {
  const logs = changelogs.filter((l) => l.date >= from && l.date <= to).sort((a, b) => a.date.localeCompare(b.date));
  const groups = new Map<string, Movements['groups'][number]>();
  const groupOf = (kind: 'network' | 'territory', id: string) => {
    const key = `${kind}:${id}`;
    const g = groups.get(key) ?? { group: id, kind, joined: [], left: [] };
    groups.set(key, g);
    return g;
  };
  for (const log of logs)
    for (const c of log.changes) {
      if (c.kind !== 'added' && c.kind !== 'gone') continue;
      const list = (g: Movements['groups'][number]) => (c.kind === 'added' ? g.joined : g.left);
      list(groupOf('territory', c.territory)).push(c.name);
      for (const n of c.networks ?? []) list(groupOf('network', n)).push(c.name);
    }
  return { dates: logs.map((l) => l.date), groups: [...groups.values()] };
}
