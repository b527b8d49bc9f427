/**
 * Breach paths: from each entry point (./entries.ts) through the principals an attacker can act as
 * (assume-role and pass-role steps of the reach) to the data stores they reach and to admin. Pure:
 * the reach comes in as a `ReachIndex` (src/policy/reach-types.ts), whoever computed it.
 *
 * The search is a breadth-first walk per entry point, so each principal is reached by its shortest
 * chain from that entry (a longer chain to the same principal from the same entry would tell the
 * same story), bounded by `maxHops` principals per path. Every path found is counted; the paths
 * listed are the `maxPaths` shortest (ties: admin before data, then entry and principal names), and
 * `truncated` says when more were found. The headline figures do not depend on the listing bound.
 */
import { createHash } from 'node:crypto';
import type { Inventory } from '../inventory/schema.js';
import type { PrincipalReach, ReachIndex, StoreAccess } from '../policy/reach-types.js';
import { STORE_ACCESS } from '../policy/reach-types.js';
import type { BreachPath, BreachPaths, PathHop, PathsSummary, ReachEntry } from '../report/paths-schema.js';
import type { Report } from '../report/schema.js';
import { findEntries, type Entry, type IncidentLookup } from './entries.js';

export interface PathLimits {
  /** Most principals on one path (the entry's own counts). */
  maxHops: number;
  /** Most paths listed in the report (all are counted). */
  maxPaths: number;
}

export const DEFAULT_PATH_LIMITS: PathLimits = { maxHops: 4, maxPaths: 500 };

export interface PathInputs {
  report: Pick<Report, 'results' | 'options'>;
  inventory: Inventory;
  reach: ReachIndex;
  incidents: IncidentLookup;
  limits?: PathLimits;
}

const ACCESS_VERB: Readonly<Record<StoreAccess, string>> = { read: 'read', write: 'write', 'change-access': 'open up', copy: 'copy' };
const S3_ACTION: Readonly<Record<StoreAccess, string>> = { read: 's3:GetObject', write: 's3:PutObject', 'change-access': 's3:PutBucketPolicy', copy: 's3:GetObject' };
const STEP_WORDS: Readonly<Record<PathHop['via'], string>> = { key: 'key of', 'instance-profile': 'role', trust: 'role', 'assume-role': 'assume role', 'pass-role': 'pass role' };

function nameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function orderedAccess(access: Iterable<StoreAccess>): StoreAccess[] {
  const set = new Set(access);
  return STORE_ACCESS.filter((kind) => set.has(kind));
}

interface Candidate {
  entry: Entry;
  hops: PathHop[];
  target: BreachPath['target'];
  /** data targets: the stores, for the bucket figure. */
  storeArns: readonly string[];
}

function entryWords(entry: Entry): string {
  const p = entry.point;
  switch (p.kind) {
    case 'access-key':
      return `leaked key → ${p.name === 'root' ? 'root user' : `user ${p.name}`}`;
    case 'internet-instance':
      return `internet → ${p.name} (IMDSv1)`;
    case 'external-trust':
      return `${entry.from ?? 'outside account'} → role ${p.name}`;
    case 'public-bucket':
      return `internet → bucket ${p.name} (public ${(entry.publicAccess ?? []).join('/')})`;
    case 'public-snapshot':
      return `internet → snapshot ${p.name} (public)`;
  }
}

function targetWords(target: BreachPath['target'], reach: ReachEntry | undefined): string {
  if (target.kind === 'admin') return target.direct === true ? 'admin' : `admin via ${(target.escalations ?? []).join(', ')}`;
  const stores = reach?.stores ?? [];
  const access = target.access ?? [];
  const only = stores.length === 1 ? stores[0] : undefined;
  const allS3 = stores.every((store) => store.kind === 's3-bucket');
  const what = allS3 ? access.map((kind) => S3_ACTION[kind]).filter((action, index, all) => all.indexOf(action) === index).join(', ') : access.map((kind) => ACCESS_VERB[kind]).join(', ');
  if (only !== undefined) return `${what} on ${only.kind === 's3-bucket' ? '' : 'snapshot '}${only.name}`;
  return `${what} on ${stores.length} ${allS3 ? 'buckets' : 'data stores'}`;
}

