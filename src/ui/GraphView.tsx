import './GraphView.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AGGREGATE_ABOVE, BETWEENNESS_MAX_NODES, aggregateGraph, buildGraph, groupId } from '../geo/graph';
import { CATEGORY_STYLE } from '../core/palette';
import { selectFiltered, selectNetworks, selectTerritoriesById } from '../state/selectors';
import { useActions, useAppState, useT } from './hooks';
import type { GraphNodeAttributes } from '../geo/graph';
import { useGraphLayout } from './graph-client';
import type { Layout } from './graph-client';
import type { MessageKey } from '../i18n';
import type { LinkKind } from '../geo/links';

/** The links' colours on the map (src/map/archipelago.ts), so the two views read alike. */
const EDGE_COLOR: Record<LinkKind, string> = {
  membership: '#0072B2',
  partnership: '#D55E00',
  'network-membership': '#7A4A8C',
};
const NETWORK_COLOR = '#1A1A1A';
const TERRITORY_FILL = 'rgba(232, 200, 114, 0.18)';
const TERRITORY_LINE = '#9C7A1E';
const PAGE = 100;

interface View {
  k: number;
  dx: number;
  dy: number;
}

declare global {
  interface Window {
    __archipelGraph?: { point: (id: string) => [number, number] | null };
  }
}

type SortKey = 'name' | 'kind' | 'territory' | 'degree' | 'betweenness' | 'community';

/**
 * `view=graph`: the archipelago as a graph, on the filtered actors, laid out in
 * a worker (seeded ForceAtlas2: a permalink shows the same picture), drawn on a
 * canvas, with a table giving the same facts to keyboard and screen-reader users.
 * Selecting a node selects it everywhere (the store's `selected`).
 */
export function GraphView() {
  const t = useT();
  const actors = useAppState(selectFiltered);
  const networks = useAppState(selectNetworks);
  const territories = useAppState(selectTerritoriesById);
  const selected = useAppState((s) => s.selected);
  const { select } = useActions();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const full = useMemo(() => buildGraph(actors, networks), [actors, networks]);
  const aggregated = full.order > AGGREGATE_ABOVE;
  // The group of a selected actor opens by itself, so the selection is always drawn.
  const selectedGroup =
    aggregated && selected && full.hasNode(selected) && full.getNodeAttribute(selected, 'kind') === 'actor'
      ? groupOf(full.getNodeAttributes(selected))
      : null;
  const open = useMemo(
    () => (selectedGroup && !expanded.has(selectedGroup) ? new Set([...expanded, selectedGroup]) : expanded),
    [expanded, selectedGroup],
  );
  const graph = useMemo(() => (aggregated ? aggregateGraph(full, open) : full), [full, aggregated, open]);

  const { layout, error } = useGraphLayout(graph);
  const current = layout && layout.graph === graph ? layout : null;

  const onNode = (id: string) => {
    if (!graph.hasNode(id)) return;
    if (graph.getNodeAttribute(id, 'kind') === 'group') setExpanded(new Set([...open, id]));
    else select(id);
  };

  // Stable while the language and territories are: the table sorts again only when they change.
  const territoryName = useCallback(
    (id: string | null) => (id ? (territories.get(id)?.name ?? id) : ''),
    [territories],
  );
  const kindOf = useCallback(
    (a: GraphNodeAttributes) =>
      a.kind === 'network'
        ? t('graph.kind.network', { scale: t(`scale.${a.scale!}` as MessageKey) })
        : a.kind === 'group'
          ? t('graph.kind.group', { count: t.number(a.members), category: t(`category.${a.category!}` as MessageKey) })
          : t('graph.kind.actor', { category: t(`category.${a.category!}` as MessageKey) }),
    [t],
  );

  return (
    <article class="graph-view" aria-labelledby="graph-title">
      <h2 id="graph-title">{t('graph.title')}</h2>
      <p class="rule">{t('graph.intro')}</p>
      {aggregated && (
        <p class="rule">
          {t('graph.aggregated', { max: t.number(AGGREGATE_ABOVE) })}{' '}
          {open.size > 0 && (
            <>
              {t('graph.expandedCount', { count: open.size })}{' '}
              <button type="button" class="button button-quiet" onClick={() => setExpanded(new Set())}>
                {t('graph.collapse')}
              </button>
            </>
          )}
        </p>
      )}
      {full.order === 0 ? (
        <p class="empty">{t('graph.empty')}</p>
      ) : (
        <>
          <GraphCanvas
            layout={layout}
            selected={selected}
            onNode={onNode}
            territoryName={territoryName}
            label={t('graph.canvas', { nodes: t.number(graph.order), edges: t.number(graph.size) })}
          />
          <p class="graph-status" role="status">
            {current
              ? t('graph.drawn', { nodes: t.number(graph.order), edges: t.number(graph.size) })
              : error
                ? t('graph.failed', { detail: error })
                : t('graph.computing')}
          </p>
          <Legend />
          {current && (
            <NodeTable
              layout={current}
              selected={selected}
              onNode={onNode}
              kindOf={kindOf}
              territoryName={territoryName}
            />
          )}
        </>
      )}
    </article>
  );
}

