/**
 * The engine step after evaluation that makes every failing credential finding say what the
 * credential reaches (issue 18 item 2): for each failing result of a check with `reportsReach`,
 * the principal its resource names (an IAM user or role, the root user, or an instance's role) and
 * that principal's reach, computed once per inventory from whatever slices were collected. It never
 * touches a verdict: a check does not become `unknown` because S3 could not be read; the reach says
 * "at least" instead.
 */
import type { AnyCheck } from '../checks/define.js';
import type { Inventory, SliceName } from '../inventory/schema.js';
import { reachIndexOfInventory, transitiveAssumableRoles } from '../policy/reach.js';
import type { DataStoreKind, PrincipalReach, ReachIndex, StoreAccess } from '../policy/reach-types.js';
import { DATA_STORE_KINDS, STORE_ACCESS } from '../policy/reach-types.js';
import { RESULT_REACH_STORES, type Result, type ResultReach } from '../report/schema.js';

/**
 * The slices reach reads. A scan collects them whenever a selected check reports reach, so a
 * credential finding can name the buckets and snapshots its key reaches; their calls are the same
 * ones the S3 and EBS checks make (one listing plus four reads per bucket, one DescribeSnapshots per
 * region plus the bounded attribute reads), counted in `stats` like every other call.
 * `rdsSnapshots` is not among them: reach needs only its listing, but the slice also spends up to
 * `--max-rds-snapshot-attribute-calls` (1,000 by default) DescribeDB(Cluster)SnapshotAttributes
 * reads plus two listings per region, and would make every credential-check scan need four RDS
 * permissions. RDS snapshots are counted when an RDS check collected the slice; otherwise each
 * principal's `atLeast` says they were not collected.
 */
export const REACH_SLICES: readonly SliceName[] = ['authorizationDetails', 's3Buckets', 's3AccountPublicAccessBlock', 'ebsSnapshotSharing', 'ec2Instances'];

/** The slices a set of checks needs, with the reach slices when one of them reports reach. */
export function slicesWithReach(checks: readonly AnyCheck[]): SliceName[] {
  const needed = new Set(checks.flatMap((check) => check.needs));
  if (checks.some((check) => check.reportsReach === 'computed')) for (const slice of REACH_SLICES) needed.add(slice);
  return [...needed];
}

const KIND_WORDS: Readonly<Record<DataStoreKind, { one: string; many: string }>> = {
  's3-bucket': { one: 'bucket', many: 'buckets' },
  'ebs-snapshot': { one: 'EBS snapshot', many: 'EBS snapshots' },
  'rds-snapshot': { one: 'RDS snapshot', many: 'RDS snapshots' },
};

/** What each access is called in the summary, per store kind. */
const ACCESS_VERBS: Readonly<Record<DataStoreKind, Partial<Record<StoreAccess, string>>>> = {
  's3-bucket': { read: 'reads', write: 'writes', 'change-access': 'can change the access of' },
  'ebs-snapshot': { read: 'creates volumes from', copy: 'can copy', 'change-access': 'can share' },
  'rds-snapshot': { read: 'can restore', copy: 'can copy', 'change-access': 'can share' },
};

