import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { importTemplateCsv, unescapeCell, FORMULA_ESCAPE, FORMULA_ESCAPED } from '../../src/data/import/template-csv';
import { detectFormat, importText } from '../../src/data/import';
import { readCsv } from '../../src/data/import/common';
import { validateNetworks, validateTerritories } from '../../src/data/validate';
import { formatIssue } from '../../src/data/issue-text';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { toCsv } from '../../src/export/csv';
import { createTranslator } from '../../src/i18n';

const en = createTranslator('en');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const territories = validateTerritories(JSON.parse(fixture('territories.json')), 'territories.json').valid;
const networks = validateNetworks(JSON.parse(fixture('networks.json')), 'networks.json').valid;
const options = { file: 'acteurs.csv', territories, networks, checkOpeningHours };

const HEADER = 'id,name,category,roles,themes,territory,address,postcode,commune,longitude,latitude';

describe('importTemplateCsv', () => {
  test('reads a file written by a spreadsheet: BOM, quotes, commas, line breaks, accents', () => {
    const csv = [
      `\ufeff${HEADER},description,networks`,
      'brest-a,"Médiathèque ""Les Capucins"", Brest",library,public-service|opportunity-space,training|equipment,brest,25 rue de Pontaniou,29200,Brest,-4.498,48.389,"Deux lignes :',
      'ligne deux, avec virgule",papi-brest|chatons',
      'grenoble-b,Fablab d’essai,fablab,opportunity-space,making,grenoble,1 place Saint-Laurent,38000,Grenoble,5.73,45.19,,',
      '',
    ].join('\r\n');
    const result = importTemplateCsv(csv, options);
    expect(result.issues).toEqual([]);
    expect(result.summary).toMatchObject({ format: 'archipel-csv', read: 2, imported: 2, rejected: 0 });
    const [a, b] = result.features;
    expect(a!.properties).toEqual({
      id: 'brest-a',
      name: 'Médiathèque "Les Capucins", Brest',
      category: 'library',
      roles: ['public-service', 'opportunity-space'],
      themes: ['training', 'equipment'],
      territory: 'brest',
      address: '25 rue de Pontaniou',
      postcode: '29200',
      commune: 'Brest',
      description: 'Deux lignes :\r\nligne deux, avec virgule',
      networks: ['papi-brest', 'chatons'],
    });
    expect(a!.geometry.coordinates).toEqual([-4.498, 48.389]);
    expect(b!.properties.name).toBe('Fablab d’essai');
    expect(b!.properties.networks).toBeUndefined();
  });

  test('gives each rejection the line of the file where its row starts (after a multi-line row too)', () => {
    const csv = [
      `${HEADER},description`,
      'ok-1,Un,library,public-service,training,brest,a,29200,Brest,-4.49,48.39,"sur',
      'deux lignes"',
      'bad-2,Deux,fab-lab,public-service,training,brest,a,29200,Brest,-4.49,48.39,',
      'bad-3,Trois,library,public-service,training,brest,a,29200,Brest,,,',
      'bad-4,Quatre,library,,training,brest,a,29200,Brest,-4.49,48.39,',
    ].join('\n');
    const result = importTemplateCsv(csv, options);
    const messages = result.issues.map((i) => formatIssue(i, en));
    expect(messages).toEqual([
      'acteurs.csv line 4 (bad-2): unknown category "fab-lab"',
      'acteurs.csv line 5 (bad-3): longitude and latitude are empty or unreadable (columns “longitude” and “latitude”, decimal numbers with a point)',
      'acteurs.csv line 6 (bad-4): missing required field "roles"',
    ]);
    expect(result.summary).toMatchObject({
      read: 4,
      imported: 1,
      rejected: 3,
      rejectedByReason: { 'fieldMissing:roles': 1, 'geometryMissing:geometry': 1, 'unknownValue:category': 1 },
    });
  });

  test('reads `;`-separated files (LibreOffice in French) and columns in any order; unknown columns are warned about', () => {
    const csv =
      'latitude;longitude;name;id;themes;roles;category;territory;address;postcode;commune;remarque\n45,19;5,73;Fablab;g-1;making;opportunity-space;fablab;grenoble;a;38000;Grenoble;à revoir\n';
    const result = importTemplateCsv(csv, options);
    expect(result.features.map((f) => f.geometry.coordinates)).toEqual([[5.73, 45.19]]);
    expect(result.issues.map((i) => [i.severity, formatIssue(i, en)])).toEqual([
      ['warning', 'acteurs.csv line 1: unknown property "remarque" ignored'],
    ]);
  });

  test('reports an unterminated quote as an unreadable row', () => {
    const csv = `${HEADER}\nok,Un,library,public-service,training,brest,a,29200,Brest,-4.49,48.39\nbad,"Deux,library\n`;
    const result = importTemplateCsv(csv, options);
    expect(result.features).toHaveLength(1);
    expect(result.issues).toMatchObject([{ severity: 'error', unit: 'row', index: 3, code: 'csvParse' }]);
    expect(result.summary).toMatchObject({ read: 2, imported: 1, rejected: 1 });
  });

  test('a row written by our export reads back with its formula escape removed', () => {
    const csv = toCsv([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-4.49, 48.39] },
        properties: {
          id: 'x',
          name: '=Nom',
          category: 'library',
          roles: ['public-service'],
          themes: ['training'],
          territory: 'brest',
          address: '-1 rue',
          postcode: '29200',
          commune: 'Brest',
          phone: '+33 2',
          description: "'=garde",
        },
      },
    ]);
    const [feature] = importTemplateCsv(csv, options).features;
    expect(feature!.properties).toMatchObject({
      name: '=Nom',
      address: '-1 rue',
      phone: '+33 2',
      description: "'=garde",
    });
  });
});

