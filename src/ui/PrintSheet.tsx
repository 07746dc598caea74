import { useMemo } from 'preact/hooks';
import qrcode from 'qrcode-generator';
import { encodeUrl } from '../core/url';
import { describeSelection } from '../export/provenance';
import { selectFiltered, selectNearestIndex, selectTerritories } from '../state/selectors';
import { urlStateOf } from '../state/store';
import { firstK } from '../data/first';
import { formatDistance } from '../data/format';
import { haversineKm } from '../geo/distance';
import { directionsUrl } from './directions';
import { useActions, useAppState, useStore, useT } from './hooks';
import type { ActorFeature } from '../core/types';
import type { HoursEvaluator } from '../state/store';
import type { Translator } from '../i18n';
import './PrintSheet.css';

/** How many places a sheet lists: one A4 page or two. */
export const PRINT_LIMIT = 12;

/**
 * An orientation sheet to take away (`view=print`): the places around the chosen point (nearest
 * first) or of the list, with address, phone, the week's hours in words and a link for
 * directions; a small map of them; and a QR code back to the same list on a phone. Printed on
 * A4 by the browser (also to PDF); the app's chrome is left out of the print.
 */
export function PrintSheet() {
  const t = useT();
  const store = useStore();
  const actors = useAppState(selectFiltered);
  const index = useAppState(selectNearestIndex);
  const near = useAppState((s) => s.near);
  const nearLabel = useAppState((s) => s.nearLabel);
  const hours = useAppState((s) => s.hours);
  const now = useAppState((s) => s.now);
  const territories = useAppState(selectTerritories);
  const lang = useAppState((s) => s.activeLang);
  const { setView } = useActions();
  const rows = useMemo((): { actor: ActorFeature; km?: number }[] => {
    if (near) {
      const shown = new Set(actors);
      return index.nearest(near.lat, near.lon, PRINT_LIMIT, Infinity, (a) => shown.has(a));
    }
    const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    return firstK(actors, PRINT_LIMIT, (a, b) => collator.compare(a.properties.name, b.properties.name)).map(
      (actor) => ({ actor }),
    );
  }, [actors, index, near, lang]);
  const state = urlStateOf(store.getState());
  const link = backLink(state);
  const selection = describeSelection(state, t, territories);
  return (
    <article class="print-sheet" aria-labelledby="print-title">
      <div class="print-actions">
        <button type="button" class="button" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        <button type="button" class="button button-quiet" onClick={() => setView('list')}>
          {t('print.back')}
        </button>
      </div>
      <header class="print-head">
        <div>
          <h2 id="print-title">{t('print.title')}</h2>
          <p class="print-selection">{selection}</p>
          {near && <p class="print-near">{t('near.chosen', { place: nearLabel ?? `${near.lat}, ${near.lon}` })}</p>}
          <p class="print-count">
            {actors.length > rows.length
              ? t('print.someOf', { shown: rows.length, total: actors.length })
              : t.plural('count.actors', actors.length)}
          </p>
        </div>
        <figure class="print-qr">
          <QrCode text={link} label={t('print.qrLabel')} />
          <figcaption>{t('print.qr')}</figcaption>
        </figure>
      </header>
      {rows.length > 0 && <SheetMap rows={rows.map((r) => r.actor)} near={near} label={t('print.mapLabel')} />}
      <ol class="print-list">
        {rows.map(({ actor, km }, i) => (
          <PrintItem key={actor.properties.id} actor={actor} n={i + 1} km={km} hours={hours} now={now} t={t} />
        ))}
      </ol>
      <p class="print-foot">{t('print.foot', { date: new Date(now).toLocaleDateString(lang) })}</p>
    </article>
  );
}

/** The same selection as the list, for a phone: the URL with `view=list` (no map position, no selection). */
export function backLink(state: ReturnType<typeof urlStateOf>): string {
  const query = encodeUrl({ ...state, view: 'list', map: null, selected: null });
  const url = new URL(window.location.href);
  url.search = query;
  url.hash = '';
  return url.href;
}

