import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIONAL_NETWORKS, buildCensus } from '../../scripts/data/census';
import { communeLibrary } from '../../scripts/data/merge';
import type { Place } from '../../scripts/data/sources';
import { importMediationJson } from '../../src/data/import/mediation-numerique';
import type { CensusInput } from '../../scripts/data/census';
import { Communes } from '../../scripts/data/communes';
import {
  CURATED_PUBLIC_INTERNET,
  LABEL_NETWORKS,
  NAME_RULES,
  addressKey,
  categoryFromName,
  dayRanges,
  franceServicesHours,
  isNetworkName,
  isPersonalEmail,
} from '../../scripts/data/mapping';
import { serialiseActors } from '../../scripts/data/output';
import { nodeAdmin } from '../../scripts/admin-files';
import { SOURCES, SOURCE_IDS } from '../../scripts/data/sources';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { validateActors, validateNetworks } from '../../src/data/validate';
import { filterActors, indexActors, NO_FILTERS, facetCounts } from '../../src/core/filter';
import { CATEGORIES, ROLES, THEMES } from '../../src/core/vocab';
import { territoryStats } from '../../src/geo/stats';
import type { ActorFeature, Network } from '../../src/core/types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'census');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const communes = Communes.load();

function input(): CensusInput {
  return {
    curatedActors: read('curated/actors.geojson'),
    curatedNetworks: read('curated/networks.json'),
    files: {
      bibliotheques: read(SOURCES.bibliotheques.file),
      'france-services': read(SOURCES['france-services'].file),
      hinaura: read(SOURCES.hinaura.file),
      cnfs: read(SOURCES.cnfs.file),
      'aidants-connect': read(SOURCES['aidants-connect'].file),
    },
    communes,
    checkOpeningHours,
  };
}

const census = buildCensus(input());
const actors = census.actors.features as ActorFeature[];
const byId = new Map(actors.map((a) => [a.properties.id, a]));
const named = (name: string) => actors.filter((a) => a.properties.name === name);
const network = (id: string) => census.networks.find((n) => n.id === id);

