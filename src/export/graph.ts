/**
 * The archipelago graph for the field's tools (issue 16): GEXF 1.3 (Gephi),
 * GraphML (Cytoscape, NetworkX, yEd), and CSV node and edge lists in the
 * columns Gephi's spreadsheet import recognises (`Id`, `Label`; `Source`,
 * `Target`, `Type`).
 *
 * The graph is `buildGraph` of the selected actors (src/geo/graph.ts): actors
 * and the networks they reach; memberships, partnerships and network
 * memberships. Nodes carry `kind`, `category`, `territory`, `scale`,
 * `members`, and the measures `degree`, `betweenness` (left out above
 * `BETWEENNESS_MAX_NODES`) and `community`; edges carry `kind`. Undirected;
 * each edge's source is the member (actor or network), its target the network
 * or the other partner.
 *
 * Provenance: the same object as the other exports — in GEXF's `<meta>`
 * (`<creator>` the tool, `<description>` the provenance as JSON,
 * `lastmodifieddate` the date), in GraphML's top-level `<desc>` and the graph's
 * data key `provenance` (read back as a graph attribute), and for the CSV lists in a sidecar `….provenance.json`.
 *
 * Every data string is escaped for XML, and the characters XML 1.0 cannot
 * hold at all (C0 controls other than tab, line feed and carriage return,
 * lone surrogates, U+FFFE, U+FFFF) are replaced by U+FFFD.
 */
import Papa from 'papaparse';
import { buildGraph } from '../geo/graph';
import { nodeMeasures } from '../geo/graph-measures';
import { FORMULA_ESCAPE } from '../data/import/template-csv';
import type { ArchipelagoGraph } from '../geo/graph';
import type { NodeMeasures } from '../geo/graph-measures';
import type { ActorFeature, Network } from '../core/types';
import type { Provenance } from './provenance';

export type GraphFormat = 'gexf' | 'graphml' | 'nodes' | 'edges';

type AttributeType = 'string' | 'integer' | 'double';

/** Node attributes written, in this order, with their types. */
export const NODE_ATTRIBUTES: readonly [string, AttributeType][] = [
  ['kind', 'string'],
  ['category', 'string'],
  ['territory', 'string'],
  ['scale', 'string'],
  ['members', 'integer'],
  ['degree', 'integer'],
  ['betweenness', 'double'],
  ['community', 'integer'],
];

export const EDGE_ATTRIBUTES: readonly [string, AttributeType][] = [['kind', 'string']];

/** One node as written: id, label and the attributes that have a value. */
interface NodeRow {
  id: string;
  label: string;
  values: Map<string, string | number>;
}

interface EdgeRow {
  id: string;
  source: string;
  target: string;
  kind: string;
}

/** The graph of the selected actors with its measures, as rows. */
export function graphRows(
  actors: readonly ActorFeature[],
  networks: readonly Network[],
): { nodes: NodeRow[]; edges: EdgeRow[] } {
  const graph = buildGraph(actors, networks);
  return rowsOf(graph, nodeMeasures(graph));
}

function rowsOf(graph: ArchipelagoGraph, measures: NodeMeasures): { nodes: NodeRow[]; edges: EdgeRow[] } {
  const nodes = graph.mapNodes((id, a): NodeRow => {
    const values = new Map<string, string | number>();
    values.set('kind', a.kind);
    if (a.category !== null) values.set('category', a.category);
    if (a.territory !== null) values.set('territory', a.territory);
    if (a.scale !== null) values.set('scale', a.scale);
    values.set('members', a.members);
    values.set('degree', measures.degree.get(id) ?? 0);
    const b = measures.betweenness?.get(id);
    if (b !== undefined) values.set('betweenness', Math.round(b * 1e6) / 1e6);
    values.set('community', measures.community.get(id) ?? 0);
    return { id, label: a.label, values };
  });
  const edges = graph.mapEdges((id, a, source, target): EdgeRow => ({ id, source, target, kind: a.kind }));
  return { nodes, edges };
}

/** Characters XML 1.0 cannot hold, even as references. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to replace.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A data string made safe for XML text and attribute values: `& < > " '`
 * escaped, tab and line ends as references (an attribute keeps them), the
 * characters XML cannot hold replaced by U+FFFD.
 */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(NOT_XML, '\uFFFD')
    .replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]!);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * GEXF 1.3, for Gephi.
 * @param actors - the selected actors
 * @param networks - every network
 * @param provenance - as for the other exports
 */