function PrintItem(props: {
  actor: ActorFeature;
  n: number;
  km: number | undefined;
  hours: HoursEvaluator | null;
  now: number;
  t: Translator;
}) {
  const { actor, n, km, hours, now, t } = props;
  const p = actor.properties;
  const [lon, lat] = actor.geometry.coordinates;
  const week = hours && p.opening_hours ? hours.weekSchedule(p.opening_hours, new Date(now)) : null;
  return (
    <li class="print-item">
      <h3>
        <span class="print-n">{n}</span> {p.name}
        {km !== undefined && <span class="print-km"> · {formatDistance(km, t.lang)}</span>}
      </h3>
      <p>
        {p.address}, {p.postcode} {p.commune}
        {p.phone && (
          <>
            {' · '}
            {t('detail.phone')} {p.phone}
          </>
        )}
      </p>
      {week && hours ? (
        <p class="print-hours">
          {week
            .map((day) => `${hours.weekdayName(day.date, t.lang, 'short')} ${hours.describeDay(day.intervals, t)}`)
            .join(' · ')}
        </p>
      ) : (
        <p class="print-hours">{p.opening_hours ?? t('hours.none')}</p>
      )}
      <p class="print-directions">
        <a href={directionsUrl(lat, lon, p.name, false)}>{t('print.directions')}</a>
      </p>
    </li>
  );
}

/** A QR code drawn as SVG squares (text of our own making: the URL of the view). */
function QrCode({ text, label }: { text: string; label: string }) {
  const code = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    return qr;
  }, [text]);
  const n = code.getModuleCount();
  const margin = 4;
  const cells: string[] = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (code.isDark(r, c)) cells.push(`M${c + margin} ${r + margin}h1v1h-1z`);
  const size = n + margin * 2;
  return (
    <svg
      class="qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-text={text}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}

/** A small map of the listed places: numbered dots in their true relative positions, the chosen point as a ring. */
function SheetMap({
  rows,
  near,
  label,
}: {
  rows: ActorFeature[];
  near: { lat: number; lon: number } | null;
  label: string;
}) {
  const points = rows.map((a) => a.geometry.coordinates);
  if (near) points.push([near.lon, near.lat]);
  const lats = points.map((p) => p[1]);
  const lons = points.map((p) => p[0]);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const west = Math.min(...lons);
  const north = Math.max(...lats);
  const spanX = Math.max((Math.max(...lons) - west) * k, 0.002);
  const spanY = Math.max(north - Math.min(...lats), 0.002);
  const W = 600;
  const H = 260;
  const pad = 22;
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const x = (lon: number) => pad + (lon - west) * k * scale + (W - 2 * pad - spanX * scale) / 2;
  const y = (lat: number) => pad + (north - lat) * scale + (H - 2 * pad - spanY * scale) / 2;
  // A scale bar: the largest round distance under a fifth of the width.
  const kmAcross = haversineKm([west, midLat], [west + spanX / k, midLat]) * ((W - 2 * pad) / (spanX * scale));
  const bar = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].filter((d) => d <= kmAcross / 5).pop() ?? 0.1;
  const barPx = (bar / kmAcross) * (W - 2 * pad);
  return (
    <svg class="print-map" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <rect width={W} height={H} fill="#f4f1ea" stroke="#999" />
      {near && <circle cx={x(near.lon)} cy={y(near.lat)} r={9} fill="none" stroke="#c00" stroke-width={3} />}
      {rows.map((a, i) => {
        const [lon, lat] = a.geometry.coordinates;
        return (
          <g key={a.properties.id}>
            <circle cx={x(lon)} cy={y(lat)} r={9} fill="#1d3557" stroke="#fff" stroke-width={1.5} />
            <text x={x(lon)} y={y(lat) + 4} text-anchor="middle" font-size="11" font-weight="700" fill="#fff">
              {i + 1}
            </text>
          </g>
        );
      })}
      <line x1={pad} y1={H - 10} x2={pad + barPx} y2={H - 10} stroke="#333" stroke-width={2} />
      <text x={pad + barPx + 6} y={H - 6} font-size="11" fill="#333">
        {bar < 1 ? `${bar * 1000} m` : `${bar} km`}
      </text>
    </svg>
  );
}
