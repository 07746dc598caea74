import { CHECK_MODES } from '../core/vocab';
import type { CheckMode } from '../core/vocab';
import { DEFAULT_STALE_YEARS } from '../data/freshness';
import { useActions, useAppState, useT } from './hooks';

/** For organisers: only the actors whose facts are old (`stale=` years, default 2) or miss useful facts. */
export function CheckFilter() {
  const t = useT();
  const check = useAppState((s) => s.check);
  const stale = useAppState((s) => s.stale);
  const { setCheck } = useActions();
  const years = stale ?? DEFAULT_STALE_YEARS;
  const label = (mode: CheckMode | null) =>
    mode === null ? t('check.none') : t(`check.mode.${mode}` as const, { years });
  return (
    <fieldset class="facet check-filter">
      <legend>{t('check.title')}</legend>
      {([null, ...CHECK_MODES] as const).map((mode) => (
        <label class="check" key={mode ?? 'none'}>
          <input type="radio" name="check" checked={check === mode} onChange={() => setCheck(mode, stale)} />
          {label(mode)}
        </label>
      ))}
      <p class="rule">{t('check.note')}</p>
    </fieldset>
  );
}
