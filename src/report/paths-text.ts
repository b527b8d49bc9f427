/**
 * `breachmap paths` output: text (one story per path, shortest first), JSON (the report's `paths`
 * block with the headline figures) and Graphviz DOT (the same graph as the HTML report's SVG).
 * Pure formatting of what the caller hands over; account-supplied text is made inert.
 */
import { sanitizeInline } from './sanitize.js';
import { pathGraph } from './paths-graph.js';
import type { BreachPaths, PathsSummary } from './paths-schema.js';
import { escapeJsonInvisibles } from './sanitize.js';

export const PATHS_FORMATS = ['text', 'json', 'dot'] as const;
export type PathsFormat = (typeof PATHS_FORMATS)[number];

export interface PathsView {
  account: { id: string; alias: string | null };
  summary: PathsSummary;
  /** Possibly filtered (`--to`, `--from`): `filtered` says so. */
  paths: BreachPaths;
  filtered: boolean;
}

/** "3 of 10 principals can reach admin; 6 of 6 buckets are reachable from an entry point": every format's headline. */
export function pathsHeadline(summary: PathsSummary): string {
  return `${summary.entryPoints} entry point${summary.entryPoints === 1 ? '' : 's'}, ${summary.paths} breach path${summary.paths === 1 ? '' : 's'}; ${summary.principalsReachingAdmin} of ${summary.principals} principals can reach admin; ${summary.bucketsReachable} of ${summary.bucketsKnown} buckets reachable from an entry point`;
}

const SAMPLE = 5;

export function renderPathsText(view: PathsView): string {
  const { paths } = view;
  const lines: string[] = [];
  const alias = view.account.alias === null ? '' : ` (${sanitizeInline(view.account.alias)})`;
  lines.push(`Breach paths of account ${view.account.id}${alias}: ${pathsHeadline(view.summary)}.`, '');
  if (paths.paths.length === 0) lines.push(view.filtered ? 'No path matches the filters.' : 'No breach path: no entry point reaches a data store or admin.');
  const reach = new Map(paths.reach.map((entry) => [entry.key, entry]));
  const entries = new Map(paths.entryPoints.map((entry) => [entry.resource, entry]));
  const width = String(paths.paths.length).length;
  paths.paths.forEach((path, index) => {
    lines.push(`${String(index + 1).padStart(width)}. [${path.length} step${path.length === 1 ? '' : 's'}] ${sanitizeInline(path.story)}`);
    const indent = ' '.repeat(width + 2);
    const entry = entries.get(path.entry);
    if (entry !== undefined) lines.push(`${indent}entry: ${sanitizeInline(entry.detail)}${entry.checks.length > 0 ? ` (open findings: ${entry.checks.join(', ')})` : ''}`);
    const stores = path.target.reach === undefined || path.hops.length === 0 ? [] : (reach.get(path.target.reach)?.stores ?? []);
    if (stores.length > 1) {
      const names = stores.slice(0, SAMPLE).map((store) => sanitizeInline(store.name));
      lines.push(`${indent}stores: ${names.join(', ')}${stores.length > SAMPLE ? ` and ${stores.length - SAMPLE} more` : ''}`);
    }
  });
  if (paths.truncated) lines.push('', `Listed the ${paths.paths.length} shortest of ${paths.found} paths (at most ${paths.limits.maxPaths} are kept in a report).`);
  lines.push('', `Search bound: at most ${paths.limits.maxHops} principals per path.`);
  if (paths.notes.length > 0) {
    lines.push('', 'The paths may be incomplete:');
    for (const note of paths.notes) lines.push(`  - ${sanitizeInline(note)}`);
  }
  return lines.join('\n') + '\n';
}

export function renderPathsJson(view: PathsView): string {
  return escapeJsonInvisibles(JSON.stringify({ account: view.account, summary: view.summary, filtered: view.filtered, ...view.paths }, null, 2)) + '\n';
}

/** A DOT double-quoted string: quotes and backslashes escaped, controls made visible. */
function dotText(value: string): string {
  return sanitizeInline(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function dot(value: string): string {
  return `"${dotText(value)}"`;
}

export function renderPathsDot(view: PathsView): string {
  const graph = pathGraph(view.paths);
  const lines = ['digraph breachmap_paths {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  const fill = { entry: '#fde2e1', principal: '#e7eefc', target: '#fff1d6' } as const;
  for (const node of graph.nodes) lines.push(`  ${dot(node.id)} [label="${dotText(node.kind)}\\n${dotText(node.name)}", fillcolor=${dot(fill[node.column])}];`);
  const entries = graph.nodes.filter((node) => node.column === 'entry').map((node) => dot(node.id));
  const targets = graph.nodes.filter((node) => node.column === 'target').map((node) => dot(node.id));
  if (entries.length > 0) lines.push(`  { rank=min; ${entries.join('; ')}; }`);
  if (targets.length > 0) lines.push(`  { rank=max; ${targets.join('; ')}; }`);
  for (const edge of graph.edges) lines.push(`  ${dot(edge.from)} -> ${dot(edge.to)}${edge.label === '' ? '' : ` [label=${dot(edge.label)}]`};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