describe('formula escaping rule', () => {
  test.each([
    ["'=x", '=x'],
    ["''=x", "'=x"],
    ["'-1", '-1'],
    ["'+33", '+33'],
    ["'@a", '@a'],
    ["'\tx", '\tx'],
    ["'abc", "'abc"],
    ["'", "'"],
    ['=x', '=x'],
    ['', ''],
  ])('import reads %j as %j', (cell, value) => {
    expect(unescapeCell(cell)).toBe(value);
  });

  test('escape then unescape is the identity, and unescape never touches an unescaped cell', () => {
    for (const value of ['=a', "'=a", "''=a", "'a", 'a', '-', "'", '@', '\r=', "'''+x"]) {
      const written = FORMULA_ESCAPE.test(value) ? `'${value}` : value;
      expect(unescapeCell(written)).toBe(value);
      if (!FORMULA_ESCAPE.test(value)) expect(FORMULA_ESCAPED.test(value)).toBe(false);
    }
  });
});

describe('readCsv', () => {
  test('counts lines with CRLF, LF and CR ends, and skips blank lines', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const table = readCsv(['a,b', '1,2', '', '3,"x', 'y"', '4,5'].join(eol), 'f.csv');
      expect(table.header).toEqual(['a', 'b']);
      expect(table.rows.map((r) => r.line)).toEqual([2, 4, 6]);
      expect(table.rows[1]!.cells).toEqual(['3', `x${eol}y`]);
    }
  });
});

describe('detectFormat', () => {
  test('recognises our CSV template by its header, with or without BOM', () => {
    expect(detectFormat('x.csv', `\ufeff${HEADER}\n`).format).toBe('archipel-csv');
    expect(detectFormat('x.txt', `"id";"name";"category";"themes"\n`).format).toBe('archipel-csv');
  });

  test('recognises our GeoJSON, and says when nothing fits', () => {
    expect(detectFormat('x.geojson', '{"type":"FeatureCollection","features":[]}').format).toBe('archipel-geojson');
    expect(detectFormat('x.csv', 'a,b,c\n1,2,3\n')).toEqual({ format: null, reason: 'unknown' });
    expect(detectFormat('x.json', '{"type": ')).toMatchObject({ format: null, reason: 'notJson' });
    expect(detectFormat('x.csv', '  \n')).toEqual({ format: null, reason: 'empty' });
  });

  test('an unknown file imports nothing, with one file-level error', () => {
    const result = importText('a,b\n1,2\n', { ...options, file: 'x.csv' });
    expect(result.features).toEqual([]);
    expect(result.issues).toMatchObject([{ severity: 'error', file: 'x.csv', code: 'formatUnknown' }]);
    expect(result.summary).toMatchObject({ format: null, read: 0, imported: 0 });
  });
});
