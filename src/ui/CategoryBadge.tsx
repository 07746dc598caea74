import { CATEGORY_STYLE, textColorOn } from '../core/palette';
import type { Category } from '../core/vocab';
import { useT } from './hooks';

/**
 * The category's colour and letter, so that colour is never the only cue. The letter is the
 * initial of the category in the interface's language (`category.letter.*`): "M" for a
 * médiathèque in French, "L" for a library in English, as the map's markers draw it.
 */
export function CategoryBadge({ category }: { category: Category }) {
  const t = useT();
  const { color } = CATEGORY_STYLE[category];
  return (
    <span class="badge" aria-hidden="true" style={{ background: color, color: textColorOn(color) }}>
      {t(`category.letter.${category}`)}
    </span>
  );
}