function groupOf(a: GraphNodeAttributes): string {
  return groupId(a.territory ?? '', a.category!);
}

function GraphCanvas({
  layout,
  selected,
  onNode,
  territoryName,
  label,
}: {
  layout: Layout | null;
  selected: string | null;
  onNode: (id: string) => void;
  territoryName: (id: string | null) => string;
  label: string;
}) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [view, setView] = useState<View>({ k: 1, dx: 0, dy: 0 });
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  // A new layout is framed whole.
  useEffect(() => setView({ k: 1, dx: 0, dy: 0 }), [layout?.graph]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomAt(event.deltaY < 0 ? 1.25 : 0.8, event.clientX - rect.left, event.clientY - rect.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener('wheel', onWheel);
    };
  }, []);

  const frame = useMemo(() => (layout ? frameOf(layout.result.positions) : null), [layout]);
  const project = (i: number): [number, number] => {
    const p = layout!.result.positions;
    const f = frame!;
    const scale = Math.min((size.w - 60) / f.w, (size.h - 60) / f.h) * view.k;
    return [(p[2 * i]! - f.cx) * scale + size.w / 2 + view.dx, (p[2 * i + 1]! - f.cy) * scale + size.h / 2 + view.dy];
  };

  function zoomAt(factor: number, x: number, y: number) {
    setView((v) => {
      const k = Math.min(40, Math.max(0.2, v.k * factor));
      const f = k / v.k;
      const w = canvas.current?.clientWidth ?? 0;
      const h = canvas.current?.clientHeight ?? 0;
      return { k, dx: (v.dx - (x - w / 2)) * f + (x - w / 2), dy: (v.dy - (y - h / 2)) * f + (y - h / 2) };
    });
  }

  useEffect(() => {
    const el = canvas.current;
    if (!el || !layout || !frame || size.w === 0) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(size.w * dpr);
    el.height = Math.round(size.h * dpr);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const drawn = drawGraph(ctx, layout, project, selected, territoryName, size);
    el.dataset.nodes = String(drawn.nodes);
    el.dataset.edges = String(drawn.edges);
    // For the browser tests, as the map's `__archipelMap`: where a node is drawn, in CSS pixels of the canvas.
    window.__archipelGraph = {
      point: (id) => (layout.index.has(id) ? project(layout.index.get(id)!) : null),
    };
  });
  useEffect(
    () => () => {
      window.__archipelGraph = undefined;
    },
    [],
  );

  const hit = (x: number, y: number): string | null => {
    if (!layout) return null;
    let best: string | null = null;
    let bestD = Infinity;
    layout.graph.forEachNode((id, a) => {
      const [px, py] = project(layout.index.get(id)!);
      const d = Math.hypot(px - x, py - y);
      if (d <= radiusOf(a) + 4 && d < bestD) {
        best = id;
        bestD = d;
      }
    });
    return best;
  };

  return (
    <div class="graph-stage">
      <canvas
        ref={canvas}
        class="graph-canvas"
        role="img"
        aria-label={label}
        data-testid="graph-canvas"
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, y: e.clientY, moved: false };
          (e.currentTarget as HTMLCanvasElement).setPointerCapture?.(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) return;
          const mx = e.clientX - d.x;
          const my = e.clientY - d.y;
          if (!d.moved && Math.hypot(mx, my) < 4) return;
          d.moved = true;
          d.x = e.clientX;
          d.y = e.clientY;
          setView((v) => ({ ...v, dx: v.dx + mx, dy: v.dy + my }));
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          if (d && !d.moved) {
            const rect = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
            const id = hit(e.clientX - rect.left, e.clientY - rect.top);
            if (id) onNode(id);
          }
        }}
      />
      <div class="graph-zoom">
        <button
          type="button"
          class="button"
          onClick={() => zoomAt(1.5, size.w / 2, size.h / 2)}
          aria-label={t('graph.zoomIn')}
        >
          +
        </button>
        <button
          type="button"
          class="button"
          onClick={() => zoomAt(1 / 1.5, size.w / 2, size.h / 2)}
          aria-label={t('graph.zoomOut')}
        >
          −
        </button>
        <button type="button" class="button" onClick={() => setView({ k: 1, dx: 0, dy: 0 })}>
          {t('graph.reset')}
        </button>
      </div>
    </div>
  );
}

