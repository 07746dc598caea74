/**
 * Never a silent empty answer: when the conditions of a URL select no actor, which condition
 * empties the list, and the nearest ways out with what each would give. Pure, over the one
 * selection of `select.ts`, so what it promises ("3 places open on Tuesday") is what the list
 * then shows.
 */
import { selectActors } from './select';
import type { SelectionContext, SelectionState } from './select';
import type { ActorFeature } from '../core/types';

/** A condition a person can lift, as the URL names it. */
export type Condition = 'need' | 'category' | 'role' | 'theme' | 'q' | 'territory' | 'radius' | 'open' | 'check';

/** One way out of an empty list, with the number of actors it gives. */
export type WayOut =
  /** Show the places whose hours are not known (`hours=unknown`). */
  | { kind: 'unknown-hours'; count: number }
  /** A wider time: the whole day of the chosen time, today, or this week. */
  | { kind: 'open'; open: string; count: number }
  /** Lift one condition. */
  | { kind: 'remove'; condition: Condition; count: number };

export interface EmptyAnswer {
  /** The conditions in force, in the order the interface shows them. */
  conditions: Condition[];
  /** The condition whose lifting alone gives the most actors; null when no single lift gives any. */
  culprit: Condition | null;
  /** The ways out that give at least one actor: hours first, then the nearest times, then lifts by count. */
  ways: WayOut[];
}

/** The conditions a state sets. */
export function conditionsOf(state: SelectionState): Condition[] {
  const f = state.filters;
  const out: Condition[] = [];
  if (state.need) out.push('need');
  if (f.categories.length) out.push('category');
  if (f.roles.length) out.push('role');
  if (f.themes.length) out.push('theme');
  if (f.q.trim()) out.push('q');
  if (f.territory) out.push('territory');
  if (state.near && state.radius !== null) out.push('radius');
  if (state.open) out.push('open');
  if (state.check) out.push('check');
  return out;
}

/** The state with one condition lifted. */
export function without(state: SelectionState, condition: Condition): SelectionState {
  const f = state.filters;
  switch (condition) {
    case 'need':
      return { ...state, need: null };
    case 'category':
      return { ...state, filters: { ...f, categories: [] } };
    case 'role':
      return { ...state, filters: { ...f, roles: [] } };
    case 'theme':
      return { ...state, filters: { ...f, themes: [], match: 'any' } };
    case 'q':
      return { ...state, filters: { ...f, q: '' } };
    case 'territory':
      return { ...state, filters: { ...f, territory: null } };
    case 'radius':
      return { ...state, radius: null };
    case 'open':
      return { ...state, open: null, unknownHours: false };
    case 'check':
      return { ...state, check: null, stale: null };
  }
}

/** The wider times to offer for an `open=` value, nearest first. */
export function widerTimes(open: string): string[] {
  if (open === 'now') return ['today', 'week'];
  if (open === 'today') return ['week'];
  if (open === 'week') return [];
  if (open.includes('T')) return [open.split('T')[0]!, 'week'];
  if (!open.includes('..')) return ['week'];
  return [];
}

/**
 * Why a state selects nothing and how to get something; null when it selects some actors, or
 * when `open` (or `check`) is set and the hours evaluator (the freshness module) is not there yet.
 */
export function explainEmpty(
  actors: readonly ActorFeature[],
  state: SelectionState,
  context: SelectionContext,
): EmptyAnswer | null {
  if (state.open && !context.hours) return null;
  if (state.check && !context.freshness) return null;
  const count = (s: SelectionState) => selectActors(actors, s, context).length;
  if (count(state) > 0) return null;
  const conditions = conditionsOf(state);
  const ways: WayOut[] = [];
  if (state.open && !state.unknownHours) {
    const n = count({ ...state, unknownHours: true });
    if (n > 0) ways.push({ kind: 'unknown-hours', count: n });
  }
  if (state.open) {
    for (const open of widerTimes(state.open)) {
      const n = count({ ...state, open });
      if (n > 0) {
        ways.push({ kind: 'open', open, count: n });
        break; // the nearest time that gives something is the way out; a wider one adds nothing to say
      }
    }
  }
  const lifts = conditions
    .map((condition) => ({ kind: 'remove' as const, condition, count: count(without(state, condition)) }))
    .filter((w) => w.count > 0)
    .sort((a, b) => b.count - a.count);
  ways.push(...lifts);
  // The culprit: lifting it alone gives the most actors (the first in the interface's order on a tie).
  return { conditions, culprit: lifts[0]?.condition ?? null, ways };
}
