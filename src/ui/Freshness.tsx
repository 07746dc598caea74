import type { ActorProperties } from '../core/types';
import { isStale, missingFields, sourceLabel, DEFAULT_STALE_YEARS } from '../data/freshness';
import { useAppState, useT } from './hooks';

/**
 * When an actor's facts were last checked and from where ("vérifié en mars
 * 2025 · sillage.brest.fr"), and which useful facts are missing.
 */
export function Freshness({ properties: p }: { properties: ActorProperties }) {
  const t = useT();
  const now = useAppState((s) => s.now);
  const years = useAppState((s) => s.stale) ?? DEFAULT_STALE_YEARS;
  const month = monthOf(p.updated, t.lang);
  const from = sourceLabel(p.source);
  const checked = month ? t('fresh.checked', { month }) : t('fresh.unknown');
  const old = isStale(p.updated, now, years);
  const missing = missingFields(p);
  return (
    <div class="freshness">
      <p class={old ? 'fresh-age is-stale' : 'fresh-age'}>
        {from ? t('fresh.checkedFrom', { checked, source: from }) : checked}
        {old && month && ` · ${t('fresh.old', { years })}`}
      </p>
      <p class="fresh-missing">
        {missing.length === 0
          ? t('fresh.complete')
          : t('fresh.missing', { fields: missing.map((f) => t(`fresh.field.${f}` as const)).join(', ') })}
      </p>
    </div>
  );
}

/** "mars 2025" / "March 2025", Paris time; null when the date is absent or unreadable. */
function monthOf(updated: string | undefined, lang: string): string | null {
  if (!updated) return null;
  const date = new Date(updated.length === 10 ? `${updated}T12:00:00Z` : updated);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(date);
}
