import { FACETS } from '../core/facets';
import type { Category } from '../core/vocab';
import type { Facet, FacetGroup } from '../core/facets';
import { selectCounts, selectHasFilters } from '../state/selectors';
import { useActions, useAppState, useT } from './hooks';
import { CategoryBadge } from './CategoryBadge';
import { OpenFilter } from './OpenFilter';
import { TerritoryPicker } from './TerritoryPicker';
import { Living } from './lazy-parts';
import type { MessageKey } from '../i18n';

export function FilterPanel() {
  const t = useT();
  const filters = useAppState((s) => s.filters);
  const hasFilters = useAppState(selectHasFilters);
  const embed = useAppState((s) => s.embed);
  const { clearFilters } = useActions();
  return (
    <section class="filters" aria-labelledby="filters-title">
      <h2 id="filters-title" class="visually-hidden">
        {t('filters.title')}
      </h2>
      <TerritoryPicker />
      <p class="rule" id="filter-rule">
        {t(filters.match === 'all' ? 'filters.ruleAll' : 'filters.ruleAny')}
      </p>
      <OpenFilter />
      {FACETS.map((facet) => (
        <FacetGroupBox facet={facet} selected={filters[facet.key]} key={facet.group} />
      ))}
      {/* For organisers, on the full map; `check=` still selects in an embed. */}
      {!embed && <Living part="check" />}
      {hasFilters && (
        <button type="button" class="button button-quiet" onClick={clearFilters}>
          {t('filters.clear')}
        </button>
      )}
    </section>
  );
}

const GROUP_TITLE: Record<FacetGroup, MessageKey> = {
  category: 'filters.category',
  role: 'filters.role',
  theme: 'filters.theme',
};

function FacetGroupBox({ facet, selected }: { facet: Facet; selected: readonly string[] }) {
  const { group, vocabulary: values } = facet;
  const t = useT();
  const counts = useAppState(selectCounts)[group] as Record<string, number>;
  // While the data loads, no count (nor a greyed option) rather than zeros.
  const loaded = useAppState((s) => s.dataset !== null);
  const { toggleOption: toggle, setFilters } = useActions();
  const match = useAppState((s) => s.filters.match);
  return (
    <fieldset class="facet" aria-describedby="filter-rule">
      <legend>{t(GROUP_TITLE[group])}</legend>
      {group === 'theme' && (
        <div class="match" role="radiogroup" aria-label={t('filters.matchLabel')}>
          {(['any', 'all'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="match"
                value={m}
                checked={match === m}
                onChange={() => setFilters({ match: m })}
              />
              {t(m === 'any' ? 'filters.matchAny' : 'filters.matchAll')}
            </label>
          ))}
        </div>
      )}
      <ul class="options">
        {values.map((value) => {
          const count = counts[value] ?? 0;
          const checked = selected.includes(value);
          const id = `f-${group}-${value}`;
          return (
            <li key={value} class={loaded && count === 0 && !checked ? 'option is-empty' : 'option'}>
              <input id={id} type="checkbox" checked={checked} onChange={() => toggle(group, value)} />
              <label for={id}>
                {group === 'category' && <CategoryBadge category={value as Category} />}
                <span class="option-name">{t(`${group}.${value}` as MessageKey)}</span>
                {/* An aria-label on a plain span is not read: the count is said in words to screen readers. */}
                {loaded && (
                  <span class="option-count" aria-hidden="true">
                    {t.number(count)}
                  </span>
                )}
                {loaded && <span class="visually-hidden">{t('filters.countIfSelected', { count })}</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
