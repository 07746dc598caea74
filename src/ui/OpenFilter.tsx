import { useMemo } from 'preact/hooks';
import { useActions, useAppState, useT } from './hooks';
import { selectAllActors, selectHoursPending } from '../state/selectors';
import { selectActors } from '../data/select';

const MODES = ['any', 'now', 'today', 'week', 'at'] as const;
type Mode = (typeof MODES)[number];

/**
 * "Open now", "today", "this week" or "at a chosen day and time" (Paris time), or no
 * condition; with one, the places whose hours are not known are a third state, counted and
 * shown on demand (`hours=unknown`), never silently dropped.
 */
export function OpenFilter() {
  const t = useT();
  const open = useAppState((s) => s.open);
  const unknownHours = useAppState((s) => s.unknownHours);
  const pending = useAppState(selectHoursPending);
  const { setOpen, setUnknownHours } = useActions();
  const unknownCount = useUnknownCount();
  const mode: Mode = open === null ? 'any' : open === 'now' || open === 'today' || open === 'week' ? open : 'at';
  const [date, time] = open?.includes('T')
    ? open.split('T')
    : [open && /^\d{4}-\d{2}-\d{2}$/.test(open) ? open : nextDay(), '10:00'];
  return (
    <fieldset class="facet open-filter">
      <legend>{t('open.title')}</legend>
      {MODES.map((m) => (
        <label class="check" key={m}>
          <input
            type="radio"
            name="open"
            checked={mode === m}
            onChange={() => setOpen(m === 'any' ? null : m === 'at' ? `${date}T${time}` : m)}
          />
          {t(`open.${m}`)}
        </label>
      ))}
      {mode === 'at' && (
        <div class="open-at">
          <label>
            {t('open.date')}
            <input
              type="date"
              value={date}
              required
              onChange={(e) =>
                (e.target as HTMLInputElement).value && setOpen(`${(e.target as HTMLInputElement).value}T${time}`)
              }
            />
          </label>
          <label>
            {t('open.time')}
            <input
              type="time"
              value={time}
              required
              onChange={(e) =>
                (e.target as HTMLInputElement).value && setOpen(`${date}T${(e.target as HTMLInputElement).value}`)
              }
            />
          </label>
        </div>
      )}
      {mode !== 'any' && (
        <label class="check unknown-hours">
          <input
            type="checkbox"
            id="open-unknown-hours"
            checked={unknownHours}
            onChange={(e) => setUnknownHours((e.target as HTMLInputElement).checked)}
          />
          {t('open.unknownHours', { count: unknownCount ?? '…' })}
        </label>
      )}
      <p class="rule">{pending ? t('open.loading') : t('open.rule')}</p>
    </fieldset>
  );
}

/** How many more places `hours=unknown` would show with the other conditions as they are. */
function useUnknownCount(): number | null {
  const actors = useAppState(selectAllActors);
  const filters = useAppState((s) => s.filters);
  const near = useAppState((s) => s.near);
  const radius = useAppState((s) => s.radius);
  const open = useAppState((s) => s.open);
  const need = useAppState((s) => s.need);
  const now = useAppState((s) => s.now);
  const hours = useAppState((s) => s.hours);
  return useMemo(() => {
    if (!open || !hours) return null;
    const state = { filters, near, radius, open, need };
    const context = { now, hours };
    return (
      selectActors(actors, { ...state, unknownHours: true }, context).length -
      selectActors(actors, { ...state, unknownHours: false }, context).length
    );
  }, [actors, filters, near, radius, open, need, now, hours]);
}

/** Tomorrow's date in Paris, `YYYY-MM-DD`, as the default of the chosen day. */
function nextDay(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + 86_400_000));
  return parts;
}
