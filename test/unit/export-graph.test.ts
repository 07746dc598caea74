import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import Papa from 'papaparse';
import { buildDataset } from '../../src/data/load';
import { exportSelection } from '../../src/export';
import { escapeXml, graphRows, toGexf, toGraphml } from '../../src/export/graph';
import { buildProvenance } from '../../src/export/provenance';
import { decodeUrl } from '../../src/core/url';
import { DEFAULT_URL_STATE } from '../../src/core/url';
import { unescapeCell } from '../../src/data/import/template-csv';
import type { Network } from '../../src/core/types';
import { actorFixture } from './fixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shippedText = (name: string) => ({ file: name, text: readFileSync(join(root, 'data', name), 'utf8') });
const shipped = buildDataset({
  actors: shippedText('actors.geojson'),
  networks: shippedText('networks.json'),
  territories: shippedText('territories.json'),
});

// Hostile names and ids: markup, entities, quotes, control characters, a lone surrogate.
const HOSTILE = 'A <b>&amp; "quoted" \'single\'\u0001\u0007 tab\there\nnew line ]]> \uD800 =cmd';
const SAFE = 'A <b>&amp; "quoted" \'single\'\uFFFD\uFFFD tab\there\nnew line ]]> \uFFFD =cmd';
const networks: Network[] = [
  { id: 'net-a', name: `${HOSTILE} network`, scale: 'national', memberOf: ['net-b'] },
  { id: 'net-b', name: 'Wider & <higher>', scale: 'international' },
];
const actors = [
  actorFixture({ id: 'a1', name: HOSTILE, networks: ['net-a'], partners: ['a2'] }),
  actorFixture({ id: 'a2', name: 'Plain', category: 'fablab', territory: 'grenoble', networks: ['net-b'] }),
  actorFixture({ id: 'a3', name: '<lone>' }),
];
const provenance = buildProvenance({
  state: DEFAULT_URL_STATE,
  actors,
  territories: [],
  date: '2026-01-02',
  baseUrl: 'https://example.org/archipel/',
});
const rows = graphRows(actors, networks);

/** What each node should carry once read back: its label and every attribute written. */
function expectedNodes() {
  return Object.fromEntries(
    rows.nodes.map((n) => [
      n.id,
      { label: n.label.replace(/\p{Cc}(?<![\t\n])|\uD800/gu, '\uFFFD'), ...Object.fromEntries(n.values) },
    ]),
  );
}

