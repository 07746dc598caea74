import { useState } from 'preact/hooks';
import { CATEGORIES } from '../core/vocab';
import { selectCounts } from '../state/selectors';
import { CategoryBadge } from './CategoryBadge';
import { lazyComponent } from './lazy';

/** Fetched when the legend is first open: an embed's legend starts folded, out of its first load. */
const LegendMarks = lazyComponent(() => import('./LegendMarks').then((m) => m.LegendMarks));
import { useActions, useAppState, useT } from './hooks';
import type { MessageKey } from '../i18n';

/** The category legend is the category filter: pressing a colour toggles it. */
export function Legend() {
  const t = useT();
  const selected = useAppState((s) => s.filters.categories);
  const counts = useAppState(selectCounts).category;
  // While the data loads, no count rather than a row of zeros.
  const loaded = useAppState((s) => s.dataset !== null);
  const { toggleOption } = useActions();
  // Open where there is room for it; on small maps and in embeds it starts folded.
  const embed = useAppState((s) => s.embed);
  const [open, setOpen] = useState(() => !embed && window.innerWidth >= 900 && window.innerHeight >= 600);
  return (
    <section class={open ? 'legend' : 'legend is-closed'} aria-labelledby="legend-title">
      <h2 class="legend-title" id="legend-title">
        <button type="button" class="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('legend.title')}
        </button>
      </h2>
      {open && (
        <ul>
          {CATEGORIES.map((category) => (
            <li key={category}>
              <button
                type="button"
                class="legend-item"
                aria-pressed={selected.includes(category)}
                onClick={() => toggleOption('category', category)}
              >
                <CategoryBadge category={category} />
                <span title={t(`category.${category}` as MessageKey)}>
                  {t(`category.short.${category}` as MessageKey)}
                </span>
                {loaded && <span class="option-count">{t.number(counts[category])}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && <p class="legend-hint">{t('legend.hint')}</p>}
      {open && <LegendMarks />}
    </section>
  );
}
