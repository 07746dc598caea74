/**
 * The export door: what the app's export button and `npm run export` both
 * call, so that one URL gives one file whichever writes it.
 */
import { minuteOf } from '../core/time';
import { selectActors } from '../data/select';
import type { FreshnessModule, HoursEvaluator } from '../data/select';
import { toGeoJSON } from './geojson';
import { provenanceFileName, toCsv, toProvenanceJson } from './csv';
import { buildProvenance } from './provenance';
import { toLinksGeoJSON } from './links';
import { toEdgesCsv, toGexf, toGraphml, toNodesCsv } from './graph';
import type { ActorFeature, Dataset } from '../core/types';
import type { UrlState } from '../core/url';
import type { Provenance } from './provenance';

export { toGeoJSON } from './geojson';
export { toCsv, provenanceFileName, toProvenanceJson } from './csv';
export {
  buildProvenance,
  describeFilters,
  exportDate,
  exportQuery,
  isExportDate,
  summariseSources,
} from './provenance';
export type { Provenance, ProvenanceInput } from './provenance';

/**
 * The formats written: the actors as GeoJSON or CSV, their archipelago links as GeoJSON, or the
 * archipelago as a graph (GEXF, GraphML, CSV node and edge lists: `./graph.ts`).
 */
export type ExportFormat = 'geojson' | 'csv' | 'links' | 'gexf' | 'graphml' | 'nodes' | 'edges';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['geojson', 'csv', 'links', 'gexf', 'graphml', 'nodes', 'edges'];

/** One file to save. */
export interface ExportFile {
  name: string;
  mime: string;
  text: string;
}

export interface ExportRequest {
  dataset: Pick<Dataset, 'actors' | 'territories' | 'networks' | 'admin'>;
  /** The URL state of the view; its filters, place and radius, and opening time select the actors. */
  state: UrlState;
  /** The minute `open=now` means (default: this one). */
  now?: number;
  /** The opening-hours evaluator: needed when `state.open` is set. */
  hours?: HoursEvaluator | null;
  /** The freshness module: needed when `state.check` is set. */
  freshness?: FreshnessModule | null;
  /** The name of a file previewed from the computer, when its actors are the ones exported. */
  localFile?: string | null;
  format: ExportFormat;
  /** `YYYY-MM-DD`: `exportDate()` in the app, `--date` in tests. */
  date: string;
  /** The app's address without query; see `ProvenanceInput.baseUrl`. */
  baseUrl?: string;
  /** The filtered actors when the caller has them already (the app's memoised selector); computed otherwise. */
  actors?: readonly ActorFeature[];
}

export interface ExportOutput {
  /** The data file first, then the CSV's provenance sidecar. */
  files: ExportFile[];
  provenance: Provenance;
  actors: readonly ActorFeature[];
}

/**
 * The files of an export, in dataset order (a `near=` sort does not change the
 * file): GeoJSON with its provenance inside, or CSV plus a provenance sidecar.
 *
 * @param request - dataset, URL state, format and date
 */
export function exportSelection(request: ExportRequest): ExportOutput {
  const now = request.now ?? minuteOf(Date.now());
  const hours = request.hours ?? null;
  const actors =
    request.actors ??
    selectActors(request.dataset.actors, request.state, {
      now,
      hours,
      freshness: request.freshness ?? null,
      admin: request.dataset.admin,
    });
  const provenance = buildProvenance({
    state: request.state,
    now,
    hours,
    localFile: request.localFile ?? null,
    actors,
    territories: [...Object.values(request.dataset.admin?.territories ?? {}), ...request.dataset.territories],
    date: request.date,
    baseUrl: request.baseUrl ?? '',
  });
  const stem = `archipel-${request.date}`;
  if (request.format === 'links') {
    return {
      actors,
      provenance,
      files: [
        {
          name: `${stem}-links.geojson`,
          mime: 'application/geo+json',
          text: toLinksGeoJSON(actors, request.dataset.networks, provenance),
        },
      ],
    };
  }
  if (request.format === 'gexf' || request.format === 'graphml') {
    const gexf = request.format === 'gexf';
    const write = gexf ? toGexf : toGraphml;
    return {
      actors,
      provenance,
      files: [
        {
          name: `${stem}.${request.format}`,
          mime: gexf ? 'application/gexf+xml' : 'application/graphml+xml',
          text: write(actors, request.dataset.networks, provenance),
        },
      ],
    };
  }
  if (request.format === 'nodes' || request.format === 'edges') {
    const name = `${stem}-${request.format}.csv`;
    const write = request.format === 'nodes' ? toNodesCsv : toEdgesCsv;
    return {
      actors,
      provenance,
      files: [
        { name, mime: 'text/csv;charset=utf-8', text: write(actors, request.dataset.networks) },
        { name: provenanceFileName(name), mime: 'application/json', text: toProvenanceJson(provenance) },
      ],
    };
  }
  if (request.format === 'geojson') {
    return {
      actors,
      provenance,
      files: [{ name: `${stem}.geojson`, mime: 'application/geo+json', text: toGeoJSON(actors, provenance) }],
    };
  }
  const csvName = `${stem}.csv`;
  return {
    actors,
    provenance,
    files: [
      { name: csvName, mime: 'text/csv;charset=utf-8', text: toCsv(actors) },
      { name: provenanceFileName(csvName), mime: 'application/json', text: toProvenanceJson(provenance) },
    ],
  };
}