describe('npm run data: the census from fixture sources', () => {
  test('a curated actor is merged with the library at its address, and wins on what it states', () => {
    const bellevue = byId.get('brest-mediatheque-de-bellevue')!;
    const p = bellevue.properties;
    expect(p.name).toBe('Médiathèque de Bellevue');
    expect(p.themes).toEqual(['training']);
    // The curated position stands, though the address base puts the library about 480 m away.
    expect(bellevue.geometry.coordinates).toEqual([-4.512, 48.4075]);
    expect(p.sources).toEqual(['curated', 'bibliotheques']);
    expect(p.fact_sources).toEqual({ position: 'curated' });
    expect(p.insee).toBe('29019');
    expect(p.updated).toBe('2026-11-28');
    // Its library network comes from the libraries' administrative unit.
    expect(p.networks).toEqual(['papi-brest', 'bibliotheques-ua-1086']);
    // Nothing else named like the library in the list: no duplicate.
    expect(named('Médiathèque Bellevue')).toEqual([]);
  });

  test('a town hall next door with the same address stays apart: a library is not a town hall', () => {
    const mairie = byId.get('brest-mairie-de-quartier-de-bellevue')!;
    expect(mairie.properties.sources).toEqual(['curated']);
  });

  test('library, France services counter and Aidants Connect label at one address are one actor, each fact sourced', () => {
    const [awena, ...others] = named('Médiathèque Awena');
    expect(others).toEqual([]);
    const p = awena!.properties;
    expect(p.category).toBe('library');
    expect(p.sources).toEqual(['bibliotheques', 'france-services', 'aidants-connect']);
    expect(p.networks).toEqual(['france-services', 'aidants-connect']);
    expect(p.services).toEqual(['public-internet']);
    expect(p.opening_hours).toBe('Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00');
    expect(p.fact_sources).toEqual({
      position: 'bibliotheques',
      opening_hours: 'france-services',
      phone: 'france-services',
      email: 'france-services',
    });
    expect(awena!.geometry.coordinates).toEqual([-4.399, 48.4347]);
    expect(p.updated).toBe('2024-08-01');
    expect(p.territory).toBe('brest');
    // The town, host of a digital adviser 100 m away, is another actor (a town is not a library).
    expect(named('Commune De Guipavas')).toHaveLength(1);
  });

  test('a France services bus folds into the counter at its base and lends it no hours; the adviser host at the address joins', () => {
    const keredern = named('France services Pimms Médiation Brest - Kérédern');
    expect(keredern).toHaveLength(1);
    const p = keredern[0]!.properties;
    expect(named('Bus France services Pimms Brest')).toEqual([]);
    expect(p.sources).toEqual(['france-services', 'cnfs']);
    expect(p.networks).toEqual(['france-services', 'conseillers-numeriques']);
    expect(p.description).toBe('Base de : Bus France services Pimms Brest (service itinérant).');
    // Its own hours ("9h - midi") could not be read; the bus's Tuesday hours are not its own.
    expect(p.opening_hours).toBeUndefined();
    expect(p.email).toBeUndefined();
  });

  test('labels of the national standard make memberships; access services make public internet access', () => {
    const [epn] = named('Espace Public Numérique de Meylan');
    expect(epn!.properties.networks).toEqual(['hinaura', 'aidants-connect', 'france-services']);
    expect(epn!.properties.services).toEqual(['public-internet']);
    expect(epn!.properties.category).toBe('internet-access');
    expect(epn!.properties.insee).toBe('38229');
    expect(epn!.properties.territory).toBe('grenoble');
  });

  test('a network of libraries named in the list is its unit’s seat, and an Aidants Connect record naming it labels the network', () => {
    expect(named('Réseau des Bibliothèques de Brest')).toEqual([]);
    expect(named('Médiathèques de Landéda, Lannilis et Plouguerneau')).toEqual([]);
    expect(network('bibliotheques-ua-1086')).toMatchObject({
      name: 'Réseau des Bibliothèques de Brest',
      scale: 'local',
      seat: [-4.49921, 48.389421],
      memberOf: ['aidants-connect'],
    });
    expect(network('france-services')).toMatchObject({ scale: 'national', seat: [2.3522, 48.8566] });
    expect(network('france-services')!.source).toContain('ANCT');
  });

  test('the town hall, a hand-placed curated actor, is one actor with the commune at its address; Aidants Connect labels it', () => {
    const townHall = byId.get('brest-hotel-de-ville')!;
    const p = townHall.properties;
    expect(named('COMMUNE DE BREST')).toEqual([]);
    expect(named('Commune De Brest')).toEqual([]);
    expect(p.name).toBe('Hôtel de ville de Brest');
    expect(p.sources).toEqual(['curated', 'cnfs', 'aidants-connect']);
    expect(p.networks).toEqual(['papi-brest', 'conseillers-numeriques', 'aidants-connect']);
    // It has a PAPI: public internet access, whatever its category.
    expect(p.services).toEqual(['public-internet']);
    expect(townHall.geometry.coordinates).toEqual([-4.486, 48.3912]);
  });

  test('an Aidants Connect record labels only a place of its kind: the CCAS does not make the library at its address a member; it is its own actor at the library’s point', () => {
    const here = actors.filter((a) => a.properties.insee === '29069');
    expect(here).toHaveLength(2);
    const library = here.find((a) => a.properties.category === 'library')!;
    expect(library.properties.sources).toEqual(['bibliotheques']);
    expect(library.properties.networks ?? []).not.toContain('aidants-connect');
    const ccas = here.find((a) => a.properties.category === 'public-body')!;
    expect(ccas.properties.name).toBe('CCAS DE GUILERS');
    expect(ccas.properties.networks).toEqual(['aidants-connect']);
    expect(ccas.properties.roles).toEqual(['public-service']);
    // Aidants Connect has no coordinates: the address base's point of the same address, said so.
    expect(ccas.geometry.coordinates).toEqual(library.geometry.coordinates);
    expect(ccas.properties.source).toContain('position : celle de « Mediatheque Municipale », à la même adresse');
    expect(ccas.properties.territory).toBe('brest');
  });

  test('an Aidants Connect record naming a commune’s library labels its only library there, whatever its name and address', () => {
    const [plouzane, ...others] = actors.filter((a) => a.properties.insee === '29212');
    expect(others).toEqual([]);
    expect(plouzane!.properties.sources).toEqual(['bibliotheques', 'aidants-connect']);
    expect(plouzane!.properties.networks).toContain('aidants-connect');
    const label = (name: string) =>
      ({
        source: 'aidants-connect',
        ref: '1',
        name,
        category: 'library',
        roles: [],
        themes: [],
        services: [],
        networks: [],
      }) as unknown as Place;
    const library = (insee: string) => ({
      places: [{ ...label('Médiathèque'), source: 'bibliotheques', insee } as Place],
    });
    const names = (insee: string | undefined) => ({ '29212': 'Plouzané', '29075': 'Guipavas' })[insee ?? ''];
    expect(communeLibrary(label('Médiathèque de Plouzané'), [library('29075'), library('29212')], names)).toBe(1);
    // Two libraries there: which one is unknown. Another word in the name: not the commune's library.
    expect(
      communeLibrary(label('Médiathèque de Plouzané'), [library('29212'), library('29212')], names),
    ).toBeUndefined();
    expect(communeLibrary(label('Médiathèque Awena de Guipavas'), [library('29075')], names)).toBeUndefined();
  });

  test('personal-looking emails are not shipped, and counted', () => {
    const emails = actors.map((a) => a.properties.email).filter(Boolean);
    expect(emails.sort()).toEqual(['epn@meylan.example.fr', 'franceservices@guipavas.example.fr']);
    expect(census.report.privacy.personalEmails).toBe(3);
    expect(JSON.stringify(census.actors)).not.toMatch(/gmail|free\.fr|jean\.dupont/);
  });

  test('the report counts what was read, kept, merged and dropped, with reasons', () => {
    const s = census.report.sources;
    expect(s.bibliotheques).toEqual({
      read: 9,
      kept: 5,
      merged: 1,
      dropped: {
        'administrative address (type_adresse)': 1,
        'names a network of libraries, not a place': 2,
        'no coordinates': 1,
      },
    });
    expect(s['france-services']).toEqual({ read: 4, kept: 4, merged: 2, dropped: {} });
    expect(s.hinaura).toEqual({
      read: 3,
      kept: 2,
      merged: 0,
      dropped: { 'commune not found from postcode and name': 1 },
    });
    expect(s.cnfs).toEqual({
      read: 4,
      kept: 3,
      merged: 2,
      dropped: { 'no located place matches (no coordinates of its own)': 1 },
    });
    expect(s['aidants-connect']).toEqual({
      read: 6,
      kept: 5,
      merged: 3,
      dropped: { 'no located place matches (no coordinates of its own)': 1 },
    });
    expect(census.report.actors).toBe(13);
    expect(census.report.hours).toEqual({ converted: 3, unreadable: 1, invalid: 1, actorsWithHours: 3 });
    expect(census.report.byTerritory).toEqual({ brest: 10, grenoble: 1 });
    expect(census.report.publicInternet).toEqual({ brest: 4, grenoble: 1, france: 6 });
    // Awena, Kérédern, the town hall, the commune of Guipavas, Plouzané's library and Guilers' CCAS
    // directly; the two Brest libraries through their network.
    expect(census.report.supraTied.brest).toEqual({ direct: 6, withParents: 8 });
  });

  test('every actor is lean and complete: insee, sources, the source’s date, 6 decimals, no empty value', () => {
    for (const a of actors) {
      const p = a.properties as unknown as Record<string, unknown>;
      expect(p.insee, p.id as string).toMatch(/^\d{5}$/);
      expect((p.sources as string[]).length).toBeGreaterThan(0);
      for (const s of p.sources as string[]) expect(SOURCE_IDS as readonly string[]).toContain(s);
      expect(p.updated).toMatch(/^20(20|21|22|24|26)-/);
      expect(p.source).toBeTruthy();
      for (const c of a.geometry.coordinates) expect(Math.round(c * 1e6) / 1e6).toBe(c);
      for (const [key, value] of Object.entries(p)) {
        expect(value, `${p.id}.${key}`).not.toBe('');
        if (Array.isArray(value)) expect(value.length, `${p.id}.${key}`).toBeGreaterThan(0);
      }
      expect(CATEGORIES).toContain(p.category);
      for (const r of p.roles as string[]) expect(ROLES).toContain(r);
      for (const t of p.themes as string[]) expect(THEMES).toContain(t);
    }
  });

  test('the actors of the study territories pass the app’s validator, and the networks too', () => {
    const networks = validateNetworks(census.networks, 'networks.json');
    expect(networks.issues).toEqual([]);
    const territories = JSON.parse(readFileSync(join(root, 'data', 'territories.json'), 'utf8'));
    const study = actors.filter((a) => a.properties.territory !== undefined);
    const result = validateActors(
      { type: 'FeatureCollection', features: study },
      { file: 'actors.geojson', territories, networks: networks.valid, checkOpeningHours },
    );
    expect(result.issues).toEqual([]);
    expect(result.valid.map((a) => a.properties.id)).toEqual(study.map((a) => a.properties.id));
    // The census fields survive validation.
    const awena = result.valid.find((a) => a.properties.name === 'Médiathèque Awena')!;
    expect(awena.properties.sources).toEqual(['bibliotheques', 'france-services', 'aidants-connect']);
    expect(awena.properties.services).toEqual(['public-internet']);
  });

  test('the same sources give the same bytes', () => {
    const again = buildCensus(input());
    expect(serialiseActors(again.actors.features)).toBe(serialiseActors(census.actors.features));
    expect(JSON.stringify(again.networks)).toBe(JSON.stringify(census.networks));
  });
});

