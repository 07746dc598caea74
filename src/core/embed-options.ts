/**
 * Options an organiser sets for an embedded map. They are URL parameters like
 * every other view setting, so the same link configures the full app and an
 * iframe; `embed=1` itself only switches to the compact chrome.
 */
import { contrast } from './palette';

/** Parts of the interface that can be shown or hidden. */
export const PANELS = ['search', 'filters', 'list', 'legend'] as const;
export type Panel = (typeof PANELS)[number];

export const EMBED_DEFAULTS = {
  /** Every panel shows unless `panels=` names a subset. */
  panels: PANELS as readonly Panel[],
  /** Interface accent colour (buttons, links, selected tabs); null keeps the default. */
  color: null as string | null,
  /** Size the builder proposes for the iframe, in CSS pixels or percent. */
  width: '100%',
  height: 600,
};

const HEX = /^[0-9a-f]{6}$/i;

/** `color=0b4f8a` (no `#`, which would start the URL's fragment). */
export function parseColor(value: string): string | null {
  return HEX.test(value) ? value.toLowerCase() : null;
}

/**
 * Whether an accent colour keeps white text readable (WCAG AA, 4.5:1):
 * buttons draw white on the accent, links draw the accent on white.
 */
export function isReadableAccent(hex: string): boolean {
  return contrast(`#${hex}`, '#FFFFFF') >= 4.5;
}

export interface SnippetOptions {
  /** The full URL of the view to embed (with `embed=1`). */
  url: string;
  /** Accessible title of the frame. */
  title: string;
  width: string;
  height: number;
}

/**
 * A ready `<iframe>` snippet: responsive (fills its column up to `width`),
 * titled for screen readers, lazy, no referrer, and sandboxed to what the map needs.
 */
export function iframeSnippet({ url, title, width, height }: SnippetOptions): string {
  const w = /^\d+$/.test(width) ? `${width}px` : width;
  return (
    `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" ` +
    `style="width: ${escapeAttribute(w)}; max-width: 100%; height: ${height}px; border: 0;" ` +
    `loading="lazy" referrerpolicy="no-referrer" allow="geolocation; clipboard-write" ` +
    `sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>`
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
