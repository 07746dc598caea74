/**
 * `<archipel-map>`: the embedded map as a custom element, published by the
 * build as one file (`archipel-map.js` beside `index.html`):
 *
 * ```html
 * <script type="module" src="https://your-host/archipel/archipel-map.js"></script>
 * <archipel-map territory="brest" theme="training" lang="en" height="500"></archipel-map>
 * ```
 *
 * Its attributes are the URL parameters (`category`, `role`, `theme`, `match`,
 * `q`, `territory`, `near`, `radius`, `open`, `selected`, `view`, `links`,
 * `map`, `lang`, `panels`, `color`, `data`), plus `height` (CSS length,
 * default 600px), `title` (the frame's accessible name; default: the map's, in
 * its language) and `src` (the app's address; default: beside this script).
 * It draws an iframe of the app (`?embed=1&…`) inside a shadow root, so the
 * host page's styles and the map's never meet, and it works several times per
 * page and under a strict Content-Security-Policy (no inline style or script).
 *
 * It fires, on itself (bubbling, crossing shadow roots), the messages of the
 * postMessage API (`src/embed/host-messages.ts`) as `CustomEvent`s with the
 * same payload as `detail`: `archipel:ready`, `archipel:filtered`,
 * `archipel:selected`, `archipel:problems`. Methods `setFilters(query)` and
 * `select(id)` send the same commands. A filter attribute changed after the
 * map is ready is sent as a command (no reload); any other change reloads the frame.
 *
 * Kept tiny and free of the app's code: it imports only the frame titles.
 */
import { FRAME_TITLE } from '../i18n/frame-title';

/** Attributes that change the filters only: sent to a ready map as a command. */
const FILTER_PARAMS = ['category', 'role', 'theme', 'match', 'q', 'territory'] as const;
/** Attributes that need the frame to load another address. */
const FRAME_PARAMS = [
  'near',
  'radius',
  'open',
  'selected',
  'view',
  'links',
  'map',
  'lang',
  'panels',
  'color',
  'data',
] as const;

/** The app's folder: this script ships beside its `index.html`. */
const DEFAULT_SRC = new URL(/* @vite-ignore */ './', import.meta.url).href;

export class ArchipelMapElement extends HTMLElement {
  static observedAttributes = [...FILTER_PARAMS, ...FRAME_PARAMS, 'height', 'title', 'src'];

  private readonly frame: HTMLIFrameElement;
  /** What the frame was loaded with: its address without the filters, and the filters' query. */
  private loaded: { base: string; filters: string } | null = null;
  private ready = false;
  /** Commands given before the map was ready, sent once it is. */
  private queue: Record<string, unknown>[] = [];
  private scheduled = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.frame = document.createElement('iframe');
    // Styles through the CSSOM, allowed by `style-src 'self'` (inline <style> and style="" are not).
    Object.assign(this.frame.style, { display: 'block', width: '100%', border: '0' });
    this.frame.setAttribute('allow', 'geolocation; clipboard-write');
    this.frame.setAttribute('referrerpolicy', 'no-referrer');
    root.append(this.frame);
  }

  connectedCallback(): void {
    if (!this.style.display) this.style.display = 'block';
    window.addEventListener('message', this.onMessage);
    this.update();
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
  }

  attributeChangedCallback(): void {
    if (!this.isConnected || this.scheduled) return;
    // Several attributes set in a row make one update.
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.update();
    });
  }

  /** Sets the filters, in the URL's syntax (`category=library&theme=training`). */
  setFilters(query: string): void {
    this.send({ type: 'archipel:set-filters', query });
  }

  /** Opens an actor or a network by id; null closes it. */
  select(id: string | null): void {
    this.send({ type: 'archipel:select', id });
  }

  private query(names: readonly string[]): string {
    const params = new URLSearchParams();
    for (const name of names) {
      const value = this.getAttribute(name);
      if (value !== null) params.set(name, value);
    }
    return params.toString();
  }

  private update(): void {
    const lang = this.getAttribute('lang') === 'en' || (!this.getAttribute('lang') && browserPrefersEnglish());
    this.frame.title = this.getAttribute('title') ?? FRAME_TITLE[lang ? 'en' : 'fr'];
    this.frame.style.height = this.getAttribute('height')?.replace(/^(\d+)$/, '$1px') || '600px';
    const src = new URL(this.getAttribute('src') ?? DEFAULT_SRC, window.location.href).href.split(/[?#]/)[0]!;
    const frameQuery = this.query(FRAME_PARAMS);
    const base = `${src}?embed=1${frameQuery ? `&${frameQuery}` : ''}`;
    const filters = this.query(FILTER_PARAMS);
    if (this.loaded && this.loaded.base === base) {
      if (this.loaded.filters !== filters) {
        this.loaded = { base, filters };
        this.setFilters(filters);
      }
      return;
    }
    this.loaded = { base, filters };
    this.ready = false;
    this.frame.src = `${base}${filters ? `&${filters}` : ''}`;
  }

  private send(message: Record<string, unknown>): void {
    const target = this.frame.contentWindow;
    if (!this.ready || !target) {
      this.queue.push(message);
      return;
    }
    target.postMessage(message, new URL(this.frame.src).origin);
  }

  private readonly onMessage = (event: MessageEvent): void => {
    // Only this element's own frame: several maps on one page each hear their own.
    if (event.source !== this.frame.contentWindow) return;
    const data = event.data as { type?: unknown } | null;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string' || !data.type.startsWith('archipel:'))
      return;
    if (data.type === 'archipel:ready') {
      this.ready = true;
      const queued = this.queue;
      this.queue = [];
      for (const message of queued) this.send(message);
    }
    this.dispatchEvent(new CustomEvent(data.type, { detail: data, bubbles: true, composed: true }));
  };
}

function browserPrefersEnglish(): boolean {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = tag.slice(0, 2).toLowerCase();
    if (lang === 'fr') return false;
    if (lang === 'en') return true;
  }
  return false;
}

if (!customElements.get('archipel-map')) customElements.define('archipel-map', ArchipelMapElement);
