import { DEFAULT_URL_STATE, decodeUrl, encodeUrl } from '../core/url';
import { selectFiltered, selectActorsById, selectNetworksById } from '../state/selectors';
import type { AppStore } from '../state/store';

/**
 * Messages between an embedded map and the page that embeds it.
 *
 * Sent to the host page (`window.parent`):
 * - `{ type: 'archipel:ready', count, total }` once the data is shown;
 * - `{ type: 'archipel:selected', id, name, kind }` when an actor or network is opened (`id: null` when closed);
 * - `{ type: 'archipel:filtered', count, total, query }` when the filtered set changes (`query` is the URL query of the filters).
 *
 * Accepted from the host page:
 * - `{ type: 'archipel:set-filters', query: 'category=library&theme=training' }`: the same syntax as the URL;
 *   values that are not understood are answered with `{ type: 'archipel:problems', problems }`;
 * - `{ type: 'archipel:select', id }`.
 *
 * Only public data crosses (what the map shows anyway), so messages go to any
 * origin; incoming messages are taken only from the parent window.
 */
export const MESSAGE_PREFIX = 'archipel:';

export function bindHostMessages(store: AppStore, win: Window = window): () => void {
  const host = win.parent;
  if (!host || host === win) return () => {};
  const post = (message: Record<string, unknown>) => host.postMessage(message, '*');
  const filteredMessage = () => {
    const s = store.getState();
    const query = encodeUrl({ ...DEFAULT_URL_STATE, filters: s.filters });
    return { count: selectFiltered(s).length, total: s.dataset?.actors.length ?? 0, query };
  };
  const offs = [
    store.subscribe(
      (s) => s.status.phase,
      (phase) => {
        if (phase === 'ready') post({ type: 'archipel:ready', ...filteredMessage() });
      },
    ),
    store.subscribe(selectFiltered, () => {
      if (store.getState().status.phase === 'ready') post({ type: 'archipel:filtered', ...filteredMessage() });
    }),
    store.subscribe(
      (s) => s.selected,
      (id) => {
        const s = store.getState();
        const actor = id ? selectActorsById(s).get(id) : undefined;
        const network = id ? selectNetworksById(s).get(id) : undefined;
        post({
          type: 'archipel:selected',
          id,
          name: actor?.properties.name ?? network?.name ?? null,
          kind: actor ? 'actor' : network ? 'network' : null,
        });
      },
    ),
  ];
  const onMessage = (event: MessageEvent) => {
    if (event.source !== host) return;
    const data = event.data as { type?: unknown; query?: unknown; id?: unknown } | null;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string' || !data.type.startsWith(MESSAGE_PREFIX))
      return;
    if (data.type === 'archipel:set-filters' && typeof data.query === 'string') {
      const { state, problems } = decodeUrl(data.query.slice(0, 2000));
      store.getState().setFilters(state.filters);
      if (problems.length) post({ type: 'archipel:problems', problems });
    } else if (data.type === 'archipel:select' && (typeof data.id === 'string' || data.id === null)) {
      store.getState().select(data.id);
    }
  };
  win.addEventListener('message', onMessage);
  return () => {
    for (const off of offs) off();
    win.removeEventListener('message', onMessage);
  };
}
