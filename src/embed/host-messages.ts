import { DEFAULT_URL_STATE, decodeUrl, encodeUrl } from '../core/url';
import { ID_PATTERN } from '../core/vocab';
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
 * - `{ type: 'archipel:set-filters', query: 'category=library&theme=training' }`: the same syntax as the URL
 *   (at most {@link MAX_QUERY_LENGTH} characters, else refused); values that are not understood are
 *   answered with `{ type: 'archipel:problems', problems }` (at most {@link MAX_PROBLEMS});
 * - `{ type: 'archipel:select', id }`: an id of the data shown (or null); any other id is ignored.
 *
 * Commands are coalesced: within one frame the latest `set-filters` and the latest `select` win,
 * so a page sending ten thousand a second costs one filter and one redraw a frame. Messages to the
 * host are coalesced the same way.
 *
 * Public data crosses (what the map shows anyway), so messages go to any origin; incoming messages
 * are taken only from the parent window. A file the person opened from their own computer is
 * private: while it is shown, nothing is sent to a host page of another origin, and its commands
 * are ignored, unless the person agreed (`shareWithHost`, a visible choice, see `EmbedShare`).
 */
export const MESSAGE_PREFIX = 'archipel:';
export const MAX_QUERY_LENGTH = 2000;
export const MAX_ID_LENGTH = 200;
export const MAX_PROBLEMS = 20;

/** The page around the map: its origin (when the browser tells it) and whether it is the map's own. */
export function hostPage(win: Window = window): { origin: string | null; sameOrigin: boolean } | null {
  const host = win.parent;
  if (!host || host === win) return null;
  let sameOrigin = false;
  try {
    sameOrigin = host.location.origin === win.location.origin;
  } catch {
    sameOrigin = false;
  }
  let origin: string | null = win.location.ancestorOrigins?.[0] ?? null;
  if (!origin && win.document.referrer) {
    try {
      origin = new URL(win.document.referrer).origin;
    } catch {
      origin = null;
    }
  }
  return { origin, sameOrigin };
}

export function bindHostMessages(store: AppStore, win: Window = window): () => void {
  const page = hostPage(win);
  if (!page) return () => {};
  const host = win.parent;
  /** Whether what the map shows may be told to the host page now. */
  const mayTell = () => {
    const s = store.getState();
    return s.previewFile === null || page.sameOrigin || s.shareWithHost;
  };
  const post = (message: Record<string, unknown>) => {
    if (mayTell()) host.postMessage(message, '*');
  };
  const filteredMessage = () => {
    const s = store.getState();
    const query = encodeUrl({ ...DEFAULT_URL_STATE, filters: s.filters });
    return { count: selectFiltered(s).length, total: s.dataset?.actors.length ?? 0, query };
  };

  // Once a frame at most (or after 50 ms when the frame does not come, as in a hidden iframe).
  let scheduled = false;
  let pendingQuery: string | null = null;
  let pendingSelect: { id: string | null } | null = null;
  let pendingFiltered = false;
  let pendingSelected = false;
  const flush = () => {
    if (!scheduled) return;
    scheduled = false;
    const commandsAllowed = mayTell();
    if (pendingQuery !== null && commandsAllowed) {
      const { state, problems } = decodeUrl(pendingQuery);
      store.getState().setFilters(state.filters);
      if (problems.length)
        post({
          type: 'archipel:problems',
          problems: problems.slice(0, MAX_PROBLEMS).map((p) => ({ param: p.param, value: p.value.slice(0, 100) })),
        });
    }
    if (pendingSelect !== null && commandsAllowed) {
      const s = store.getState();
      const id = pendingSelect.id;
      if (id === null || selectActorsById(s).has(id) || selectNetworksById(s).has(id)) s.select(id);
    }
    pendingQuery = null;
    pendingSelect = null;
    if (pendingFiltered && store.getState().status.phase === 'ready')
      post({ type: 'archipel:filtered', ...filteredMessage() });
    if (pendingSelected) {
      const s = store.getState();
      const id = s.selected;
      const actor = id ? selectActorsById(s).get(id) : undefined;
      const network = id ? selectNetworksById(s).get(id) : undefined;
      post({
        type: 'archipel:selected',
        id,
        name: actor?.properties.name ?? network?.name ?? null,
        kind: actor ? 'actor' : network ? 'network' : null,
      });
    }
    pendingFiltered = false;
    pendingSelected = false;
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    win.requestAnimationFrame(flush);
    win.setTimeout(flush, 50);
  };

  const offs = [
    store.subscribe(
      (s) => s.status.phase,
      (phase) => {
        if (phase === 'ready') post({ type: 'archipel:ready', ...filteredMessage() });
      },
    ),
    store.subscribe(selectFiltered, () => {
      pendingFiltered = true;
      schedule();
    }),
    store.subscribe(
      (s) => s.selected,
      () => {
        pendingSelected = true;
        schedule();
      },
    ),
  ];
  const onMessage = (event: MessageEvent) => {
    if (event.source !== host) return;
    const data = event.data as { type?: unknown; query?: unknown; id?: unknown } | null;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string' || !data.type.startsWith(MESSAGE_PREFIX))
      return;
    if (data.type === 'archipel:set-filters' && typeof data.query === 'string') {
      if (data.query.length > MAX_QUERY_LENGTH) {
        post({
          type: 'archipel:problems',
          problems: [{ param: 'query', value: `over ${MAX_QUERY_LENGTH} characters` }],
        });
        return;
      }
      pendingQuery = data.query;
      schedule();
    } else if (data.type === 'archipel:select') {
      const id = data.id;
      if (id !== null && (typeof id !== 'string' || id.length > MAX_ID_LENGTH || !ID_PATTERN.test(id))) return;
      pendingSelect = { id };
      schedule();
    }
  };
  win.addEventListener('message', onMessage);
  return () => {
    for (const off of offs) off();
    win.removeEventListener('message', onMessage);
    scheduled = false;
  };
}
