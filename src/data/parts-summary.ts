/**
 * The shipped data's summary (`data/parts/summary.json`, src/data/parts.ts): how many actors each
 * département holds, by category, and where they are on average. The national view reads it at once
 * and draws those counts as clusters (src/map/summary-view.ts) while the whole file comes.
 */
import { CATEGORIES } from '../core/vocab';
import { PARTS_DIR, PARTS_SUMMARY } from './parts-names';

/** One département's count, as the national view draws it before the actors come. */
export interface SummaryArea {
  code: string;
  count: number;
  /** By category, in the order of `CATEGORIES`. */
  categories: number[];
  /** [longitude, latitude]: the mean position of its actors. */
  center: [number, number];
}

export interface ShippedSummary {
  /** Every actor of the shipped data: the sum of the areas' counts. */
  total: number;
  areas: SummaryArea[];
}

let reading: Promise<ShippedSummary | null> | null = null;
let asked: (reading: Promise<ShippedSummary | null>) => void = () => {};
const askedFor = new Promise<Promise<ShippedSummary | null>>((resolve) => {
  asked = resolve;
});

/** Starts reading the summary (once per page); null when there is none, or none that can be drawn exactly. */
export function readSummary(baseUrl: string): Promise<ShippedSummary | null> {
  if (!reading) {
    reading = fetch(`${baseUrl}data/${PARTS_DIR}/${PARTS_SUMMARY}`)
      .then((response) => (response.ok ? (response.json() as Promise<unknown>) : null))
      .then(drawableSummary)
      .catch(() => null);
    asked(reading);
  }
  return reading;
}

/** The summary the page reads (src/main.tsx decides whether it does): pending until it starts. */
export async function summaryOnPage(): Promise<ShippedSummary | null> {
  return askedFor.then((r) => r);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The summary's départements, when their counts are exactly the actors the page will show: every
 * entry of the file valid (`valid` = `total`, so none is left out when read), each in one
 * département with a position, each of a known category. Null otherwise: the page then draws the
 * actors only, as before.
 */
export function drawableSummary(json: unknown): ShippedSummary | null {
  if (!isObject(json) || !isCount(json.total) || json.valid !== json.total || !isObject(json.summary)) return null;
  const deps = json.summary.departements;
  if (!isObject(deps)) return null;
  const areas: SummaryArea[] = [];
  let sum = 0;
  for (const [code, area] of Object.entries(deps)) {
    if (!isObject(area) || !isCount(area.count) || !isObject(area.categories)) return null;
    const center = area.center;
    if (
      !Array.isArray(center) ||
      center.length !== 2 ||
      !center.every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      return null;
    const categories = CATEGORIES.map((c) => (area.categories as Record<string, unknown>)[c] ?? 0);
    if (!categories.every(isCount)) return null;
    const counts = categories as number[];
    // A category the app does not know would be a share the donut cannot draw.
    if (counts.reduce((a, b) => a + b, 0) !== area.count) return null;
    sum += area.count;
    areas.push({ code, count: area.count, categories: counts, center: center as [number, number] });
  }
  if (sum !== json.total || areas.length === 0) return null;
  return { total: json.total, areas };
}
