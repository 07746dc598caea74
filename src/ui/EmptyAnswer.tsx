import { useMemo } from 'preact/hooks';
import { explainEmpty } from '../data/explain';
import type { Condition, WayOut } from '../data/explain';
import { selectAllActors, selectTerritoriesById } from '../state/selectors';
import { useActions, useAppState, useT } from './hooks';
import type { AppState } from '../state/store';
import type { MessageKey, Translator } from '../i18n';
import { DEFAULT_STALE_YEARS } from '../data/freshness';
import './EmptyAnswer.css';

/**
 * What an empty list says instead of nothing: which condition empties it, and the nearest ways
 * out, each a button that changes the URL like any other choice ("12 places have no known
 * hours — show them?", "3 places open this week", "Without the theme: 9 places").
 */
export function EmptyAnswer() {
  const t = useT();
  const actors = useAppState(selectAllActors);
  const filters = useAppState((s) => s.filters);
  const near = useAppState((s) => s.near);
  const radius = useAppState((s) => s.radius);
  const open = useAppState((s) => s.open);
  const unknownHours = useAppState((s) => s.unknownHours);
  const need = useAppState((s) => s.need);
  const now = useAppState((s) => s.now);
  const hours = useAppState((s) => s.hours);
  const check = useAppState((s) => s.check);
  const stale = useAppState((s) => s.stale);
  const freshness = useAppState((s) => s.freshness);
  const answer = useMemo(
    () =>
      explainEmpty(
        actors,
        { filters, near, radius, open, unknownHours, need, check, stale },
        { now, hours: open ? hours : null, freshness: check ? freshness : null },
      ),
    [actors, filters, near, radius, open, unknownHours, need, check, stale, now, hours, freshness],
  );
  const territories = useAppState(selectTerritoriesById);
  const state: LabelState = { filters, radius, open, need, check, stale, territories };
  const actions = useActions();
  if (!answer) return <p class="empty">{t('list.empty')}</p>;
  const label = (c: Condition) => conditionLabel(c, state, t);
  return (
    <div class="empty-answer">
      <p class="empty">
        {answer.culprit
          ? t('empty.culprit', { condition: label(answer.culprit) })
          : t('empty.none', { conditions: answer.conditions.map(label).join(t('export.filters.separator')) })}
      </p>
      {answer.ways.length > 0 && (
        <ul class="ways-out" aria-label={t('empty.waysOut')}>
          {answer.ways.map((way) => (
            <li key={wayKey(way)}>
              <button type="button" class="button way-out" onClick={() => takeWay(way, actions)}>
                {wayText(way, t, label)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function wayKey(way: WayOut): string {
  return way.kind === 'remove' ? `remove-${way.condition}` : way.kind === 'open' ? `open-${way.open}` : way.kind;
}

function takeWay(way: WayOut, a: ReturnType<typeof useActions>) {
  if (way.kind === 'unknown-hours') return a.setUnknownHours(true);
  if (way.kind === 'open') return a.setOpen(way.open);
  switch (way.condition) {
    case 'need':
      return a.setNeed(null);
    case 'category':
      return a.setFilters({ categories: [] });
    case 'role':
      return a.setFilters({ roles: [] });
    case 'theme':
      return a.setFilters({ themes: [], match: 'any' });
    case 'q':
      return a.setFilters({ q: '' });
    case 'territory':
      return a.setFilters({ territory: null });
    case 'radius':
      return a.setRadius(null);
    case 'open':
      return a.setOpen(null);
    case 'check':
      return a.setCheck(null);
  }
}

function wayText(way: WayOut, t: Translator, label: (c: Condition) => string): string {
  if (way.kind === 'unknown-hours') return t.plural('empty.unknownHours', way.count);
  if (way.kind === 'open') return t.plural('empty.openAt', way.count, { when: openLabel(way.open, t) });
  return t.plural('empty.without', way.count, { condition: label(way.condition) });
}

/** What a condition's words need. */
interface LabelState extends Pick<AppState, 'filters' | 'radius' | 'open' | 'need' | 'check' | 'stale'> {
  territories: ReadonlyMap<string, { name: string }>;
}

/** A condition in words, with its values: "the theme “Training”", "open this week". */
export function conditionLabel(c: Condition, s: LabelState, t: Translator): string {
  const f = s.filters;
  const names = (prefix: string, values: readonly string[]) =>
    values.map((v) => t('empty.quote', { value: t(`${prefix}.${v}` as MessageKey) })).join(t('export.filters.or'));
  switch (c) {
    case 'need':
      return t('empty.c.need', { value: s.need ? t(`intent.${s.need}`) : '' });
    case 'category':
      return t('empty.c.category', { value: names('category.short', f.categories) });
    case 'role':
      return t('empty.c.role', { value: names('role', f.roles) });
    case 'theme':
      return t('empty.c.theme', { value: names('theme', f.themes) });
    case 'q':
      return t('empty.c.q', { value: f.q });
    case 'territory': {
      const territory = f.territory ? s.territories.get(f.territory) : undefined;
      return t('empty.c.territory', { value: territory?.name ?? f.territory ?? '' });
    }
    case 'radius':
      return t('empty.c.radius', { km: String(s.radius ?? '') });
    case 'open':
      return t('empty.c.open', { when: s.open ? openLabel(s.open, t) : '' });
    case 'check':
      return t('empty.c.check', {
        value: s.check ? t(`check.mode.${s.check}` as const, { years: s.stale ?? DEFAULT_STALE_YEARS }) : '',
      });
  }
}

/** An `open=` value in words: "now", "today", "this week", "on Tuesday 8 December", "on Tuesday 8 December at 10:00". */
export function openLabel(open: string, t: Translator): string {
  if (open === 'now' || open === 'today' || open === 'week') return t(`empty.when.${open}`);
  const day = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const text = new Intl.DateTimeFormat(t.lang, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, d, 12)));
    return text;
  };
  if (open.includes('..')) {
    const [from, to] = open.split('..') as [string, string];
    return t('empty.when.days', { from: day(from), to: day(to) });
  }
  if (open.includes('T')) {
    const [date, time] = open.split('T') as [string, string];
    return t('empty.when.at', { day: day(date), time });
  }
  return t('empty.when.day', { day: day(open) });
}