function number(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(value: number, kind: DataStoreKind): string {
  return value === 1 ? KIND_WORDS[kind].one : KIND_WORDS[kind].many;
}

function counts(reach: PrincipalReach): ResultReach['counts'] {
  return DATA_STORE_KINDS.flatMap((kind) => {
    const known = reach.storesKnown[kind];
    if (known === undefined) return [];
    const ofKind = reach.stores.filter((store) => store.store.kind === kind);
    const byAccess: Partial<Record<StoreAccess, number>> = {};
    for (const access of STORE_ACCESS) {
      const n = ofKind.filter((store) => store.access.includes(access)).length;
      if (n > 0) byAccess[access] = n;
    }
    return [{ kind, known, reached: ofKind.length, byAccess }];
  });
}

/** "reads 312 of 1,000 buckets, among them `customer-exports`, `payroll-2026`; writes 12; …". */
export function summarizeReach(reach: Omit<ResultReach, 'summary'>): string {
  const parts: string[] = [];
  for (const entry of reach.counts) {
    const verbs = ACCESS_VERBS[entry.kind];
    const phrases: string[] = [];
    for (const access of STORE_ACCESS) {
      const verb = verbs[access];
      const n = entry.byAccess[access];
      if (verb === undefined || n === undefined) continue;
      if (phrases.length === 0) {
        const named = reach.stores.filter((store) => store.kind === entry.kind && store.access.includes(access)).slice(0, 3).map((store) => `\`${store.name.replaceAll('`', "'")}\``);
        const among = named.length === 0 ? '' : n === named.length ? ` (${named.join(', ')})` : ` (among them ${named.join(', ')})`;
        phrases.push(`${verb} ${number(n)} of ${number(entry.known)} ${plural(entry.known, entry.kind)}${among}`);
      } else {
        phrases.push(`${verb} ${number(n)}`);
      }
    }
    if (phrases.length === 0) phrases.push(`reaches none of the ${number(entry.known)} ${plural(entry.known, entry.kind)}`);
    parts.push(phrases.join(', '));
  }
  if (reach.admin !== null) {
    const paths = reach.admin.pathIds.map((id) => `\`${id.replaceAll('`', "'")}\``);
    if (reach.admin.direct) parts.push('is admin');
    else parts.push(`can become admin via ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` (+${String(paths.length - 3)})` : ''}`);
  }
  if (reach.assumableRoles.length > 0) {
    const chained = reach.chainedRoles.length === 0 ? '' : ` (${number(reach.chainedRoles.length)} more through chains)`;
    parts.push(`can assume ${number(reach.assumableRoles.length)} role${reach.assumableRoles.length === 1 ? '' : 's'}${chained}`);
  }
  if (reach.passableRoles.length > 0) parts.push(`can pass ${number(reach.passableRoles.length)} role${reach.passableRoles.length === 1 ? '' : 's'} to compute`);
  if (reach.atLeast.length > 0) parts.push(`at least: ${reach.atLeast.length === 1 ? (reach.atLeast[0] ?? '') : `${String(reach.atLeast.length)} gaps, see atLeast`}`);
  return parts.length === 0 ? 'reaches no data store the inventory knows' : parts.join('; ');
}

function toResultReach(reach: PrincipalReach, index: ReachIndex, via: string | undefined): ResultReach {
  const assumable = new Set(reach.assumableRoles);
  const base: Omit<ResultReach, 'summary'> = {
    principal: reach.principal,
    principalKind: reach.principalKind,
    counts: counts(reach),
    stores: reach.stores.slice(0, RESULT_REACH_STORES).map(({ store, access, conditional }) => ({
      kind: store.kind,
      name: store.name,
      arn: store.arn,
      region: store.region,
      access: [...access],
      ...(conditional === true ? { conditional: true } : {}),
    })),
    admin: reach.admin === null ? null : { direct: reach.admin.direct, pathIds: [...reach.admin.pathIds] },
    assumableRoles: [...reach.assumableRoles],
    chainedRoles: transitiveAssumableRoles(index, reach.principal).filter((arn) => !assumable.has(arn)),
    passableRoles: [...reach.passableRoles],
    atLeast: [...reach.atLeast],
    atMost: [...(reach.atMost ?? [])],
  };
  const withVia = via === undefined ? base : { ...base, via };
  return { ...withVia, summary: summarizeReach(withVia) };
}

/**
 * The root user: no IAM policy limits it (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html),
 * so it reaches every store the inventory knows with every access; only an organization's SCPs
 * (not read by breachmap) could take some away.
 */
function rootReach(rootArn: string, known: Partial<Record<DataStoreKind, number>>): ResultReach {
  const knownCounts = DATA_STORE_KINDS.flatMap((kind) => {
    const n = known[kind];
    return n === undefined ? [] : [`all ${number(n)} ${plural(n, kind)}`];
  });
  const base: Omit<ResultReach, 'summary'> = {
    principal: rootArn,
    principalKind: 'root',
    counts: DATA_STORE_KINDS.flatMap((kind) => {
      const n = known[kind];
      if (n === undefined) return [];
      const access = kind === 's3-bucket' ? (['read', 'write', 'change-access'] as const) : (['read', 'copy', 'change-access'] as const);
      return [{ kind, known: n, reached: n, byAccess: Object.fromEntries(access.map((item) => [item, n])) }];
    }),
    stores: [],
    admin: { direct: true, pathIds: [] },
    assumableRoles: [],
    chainedRoles: [],
    passableRoles: [],
    atLeast: [],
    atMost: ['in an AWS Organization, service control policies (not read by breachmap) can restrict the root user of a member account'],
  };
  const what = knownCounts.length === 0 ? 'every data store of the account' : `every data store of the account (${knownCounts.join(', ')})`;
  return { ...base, summary: `the root user reaches everything: ${what}, every role and every setting; it is admin and no IAM policy can limit it` };
}

/** The role an instance's credentials belong to: its instance profile's role. */
function instanceRole(resource: string, inventory: Inventory): { role: string; via: string } | undefined {
  const instances = inventory.slices.ec2Instances;
  const details = inventory.slices.authorizationDetails;
  if (instances === undefined || !instances.ok || details === undefined || !details.ok) return undefined;
  for (const region of instances.data) {
    if (!region.result.ok) continue;
    const instance = region.result.data.instances.find((candidate) => candidate.arn === resource);
    if (instance === undefined) continue;
    const profileArn = instance.instanceProfileArn;
    if (profileArn === null) return undefined;
    const profile = details.data.instanceProfiles.find((candidate) => candidate.arn === profileArn);
    const role = profile?.roleArns[0];
    return role === undefined ? undefined : { role, via: profileArn };
  }
  return undefined;
}

/** How many stores of each kind the inventory lists, for the root user's "all 1,000 buckets" (nothing when not collected). */
function storesKnown(inventory: Inventory): Partial<Record<DataStoreKind, number>> {
  const known: Partial<Record<DataStoreKind, number>> = {};
  const buckets = inventory.slices.s3Buckets;
  if (buckets?.ok === true) known['s3-bucket'] = buckets.data.buckets.length;
  const sharing = inventory.slices.ebsSnapshotSharing;
  if (sharing?.ok === true && sharing.data.every((region) => region.result.ok)) {
    known['ebs-snapshot'] = sharing.data.reduce((sum, region) => sum + (region.result.ok ? region.result.data.ownedSnapshots : 0), 0);
  }
  return known;
}

const IAM_PRINCIPAL = /^arn:[^:]+:iam::\d{12}:(user|role)\//;
const ROOT = /^arn:[^:]+:iam::\d{12}:root$/;
const INSTANCE = /^arn:[^:]+:ec2:[^:]*:\d{12}:instance\//;

/**
 * Attaches `reach` to every failing result of a check that reports reach, in place. The reach
 * index is built once, and only when there is such a result.
 */
export function attachReach(results: Result[], inventory: Inventory, checks: readonly AnyCheck[]): void {
  const reporting = new Set(checks.filter((check) => check.reportsReach !== undefined).map((check) => check.id));
  const targets = results.filter((result) => result.status === 'fail' && reporting.has(result.checkId));
  if (targets.length === 0) return;
  const index = reachIndexOfInventory(inventory);
  const known = storesKnown(inventory);
  const cache = new Map<string, ResultReach>();
  for (const result of targets) {
    let attached: ResultReach | undefined = cache.get(result.resource);
    if (attached === undefined) {
      if (ROOT.test(result.resource)) {
        attached = rootReach(result.resource, known);
      } else if (IAM_PRINCIPAL.test(result.resource)) {
        const reach = index.of(result.resource);
        if (reach !== undefined) attached = toResultReach(reach, index, undefined);
      } else if (INSTANCE.test(result.resource)) {
        const found = instanceRole(result.resource, inventory);
        const reach = found === undefined ? undefined : index.of(found.role);
        if (reach !== undefined && found !== undefined) attached = toResultReach(reach, index, found.via);
      }
      if (attached !== undefined) cache.set(result.resource, attached);
    }
    if (attached !== undefined) result.reach = attached;
  }
}