function storyOf(candidate: Candidate, reach: ReachEntry | undefined): string {
  const parts = [entryWords(candidate.entry)];
  const [first, ...rest] = candidate.hops;
  // The entry's own principal is already named for keys and outside trust.
  if (first !== undefined && candidate.entry.point.kind === 'internet-instance') parts.push(`role ${first.name}`);
  for (const hop of rest) parts.push(`${STEP_WORDS[hop.via]} ${hop.name}`);
  // A public store is its own target: "internet → bucket x (public read)" says it all.
  if (candidate.entry.publicAccess === undefined) parts.push(targetWords(candidate.target, reach));
  const like = candidate.entry.point.incident === undefined ? '' : `like ${candidate.entry.point.incident.name}: `;
  return `${like}${parts.join(' → ')}`;
}

function pathId(candidate: Candidate): string {
  const key = [candidate.entry.point.resource, ...candidate.hops.map((hop) => hop.principal), candidate.target.kind].join('\n');
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** The root user is admin by definition and has no policies to evaluate. */
const ROOT_REACH = (arn: string): PrincipalReach => ({ principal: arn, principalKind: 'user', stores: [], storesKnown: {}, admin: { direct: true, pathIds: [] }, assumableRoles: [], passableRoles: [], atLeast: [] });

export function buildBreachPaths(inputs: PathInputs): { paths: BreachPaths; summary: PathsSummary } {
  const limits = inputs.limits ?? DEFAULT_PATH_LIMITS;
  const { reach } = inputs;
  const entries = findEntries(inputs.report, inputs.inventory, inputs.incidents);
  const candidates: Candidate[] = [];
  const notes: string[] = [];
  const reachOf = (hop: PathHop): PrincipalReach | undefined => (hop.principalKind === 'root' ? ROOT_REACH(hop.principal) : reach.of(hop.principal));

  for (const entry of entries) {
    if (entry.publicAccess !== undefined) {
      candidates.push({ entry, hops: [], target: { kind: 'data', reach: entry.point.resource, stores: 1, access: [...entry.publicAccess] }, storeArns: [entry.point.resource] });
      continue;
    }
    const via: PathHop['via'] = entry.point.kind === 'access-key' ? 'key' : entry.point.kind === 'internet-instance' ? 'instance-profile' : 'trust';
    const visited = new Set<string>();
    let frontier: PathHop[][] = entry.principals.map((principal) => [{ principal: principal.arn, principalKind: principal.kind, name: principal.name, via }]);
    for (let depth = 1; depth <= limits.maxHops && frontier.length > 0; depth += 1) {
      const next: PathHop[][] = [];
      for (const chain of frontier) {
        const hop = chain[chain.length - 1];
        if (hop === undefined || visited.has(hop.principal)) continue;
        visited.add(hop.principal);
        const principal = reachOf(hop);
        if (principal === undefined) continue;
        // Becoming admin by assuming an admin role is a step the walk takes itself, hop by hop, so
        // the story names the role; only the principal's own admin (direct or by escalation) ends here.
        const ownEscalations = principal.admin === null ? [] : principal.admin.pathIds.filter((id) => id !== 'assume-role');
        const ownAdmin = principal.admin !== null && (principal.admin.direct || ownEscalations.length > 0);
        if (ownAdmin) {
          const target: BreachPath['target'] = { kind: 'admin', direct: principal.admin?.direct ?? false, escalations: ownEscalations };
          candidates.push({ entry, hops: chain, target, storeArns: [] });
        }
        if (principal.stores.length > 0) {
          const access = orderedAccess(principal.stores.flatMap((store) => store.access));
          candidates.push({ entry, hops: chain, target: { kind: 'data', reach: principal.principal, stores: principal.stores.length, access }, storeArns: principal.stores.map((store) => store.store.arn) });
        }
        // Admin can become anyone: steps beyond it tell nothing new.
        if (ownAdmin) continue;
        const steps = [...principal.assumableRoles.map((arn) => ({ arn, via: 'assume-role' as const })), ...principal.passableRoles.map((arn) => ({ arn, via: 'pass-role' as const }))];
        for (const step of steps) {
          if (visited.has(step.arn) || chain.some((earlier) => earlier.principal === step.arn)) continue;
          next.push([...chain, { principal: step.arn, principalKind: 'role', name: nameOf(step.arn), via: step.via }]);
        }
      }
      frontier = next;
    }
    if (frontier.length > 0) notes.push(`paths from ${entry.point.name} were not followed past ${limits.maxHops} principals`);
  }

  const entryOrder = new Map(entries.map((entry, index) => [entry, index]));
  candidates.sort(
    (a, b) =>
      a.hops.length - b.hops.length ||
      (a.target.kind === b.target.kind ? 0 : a.target.kind === 'admin' ? -1 : 1) ||
      (entryOrder.get(a.entry) ?? 0) - (entryOrder.get(b.entry) ?? 0) ||
      (a.hops[a.hops.length - 1]?.name ?? '').localeCompare(b.hops[b.hops.length - 1]?.name ?? ''),
  );
  const listed = candidates.slice(0, limits.maxPaths);

  const reachTable = new Map<string, ReachEntry>();
  for (const candidate of listed) {
    const key = candidate.target.reach;
    if (key === undefined || reachTable.has(key)) continue;
    const last = candidate.hops[candidate.hops.length - 1];
    const principal = last === undefined ? undefined : reachOf(last);
    if (principal !== undefined) {
      reachTable.set(key, { key, stores: principal.stores.map(({ store, access }) => ({ ...store, access: [...access] })), atLeast: [...principal.atLeast] });
    } else {
      const point = candidate.entry.point;
      reachTable.set(key, { key, stores: [{ kind: point.kind === 'public-bucket' ? 's3-bucket' : 'ebs-snapshot', arn: point.resource, name: point.name, region: point.region, access: [...(candidate.target.access ?? [])] }], atLeast: [] });
    }
  }
  for (const principal of new Set(listed.flatMap((candidate) => candidate.hops.map((hop) => hop.principal)))) {
    for (const reason of reach.of(principal)?.atLeast ?? []) if (!notes.includes(reason)) notes.push(reason);
  }
  if (inputs.inventory.slices.authorizationDetails?.ok !== true) notes.push('the IAM authorization details were not collected: no principal could be followed');
  if (inputs.inventory.slices.credentialReport?.ok !== true) notes.push('the credential report was not collected: access keys are not entry points');

  const paths: BreachPath[] = listed.map((candidate) => ({
    id: pathId(candidate),
    entry: candidate.entry.point.resource,
    hops: candidate.hops,
    target: candidate.target,
    length: candidate.hops.length + 1,
    story: storyOf(candidate, candidate.target.reach === undefined ? undefined : reachTable.get(candidate.target.reach)),
  }));

  const bucketArns = new Set<string>();
  for (const candidate of candidates) {
    for (const arn of candidate.storeArns) if (arn.startsWith('arn:') && arn.split(':')[2] === 's3') bucketArns.add(arn);
  }
  const buckets = inputs.inventory.slices.s3Buckets;
  const summary: PathsSummary = {
    entryPoints: entries.length,
    paths: candidates.length,
    principalsReachingAdmin: principalsReachingAdmin(reach),
    principals: reach.all().length,
    bucketsReachable: bucketArns.size,
    bucketsKnown: buckets?.ok === true ? buckets.data.buckets.length : 0,
  };
  return {
    paths: { limits: { ...limits }, found: candidates.length, truncated: candidates.length > listed.length, entryPoints: entries.map((entry) => entry.point), paths, reach: [...reachTable.values()], notes },
    summary,
  };
}

/**
 * Principals that are admin or can become admin by assuming or passing roles, however many steps
 * it takes: a walk backwards from the admins over the assume/pass edges.
 */
export function principalsReachingAdmin(reach: ReachIndex): number {
  const into = new Map<string, string[]>();
  for (const principal of reach.all()) {
    for (const role of [...principal.assumableRoles, ...principal.passableRoles]) into.set(role, [...(into.get(role) ?? []), principal.principal]);
  }
  const reaching = new Set(reach.all().filter((principal) => principal.admin !== null).map((principal) => principal.principal));
  const queue = [...reaching];
  for (let arn = queue.shift(); arn !== undefined; arn = queue.shift()) {
    for (const from of into.get(arn) ?? []) {
      if (reaching.has(from)) continue;
      reaching.add(from);
      queue.push(from);
    }
  }
  return reaching.size;
}
