/**
 * The breach-path graph as plain, self-contained SVG: laid out by @dagrejs/dagre when the report is
 * rendered (in Node), so the page needs no script and loads nothing. Every label comes from the
 * account and is escaped; long ones are shortened with an ellipsis (the full text is in a <title>).
 */
import dagreModule from '@dagrejs/dagre';
import { sanitizeForTerminal } from './sanitize.js';
import { pathGraph, type GraphColumn, type PathGraph } from './paths-graph.js';
import type { BreachPaths } from './paths-schema.js';

/**
 * The part of dagre's API used here. Its bundled declarations import extensionless paths, which
 * NodeNext resolution cannot follow (every type would be `any`), so the shape is stated here.
 */
interface DagreGraph {
  setGraph(label: { rankdir: string; nodesep: number; ranksep: number; edgesep: number; marginx: number; marginy: number }): void;
  setDefaultEdgeLabel(make: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(from: string, to: string, label: { width: number; height: number; labelpos: string; minlen: number }): void;
  node(id: string): { x: number; y: number; width: number; height: number };
  edge(from: string, to: string): { points?: { x: number; y: number }[]; x?: number; y?: number };
  graph(): { width?: number; height?: number };
}
const dagre = dagreModule as unknown as { graphlib: { Graph: new (options: { multigraph: boolean }) => DagreGraph }; layout(graph: DagreGraph): void };

const FONT = 12;
const CHAR = 7;
const MAX_CHARS = 34;
const PAD = 10;

function xml(value: string): string {
  return sanitizeForTerminal(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function shorten(text: string, max = MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const FILL: Readonly<Record<GraphColumn, string>> = { entry: '#fde2e1', principal: '#e7eefc', target: '#fff1d6' };
const STROKE: Readonly<Record<GraphColumn, string>> = { entry: '#b42318', principal: '#1d4ed8', target: '#b54708' };

interface Laid {
  graph: PathGraph;
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number; width: number; height: number }>;
  edges: { from: string; to: string; label: string; points: { x: number; y: number }[]; x: number; y: number }[];
}

function layout(graph: PathGraph): Laid {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const rankOf = new Map(graph.nodes.map((node) => [node.id, node.rank]));
  for (const node of graph.nodes) {
    const chars = Math.max(shorten(node.kind).length, shorten(node.name).length);
    g.setNode(node.id, { width: chars * CHAR + 2 * PAD, height: 2 * FONT + 2 * PAD });
  }
  for (const edge of graph.edges) {
    const label = shorten(edge.label, 40);
    // Targets sit in the last column whatever the length of the path that reaches them.
    const minlen = Math.max(1, (rankOf.get(edge.to) ?? 1) - (rankOf.get(edge.from) ?? 0));
    g.setEdge(edge.from, edge.to, { width: label.length * (CHAR - 1), height: FONT + 4, labelpos: 'c', minlen });
  }
  dagre.layout(g);
  const nodes = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const node of graph.nodes) {
    const laid = g.node(node.id);
    nodes.set(node.id, { x: laid.x, y: laid.y, width: laid.width, height: laid.height });
  }
  const edges = graph.edges.map((edge) => {
    const laid = g.edge(edge.from, edge.to);
    return { ...edge, points: laid.points ?? [], x: laid.x ?? 0, y: laid.y ?? 0 };
  });
  const box = g.graph();
  return { graph, width: Math.ceil(box.width ?? 0), height: Math.ceil(box.height ?? 0), nodes, edges };
}

export function renderPathsSvg(paths: Pick<BreachPaths, 'paths' | 'entryPoints' | 'reach'>, title = 'Breach paths'): string {
  const graph = pathGraph(paths);
  if (graph.nodes.length === 0) return '';
  const laid = layout(graph);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="paths-graph" role="img" aria-label="${xml(title)}" viewBox="0 0 ${laid.width} ${laid.height}" width="${laid.width}" height="${laid.height}" font-family="system-ui, sans-serif" font-size="${FONT}">`,
    `<title>${xml(title)}</title>`,
    // Opaque, so the drawing reads the same on a dark page or viewed on its own.
    `<rect width="${laid.width}" height="${laid.height}" fill="#ffffff"/>`,
    '<defs><marker id="paths-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  );
  for (const edge of laid.edges) {
    const d = edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
    parts.push(`<g class="edge"><title>${xml(edge.label)}</title><path d="${d}" fill="none" stroke="#555" stroke-width="1.2" marker-end="url(#paths-arrow)"/>`);
    if (edge.label !== '') parts.push(`<text x="${edge.x.toFixed(1)}" y="${(edge.y + 4).toFixed(1)}" text-anchor="middle" fill="#333" font-size="${FONT - 1}" paint-order="stroke" stroke="#fff" stroke-width="3">${xml(shorten(edge.label, 40))}</text>`);
    parts.push('</g>');
  }
  for (const node of graph.nodes) {
    const box = laid.nodes.get(node.id);
    if (box === undefined) continue;
    const left = box.x - box.width / 2;
    const top = box.y - box.height / 2;
    parts.push(
      `<g class="node ${node.column}"><title>${xml(`${node.kind}: ${node.name}`)}</title>`,
      `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${box.width.toFixed(1)}" height="${box.height.toFixed(1)}" rx="6" fill="${FILL[node.column]}" stroke="${STROKE[node.column]}"/>`,
      `<text x="${box.x.toFixed(1)}" y="${(top + PAD + FONT - 2).toFixed(1)}" text-anchor="middle" fill="#555" font-size="${FONT - 1}">${xml(shorten(node.kind))}</text>`,
      `<text x="${box.x.toFixed(1)}" y="${(top + PAD + 2 * FONT).toFixed(1)}" text-anchor="middle" fill="#111" font-weight="600">${xml(shorten(node.name))}</text>`,
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
