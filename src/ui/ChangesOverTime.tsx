import { useEffect, useMemo, useState } from 'preact/hooks';
import { joinedAndLeft } from '../data/sync';
import type { Changelog } from '../data/sync';
import { selectNetworksById, selectTerritoriesById } from '../state/selectors';
import { useAppState, useT } from './hooks';

type Loaded = { state: 'loading' } | { state: 'none' } | { state: 'ready'; logs: Changelog[] };

/** The changelogs `npm run sync` publishes with the data (`data/changelog/`), fetched once per page. */
let cache: Promise<Changelog[] | null> | null = null;
function loadChangelogs(): Promise<Changelog[] | null> {
  cache ??= (async () => {
    const base = `${import.meta.env.BASE_URL}data/changelog/`;
    const index = await fetch(`${base}index.json`).catch(() => null);
    if (!index?.ok) return null;
    const dates = (await index.json().catch(() => [])) as unknown;
    if (!Array.isArray(dates)) return null;
    const logs = await Promise.all(
      dates
        .filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))
        .map((d) =>
          fetch(`${base}${d}.json`)
            .then((r) => (r.ok ? (r.json() as Promise<Changelog>) : null))
            .catch(() => null),
        ),
    );
    return logs.filter((l): l is Changelog => l !== null && Array.isArray(l.changes) && typeof l.date === 'string');
  })();
  return cache;
}

/**
 * Who joined and who left, per network and per territory, between two
 * dates: only what the sync changelogs record, nothing inferred.
 */
export function ChangesOverTime() {
  const t = useT();
  const networks = useAppState(selectNetworksById);
  const territories = useAppState(selectTerritoriesById);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    let alive = true;
    loadChangelogs().then((logs) => {
      if (!alive) return;
      if (!logs || logs.length === 0) return setLoaded({ state: 'none' });
      const dates = logs.map((l) => l.date).sort();
      setFrom(dates[0]!);
      setTo(dates.at(-1)!);
      setLoaded({ state: 'ready', logs });
    });
    return () => {
      alive = false;
    };
  }, []);
  const movements = useMemo(
    () => (loaded.state === 'ready' ? joinedAndLeft(loaded.logs, from, to) : null),
    [loaded, from, to],
  );
  if (loaded.state === 'loading') return null;
  return (
    <section class="changes" aria-labelledby="changes-title">
      <h3 id="changes-title">{t('changes.title')}</h3>
      {loaded.state === 'none' || !movements ? (
        <p class="rule">{t('changes.none')}</p>
      ) : (
        <>
          <div class="changes-dates">
            <label>
              {t('changes.from')} <input type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            </label>{' '}
            <label>
              {t('changes.to')} <input type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            </label>
          </div>
          <p class="rule">
            {t('changes.note', {
              count: movements.dates.length,
              first: movements.dates[0] ?? from,
              last: movements.dates.at(-1) ?? to,
            })}
          </p>
          {movements.groups.length === 0 ? (
            <p>{t('changes.empty')}</p>
          ) : (
            <table class="stats-table changes-table">
              <thead>
                <tr>
                  <th scope="col">{t('changes.group')}</th>
                  <th scope="col">{t('changes.joined')}</th>
                  <th scope="col">{t('changes.left')}</th>
                </tr>
              </thead>
              <tbody>
                {movements.groups.map((g) => (
                  <tr key={`${g.kind}:${g.group}`}>
                    <th scope="row">
                      {g.kind === 'network'
                        ? (networks.get(g.group)?.name ?? g.group)
                        : (territories.get(g.group)?.name ?? g.group)}
                    </th>
                    <td>{g.joined.length > 0 ? `${t.number(g.joined.length)} — ${g.joined.join(', ')}` : '0'}</td>
                    <td>{g.left.length > 0 ? `${t.number(g.left.length)} — ${g.left.join(', ')}` : '0'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
