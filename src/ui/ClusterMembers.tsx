import { selectActorsById } from '../state/selectors';
import { useActions, useAppState, useT } from './hooks';

/** Actors at one spot that zooming cannot split. */
export function ClusterMembers() {
  const t = useT();
  const ids = useAppState((s) => s.clusterMembers);
  const actors = useAppState(selectActorsById);
  const { select, showClusterMembers } = useActions();
  if (!ids) return null;
  return (
    <section class="cluster-members" aria-labelledby="cluster-members-title">
      <h2 id="cluster-members-title">{t.plural('cluster.members', ids.length)}</h2>
      <button type="button" class="close" aria-label={t('cluster.close')} onClick={() => showClusterMembers(null)}>
        ×
      </button>
      <ul class="links">
        {ids.map((id) => (
          <li key={id}>
            <button
              type="button"
              class="link"
              onClick={() => {
                showClusterMembers(null);
                select(id);
              }}
            >
              {actors.get(id)?.properties.name ?? id}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
