import { useMemo } from 'preact/hooks';
import { BETWEENNESS_MAX_NODES, buildGraph } from '../geo/graph';
import { SUPRA_SCALES, territoryGraphStats } from '../geo/graph-measures';
import { selectActorsById, selectFiltered, selectNetworks, selectStatsColumns } from '../state/selectors';
import { indexActors, inTerritory } from '../core/filter';
import { useGraphLayout } from './graph-client';
import { useActions, useAppState, useT } from './hooks';
import type { TerritoryGraphStats } from '../geo/graph-measures';
import type { MessageKey } from '../i18n';

const TOP = 3;

/**
 * Network measures in `view=stats`, side by side for the territories, each
 * with its one-line definition: ties beyond the territory by scale, bridges,
 * isolated islands, communities and the actors with most betweenness. The
 * graph's measures are computed in the graph worker.
 */
export function GraphStats() {
  const t = useT();
  const actors = useAppState(selectFiltered);
  const networks = useAppState(selectNetworks);
  const territories = useAppState(selectStatsColumns);
  const admin = useAppState((s) => s.dataset?.admin);
  const byId = useAppState(selectActorsById);
  const { select } = useActions();
  const graph = useMemo(() => buildGraph(actors, networks), [actors, networks]);
  const { layout: measured, error } = useGraphLayout(graph, false);
  const current = measured && measured.graph === graph ? measured : null;

  const stats = useMemo(() => {
    if (!current) return null;
    const community = new Map(current.ids.map((id, i) => [id, current.result.community[i]!]));
    const betweenness = current.result.betweenness;
    // The same columns and membership test as the view's other figures (`territory=brest,dep:38`).
    const memberships = new Map(indexActors(actors, admin).map((a) => [a.feature.properties.id, a]));
    return territories.map((territory) => {
      const inside = (id: string) => {
        const m = memberships.get(id);
        return m !== undefined && inTerritory(m, territory.id);
      };
      const s = territoryGraphStats(graph, territory.id, { community }, inside);
      const top = betweenness
        ? current.ids
            .map((id, i) => ({ id, value: betweenness[i]! }))
            .filter(({ id, value }) => value > 0 && inside(id))
            .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1))
            .slice(0, TOP)
        : null;
      return { territory, s, top };
    });
  }, [current, graph, territories, actors, admin]);

  if (graph.order === 0) return null;
  const percent = (share: number) => t.number(share, { style: 'percent', maximumFractionDigits: 0 });
  const row = (key: string, label: string, definition: string, value: (s: TerritoryGraphStats) => string) => (
    <tr key={key}>
      <th scope="row">
        {label}
        <span class="stats-def">{definition}</span>
      </th>
      {stats?.map(({ territory, s }) => (
        <td key={territory.id}>{value(s)}</td>
      ))}
    </tr>
  );
  const count = (n: number, of: number) => `${t.number(n)} (${percent(of === 0 ? 0 : n / of)})`;
  return (
    <section class="graph-stats" aria-labelledby="graph-stats-title">
      <h3 id="graph-stats-title">{t('graph.measures.title')}</h3>
      <p class="rule">{t('graph.measures.intro')}</p>
      {!current || !stats ? (
        <p role="status">{error ? t('graph.failed', { detail: error }) : t('graph.computing')}</p>
      ) : (
        <>
          <p class="rule">
            {t('graph.m.partition', {
              count: t.number(current.result.communities),
              modularity: t.number(current.result.modularity, { maximumFractionDigits: 3 }),
            })}
          </p>
          <div class="stats-table-wrap">
            <table class="stats-table graph-stats-table">
              <caption class="visually-hidden">{t('graph.measures.title')}</caption>
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
                {row('supra', t('graph.m.supra'), t('graph.m.supra.def'), (s) => count(s.supraTied, s.actors))}
                {SUPRA_SCALES.map((scale) =>
                  row(
                    scale,
                    t('graph.m.byScale', { scale: t(`scale.${scale}` as MessageKey) }),
                    t('graph.m.byScale.def'),
                    (s) => count(s.tiedByScale[scale], s.actors),
                  ),
                )}
                {row('territoryBridges', t('graph.m.territoryBridges'), t('graph.m.territoryBridges.def'), (s) =>
                  t.number(s.territoryBridges.length),
                )}
                {row('scaleBridges', t('graph.m.scaleBridges'), t('graph.m.scaleBridges.def'), (s) =>
                  t.number(s.scaleBridges.length),
                )}
                {row(
                  'islands',
                  t('graph.m.islands'),
                  t('graph.m.islands.def'),
                  (s) => `${t.number(s.islands)} (${t.plural('graph.m.actors', s.islandActors)})`,
                )}
                {row('communities', t('graph.m.communities'), t('graph.m.communities.def'), (s) =>
                  t.number(s.communities),
                )}
              </tbody>
            </table>
          </div>
          <div class="stats-tops">
            {stats.map(({ territory, top }) => (
              <section key={territory.id}>
                <h4>
                  {t('graph.m.topBetweenness')} — {territory.name}
                </h4>
                <p class="stats-def">{t('graph.m.topBetweenness.def')}</p>
                {top === null ? (
                  <p class="empty">{t('graph.betweennessSkipped', { max: t.number(BETWEENNESS_MAX_NODES) })}</p>
                ) : top.length === 0 ? (
                  <p class="empty">{t('stats.none')}</p>
                ) : (
                  <ol class="ranking">
                    {top.map(({ id, value }) => (
                      <li key={id}>
                        <button type="button" class="link" onClick={() => select(id)}>
                          {byId.get(id)?.properties.name ?? id}
                        </button>{' '}
                        <span class="option-count">({t.number(value, { maximumFractionDigits: 1 })})</span>
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