describe('public internet access is found whatever the category', () => {
  const indexed = indexActors(actors.filter((a) => a.properties.territory !== undefined));
  test('the internet-access filter lists the library, the France services counter and the EPN', () => {
    const shown = filterActors(indexed, { ...NO_FILTERS, categories: ['internet-access'] }).map(
      (a) => a.properties.name,
    );
    expect(shown.sort()).toEqual([
      'Espace Public Numérique de Meylan',
      'France services Pimms Médiation Brest - Kérédern',
      'Hôtel de ville de Brest',
      'Médiathèque Awena',
      'Médiathèque de Bellevue',
    ]);
    const counts = facetCounts(indexed, NO_FILTERS, { categories: CATEGORIES, roles: ROLES, themes: THEMES });
    expect(counts.category['internet-access']).toBe(5);
    expect(counts.category.library).toBe(5);
  });
  test('the statistics count them under public internet access too', () => {
    const stats = territoryStats(
      indexed.map((i) => i.feature),
      census.networks as Network[],
      'brest',
    );
    expect(stats.byCategory['internet-access']).toBe(4);
    expect(stats.byCategory.library).toBe(5);
  });
});

describe('the mapping rules (scripts/data/MAPPING.md)', () => {
  test.each([
    ['CCAS de Guilers', 'public-body'],
    ['Mairie de Plougastel-Daoulas', 'public-body'],
    ['COMMUNE DE SAINT-JOSEPH', 'public-body'],
    ['Centre communal d’action sociale de Brest', 'public-body'],
    ['Vivre la Ville', undefined],
    ['Médiathèque Simone de Beauvoir', 'library'],
    ['Centre socio-culturel "Le Nautilus"', 'social-centre'],
    ['Espace Public Numérique - Ville de Grand-Charmont', 'internet-access'],
    ['Association des Jeunes Majeurs en Dynamique', 'association'],
    ['Fab Lab La Casemate', 'fablab'],
  ])('"%s" is %s', (name, category) => {
    expect(categoryFromName(name)).toBe(category);
  });

  test.each([
    ['Médiathèques de Landéda, Lannilis et Plouguerneau', true],
    ['Réseau des Bibliothèques de Brest', true],
    ['Les bibliothèques intercommunales du Val', true],
    ['Médiathèque de Landéda', false],
    ['Bibliothèque municipale', false],
  ])('"%s" names a network of libraries: %s', (name, expected) => {
    expect(isNetworkName(name)).toBe(expected);
  });

  test('France services weekday cells become OSM hours that the parser accepts', () => {
    expect(dayRanges('09:00 - 12:00 / 13:30 - 17:00')).toBe('09:00-12:00,13:30-17:00');
    expect(dayRanges('')).toBeNull();
    expect(dayRanges('00:00 - 00:00 / 09:00 - 12:00')).toBe('09:00-12:00');
    expect(dayRanges('00:00 - 00:00')).toBeNull();
    expect(dayRanges('9h - midi')).toBeUndefined();
    expect(dayRanges('09:00 - 16:30 / 13:30 - 16:30')).toBeUndefined();
    const hours = franceServicesHours({
      h_lundi: '13:30 - 17:00',
      h_mardi: '09:00 - 12:00 / 13:30 - 17:00',
      h_mercredi: '09:00 - 12:00 / 13:30 - 17:00',
      h_jeudi: '09:00 - 12:00 / 13:30 - 17:00',
      h_vendredi: '09:00 - 12:00 / 13:30 - 16:00',
      h_samedi: '',
    });
    expect(hours).toBe('Mo 13:30-17:00; Tu-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00');
    expect(checkOpeningHours(hours!)).toBeNull();
    expect(franceServicesHours({ h_lundi: '09:00 - 12:00', h_mercredi: '09:00 - 12:00' })).toBe(
      'Mo 09:00-12:00; We 09:00-12:00',
    );
    expect(franceServicesHours({})).toBeNull();
  });

  test.each([
    ['marie.dupont@ville-exemple.fr', true],
    ['j.martin@exemple.org', true],
    ['asso.quartier@gmail.com', true],
    ['mediatheque@wanadoo.fr', true],
    ['contact@laposte.net', true],
    ['accueil.mairie@exemple.fr', false],
    ['saint-malo@france-services.gouv.fr', false],
    ['franceservices@exemple.fr', false],
    ['epn@aixlesbains.fr', false],
  ])('%s looks like a person’s: %s', (email, expected) => {
    expect(isPersonalEmail(email)).toBe(expected);
  });

  test('addresses compare without abbreviations and postal extras', () => {
    expect(addressKey('12 r. du Général Leclerc, BP 12, 29200 BREST CEDEX')).toBe('12 rue general leclerc');
    expect(addressKey('12 rue du General Leclerc')).toBe('12 rue general leclerc');
    expect(addressKey('57 RUE RENE NICOD\n01100 OYONNAX')).toBe('57 rue rene nicod');
  });

  test('INSEE codes: old codes, districts and curated postcodes resolve to current communes', () => {
    expect(communes.currentCode('69388')).toBe('69123');
    expect(communes.fromPostcode('29200', 'Brest')).toBe('29019');
    expect(communes.fromPostcode('38000', 'Grenoble')).toBe('38185');
    expect(communes.fromPostcode('38240', 'MEYLAN')).toBe('38229');
    expect(communes.studyTerritory('29075')).toBe('brest');
    expect(communes.studyTerritory('38151')).toBe('grenoble');
    expect(communes.studyTerritory('69123')).toBeUndefined();
  });

  test('MAPPING.md documents every rule table and every source', () => {
    const doc = readFileSync(join(root, 'scripts', 'data', 'MAPPING.md'), 'utf8');
    for (const label of Object.keys(LABEL_NETWORKS)) expect(doc, label).toContain(label);
    for (const id of Object.keys(CURATED_PUBLIC_INTERNET)) expect(doc, id).toContain(id);
    for (const [, category] of NAME_RULES) expect(doc).toContain(`\`${category}\``);
    const readme = readFileSync(join(root, 'data', 'README.md'), 'utf8');
    for (const id of SOURCE_IDS) expect(readme, id).toContain(`\`${id}\``);
  });
});

