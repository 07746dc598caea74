/**
 * How the archipelago's marks are drawn: the map's layers (`archipelago.ts`) and the legend
 * (`ui/LegendMarks.tsx`) both read these, so the legend cannot drift from the map. No imports:
 * the legend is first-load code.
 */

/** Link colours (Okabe–Ito, readable by colour-blind people); partnerships are also dashed (in line widths). */
export const LINK_STYLE = {
  membership: { color: '#0072B2' },
  partnership: { color: '#D55E00', dash: [2, 1.5] },
  'network-membership': { color: '#7A4A8C' },
} as const;

/** Links are drawn see-through, over the basemap and under the actors. */
export const LINK_OPACITY = 0.55;

/** The network markers' colour (one for every scale) and the diamond's size. */
export const NETWORK_STYLE = { color: '#1A1A1A', px: 22 } as const;

/** An island: a soft hull around a territory's actors. */
export const ISLAND_STYLE = {
  fill: '#E8C872',
  fillOpacity: 0.22,
  /** From zoom 15, where the streets under an island must stay readable. */
  streetFillOpacity: 0.06,
  outline: '#9C7A1E',
  outlineOpacity: 0.7,
} as const;
