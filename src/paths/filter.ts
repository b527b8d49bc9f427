/**
 * `breachmap paths --to X --from Y`: the paths that end at a data store (or admin) and that start
 * at, or pass through, a principal. Names match as a person says them (bucket name, user or role
 * name, instance or snapshot id) or as the full ARN.
 */
import type { BreachPaths } from '../report/paths-schema.js';

export interface PathFilter {
  /** A bucket or snapshot name or ARN, or `admin`. */
  to?: string;
  /** An entry point or a principal on the path: name, id or ARN. */
  from?: string;
}

export function filterPaths(paths: BreachPaths, filter: PathFilter): BreachPaths {
  if (filter.to === undefined && filter.from === undefined) return paths;
  const reach = new Map(paths.reach.map((entry) => [entry.key, entry]));
  const entries = new Map(paths.entryPoints.map((entry) => [entry.resource, entry]));
  const kept = paths.paths.filter((path) => {
    if (filter.to !== undefined) {
      const to = filter.to;
      const reachesIt =
        to === 'admin'
          ? path.target.kind === 'admin'
          : path.target.reach !== undefined && (reach.get(path.target.reach)?.stores ?? []).some((store) => store.name === to || store.arn === to);
      if (!reachesIt) return false;
    }
    if (filter.from !== undefined) {
      const from = filter.from;
      const entry = entries.get(path.entry);
      const named = (entry !== undefined && (entry.resource === from || entry.name === from)) || path.hops.some((hop) => hop.principal === from || hop.name === from);
      if (!named) return false;
    }
    return true;
  });
  const keys = new Set(kept.flatMap((path) => (path.target.reach === undefined ? [] : [path.target.reach])));
  const used = new Set(kept.map((path) => path.entry));
  return { ...paths, paths: kept, entryPoints: paths.entryPoints.filter((entry) => used.has(entry.resource)), reach: paths.reach.filter((entry) => keys.has(entry.key)) };
}