describe('graph exports read back by graphology’s own parsers', () => {
  test('the rows: 5 nodes, 4 edges, with measures', () => {
    expect(rows.nodes.map((n) => n.id)).toEqual(['a1', 'a2', 'a3', 'net-a', 'net-b']);
    expect(rows.edges.map((e) => e.id)).toEqual([
      'membership:a1>net-a',
      'partnership:a1~a2',
      'membership:a2>net-b',
      'network-membership:net-a>net-b',
    ]);
    expect(rows.nodes[0]!.values.get('degree')).toBe(2);
  });

  test('GEXF: every node, edge and attribute, and the provenance in <meta>', () => {
    const text = toGexf(actors, networks, provenance);
    const graph = parseGexf(Graph, text);
    expect(graph.order).toBe(5);
    expect(graph.size).toBe(4);
    const nodes = Object.fromEntries(graph.mapNodes((id, a) => [id, a]));
    expect(nodes).toEqual(expectedNodes());
    expect(nodes.a1!.label).toBe(SAFE);
    for (const edge of rows.edges) {
      expect(graph.source(edge.id)).toBe(edge.source);
      expect(graph.target(edge.id)).toBe(edge.target);
      expect(graph.getEdgeAttributes(edge.id)).toEqual({ kind: edge.kind });
    }
    expect(graph.getAttribute('creator')).toBe(provenance.generator);
    expect(graph.getAttribute('lastModifiedDate')).toBe('2026-01-02');
    expect(JSON.parse(graph.getAttribute('description'))).toEqual(provenance);
  });

  test('GraphML: every node, edge and attribute, and the provenance as a graph attribute', () => {
    const text = toGraphml(actors, networks, provenance);
    const graph = parseGraphml(Graph, text);
    expect(graph.order).toBe(5);
    expect(graph.size).toBe(4);
    expect(Object.fromEntries(graph.mapNodes((id, a) => [id, a]))).toEqual(expectedNodes());
    for (const edge of rows.edges) {
      expect(graph.extremities(edge.id)).toEqual([edge.source, edge.target]);
      expect(graph.getEdgeAttributes(edge.id)).toEqual({ kind: edge.kind });
    }
    expect(JSON.parse(graph.getAttribute('provenance'))).toEqual(provenance);
  });

  test('escapes every data string: no raw markup from data reaches the XML', () => {
    expect(escapeXml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(escapeXml('\u0000\u001f\uFFFF ok')).toBe('\uFFFD\uFFFD\uFFFD ok');
    expect(escapeXml('😀')).toBe('😀');
    const text = toGexf(actors, networks, provenance);
    expect(text).not.toContain('<b>');
    expect(text.includes('\u0001') || text.includes('\u0007')).toBe(false);
  });

  test('CSV node and edge lists with a provenance sidecar, formulas defused', () => {
    const nodes = exportSelection({
      dataset: { actors, networks, territories: [] },
      state: DEFAULT_URL_STATE,
      format: 'nodes',
      date: '2026-01-02',
    });
    expect(nodes.files.map((f) => f.name)).toEqual([
      'archipel-2026-01-02-nodes.csv',
      'archipel-2026-01-02-nodes.provenance.json',
    ]);
    const text = nodes.files[0]!.text;
    expect(
      text.startsWith('\ufeffId,Label,kind,category,territory,scale,members,degree,betweenness,community\r\n'),
    ).toBe(true);
    const table = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(table.length).toBe(6);
    expect(table[1]!.slice(0, 5)).toEqual(['a1', HOSTILE, 'actor', 'library', 'brest']);
    const edges = exportSelection({
      dataset: { actors, networks, territories: [] },
      state: DEFAULT_URL_STATE,
      format: 'edges',
      date: '2026-01-02',
    });
    const edgeTable = Papa.parse<string[]>(edges.files[0]!.text.slice(1), { skipEmptyLines: true }).data;
    expect(edgeTable[0]).toEqual(['Id', 'Source', 'Target', 'Type', 'kind']);
    expect(edgeTable[2]).toEqual(['partnership:a1~a2', 'a1', 'a2', 'Undirected', 'partnership']);
    // A name starting with "=" would run in a spreadsheet: it is escaped, and our reader undoes it.
    const evil = exportSelection({
      dataset: { actors: [actorFixture({ id: 'x', name: '=HYPERLINK("http://x")' })], networks, territories: [] },
      state: DEFAULT_URL_STATE,
      format: 'nodes',
      date: '2026-01-02',
    });
    const cell = Papa.parse<string[]>(evil.files[0]!.text.slice(1)).data[1]![1]!;
    expect(cell.startsWith("'")).toBe(true);
    expect(unescapeCell(cell)).toBe('=HYPERLINK("http://x")');
  });
});

// Each case starts the script (tsx) once or twice: seconds each, more on a busy machine.
describe('npm run export --format gexf|graphml|nodes|edges', () => {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const run = (args: string[]) =>
    spawnSync(tsx, [join(root, 'scripts', 'export.ts'), ...args], { cwd: root, encoding: 'utf8' });

  test.each(['gexf', 'graphml'] as const)(
    '%s: the app’s bytes for the same URL and date',
    (format) => {
      const query = 'territory=brest&theme=training';
      const { status, stdout } = run([query, '--format', format, '--date', '2026-01-02']);
      expect(status).toBe(0);
      const app = exportSelection({ dataset: shipped, state: decodeUrl(query).state, format, date: '2026-01-02' });
      expect(stdout).toBe(app.files[0]!.text);
      const graph = (format === 'gexf' ? parseGexf : parseGraphml)(Graph, stdout);
      expect(graph.order).toBe(graphRows(app.actors, shipped.networks).nodes.length);
    },
    60_000,
  );

  test('nodes and edges with --out write the list and its sidecar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archipel-graph-'));
    for (const format of ['nodes', 'edges'] as const) {
      const out = join(dir, `${format}.csv`);
      expect(run(['territory=grenoble', '--format', format, '--date', '2026-01-02', '--out', out]).status).toBe(0);
      const app = exportSelection({
        dataset: shipped,
        state: decodeUrl('territory=grenoble').state,
        format,
        date: '2026-01-02',
      });
      expect(readFileSync(out, 'utf8')).toBe(app.files[0]!.text);
      expect(readFileSync(join(dir, `${format}.provenance.json`), 'utf8')).toBe(app.files[1]!.text);
    }
  }, 90_000);
});