function frameOf(p: Float64Array): { cx: number; cy: number; w: number; h: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < p.length; i += 2) {
    x0 = Math.min(x0, p[i]!);
    x1 = Math.max(x1, p[i]!);
    y0 = Math.min(y0, p[i + 1]!);
    y1 = Math.max(y1, p[i + 1]!);
  }
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: Math.max(x1 - x0, 1), h: Math.max(y1 - y0, 1) };
}

/** Screen radius of a node: actors small, groups and networks by the square root of their members. */
function radiusOf(a: GraphNodeAttributes): number {
  if (a.kind === 'actor') return 5;
  return Math.min(30, 5 + 2 * Math.sqrt(a.members));
}

/** Draws the graph; returns how many nodes and edges it drew. */
function drawGraph(
  ctx: CanvasRenderingContext2D,
  layout: Layout,
  project: (i: number) => [number, number],
  selected: string | null,
  territoryName: (id: string | null) => string,
  size: { w: number; h: number },
): { nodes: number; edges: number } {
  const { graph, index } = layout;
  ctx.clearRect(0, 0, size.w, size.h);
  const at = (id: string) => project(index.get(id)!);
  const focus = selected && graph.hasNode(selected) ? selected : null;
  const near = new Set<string>(focus ? [focus, ...graph.neighbors(focus)] : []);

  // Territories as groups: a soft disc around their actors, named.
  const byTerritory = new Map<string, [number, number][]>();
  graph.forEachNode((id, a) => {
    if (a.kind === 'network' || !a.territory) return;
    const list = byTerritory.get(a.territory);
    if (list) list.push(at(id));
    else byTerritory.set(a.territory, [at(id)]);
  });
  ctx.font = '600 13px "Noto Sans", sans-serif';
  for (const [territory, points] of byTerritory) {
    const cx = points.reduce((s, p) => s + p[0], 0) / points.length;
    const cy = points.reduce((s, p) => s + p[1], 0) / points.length;
    const r = Math.max(...points.map((p) => Math.hypot(p[0] - cx, p[1] - cy))) + 14;
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    ctx.fillStyle = TERRITORY_FILL;
    ctx.fill();
    ctx.strokeStyle = TERRITORY_LINE;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 4]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#6B5310';
    ctx.textAlign = 'center';
    ctx.fillText(territoryName(territory), cx, cy - r - 4);
  }

  let edges = 0;
  graph.forEachEdge((_edge, a, source, target) => {
    const [x0, y0] = at(source);
    const [x1, y1] = at(target);
    const lit = !focus || source === focus || target === focus;
    ctx.globalAlpha = lit ? 0.75 : 0.12;
    ctx.strokeStyle = EDGE_COLOR[a.kind];
    ctx.lineWidth = Math.min(8, 1 + Math.log2(a.weight)) + (focus && lit ? 1 : 0);
    ctx.setLineDash(a.kind === 'partnership' ? [5, 4] : []);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    edges++;
  });
  ctx.setLineDash([]);

  let nodes = 0;
  ctx.textAlign = 'left';
  graph.forEachNode((id, a) => {
    const [x, y] = at(id);
    const r = radiusOf(a);
    ctx.globalAlpha = !focus || near.has(id) ? 1 : 0.25;
    ctx.beginPath();
    if (a.kind === 'network') {
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      ctx.fillStyle = NETWORK_COLOR;
    } else {
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = CATEGORY_STYLE[a.category!].color;
    }
    ctx.fill();
    ctx.strokeStyle = '#FFFFFF';
    ctx.lineWidth = 1.5;
    ctx.stroke();
    if (id === focus) {
      ctx.strokeStyle = '#000000';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
      ctx.stroke();
    }
    nodes++;
  });
  // Labels last, over everything: networks, groups with their counts, the selection.
  ctx.globalAlpha = 1;
  ctx.font = '12px "Noto Sans", sans-serif';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#FFFFFF';
  graph.forEachNode((id, a) => {
    if (a.kind === 'actor' && id !== focus) return;
    if (focus && !near.has(id)) return;
    const [x, y] = at(id);
    const text = a.kind === 'group' ? String(a.members) : shorten(a.label);
    ctx.fillStyle = '#1A1A1A';
    ctx.strokeText(text, x + radiusOf(a) + 3, y + 4);
    ctx.fillText(text, x + radiusOf(a) + 3, y + 4);
  });
  return { nodes, edges };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function Legend() {
  const t = useT();
  return (
    <ul class="graph-legend">
      <li>
        <span class="graph-key graph-key-actor" aria-hidden="true" /> {t('graph.legend.actor')}
      </li>
      <li>
        <span class="graph-key graph-key-network" aria-hidden="true" /> {t('graph.legend.network')}
      </li>
      <li>
        <span class="graph-key graph-key-group" aria-hidden="true" /> {t('graph.legend.group')}
      </li>
    </ul>
  );
}