describe('npm run data (the command)', () => {
  test('writes actors, networks and the report; fails without sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'archipel-data-'));
    writeFileSync(
      join(out, 'README.md'),
      'before\n<!-- census:begin (written by npm run data) -->\nold\n<!-- census:end -->\nafter\n',
    );
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const args = [join(root, 'scripts', 'build-data.ts'), '--curated', join(fixtures, 'curated'), '--out', out];
    const result = spawnSync(tsx, [...args, '--sources', fixtures], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('actors: 13 (5 merged from several places or sources)');
    expect(result.stdout).not.toMatch(/@/);
    const written = readFileSync(join(out, 'actors.geojson'), 'utf8');
    expect(written).toBe(serialiseActors(census.actors.features));
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(/^before\n/);
    expect(readme).toContain('| `france-services` (france-services-20240801.csv) |');
    expect(readme).not.toContain('\nold\n');
    const none = spawnSync(tsx, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ARCHIPEL_SOURCES: '' } });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--sources');
  }, 60_000);
});

describe('npm run data keeps what npm run review accepted', () => {
  test('an override of a source actor (data/curated/overrides.json) is laid over the source; a closed one is left out', () => {
    const curated = new Set(
      (JSON.parse(read('curated/actors.geojson')).features as ActorFeature[]).map((a) => a.properties.id),
    );
    const [renamed, closed] = actors.filter((a) => !curated.has(a.properties.id));
    expect(renamed && closed).toBeTruthy();
    const dir = mkdtempSync(join(tmpdir(), 'archipel-overrides-'));
    cpSync(join(fixtures, 'curated'), join(dir, 'curated'), { recursive: true });
    writeFileSync(
      join(dir, 'curated', 'overrides.json'),
      JSON.stringify({
        [renamed!.properties.id]: {
          changes: { name: 'Nom corrigé par la personne qui tient le lieu' },
          source: 'contribution: anonymous, 2026-12-01',
          updated: '2026-12-01',
        },
        [closed!.properties.id]: { closed: true, source: 'contribution: anonymous, 2026-12-02', updated: '2026-12-02' },
      }),
    );
    const out = mkdtempSync(join(tmpdir(), 'archipel-data-'));
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const args = ['--sources', fixtures, '--curated', join(dir, 'curated'), '--out', out];
    const result = spawnSync(tsx, [join(root, 'scripts', 'build-data.ts'), ...args], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const written = JSON.parse(readFileSync(join(out, 'actors.geojson'), 'utf8')).features as ActorFeature[];
    expect(written).toHaveLength(actors.length - 1);
    const after = written.find((a) => a.properties.id === renamed!.properties.id)!;
    expect(after.properties.name).toBe('Nom corrigé par la personne qui tient le lieu');
    expect(after.properties.updated).toBe('2026-12-01');
    expect(after.properties.source).toMatch(/^contribution: anonymous, 2026-12-01/);
    expect(written.some((a) => a.properties.id === closed!.properties.id)).toBe(false);
  }, 60_000);
});

describe('npm run import reads labels and access services of the national standard', () => {
  test('labels_nationaux and dispositif_programmes_nationaux become memberships of known networks', () => {
    const territories = JSON.parse(readFileSync(join(root, 'data', 'territories.json'), 'utf8'));
    const records = [
      {
        id: 'a1',
        nom: 'EPN de Meylan',
        services: 'Accéder à une connexion internet;Prendre en main un ordinateur',
        commune: 'Meylan',
        code_postal: '38240',
        adresse: '2 avenue du Granier',
        latitude: 45.2098,
        longitude: 5.7797,
        labels_nationaux: 'Aidants Connect;APTIC',
        labels_autres: 'Hinaura',
      },
      {
        id: 'a2',
        nom: 'Maison France services',
        services: 'Aide aux démarches administratives',
        commune: 'Grenoble',
        code_postal: '38000',
        adresse: '1 rue',
        latitude: 45.18,
        longitude: 5.72,
        dispositif_programmes_nationaux: 'France Services|Conseillers numériques',
      },
    ];
    const result = importMediationJson(records, {
      file: 'labels.json',
      territories,
      networks: NATIONAL_NETWORKS,
      checkOpeningHours,
    });
    const [a1, a2] = result.features;
    expect(a1!.properties.networks).toEqual(['aidants-connect', 'hinaura']);
    expect(a1!.properties.services).toEqual(['public-internet']);
    expect(a2!.properties.networks).toEqual(['france-services', 'conseillers-numeriques']);
    expect(a2!.properties.services).toBeUndefined();
  });
});

describe('the census as the validator reads it with the administrative map (scripts/data/conform.ts)', () => {
  // Three libraries of the fixture list with the flaws of the real one: a commune misspelt, a
  // postcode of another commune, a position 40 km from the commune its INSEE code names.
  const flawed = [
    'Médiathèque Typo;;;3 rue de Siam;29200;;Brst;29;29019;48.3905, -4.4860;48.40, -4.50;48.3905,-4.4860;9101.0;9101.0;53;Bibliothèque municipale;;Bibliothèque ouverte au public;;142601.0',
    'Médiathèque Code Postal;;;5 rue de Brest;29000;;Guipavas;29;29075;48.4350, -4.4000;48.43, -4.39;48.4350,-4.4000;9102.0;9102.0;53;Bibliothèque municipale;;Bibliothèque ouverte au public;;14900.0',
    'Médiathèque Loin;;;1 rue du Loin;29200;;Brest;29;29019;47.9960, -4.1020;48.40, -4.50;47.9960,-4.1020;9103.0;9103.0;53;Bibliothèque municipale;;Bibliothèque ouverte au public;;142601.0',
  ];

  test('a misspelt commune takes its official name, a wrong postcode its commune’s, a misplaced library is dropped and counted', async () => {
    const admin = await nodeAdmin(['29', '38']);
    const given = input();
    given.files.bibliotheques = `${given.files.bibliotheques!.trimEnd()}\n${flawed.join('\n')}\n`;
    const built = buildCensus({ ...given, admin });
    const list = built.actors.features as ActorFeature[];
    const one = (name: string) => list.filter((a) => a.properties.name === name);
    expect(one('Médiathèque Typo')[0]!.properties).toMatchObject({
      commune: 'Brest',
      postcode: '29200',
      insee: '29019',
    });
    expect(one('Médiathèque Code Postal')[0]!.properties).toMatchObject({
      commune: 'Guipavas',
      postcode: '29490',
      insee: '29075',
    });
    expect(one('Médiathèque Loin')).toEqual([]);
    expect(built.report.conform).toEqual({ communeNamed: 1, postcodeFixed: 1, rejected: 1 });
    expect(
      built.report.sources.bibliotheques.dropped['position far from its commune (validator, README "Position checks")'],
    ).toBe(1);
    // Every row accounted for: read = kept + dropped.
    const r = built.report.sources.bibliotheques;
    expect(r.kept + Object.values(r.dropped).reduce((a, b) => a + b, 0)).toBe(r.read);
    // What is shipped passes the validator with the map: no error, and no warning on these three.
    const check = validateActors(built.actors, {
      file: 'actors.geojson',
      territories: [],
      networks: built.networks,
      checkOpeningHours,
      admin,
    });
    expect(check.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(check.issues.filter((i) => /typo|code-postal/.test(i.id ?? ''))).toEqual([]);
    expect(check.valid.length).toBe(list.length);
  });
});

describe('a list that names one place twice', () => {
  test('gives one actor, and the second record is counted as dropped', () => {
    const given = input();
    const awena = given.files.bibliotheques!.split('\n').find((line) => line.startsWith('Médiathèque Awena;'))!;
    // The same library again under another code_bib (the real list has 38 such pairs).
    given.files.bibliotheques = `${given.files.bibliotheques!.trimEnd()}\n${awena.replace('1140.0;1140.0', '1141.0;1141.0')}\n`;
    const built = buildCensus(given);
    const list = built.actors.features as ActorFeature[];
    expect(list.filter((a) => a.properties.name === 'Médiathèque Awena').length).toBe(1);
    const r = built.report.sources.bibliotheques;
    expect(r.dropped['the same place listed twice in its list (same name, address and position)']).toBe(1);
    expect(r.kept + Object.values(r.dropped).reduce((a, b) => a + b, 0)).toBe(r.read);
    // Without the repeat, the same fixture has no such drop.
    expect(
      census.report.sources.bibliotheques.dropped[
        'the same place listed twice in its list (same name, address and position)'
      ],
    ).toBeUndefined();
  });
});
