import { CATEGORIES } from '../core/vocab';
import type { Category } from '../core/vocab';
import { CATEGORY_STYLE, textColorOn } from '../core/palette';

/** Steps a cluster's share of each category is rounded to, for the donut image. */
export const DONUT_STEPS = 24;

/** Cluster sizes in CSS pixels, by number of actors (upper bounds). */
export const DONUT_SIZES = [
  { key: 's', below: 10, px: 34 },
  { key: 'm', below: 100, px: 42 },
  { key: 'l', below: 1000, px: 52 },
  { key: 'xl', below: Infinity, px: 62 },
] as const;

export const MARKER_PX = 24;

/** Image id of an actor's marker: `actor-fablab`. */
export const markerImageId = (category: Category) => `actor-${category}`;

/**
 * Parses a donut image id `donut-m-3-0-…` (size key then one rounded share per
 * category) as made by the cluster layer's `icon-image` expression.
 */
export function parseDonutId(id: string): { px: number; shares: number[] } | null {
  const parts = id.split('-');
  if (parts[0] !== 'donut' || parts.length !== 2 + CATEGORIES.length) return null;
  const size = DONUT_SIZES.find((s) => s.key === parts[1]);
  const shares = parts.slice(2).map(Number);
  if (!size || shares.some((n) => !Number.isInteger(n) || n < 0)) return null;
  return { px: size.px, shares };
}

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** One canvas per size, drawn again for each image: making a canvas costs 5 to 45 ms, clearing one nothing. */
const canvases = new Map<number, Ctx>();

/**
 * A square canvas of `px` CSS pixels at `ratio`, cleared, for an image read back once into
 * MapLibre (the canvas is the next image's: read it before asking for another of its size).
 */
export function imageCanvas(px: number, ratio: number): { ctx: Ctx; size: number } {
  const size = Math.ceil(px * ratio);
  let ctx = canvases.get(size);
  if (ctx) {
    // Back to the state saved when it was made (transform, styles), then cleared.
    ctx.restore();
    ctx.save();
    ctx.clearRect(0, 0, size, size);
  } else {
    const c =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(size, size)
        : Object.assign(document.createElement('canvas'), { width: size, height: size });
    // The pixels are read back (getImageData): tell the browser, so it keeps them in memory.
    ctx = c.getContext('2d', { willReadFrequently: true }) as Ctx;
    ctx.save();
    canvases.set(size, ctx);
  }
  ctx.scale(ratio, ratio);
  return { ctx, size };
}

/**
 * A ring split by category share around a white disc (the count is drawn by a
 * text layer on top, so one image serves every count of that composition).
 */
export function drawDonut(px: number, shares: readonly number[], ratio: number): ImageData {
  const { ctx, size } = imageCanvas(px, ratio);
  const r = px / 2;
  const total = shares.reduce((a, b) => a + b, 0) || 1;
  const ring = Math.max(5, px * 0.2);
  let angle = -Math.PI / 2;
  shares.forEach((share, i) => {
    if (share === 0) return;
    const end = angle + (share / total) * Math.PI * 2;
    ctx.beginPath();
    ctx.moveTo(r, r);
    ctx.arc(r, r, r - 1, angle, end);
    ctx.closePath();
    ctx.fillStyle = CATEGORY_STYLE[CATEGORIES[i]!].color;
    ctx.fill();
    angle = end;
  });
  ctx.beginPath();
  ctx.arc(r, r, r - ring, 0, Math.PI * 2);
  ctx.fillStyle = '#FFFFFF';
  ctx.fill();
  ctx.beginPath();
  ctx.arc(r, r, r - 1, 0, Math.PI * 2);
  ctx.strokeStyle = 'rgba(0,0,0,0.55)';
  ctx.lineWidth = 1;
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}

/** An actor marker: a disc in the category colour with its letter (the language's initial), and a white rim. */
export function drawMarker(
  category: Category,
  ratio: number,
  fontFamily: string,
  letter = CATEGORY_STYLE[category].letter,
): ImageData {
  const px = MARKER_PX;
  const { ctx, size } = imageCanvas(px, ratio);
  const r = px / 2;
  const { color } = CATEGORY_STYLE[category];
  ctx.beginPath();
  ctx.arc(r, r, r - 1.5, 0, Math.PI * 2);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#FFFFFF';
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(r, r, r - 0.5, 0, Math.PI * 2);
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgba(0,0,0,0.6)';
  ctx.stroke();
  ctx.fillStyle = textColorOn(color);
  ctx.font = `700 ${Math.round(px * 0.55)}px ${fontFamily}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(letter, r, r + 1);
  return ctx.getImageData(0, 0, size, size);
}