const collator = new Intl.Collator('fr');

/** The same facts as the picture: every drawn node, with its measures; sortable; each name selects. */
function NodeTable({
  layout,
  selected,
  onNode,
  kindOf,
  territoryName,
}: {
  layout: Layout;
  selected: string | null;
  onNode: (id: string) => void;
  kindOf: (a: GraphNodeAttributes) => string;
  territoryName: (id: string | null) => string;
}) {
  const t = useT();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'degree', descending: true });
  const [shown, setShown] = useState(PAGE);
  const { graph, ids, result } = layout;
  const rows = useMemo(() => {
    const list = ids.map((id, i) => {
      const a = graph.getNodeAttributes(id);
      return {
        id,
        a,
        kind: kindOf(a),
        territory: territoryName(a.territory),
        degree: result.degree[i]!,
        betweenness: result.betweenness ? result.betweenness[i]! : null,
        community: result.community[i]! + 1,
      };
    });
    type Row = (typeof list)[number];
    const compare: Record<SortKey, (x: Row, y: Row) => number> = {
      name: (x, y) => collator.compare(x.a.label, y.a.label),
      kind: (x, y) => collator.compare(x.kind, y.kind),
      territory: (x, y) => collator.compare(x.territory, y.territory),
      degree: (x, y) => x.degree - y.degree,
      betweenness: (x, y) => (x.betweenness ?? 0) - (y.betweenness ?? 0),
      community: (x, y) => x.community - y.community,
    };
    const by = compare[sort.key];
    return list.sort(
      (x, y) =>
        (sort.descending ? by(y, x) : by(x, y)) || collator.compare(x.a.label, y.a.label) || (x.id < y.id ? -1 : 1),
    );
  }, [graph, ids, result, sort, kindOf, territoryName]);
  // The selected node's row is always among those shown.
  const visible = rows.slice(0, shown);
  const selectedRow = selected ? rows.findIndex((r) => r.id === selected) : -1;
  if (selectedRow >= shown) visible.push(rows[selectedRow]!);

  const header = (key: SortKey, label: string, numeric = false) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
      class={numeric ? 'num' : undefined}
    >
      <button
        type="button"
        class="link"
        onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : numeric })}
      >
        {label}
      </button>
    </th>
  );
  return (
    <div class="graph-table-wrap">
      {!result.betweenness && (
        <p class="rule">{t('graph.betweennessSkipped', { max: t.number(BETWEENNESS_MAX_NODES) })}</p>
      )}
      <p class="rule">
        {t('graph.m.degree.def')} {t('graph.m.topBetweenness.def')} {t('graph.m.communities.def')}
      </p>
      <table class="graph-table">
        <caption>{t('graph.table.caption')}</caption>
        <thead>
          <tr>
            {header('name', t('graph.col.name'))}
            {header('kind', t('graph.col.kind'))}
            {header('territory', t('graph.col.territory'))}
            {header('degree', t('graph.col.degree'), true)}
            {header('betweenness', t('graph.col.betweenness'), true)}
            {header('community', t('graph.col.community'), true)}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr key={row.id} data-id={row.id} class={row.id === selected ? 'is-selected' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  class="link"
                  aria-current={row.id === selected ? 'true' : undefined}
                  aria-label={
                    row.a.kind === 'group'
                      ? t('graph.openGroup', { name: `${row.territory} (${row.kind})` })
                      : undefined
                  }
                  onClick={() => onNode(row.id)}
                >
                  {row.a.kind === 'group' ? row.kind : row.a.label}
                </button>
              </th>
              <td>{row.kind}</td>
              <td>{row.territory}</td>
              <td class="num">{t.number(row.degree)}</td>
              <td class="num">
                {row.betweenness === null
                  ? t('graph.notComputed')
                  : t.number(row.betweenness, { maximumFractionDigits: 1 })}
              </td>
              <td class="num">{row.community}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="rule">
        {t('graph.rows', { shown: t.number(Math.min(shown, rows.length)), total: t.number(rows.length) })}{' '}
        {shown < rows.length && (
          <button type="button" class="button button-quiet" onClick={() => setShown(shown + PAGE)}>
            {t('graph.more', { count: Math.min(PAGE, rows.length - shown) })}
          </button>
        )}
      </p>
    </div>
  );
}