export function toGexf(actors: readonly ActorFeature[], networks: readonly Network[], provenance: Provenance): string {
  const { nodes, edges } = graphRows(actors, networks);
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta lastmodifieddate="${escapeXml(provenance.date)}">`,
    `    <creator>${escapeXml(provenance.generator)}</creator>`,
    `    <description>${escapeXml(JSON.stringify(provenance))}</description>`,
    '  </meta>',
    '  <graph mode="static" defaultedgetype="undirected">',
    '    <attributes class="node">',
    ...NODE_ATTRIBUTES.map(([name, type]) => `      <attribute id="${name}" title="${name}" type="${type}"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    ...EDGE_ATTRIBUTES.map(([name, type]) => `      <attribute id="${name}" title="${name}" type="${type}"/>`),
    '    </attributes>',
    '    <nodes>',
  ];
  for (const node of nodes) {
    lines.push(`      <node id="${escapeXml(node.id)}" label="${escapeXml(node.label)}">`, '        <attvalues>');
    for (const [name] of NODE_ATTRIBUTES) {
      const value = node.values.get(name);
      if (value !== undefined) lines.push(`          <attvalue for="${name}" value="${escapeXml(value)}"/>`);
    }
    lines.push('        </attvalues>', '      </node>');
  }
  lines.push('    </nodes>', '    <edges>');
  for (const edge of edges) {
    lines.push(
      `      <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">`,
      `        <attvalues><attvalue for="kind" value="${escapeXml(edge.kind)}"/></attvalues>`,
      '      </edge>',
    );
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

/**
 * GraphML, for Cytoscape, NetworkX and yEd.
 * @param actors - the selected actors
 * @param networks - every network
 * @param provenance - as for the other exports
 */
export function toGraphml(
  actors: readonly ActorFeature[],
  networks: readonly Network[],
  provenance: Provenance,
): string {
  const { nodes, edges } = graphRows(actors, networks);
  const json = escapeXml(JSON.stringify(provenance));
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${json}</desc>`,
    '  <key id="provenance" for="graph" attr.name="provenance" attr.type="string"/>',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    ...NODE_ATTRIBUTES.map(
      ([name, type]) =>
        `  <key id="${name}" for="node" attr.name="${name}" attr.type="${type === 'integer' ? 'int' : type}"/>`,
    ),
    '  <key id="edge-kind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <graph id="archipel" edgedefault="undirected">',
    `    <data key="provenance">${json}</data>`,
  ];
  for (const node of nodes) {
    lines.push(`    <node id="${escapeXml(node.id)}">`, `      <data key="label">${escapeXml(node.label)}</data>`);
    for (const [name] of NODE_ATTRIBUTES) {
      const value = node.values.get(name);
      if (value !== undefined) lines.push(`      <data key="${name}">${escapeXml(value)}</data>`);
    }
    lines.push('    </node>');
  }
  for (const edge of edges) {
    lines.push(
      `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">`,
      `      <data key="edge-kind">${escapeXml(edge.kind)}</data>`,
      '    </edge>',
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

const BOM = '\ufeff';
const CRLF = '\r\n';

function csv(rows: (string | number)[][]): string {
  return `${BOM}${Papa.unparse(rows, { newline: CRLF, quotes: false, escapeFormulae: FORMULA_ESCAPE })}${CRLF}`;
}

/** The node list: `Id,Label,kind,category,territory,scale,members,degree,betweenness,community` (UTF-8 with BOM, CRLF, as the CSV export). */
export function toNodesCsv(actors: readonly ActorFeature[], networks: readonly Network[]): string {
  const { nodes } = graphRows(actors, networks);
  return csv([
    ['Id', 'Label', ...NODE_ATTRIBUTES.map(([name]) => name)],
    ...nodes.map((n) => [n.id, n.label, ...NODE_ATTRIBUTES.map(([name]) => n.values.get(name) ?? '')]),
  ]);
}

/** The edge list: `Id,Source,Target,Type,kind`, `Type` always `Undirected`. */
export function toEdgesCsv(actors: readonly ActorFeature[], networks: readonly Network[]): string {
  const { edges } = graphRows(actors, networks);
  return csv([
    ['Id', 'Source', 'Target', 'Type', 'kind'],
    ...edges.map((e) => [e.id, e.source, e.target, 'Undirected', e.kind]),
  ]);
}
