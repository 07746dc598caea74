import type { Category } from './vocab';

/**
 * Category colours: Paul Tol's "muted" qualitative scheme, made to stay
 * distinct for colour-blind readers; each is paired with a letter so that
 * colour is never the only cue. The letters here are the French initials, for
 * code with no language at hand; the interface and the map draw the initial of
 * the category in their language (`category.letter.*` in `src/i18n/`).
 */
export const CATEGORY_STYLE: Record<Category, { color: string; letter: string }> = {
  fablab: { color: '#CC6677', letter: 'F' },
  library: { color: '#332288', letter: 'M' },
  'internet-access': { color: '#DDCC77', letter: 'P' },
  'social-centre': { color: '#117733', letter: 'S' },
  'third-place': { color: '#88CCEE', letter: 'T' },
  association: { color: '#882255', letter: 'A' },
  hoster: { color: '#44AA99', letter: 'H' },
  'public-body': { color: '#999933', letter: 'C' },
  academic: { color: '#AA4499', letter: 'U' },
  company: { color: '#6B6B6B', letter: 'E' },
};

/** Text colour with at least 4.5:1 contrast on the given background. */
export function textColorOn(hex: string): '#000000' | '#FFFFFF' {
  return contrast(hex, '#000000') >= contrast(hex, '#FFFFFF') ? '#000000' : '#FFFFFF';
}

export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}
