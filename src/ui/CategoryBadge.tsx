import { CATEGORY_STYLE, textColorOn } from '../core/palette';
import type { Category } from '../core/vocab';

/** The category's colour and letter, so that colour is never the only cue. */
export function CategoryBadge({ category }: { category: Category }) {
  const { color, letter } = CATEGORY_STYLE[category];
  return (
    <span class="badge" aria-hidden="true" style={{ background: color, color: textColorOn(color) }}>
      {letter}
    </span>
  );
}
