import { CATEGORY_STYLE } from '../core/palette';
import { CATEGORIES } from '../core/vocab';
import { ISLAND_STYLE, LINK_OPACITY, LINK_STYLE, NETWORK_STYLE } from '../map/marks';
import { useT } from './hooks';
import type { MessageKey } from '../i18n';

/** The width links are drawn at in the legend (the map's thinnest link is 1.6 px). */
const LINK_PX = 3;

/**
 * The marks of the map other than the actors' colours, each drawn from the constants the map's
 * layers use (`map/marks.ts`): the legend cannot say one thing while the map draws another.
 */
export function LegendMarks() {
  const t = useT();
  const link = (kind: keyof typeof LINK_STYLE, label: MessageKey) => {
    const style = LINK_STYLE[kind];
    const dash = 'dash' in style ? style.dash.map((d) => d * LINK_PX).join(' ') : undefined;
    return (
      <li class="legend-mark" data-mark={`link-${kind}`}>
        <svg width="28" height="14" aria-hidden="true">
          <line
            x1="2"
            y1="7"
            x2="26"
            y2="7"
            stroke={style.color}
            stroke-width={LINK_PX}
            stroke-opacity={LINK_OPACITY}
            stroke-dasharray={dash}
          />
        </svg>
        <span>{t(label)}</span>
      </li>
    );
  };
  const diamond = (filled: boolean, label: MessageKey) => {
    const px = NETWORK_STYLE.px;
    const r = px / 2;
    const inset = 3;
    return (
      <li class="legend-mark" data-mark={filled ? 'network-seat' : 'network-members'}>
        <svg width="28" height={px} viewBox={`-3 0 ${px + 6} ${px}`} aria-hidden="true">
          <polygon
            points={`${r},${inset} ${px - inset},${r} ${r},${px - inset} ${inset},${r}`}
            fill={filled ? NETWORK_STYLE.color : '#FFFFFF'}
            stroke={NETWORK_STYLE.color}
            stroke-width="2"
          />
        </svg>
        <span>{t(label)}</span>
      </li>
    );
  };
  // A cluster's ring, as `map/images.ts` draws it: its categories' colours around a white centre.
  const ring = CATEGORIES.slice(0, 4).map((category, i) => (
    <circle
      key={category}
      r="8"
      cx="14"
      cy="11"
      fill="none"
      stroke={CATEGORY_STYLE[category].color}
      stroke-width="5"
      pathLength="4"
      stroke-dasharray="1 3"
      stroke-dashoffset={-i}
    />
  ));
  return (
    <div class="legend-marks">
      <h3 class="legend-subtitle">{t('legend.marks')}</h3>
      <ul>
        <li class="legend-mark" data-mark="cluster">
          <svg width="28" height="22" aria-hidden="true">
            {ring}
          </svg>
          <span>{t('legend.cluster')}</span>
        </li>
        {link('membership', 'legend.link.membership')}
        {link('partnership', 'legend.link.partnership')}
        {link('network-membership', 'legend.link.network')}
        {diamond(true, 'legend.network.seat')}
        {diamond(false, 'legend.network.members')}
        <li class="legend-mark" data-mark="island">
          <svg width="28" height="16" aria-hidden="true">
            <rect
              x="2"
              y="2"
              width="24"
              height="12"
              rx="6"
              fill={ISLAND_STYLE.fill}
              fill-opacity={ISLAND_STYLE.fillOpacity}
              stroke={ISLAND_STYLE.outline}
              stroke-opacity={ISLAND_STYLE.outlineOpacity}
              stroke-width="1.2"
            />
          </svg>
          <span>{t('legend.island')}</span>
        </li>
      </ul>
    </div>
  );
}
