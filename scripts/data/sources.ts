/**
 * The census's sources: what each is, who publishes it, where it comes from,
 * its licence and date. `data/README.md` and each actor's `sources` name them
 * by these ids. The files are read from a local folder (`npm run data --
 * --sources DIR`); they are not committed.
 */
import type { Category, Role, Theme } from '../../src/core/vocab';
import type { LonLat } from '../../src/core/types';

export const SOURCE_IDS = [
  'curated',
  'bibliotheques',
  'france-services',
  'hinaura',
  'cnfs',
  'aidants-connect',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export interface SourceInfo {
  id: SourceId;
  /** The file's name in the sources folder; for `curated`, the path in the repository. */
  file: string;
  title: string;
  publisher: string;
  /** The publisher's dataset page. */
  origin: string;
  /** The copy read (repository and commit), when it is not the publisher's own file. */
  copy?: string;
  licence: string;
  /** The date of the facts, written as each actor's `updated` unless the record has its own. */
  date: string;
  /** Whether the facts are shipped (a source with no open licence is a checklist only). */
  shipped: boolean;
}

export const SOURCES: Readonly<Record<SourceId, SourceInfo>> = {
  curated: {
    id: 'curated',
    file: 'data/curated/actors.geojson',
    title: 'Acteurs relevés par Archipel (couche de l’étude)',
    publisher: 'Archipel',
    origin: 'data/curated/ (chaque acteur cite ses sources dans `source`)',
    licence: 'ODbL 1.0',
    date: '2026-11-28',
    shipped: true,
  },
  bibliotheques: {
    id: 'bibliotheques',
    file: 'bibliotheques-publiques-2020.csv',
    title: 'Adresses des bibliothèques publiques',
    publisher: 'Ministère de la Culture (Service du livre et de la lecture)',
    origin: 'https://data.culturecommunication.gouv.fr/explore/dataset/adresses-des-bibliotheques-publiques/',
    copy: 'github.com/dataforgoodfr/batch8_mednum @ 495e963 : data/raw/adresses-des-bibliotheques-publiques.csv',
    licence: 'Licence Ouverte / Open Licence (règle du portail ; à confirmer sur la page à la prochaine mise à jour)',
    date: '2020-11-26',
    shipped: true,
  },
  'france-services': {
    id: 'france-services',
    file: 'france-services-20240801.csv',
    title: 'Liste des structures France services',
    publisher: 'Agence nationale de la cohésion des territoires (ANCT)',
    origin:
      'data.gouv.fr, jeu de données « Liste des structures France services » (ANCT) ; copie publiée par l’ANCT : https://github.com/anct-carto/france_services',
    copy: 'github.com/anct-carto/france_services @ 77f42ba : data/liste-fs-20240801.csv',
    licence: 'Licence Ouverte / Open Licence 2.0',
    date: '2024-08-01',
    shipped: true,
  },
  hinaura: {
    id: 'hinaura',
    file: 'hinaura-auvergne-rhone-alpes-v0.json',
    title: 'Lieux de médiation numérique en Auvergne-Rhône-Alpes (standard national, champs v0)',
    publisher: 'Hinaura, hub pour un numérique inclusif en Auvergne-Rhône-Alpes',
    origin:
      'Cartographie nationale des lieux d’inclusion numérique (ANCT) : https://github.com/anct-cartographie-nationale/client-application',
    copy: 'github.com/anct-cartographie-nationale/client-application @ 54f9438 : src/assets/data/source.json',
    licence: 'Licence Ouverte / Open Licence 2.0',
    date: '2022-08-18',
    shipped: true,
  },
  cnfs: {
    id: 'cnfs',
    file: 'cnfs-structures-2021.json',
    title: 'Structures d’accueil des Conseillers numériques France services (2021)',
    publisher: 'Agence nationale de la cohésion des territoires (ANCT)',
    origin: 'https://github.com/anct-carto/conseillers-numeriques (dépôt de l’ANCT)',
    copy: 'github.com/anct-carto/conseillers-numeriques @ 146bea3 : data/cnfs.json',
    licence: 'Licence Ouverte / Open Licence 2.0',
    date: '2021-06-25',
    shipped: true,
  },
  'aidants-connect': {
    id: 'aidants-connect',
    file: 'aidants-connect-structures-2023.json',
    title: 'Structures habilitées Aidants Connect',
    publisher: 'Aidants Connect (ANCT, beta.gouv.fr)',
    origin:
      'https://aidantsconnect.beta.gouv.fr ; fichier publié par l’ANCT dans https://github.com/anct-cartographie-nationale/mednum-cli',
    copy: 'github.com/anct-cartographie-nationale/mednum-cli @ d01eaeb : assets/input/aidants-connect/aidants-connect.json',
    licence: 'Licence Ouverte / Open Licence 2.0',
    date: '2021-03-15',
    shipped: true,
  },
};

/** Services an actor offers, whatever its category (`services` in the data). */
export type Service = 'public-internet';

/** One record of a source, read and mapped, before merging. */
export interface Place {
  source: SourceId;
  /** The record's identifier in its source (`code_bib`, `id_fs`…). */
  ref: string;
  name: string;
  category: Category;
  /** Whether the category came from a rule on the name or type, not the source's default. */
  categoryByRule?: boolean;
  roles: Role[];
  themes: Theme[];
  services: Service[];
  address?: string;
  postcode?: string;
  commune?: string;
  insee?: string;
  /** Absent for a record that only labels places of other sources (Aidants Connect). */
  position?: LonLat;
  url?: string;
  email?: string;
  phone?: string;
  description?: string;
  opening_hours?: string;
  networks: string[];
  updated?: string;
  /** SIREN (9 digits) when the source gives a real one. */
  siren?: string;
  /** A France services bus or itinerant service, pinned at its base. */
  mobile?: boolean;
  /** The curated actor's properties, kept as they are. */
  curated?: Record<string, unknown>;
  /** The source's text for `source` (record id). */
  citation: string;
}

/** What the build says about one source. */
export interface SourceReport {
  read: number;
  /** Records that became places or labels of places. */
  kept: number;
  /** Places folded into an actor of another (or the same) source. */
  merged: number;
  dropped: Record<string, number>;
}

export function emptyReport(): SourceReport {
  return { read: 0, kept: 0, merged: 0, dropped: {} };
}

export function drop(report: SourceReport, reason: string, n = 1): void {
  report.dropped[reason] = (report.dropped[reason] ?? 0) + n;
}
