import './StatsView.css';
import { ChangesOverTime } from './ChangesOverTime';
import { useMemo } from 'preact/hooks';
import { territoryStats } from '../geo/stats';
import { CATEGORIES, SCALES, THEMES } from '../core/vocab';
import { selectFiltered, selectNetworks, selectStatsColumns } from '../state/selectors';
import { indexActors, inTerritory } from '../core/filter';
import { useActions, useAppState, useT } from './hooks';
import { GraphStats } from './GraphStats';
import type { MessageKey } from '../i18n';
import type { TerritoryStats } from '../geo/stats';

/**
 * Territory statistics for researchers, side by side, on the filtered actors:
 * who is there, how many are tied to a network, at which scale, and the most
 * connected actors and networks.
 */
export function StatsView() {
  const t = useT();
  const actors = useAppState(selectFiltered);
  const networks = useAppState(selectNetworks);
  const territories = useAppState(selectStatsColumns);
  const admin = useAppState((s) => s.dataset?.admin);
  const { select } = useActions();
  const stats = useMemo(() => {
    // Which territories each actor is in, once: columns are any territories (`territory=brest,dep:38`).
    const memberships = new Map(indexActors(actors, admin).map((a) => [a.feature, a]));
    return territories.map((territory) => ({
      territory,
      stats: territoryStats(actors, networks, (a) => inTerritory(memberships.get(a)!, territory.id)),
    }));
  }, [actors, networks, territories, admin]);
  /** A count with its share of the column's actors: "12 (30 %)". */
  const withShare = (n: number, s: TerritoryStats) =>
    s.actors > 0 ? `${t.number(n)} (${percent(n / s.actors)})` : '0';
  const percent = (share: number) => t.number(share, { style: 'percent', maximumFractionDigits: 0 });
  const row = (label: string, value: (s: TerritoryStats) => string | number, key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      {stats.map(({ territory, stats: s }) => {
        const v = value(s);
        return <td key={territory.id}>{typeof v === 'number' ? t.number(v) : v}</td>;
      })}
    </tr>
  );
  return (
    <article class="stats" aria-labelledby="stats-title">
      <h2 id="stats-title">{t('stats.title')}</h2>
      <p class="rule">{t('stats.followsFilters', { count: actors.length })}</p>
      <div class="stats-table-wrap">
        <table class="stats-table">
          <caption class="visually-hidden">{t('stats.title')}</caption>
          <thead>
            <tr>
              <td />
              {stats.map(({ territory }) => (
                <th scope="col" key={territory.id}>
                  {territory.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {row(t('stats.actors'), (s) => s.actors, 'actors')}
            {row(t('stats.linked'), (s) => `${t.number(s.linkedActors)} (${percent(s.linkedShare)})`, 'linked')}
            <tr class="stats-group">
              <th scope="rowgroup" colSpan={stats.length + 1}>
                {t('stats.linksByScale')}
              </th>
            </tr>
            {SCALES.map((scale) => row(t(`stats.scale.${scale}` as MessageKey), (s) => s.linksByScale[scale], scale))}
            <tr class="stats-group">
              <th scope="rowgroup" colSpan={stats.length + 1}>
                {t('filters.category')}
              </th>
            </tr>
            {CATEGORIES.map((c) => row(t(`category.${c}` as MessageKey), (s) => withShare(s.byCategory[c], s), c))}
            <tr class="stats-group">
              <th scope="rowgroup" colSpan={stats.length + 1}>
                {t('filters.theme')}
              </th>
            </tr>
            {THEMES.map((theme) =>
              row(t(`theme.${theme}` as MessageKey), (s) => withShare(s.byTheme[theme], s), theme),
            )}
          </tbody>
        </table>
      </div>
      <ChangesOverTime />
      <div class="stats-tops">
        {stats.map(({ territory, stats: s }) => (
          <section key={territory.id}>
            <h3>{territory.name}</h3>
            <h4>{t('stats.topActors')}</h4>
            <Ranking
              items={s.topActors}
              onOpen={select}
              empty={t('stats.none')}
              unit={(n) => t.plural('stats.links', n)}
            />
            <h4>{t('stats.topNetworks')}</h4>
            <Ranking
              items={s.topNetworks}
              onOpen={select}
              empty={t('stats.none')}
              unit={(n) => t.plural('stats.members', n)}
            />
          </section>
        ))}
      </div>
      <GraphStats />
    </article>
  );
}

function Ranking({
  items,
  onOpen,
  empty,
  unit,
}: {
  items: readonly { id: string; name: string; degree: number }[];
  onOpen: (id: string) => void;
  empty: string;
  unit: (n: number) => string;
}) {
  if (items.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ol class="ranking">
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" class="link" onClick={() => onOpen(item.id)}>
            {item.name}
          </button>{' '}
          <span class="option-count">({unit(item.degree)})</span>
        </li>
      ))}
    </ol>
  );
}
