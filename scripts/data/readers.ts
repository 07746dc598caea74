/**
 * One reader per source: the file's text → places in our vocabulary, and a
 * report of what was read and dropped, by reason. The rules are those of
 * `MAPPING.md` beside this file.
 */
import { readCoordinate, readCsv, readString, rowRecord } from '../../src/data/import/common';
import { LABEL_FIELDS, PUBLIC_INTERNET_SERVICES, SERVICE_THEMES } from '../../src/data/import/mediation-numerique';
import { normaliseText } from '../../src/core/filter';
import { THEMES } from '../../src/core/vocab';
import type { LonLat } from '../../src/core/types';
import type { Category, Theme } from '../../src/core/vocab';
import type { OpeningHoursCheck } from '../../src/data/validate';
import type { Communes } from './communes';
import {
  CURATED_PUBLIC_INTERNET,
  ROLES_BY_CATEGORY,
  categoryFromName,
  franceServicesHours,
  isNetworkName,
  isPersonalEmail,
  networkOfLabel,
  wordsKey,
} from './mapping';
import { SOURCES, drop, emptyReport } from './sources';
import type { Place, Service, SourceId, SourceReport } from './sources';

export interface ReadContext {
  communes: Communes;
  checkOpeningHours: OpeningHoursCheck;
  /** Counts over every source: personal emails left out, hours converted or dropped. */
  privacy: { personalEmails: number };
  hours: { converted: number; unreadable: number; invalid: number };
}

export interface ReadResult {
  places: Place[];
  report: SourceReport;
}

/** A library list's administrative unit (`code_ua`): the libraries it runs, its seat. */
export interface LibraryUnit {
  code: string;
  /** The unit's own entry (`code_bib` = `code_ua`) when it names a network, else undefined. */
  name?: string;
  seat?: LonLat;
  seatAddress?: string;
  seatInsee?: string;
  communes: Set<string>;
  members: Place[];
}

