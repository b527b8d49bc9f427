/**
 * The breach paths as a graph to draw (HTML's SVG, `paths --format dot`): entry points on the left,
 * the principals the attacker acts as in the middle, data stores and admin on the right, each edge
 * labelled with what crosses it (the open findings of the entry, sts:AssumeRole, iam:PassRole, the
 * escalation, the access). Stays readable as it grows: past `maxStores` distinct data stores they
 * collapse into one node per kind with a count, and past `maxPublicEntries` public buckets or
 * snapshots those entries collapse the same way.
 */
import type { DataStoreKind } from '../policy/reach-types.js';
import type { BreachPath, BreachPaths, EntryKind, EntryPoint } from './paths-schema.js';

export type GraphColumn = 'entry' | 'principal' | 'target';

export interface GraphNode {
  id: string;
  /** Line 1: what it is ("leaked key", "role", "S3 bucket"); line 2: its name. */
  kind: string;
  name: string;
  column: GraphColumn;
  /** Steps from the entry (0 for entries); targets sit one column past the deepest principal. */
  rank: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

export interface PathGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Set when stores or entries were collapsed, for a caption. */
  collapsed: string[];
}

/** Past `maxStores` stores, or `maxStoreEdges` edges into stores (many principals reaching the same ones), stores collapse. */
export const GRAPH_LIMITS = { maxStores: 12, maxStoreEdges: 20, maxPublicEntries: 12 } as const;

const ENTRY_LABEL: Readonly<Record<EntryKind, string>> = {
  'access-key': 'leaked key',
  'internet-instance': 'internet → IMDSv1',
  'external-trust': 'trusted from outside',
  'public-bucket': 'public bucket',
  'public-snapshot': 'public snapshot',
};

const STORE_LABEL: Readonly<Record<DataStoreKind, [string, string]>> = {
  's3-bucket': ['S3 bucket', 'S3 buckets'],
  'ebs-snapshot': ['EBS snapshot', 'EBS snapshots'],
  'rds-snapshot': ['RDS snapshot', 'RDS snapshots'],
};

const STEP_LABEL = { 'assume-role': 'sts:AssumeRole', 'pass-role': 'iam:PassRole' } as const;

export function pathGraph(paths: Pick<BreachPaths, 'paths' | 'entryPoints' | 'reach'>, limits: { maxStores: number; maxStoreEdges: number; maxPublicEntries: number } = GRAPH_LIMITS): PathGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, Set<string>>();
  const collapsed: string[] = [];
  const entries = new Map(paths.entryPoints.map((entry) => [entry.resource, entry]));
  const reach = new Map(paths.reach.map((entry) => [entry.key, entry]));
  const maxRank = Math.max(1, ...paths.paths.map((path) => path.hops.length)) + 1;

  const used = paths.paths.flatMap((path) => (path.target.reach === undefined ? [] : (reach.get(path.target.reach)?.stores ?? [])));
  const distinctStores = new Set(used.map((store) => store.arn));
  const storeEdges = new Set(
    paths.paths.flatMap((path) => {
      const last = path.hops[path.hops.length - 1]?.principal ?? path.entry;
      return path.target.reach === undefined ? [] : (reach.get(path.target.reach)?.stores ?? []).map((store) => `${last}\u0000${store.arn}`);
    }),
  ).size;
  const collapseStores = distinctStores.size > limits.maxStores || storeEdges > limits.maxStoreEdges;
  if (collapseStores) collapsed.push(`${distinctStores.size} data stores shown as one node per kind`);
  const publicEntries = paths.entryPoints.filter((entry) => entry.kind === 'public-bucket' || entry.kind === 'public-snapshot');
  const collapsePublic = publicEntries.length > limits.maxPublicEntries;
  if (collapsePublic) collapsed.push(`${publicEntries.length} public buckets and snapshots shown as one node per kind`);
  const countOf = (kind: DataStoreKind): number => new Set(used.filter((store) => store.kind === kind).map((store) => store.arn)).size;

  const node = (value: GraphNode): string => {
    if (!nodes.has(value.id)) nodes.set(value.id, value);
    else {
      const known = nodes.get(value.id);
      if (known !== undefined && value.column === 'principal' && known.rank > value.rank) known.rank = value.rank;
    }
    return value.id;
  };
  const edge = (from: string, to: string, label: string): void => {
    const key = `${from}\u0000${to}`;
    const labels = edges.get(key) ?? new Set<string>();
    if (label !== '') labels.add(label);
    edges.set(key, labels);
  };
  const entryNode = (entry: EntryPoint): string => {
    if (collapsePublic && (entry.kind === 'public-bucket' || entry.kind === 'public-snapshot')) {
      const count = publicEntries.filter((candidate) => candidate.kind === entry.kind).length;
      return node({ id: `entry-kind:${entry.kind}`, kind: ENTRY_LABEL[entry.kind], name: `${count} ${entry.kind === 'public-bucket' ? 'buckets' : 'snapshots'}`, column: 'entry', rank: 0 });
    }
    return node({ id: `entry:${entry.resource}`, kind: ENTRY_LABEL[entry.kind], name: entry.name, column: 'entry', rank: 0 });
  };
  const storeNodes = (path: BreachPath): { id: string; label: string }[] => {
    const stores = path.target.reach === undefined ? [] : (reach.get(path.target.reach)?.stores ?? []);
    if (collapseStores) {
      const kinds = [...new Set(stores.map((store) => store.kind))];
      return kinds.map((kind) => {
        const mine = stores.filter((store) => store.kind === kind);
        const access = [...new Set(mine.flatMap((store) => store.access))].join(', ');
        return { id: node({ id: `store-kind:${kind}`, kind: STORE_LABEL[kind][1], name: `${countOf(kind)} reached`, column: 'target', rank: maxRank }), label: `${access} ×${mine.length}` };
      });
    }
    return stores.map((store) => ({ id: node({ id: `store:${store.arn}`, kind: STORE_LABEL[store.kind][0], name: store.name, column: 'target', rank: maxRank }), label: store.access.join(', ') }));
  };

  for (const path of paths.paths) {
    const entry = entries.get(path.entry);
    if (entry === undefined) continue;
    let previous = entryNode(entry);
    const entryLabel = entry.checks.length > 0 ? entry.checks.join(', ') : entry.kind === 'access-key' ? 'active access key' : entry.detail;
    path.hops.forEach((hop, index) => {
      const id = node({ id: `principal:${hop.principal}`, kind: hop.principalKind === 'root' ? 'root user' : hop.principalKind, name: hop.name, column: 'principal', rank: index + 1 });
      edge(previous, id, index === 0 ? entryLabel : hop.via === 'assume-role' || hop.via === 'pass-role' ? STEP_LABEL[hop.via] : '');
      previous = id;
    });
    if (path.target.kind === 'admin') {
      const admin = node({ id: 'admin', kind: 'admin', name: 'whole account', column: 'target', rank: maxRank });
      edge(previous, admin, path.target.direct === true ? 'admin policy' : (path.target.escalations ?? []).join(', '));
    } else {
      for (const store of storeNodes(path)) edge(previous, store.id, path.hops.length === 0 ? entryLabel : store.label);
    }
  }
  return {
    nodes: [...nodes.values()],
    edges: [...edges].map(([key, labels]) => {
      const [from = '', to = ''] = key.split('\u0000');
      return { from, to, label: [...labels].join('; ') };
    }),
    collapsed,
  };
}
