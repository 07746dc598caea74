import { useActions, useAppState, useT } from './hooks';
import { selectHoursPending } from '../state/selectors';

/** "Open now" or "open at a chosen day and time" (Paris time), or no condition. */
export function OpenFilter() {
  const t = useT();
  const open = useAppState((s) => s.open);
  const pending = useAppState(selectHoursPending);
  const { setOpen } = useActions();
  const mode = open === null ? 'any' : open === 'now' ? 'now' : 'at';
  const [date, time] = open && open !== 'now' ? open.split('T') : [nextDay(), '10:00'];
  return (
    <fieldset class="facet open-filter">
      <legend>{t('open.title')}</legend>
      {(['any', 'now', 'at'] as const).map((m) => (
        <label class="check" key={m}>
          <input
            type="radio"
            name="open"
            checked={mode === m}
            onChange={() => setOpen(m === 'any' ? null : m === 'now' ? 'now' : `${date}T${time}`)}
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
      <p class="rule">{pending ? t('open.loading') : t('open.note')}</p>
    </fieldset>
  );
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