/** The start of a street address. */
const STREET =
  /^(\d+\s*(bis|ter)?\s*,?\s*)?(rue|place|pl\.?|avenue|av\.?|boulevard|bd|chemin|route|impasse|all[ée]e|square|quai|cours|grande? rue|grand'rue|faubourg|chauss[ée]e|le bourg|bourg|lieu-dit|hameau|esplanade|parvis|passage|promenade|mail|rond-point|cit[ée])\b/i;

const EMAIL = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/;

/** An email fit to ship: well formed and an organisation's; a personal-looking one is counted and left out. */
function organisationEmail(value: unknown, ctx: ReadContext): string | undefined {
  const email = readString(value)?.split(/[;,|\s]/)[0];
  if (!email || !EMAIL.test(email)) return undefined;
  if (isPersonalEmail(email)) {
    ctx.privacy.personalEmails++;
    return undefined;
  }
  return email;
}

/** "BREST" → "Brest", "SAINT-MARTIN-D'HERES" → "Saint-Martin-D'Heres"; mixed case is kept as given. */
export function tidyCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.toLowerCase().replace(/(^|[\s\-'’(/])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function position(lon: number | undefined, lat: number | undefined): LonLat | undefined {
  if (lon === undefined || lat === undefined) return undefined;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || (lon === 0 && lat === 0)) return undefined;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  return [round6(lon), round6(lat)];
}

function postcodeOf(value: unknown): string | undefined {
  const text = readString(value);
  if (!text) return undefined;
  const digits = text.replace(/\s/g, '');
  if (/^\d{4,5}$/.test(digits)) return digits.padStart(5, '0');
  return /^\d[\dAB]\d{3}$/.test(digits) ? digits : undefined;
}

function sirenOf(value: unknown): string | undefined {
  const digits = (readString(value) ?? '').replace(/\D/g, '');
  return digits.length >= 9 && !/^0+$/.test(digits.slice(0, 9)) ? digits.slice(0, 9) : undefined;
}

function frenchDate(value: unknown): string | undefined {
  const text = readString(value);
  if (!text) return undefined;
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (fr) return `${fr[3]}-${fr[2]}-${fr[1]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : undefined;
}

function sortThemes(themes: Iterable<Theme>): Theme[] {
  const set = new Set(themes);
  return THEMES.filter((t) => set.has(t));
}

// ---------------------------------------------------------------------------

/**
 * The Ministry of Culture's public libraries. Administrative addresses are
 * not places; an entry naming a network ("Réseau des bibliothèques de
 * Brest") is its unit's seat, not a place. Libraries sharing a `code_ua`
 * with others form their unit's library network.
 */
export function readLibraries(text: string, ctx: ReadContext): ReadResult & { units: Map<string, LibraryUnit> } {
  const report = emptyReport();
  const places: Place[] = [];
  const units = new Map<string, LibraryUnit>();
  const table = readCsv(text, SOURCES.bibliotheques.file);
  report.read = table.rows.length + table.issues.length;
  if (table.issues.length > 0) drop(report, 'unreadable row', table.issues.length);
  const unitOf = (code: string) => {
    let unit = units.get(code);
    if (!unit) {
      unit = { code, communes: new Set(), members: [] };
      units.set(code, unit);
    }
    return unit;
  };
  for (const row of table.rows) {
    const r = rowRecord(table.header, row);
    const code = (readString(r.code_bib) ?? '').replace(/\.0$/, '');
    const ua = (readString(r.code_ua) ?? '').replace(/\.0$/, '');
    const name1 = readString(r.Libelle1);
    const name2 = readString(r.Libelle2);
    const coordinates = (readString(r.coordonnees_finales) ?? '').split(',');
    const pos = position(readCoordinate(coordinates[1]), readCoordinate(coordinates[0]));
    // Libelle2 sometimes holds the street ("place de la mairie") rather than a second name.
    const streetIn2 = name2 !== undefined && STREET.test(name2);
    const address = readString(r.voie) ?? readString(r.Localisation) ?? (streetIn2 ? name2 : undefined);
    const insee = ctx.communes.currentCode(readString(r.INSEE));
    if (ua && code === ua) {
      const unit = unitOf(ua);
      if (name1 && isNetworkName(name1)) unit.name = name1;
      if (pos) unit.seat = pos;
      if (address) unit.seatAddress = address;
      if (insee) unit.seatInsee = insee;
    }
    if (readString(r.type_adresse) === 'Adresse administrative') {
      drop(report, 'administrative address (type_adresse)');
      continue;
    }
    if (!name1) {
      drop(report, 'no name');
      continue;
    }
    if (isNetworkName(name1)) {
      drop(report, 'names a network of libraries, not a place');
      continue;
    }
    if (!pos) {
      drop(report, 'no coordinates');
      continue;
    }
    if (!insee) {
      drop(report, 'unknown INSEE code');
      continue;
    }
    if (!address) {
      drop(report, 'no street address');
      continue;
    }
    const name = name2 && !streetIn2 && !wordsKey(name1).includes(wordsKey(name2)) ? `${name1} – ${name2}` : name1;
    const place: Place = {
      source: 'bibliotheques',
      ref: code || `line-${row.line}`,
      name,
      category: 'library',
      roles: ['public-service'],
      themes: ['open-knowledge'],
      services: [],
      address,
      postcode: postcodeOf(r.CP),
      commune: tidyCase(readString(r.Ville) ?? ''),
      insee,
      position: pos,
      networks: [],
      updated: SOURCES.bibliotheques.date,
      citation: `Ministère de la Culture, Adresses des bibliothèques publiques, code_bib ${code}`,
    };
    if (readString(r.coordonnees_ban) === undefined)
      place.description = 'Position donnée par la source au centre de la commune (adresse non géocodée).';
    places.push(place);
    if (ua) {
      const unit = unitOf(ua);
      unit.members.push(place);
      unit.communes.add(insee);
    }
  }
  report.kept = places.length;
  return { places, report, units };
}

// ---------------------------------------------------------------------------

/**
 * France services: every counter is a member of the national France services
 * network and offers free public computers and internet access (a condition
 * of the label, MAPPING.md). Weekday hours become OSM `opening_hours`.
 */
export function readFranceServices(text: string, ctx: ReadContext): ReadResult {
  const report = emptyReport();
  const places: Place[] = [];
  const table = readCsv(text, SOURCES['france-services'].file);
  report.read = table.rows.length + table.issues.length;
  if (table.issues.length > 0) drop(report, 'unreadable row', table.issues.length);
  for (const row of table.rows) {
    const r = rowRecord(table.header, row);
    const name = readString(r.lib_fs);
    const pos = position(readCoordinate(r.longitude), readCoordinate(r.latitude));
    const insee = ctx.communes.currentCode(readString(r.insee_com));
    if (!name) {
      drop(report, 'no name');
      continue;
    }
    if (!pos) {
      drop(report, 'no coordinates');
      continue;
    }
    if (!insee) {
      drop(report, 'unknown INSEE code');
      continue;
    }
    const format = readString(r.format_fs) ?? '';
    const mobile = /itin|bus/i.test(format);
    const place: Place = {
      source: 'france-services',
      ref: readString(r.id_fs) ?? `line-${row.line}`,
      name,
      category: 'public-body',
      roles: ['public-service'],
      themes: ['digital-inclusion'],
      services: ['public-internet'],
      address: [readString(r.adresse), readString(r.complement_adresse)].filter(Boolean).join(', ') || undefined,
      postcode: postcodeOf(r.code_postal),
      commune: readString(r.lib_com),
      insee,
      position: pos,
      phone: readString(r.telephone),
      email: organisationEmail(r.mail, ctx),
      networks: ['france-services'],
      updated: SOURCES['france-services'].date,
      citation: `ANCT, liste des France services du 1er août 2024, id_fs ${readString(r.id_fs) ?? '?'}`,
    };
    if (mobile) {
      place.mobile = true;
      place.description = 'France services itinérant (bus ou permanences) : la position est celle de sa base.';
    }
    const hours = franceServicesHours(r);
    if (hours === undefined) ctx.hours.unreadable++;
    else if (hours !== null) {
      if (ctx.checkOpeningHours(hours) === null) {
        place.opening_hours = hours;
        ctx.hours.converted++;
      } else ctx.hours.invalid++;
    }
    places.push(place);
  }
  report.kept = places.length;
  return { places, report };
}

// ---------------------------------------------------------------------------

/**
 * Host organisations of "Conseillers numériques France services" (2021): each
 * is a member of the programme. The category comes from the name; else a
 * public host is a public body and a private one an association.
 */
export function readCnfs(text: string, ctx: ReadContext): ReadResult {
  const report = emptyReport();
  const places: Place[] = [];
  const records = JSON.parse(text) as unknown;
  const list = Array.isArray(records) ? records : [];
  report.read = list.length;
  list.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) {
      drop(report, 'not a record');
      return;
    }
    const r = raw as Record<string, unknown>;
    const name = readString(r.raison_sociale);
    if (!name || !/\p{L}/u.test(name)) {
      drop(report, 'no name');
      return;
    }
    const fromName = categoryFromName(name);
    const category: Category = fromName ?? (readString(r.type) === 'publique' ? 'public-body' : 'association');
    const lines = (readString(r.adresse) ?? '').split('\n');
    const insee = ctx.communes.currentCode(readString(r.insee_com) ?? readString(r.result_citycode));
    const ref = readString(r.id) ?? String(index);
    const place: Place = {
      source: 'cnfs',
      ref,
      name: tidyCase(name),
      category,
      categoryByRule: fromName !== undefined,
      roles: [ROLES_BY_CATEGORY[category]],
      themes: ['training', 'digital-inclusion'],
      services: [],
      address: lines[0]?.trim() || undefined,
      postcode: postcodeOf(r.code_postal_bis) ?? postcodeOf(r.code_postal),
      commune: readString(r.commune_insee),
      insee,
      position: position(readCoordinate(r.longitude), readCoordinate(r.latitude)),
      siren: sirenOf(r.siret),
      networks: ['conseillers-numeriques'],
      updated: frenchDate(r.date_de_validation_en_comité_de_sélection) ?? SOURCES.cnfs.date,
      citation: `ANCT, structures d’accueil des conseillers numériques France services (2021), id ${ref}`,
    };
    if (!place.insee) {
      drop(report, 'unknown INSEE code');
      return;
    }
    if (!place.address) {
      drop(report, 'no street address');
      return;
    }
    places.push(place);
  });
  // Hosts without coordinates count as kept only once they label a located place.
  report.kept = places.filter((p) => p.position).length;
  return { places, report };
}

// ---------------------------------------------------------------------------

/** v0 services that mean public access to computers and the internet on site. */
const ACCESS_SERVICES = new Set(PUBLIC_INTERNET_SERVICES.map(normaliseText));

const SERVICE_BY_KEY = new Map(Object.entries(SERVICE_THEMES).map(([k, v]) => [normaliseText(k), v]));

/**
 * Places of the national standard "lieux de médiation numérique" (v1.0.2 or
 * v0 fields), here the Hinaura hub's file: the same rules as the importer
 * (`src/data/import/MAPPING.md`) for themes, plus public internet access from
 * the services, networks from labels, and the hub's membership.
 */
export function readMediation(text: string, ctx: ReadContext, source: SourceId = 'hinaura'): ReadResult {
  const report = emptyReport();
  const places: Place[] = [];
  const records = JSON.parse(text) as unknown;
  const list = Array.isArray(records) ? records : [];
  report.read = list.length;
  list.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) {
      drop(report, 'not a record');
      return;
    }
    const r = raw as Record<string, unknown>;
    const name = readString(r.nom);
    const pos = position(readCoordinate(r.longitude), readCoordinate(r.latitude));
    if (!name) {
      drop(report, 'no name');
      return;
    }
    if (!pos) {
      drop(report, 'no coordinates');
      return;
    }
    const postcode = postcodeOf(r.code_postal);
    const commune = readString(r.commune);
    const insee = ctx.communes.currentCode(readString(r.code_insee)) ?? ctx.communes.fromPostcode(postcode, commune);
    if (!insee) {
      drop(report, 'commune not found from postcode and name');
      return;
    }
    const services = (readString(r.services) ?? '')
      .split(/[|;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const themes = new Set<Theme>(['digital-inclusion']);
    const offered = new Set<Service>();
    for (const service of services) {
      const key = normaliseText(service);
      for (const theme of SERVICE_BY_KEY.get(key) ?? []) themes.add(theme);
      if (ACCESS_SERVICES.has(key)) offered.add('public-internet');
    }
    const fromName = categoryFromName(name);
    const category: Category = fromName ?? (offered.has('public-internet') ? 'internet-access' : 'association');
    const networks = new Set<string>();
    if (readString(r.source)?.toLowerCase() === 'hinaura') networks.add('hinaura');
    for (const field of LABEL_FIELDS) {
      for (const label of (readString(r[field]) ?? '').split(/[|;]/)) {
        const network = label.trim() ? networkOfLabel(label) : undefined;
        if (network) networks.add(network);
      }
    }
    const ref = readString(r.id) ?? String(index);
    const place: Place = {
      source,
      ref,
      name,
      category,
      categoryByRule: fromName !== undefined,
      roles: [...new Set([ROLES_BY_CATEGORY[category], 'opportunity-space' as const])],
      themes: sortThemes(themes),
      services: [...offered],
      address: [readString(r.adresse), readString(r.complement_adresse)].filter(Boolean).join(', ') || undefined,
      postcode,
      commune: commune ? tidyCase(commune) : undefined,
      insee,
      position: pos,
      phone: readString(r.telephone),
      email: organisationEmail(r.courriels ?? r.courriel, ctx),
      networks: [...networks],
      updated: frenchDate(r.date_maj) ?? SOURCES[source].date,
      citation: `${readString(r.source) ?? SOURCES[source].publisher}, lieux de médiation numérique, id ${ref}`,
    };
    const site = (readString(r.site_web) ?? '').split(/[|;]/).find((s) => /^https?:\/\/\S+$/i.test(s.trim()));
    if (site) place.url = site.trim();
    const hours = readString(r.horaires);
    if (hours) {
      if (ctx.checkOpeningHours(hours) === null) place.opening_hours = hours;
      else ctx.hours.invalid++;
    }
    places.push(place);
  });
  report.kept = places.length;
  return { places, report };
}

// ---------------------------------------------------------------------------

/**
 * Aidants Connect's enabled organisations. No coordinates: a record only
 * labels a place that another source locates (matched later); it never makes
 * a place of its own.
 */
export function readAidantsConnect(text: string, ctx: ReadContext): ReadResult {
  const report = emptyReport();
  const places: Place[] = [];
  const records = JSON.parse(text) as unknown;
  const list = Array.isArray(records) ? records : [];
  report.read = list.length;
  list.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) {
      drop(report, 'not a record');
      return;
    }
    const r = raw as Record<string, unknown>;
    const name = readString(r.Name);
    const postcode = postcodeOf(r['Code postal']);
    if (!name || !postcode) {
      drop(report, name ? 'no postcode' : 'no name');
      return;
    }
    const address = (readString(r.Adresse) ?? '').replace(/,?\s*\d{5}.*$/, '').trim() || undefined;
    const ref = readString(r['Data pass ID'])?.replace(/\s/g, '') ?? String(index);
    const fromName = categoryFromName(name);
    places.push({
      source: 'aidants-connect',
      ref,
      name,
      category: fromName ?? 'association',
      categoryByRule: fromName !== undefined,
      roles: [],
      themes: ['digital-inclusion'],
      services: [],
      address,
      postcode,
      insee: ctx.communes.fromPostcode(postcode, undefined),
      siren: sirenOf(r.SIRET),
      networks: ['aidants-connect'],
      updated: frenchDate(r.date_maj) ?? SOURCES['aidants-connect'].date,
      citation: `Aidants Connect, structures habilitées, Data pass ${ref}`,
    });
  });
  return { places, report };
}

// ---------------------------------------------------------------------------

/** Curated actors (`data/curated/actors.geojson`): kept as they are; they gain `insee` from postcode and commune. */
export function readCurated(text: string, ctx: ReadContext): ReadResult {
  const report = emptyReport();
  const places: Place[] = [];
  const collection = JSON.parse(text) as { features?: unknown[] };
  const features = Array.isArray(collection.features) ? collection.features : [];
  report.read = features.length;
  for (const raw of features) {
    const f = raw as { geometry?: { coordinates?: unknown }; properties?: Record<string, unknown> };
    const p = f.properties ?? {};
    const c = f.geometry?.coordinates;
    const pos = Array.isArray(c) ? position(Number(c[0]), Number(c[1])) : undefined;
    const postcode = readString(p.postcode);
    const commune = readString(p.commune);
    const insee = ctx.communes.currentCode(readString(p.insee)) ?? ctx.communes.fromPostcode(postcode, commune);
    if (!pos || typeof p.id !== 'string') {
      drop(report, 'no position or id');
      continue;
    }
    const networks = Array.isArray(p.networks) ? (p.networks as string[]) : [];
    const category = p.category as Category;
    const services: Service[] =
      category === 'internet-access' || networks.includes('papi-brest') || p.id in CURATED_PUBLIC_INTERNET
        ? ['public-internet']
        : [];
    places.push({
      source: 'curated',
      ref: p.id,
      name: String(p.name),
      category,
      roles: (p.roles as Place['roles']) ?? [],
      themes: (p.themes as Place['themes']) ?? [],
      services,
      address: readString(p.address),
      postcode,
      commune,
      insee,
      position: pos,
      networks,
      curated: p,
      citation: readString(p.source) ?? '',
    });
  }
  report.kept = places.length;
  return { places, report };
}
