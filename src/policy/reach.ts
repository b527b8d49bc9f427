/**
 * The reach of every IAM user and role of the account, from the inventory alone (no AWS call):
 * what each can do to each data store the inventory knows (S3 buckets, EBS and RDS snapshots), whether it
 * can become admin (directly or by an escalation path of ./escalation-paths.ts), which roles it can
 * assume and which it can pass to compute. The shape is the contract in ./reach-types.ts.
 *
 * Semantics (one account; the buckets and snapshots are the account's own, the principals too):
 * - An action is allowed to a principal on a resource when no explicit Deny (identity policies, the
 *   boundary, the bucket policy) covers it, and either its identity policies allow it (and, when a
 *   permissions boundary is set, the boundary allows it too) or a resource-based policy of the same
 *   account grants it to the principal itself. The second is enough on its own: "Within the same
 *   account, … an identity-based policy or a resource-based policy can allow the request"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and,
 *   for S3, https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html),
 *   and a boundary does not cap what a resource-based policy grants ("Permissions boundaries do not
 *   define the maximum permissions that a resource-based policy can grant to an entity",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html). A bucket
 *   policy statement whose principal is the account (`arn:aws:iam::ACCOUNT:root` or the bare id)
 *   only delegates to IAM: the identity policy must then allow the action.
 * - Block Public Access: RestrictPublicBuckets keeps a public bucket policy working for "authorized
 *   users within this account", so it does not remove a same-account principal's grant;
 *   IgnorePublicAcls (bucket or account level) makes S3 ignore public ACL grants for every caller
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
 *   A public ACL grant (AllUsers, AuthenticatedUsers) that stands gives our principals its access.
 * - Conditions are judged for an unknown credential (iam.ts `conditionVerdict`): a statement whose
 *   condition cannot be decided offline counts as a conditional Allow (the store is marked
 *   `conditional`) and a conditional Deny removes nothing.
 * - "Reads" a bucket: s3:GetObject allowed on some object of it; "writes": s3:PutObject or
 *   s3:DeleteObject on some object; "change-access": s3:PutBucketPolicy, s3:DeleteBucketPolicy or
 *   s3:PutBucketAcl on the bucket. A snapshot: ec2:CreateVolume (read), ec2:CopySnapshot (copy),
 *   ec2:ModifySnapshotAttribute (change-access), all identity-only (snapshots have no resource
 *   policy). An RDS snapshot (manual DB or DB cluster snapshot): restoring it (read), copying it,
 *   modifying its `restore` attribute (change-access: share it), with the DB or the cluster action
 *   as its kind requires, identity-only as well (RDS_SNAPSHOT_ACCESS). Resource matching is IAM's
 *   glob over the whole ARN (iam.ts `resourceMatches`).
 * - Roles it can assume (same account): the role's trust policy admits the principal's own ARN
 *   (then no identity permission is needed, only no explicit Deny), or admits the account (its root
 *   ARN or id), and then the identity policies must allow sts:AssumeRole on the role
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html).
 *
 * Cost (issue 18 item 5): identity policies are evaluated once per distinct set of policies (users
 * of one group share it), each (action, bucket) pair at most once per set, with a fast path when
 * every pattern granting an action covers every bucket; bucket policies are normalised once per
 * bucket and only the buckets that have one are looked at per principal.
 */
import type { Bucket, Collected, IamRole, Inventory, PublicAccessBlock, RdsSnapshotKind, Slices } from '../inventory/schema.js';
import { isSkipped } from '../inventory/schema.js';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, globMatchesSomeWithPrefix } from './s3-public.js';
import {
  analyzeIdentity,
  conditionVerdict,
  describeGaps,
  identityGaps,
  isUniversalPattern,
  normalizeStatements,
  patternCovers,
  resourceMatches,
  rolePolicies,
  statementCoversAction,
  userPolicies,
  type IdentityPolicies,
  type PatternList,
  type PrincipalSpec,
  type Statement,
} from './iam.js';
import type { DataStoreKind, DataStoreRef, PrincipalReach, ReachIndex, StoreAccess, StoreReach } from './reach-types.js';
import { STORE_ACCESS } from './reach-types.js';

// ---------------------------------------------------------------- targets and permits

const coverCache = new Map<string, boolean>();

/** patternCovers, memoised: the same patterns meet the same buckets for many principals. */
function covers(general: string, specific: string): boolean {
  const key = `${general}\u0000${specific}`;
  const cached = coverCache.get(key);
  if (cached !== undefined) return cached;
  if (coverCache.size > 200_000) coverCache.clear();
  const result = patternCovers(general, specific);
  coverCache.set(key, result);
  return result;
}

/** A concrete resource (`exact`), or "some object of this bucket" (`objects`). */
type Target = { kind: 'exact'; arn: string } | { kind: 'objects'; bucketArn: string };

/** How an action is allowed: not at all, only under an undecidable condition, or outright. */
type Permit = 'no' | 'conditional' | 'yes';

function best(a: Permit, b: Permit): Permit {
  if (a === 'yes' || b === 'yes') return 'yes';
  return a === 'conditional' || b === 'conditional' ? 'conditional' : 'no';
}

/** An Allow's resources reach the target: some resource of it is named (NotResource: not all of it excluded). */
function allowReaches(resources: PatternList | null, target: Target): boolean {
  if (resources === null) return true;
  if (target.kind === 'exact') {
    const matched = resources.patterns.some((pattern) => resourceMatches(pattern, target.arn));
    return resources.negated ? !matched : matched;
  }
  if (resources.negated) return !resources.patterns.some((pattern) => isUniversalPattern(pattern) || covers(pattern, `${target.bucketArn}/*`));
  return resources.patterns.some((pattern) => namesBucketObjects(pattern, target.bucketArn));
}

/**
 * Whether a Resource pattern grants objects of this bucket: it covers all of them
 * (`arn:aws:s3:::*`, `arn:aws:s3:::prod-*`), or its part before the first `/` names the bucket
 * (`arn:aws:s3:::prod-logs/reports/*`, `arn:aws:s3:::prod-?/a/*`). IAM's `*` also spans `/`, so `arn:aws:s3:::team-*-exports/*`
 * matches the key `team-web/a-exports/b` of bucket `team-web` too; such accidental matches of odd
 * keys in other buckets are not counted as reaching that bucket (docs/reach.md), unlike the public
 * evaluator (s3-public.ts), which must count every key a stranger could fetch.
 */
const namesCache = new Map<string, boolean>();

function namesBucketObjects(pattern: string, bucketArn: string): boolean {
  const key = `${pattern}\u0000${bucketArn}`;
  const cached = namesCache.get(key);
  if (cached !== undefined) return cached;
  if (namesCache.size > 200_000) namesCache.clear();
  const result = computeNamesBucketObjects(pattern, bucketArn);
  namesCache.set(key, result);
  return result;
}

function computeNamesBucketObjects(pattern: string, bucketArn: string): boolean {
  if (isUniversalPattern(pattern)) return true;
  // Most patterns match no object of most buckets: that cheap test comes first.
  if (!globMatchesSomeWithPrefix(pattern, `${bucketArn}/`)) return false;
  const slash = pattern.indexOf('/');
  return (slash > 0 && resourceMatches(pattern.slice(0, slash), bucketArn)) || covers(pattern, `${bucketArn}/*`);
}

/** Whether a pattern covers every object of the bucket (a cheap rejection before the exact test). */
function coversAllObjects(pattern: string, bucketArn: string): boolean {
  return isUniversalPattern(pattern) || (globMatchesSomeWithPrefix(pattern, `${bucketArn}/`) && covers(pattern, `${bucketArn}/*`));
}

/** A Deny's resources cover the whole target (a Deny on part of a bucket leaves the rest readable). */
function denyCovers(resources: PatternList | null, target: Target): boolean {
  if (resources === null) return true;
  if (target.kind === 'exact') {
    const matched = resources.patterns.some((pattern) => resourceMatches(pattern, target.arn));
    return resources.negated ? !matched : matched;
  }
  if (resources.negated) return !resources.patterns.some((pattern) => globMatchesSomeWithPrefix(pattern, `${target.bucketArn}/`));
  return resources.patterns.some((pattern) => isUniversalPattern(pattern) || covers(pattern, `${target.bucketArn}/*`));
}

interface JudgedStatement {
  statement: Statement;
  conditional: boolean;
}

function judge(document: unknown): JudgedStatement[] {
  return normalizeStatements(document).flatMap((statement) => {
    const verdict = conditionVerdict(statement.condition, 'unknown');
    return verdict === 'never' ? [] : [{ statement, conditional: verdict === 'maybe' }];
  });
}

/** Every S3 bucket ARN of a partition: what a pattern must cover to grant an action on every bucket. */
function coversEveryBucket(pattern: string, partition: string, target: 'bucket' | 'objects'): boolean {
  if (isUniversalPattern(pattern)) return true;
  return covers(pattern, target === 'bucket' ? `arn:${partition}:s3:::*` : `arn:${partition}:s3:::*/*`);
}

// ---------------------------------------------------------------- indexes over resources (item 5)

/**
 * A list of resources of one kind (bucket ARNs, the objects of each bucket, snapshot or role ARNs)
 * with each Resource pattern's matches computed once, whoever's policy it appears in: an identity
 * is then judged against every resource by combining a few precomputed masks, not by matching
 * every statement against every resource.
 */
interface TargetSpace {
  readonly size: number;
  /** 1 where an Allow with these resources reaches the resource (allowReaches). */
  reached(resources: PatternList | null): Uint8Array;
  /** 1 where a Deny with these resources covers it (denyCovers). */
  covered(resources: PatternList | null): Uint8Array;
}

function hasGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Masks of one space, memoised by pattern list: the same managed policies recur for many principals. */
class MaskCache {
  private readonly masks = new Map<string, Uint8Array>();
  constructor(private readonly size: number) {}

  of(resources: PatternList | null, include: (pattern: string) => readonly number[], exclude: (pattern: string) => readonly number[], tag: string): Uint8Array {
    const key = resources === null ? `${tag}null` : `${tag}${resources.negated ? '!' : '='}${resources.patterns.join('\u0000')}`;
    const cached = this.masks.get(key);
    if (cached !== undefined) return cached;
    const mask = new Uint8Array(this.size);
    if (resources === null) mask.fill(1);
    else if (resources.negated) {
      mask.fill(1);
      for (const pattern of resources.patterns) for (const index of exclude(pattern)) mask[index] = 0;
    } else {
      for (const pattern of resources.patterns) for (const index of include(pattern)) mask[index] = 1;
    }
    this.masks.set(key, mask);
    return mask;
  }
}

function memo(compute: (pattern: string) => number[]): (pattern: string) => readonly number[] {
  const cache = new Map<string, number[]>();
  return (pattern) => {
    let result = cache.get(pattern);
    if (result === undefined) {
      result = compute(pattern);
      cache.set(pattern, result);
    }
    return result;
  };
}

/** Concrete ARNs (a bucket for bucket-level actions, a snapshot, a role): IAM's glob over the whole ARN. */
class ExactSpace implements TargetSpace {
  readonly size: number;
  private readonly masks: MaskCache;
  private readonly matched: (pattern: string) => readonly number[];

  constructor(arns: readonly string[]) {
    this.size = arns.length;
    this.masks = new MaskCache(arns.length);
    const byArn = new Map(arns.map((arn, index) => [arn, index]));
    this.matched = memo((pattern) => {
      if (!hasGlob(pattern)) {
        const index = byArn.get(pattern);
        return index === undefined ? [] : [index];
      }
      return arns.flatMap((arn, index) => (resourceMatches(pattern, arn) ? [index] : []));
    });
  }

  reached(resources: PatternList | null): Uint8Array {
    return this.masks.of(resources, this.matched, this.matched, 'r');
  }

  covered(resources: PatternList | null): Uint8Array {
    return this.reached(resources);
  }
}

/** The objects of each bucket: reached when a pattern names some of them, covered when it covers all. */
class ObjectSpace implements TargetSpace {
  readonly size: number;
  private readonly masks: MaskCache;
  private readonly named: (pattern: string) => readonly number[];
  private readonly all: (pattern: string) => readonly number[];
  private readonly some: (pattern: string) => readonly number[];

  constructor(bucketArns: readonly string[]) {
    this.size = bucketArns.length;
    this.masks = new MaskCache(bucketArns.length);
    const byArn = new Map(bucketArns.map((arn, index) => [arn, index]));
    // A pattern without wildcards names at most one object of one bucket: found by its bucket part.
    const literal = (pattern: string): number[] => {
      const slash = pattern.indexOf('/');
      const index = slash > 0 ? byArn.get(pattern.slice(0, slash)) : undefined;
      return index === undefined ? [] : [index];
    };
    const every = bucketArns.map((_, index) => index);
    // A pattern whose bucket part (before the first `/`) is literal can only touch that one bucket.
    const candidates = (pattern: string): readonly number[] => {
      const slash = pattern.indexOf('/');
      if (slash <= 0 || hasGlob(pattern.slice(0, slash))) return every;
      const index = byArn.get(pattern.slice(0, slash));
      return index === undefined ? [] : [index];
    };
    const scan = (test: (pattern: string, arn: string) => boolean) => (pattern: string): number[] =>
      candidates(pattern).filter((index) => test(pattern, bucketArns[index] ?? ''));
    this.named = memo((pattern) => (hasGlob(pattern) ? scan(namesBucketObjects)(pattern) : literal(pattern)));
    this.all = memo((pattern) => (hasGlob(pattern) ? scan(coversAllObjects)(pattern) : []));
    this.some = memo((pattern) => (hasGlob(pattern) ? scan((p, arn) => globMatchesSomeWithPrefix(p, `${arn}/`))(pattern) : literal(pattern)));
  }

  reached(resources: PatternList | null): Uint8Array {
    return this.masks.of(resources, this.named, this.all, 'r');
  }

  covered(resources: PatternList | null): Uint8Array {
    return this.masks.of(resources, this.all, this.some, 'c');
  }
}

/** Per resource of a space: 0 not allowed, 1 only under a condition, 2 allowed. */
type Levels = Uint8Array;

/**
 * The identity side of one set of policies (identity policies and boundary), judged once and
 * shared by every principal that has exactly that set.
 */
class IdentityView {
  private readonly allows: JudgedStatement[];
  private readonly denies: Statement[];
  private readonly boundary: JudgedStatement[] | null;
  private readonly byAction = new Map<string, { allows: JudgedStatement[]; denies: Statement[]; boundary: JudgedStatement[] | null }>();
  private readonly permitCache = new Map<string, Permit>();

  constructor(identity: IdentityPolicies) {
    const all = identity.policies.flatMap((policy) => judge(policy.document));
    const boundary = identity.boundary === null ? null : judge(identity.boundary.document);
    this.allows = all.filter((entry) => entry.statement.effect === 'Allow');
    // Only a Deny that holds for every request is proof that it removes something.
    this.denies = [...all, ...(boundary ?? [])].filter((entry) => entry.statement.effect === 'Deny' && !entry.conditional).map((entry) => entry.statement);
    this.boundary = boundary === null ? null : boundary.filter((entry) => entry.statement.effect === 'Allow');
  }

  private statementsFor(action: string): { allows: JudgedStatement[]; denies: Statement[]; boundary: JudgedStatement[] | null } {
    let entry = this.byAction.get(action);
    if (entry === undefined) {
      entry = {
        allows: this.allows.filter((judged) => statementCoversAction(judged.statement, action)),
        denies: this.denies.filter((statement) => statementCoversAction(statement, action)),
        boundary: this.boundary === null ? null : this.boundary.filter((judged) => statementCoversAction(judged.statement, action)),
      };
      this.byAction.set(action, entry);
    }
    return entry;
  }

  /** An explicit, unconditional Deny in the identity policies or the boundary covers the target. */
  denied(action: string, target: Target): boolean {
    return this.statementsFor(action).denies.some((deny) => denyCovers(deny.resources, target));
  }

  /** Allowed by the identity policies (and the boundary), before any resource policy. */
  permit(action: string, target: Target): Permit {
    const key = `${action}\u0000${target.kind === 'exact' ? target.arn : `${target.bucketArn}/*`}`;
    const cached = this.permitCache.get(key);
    if (cached !== undefined) return cached;
    const result = this.computePermit(action, target);
    this.permitCache.set(key, result);
    return result;
  }

  private computePermit(action: string, target: Target): Permit {
    const { allows, boundary } = this.statementsFor(action);
    if (this.denied(action, target)) return 'no';
    let allowed: Permit = 'no';
    for (const entry of allows) {
      if (!allowReaches(entry.statement.resources, target)) continue;
      allowed = best(allowed, entry.conditional ? 'conditional' : 'yes');
      if (allowed === 'yes') break;
    }
    if (allowed === 'no' || boundary === null) return allowed;
    let bounded: Permit = 'no';
    for (const entry of boundary) {
      if (!allowReaches(entry.statement.resources, target)) continue;
      bounded = best(bounded, entry.conditional ? 'conditional' : 'yes');
      if (bounded === 'yes') break;
    }
    if (bounded === 'no') return 'no';
    return allowed === 'yes' && bounded === 'yes' ? 'yes' : 'conditional';
  }

  /**
   * The fast path: the action is allowed on every bucket (or every object of every bucket) by a
   * statement that covers them all, unconditionally, with no Deny on it and a boundary that also
   * covers them all. Then no bucket needs a look of its own.
   */
  everyBucket(action: string, partition: string, target: 'bucket' | 'objects'): boolean {
    const { allows, denies, boundary } = this.statementsFor(action);
    if (denies.length > 0) return false;
    const covering = (entries: readonly JudgedStatement[]): boolean =>
      entries.some((entry) => !entry.conditional && entry.statement.resources !== null && !entry.statement.resources.negated
        && entry.statement.resources.patterns.some((pattern) => coversEveryBucket(pattern, partition, target)))
      || entries.some((entry) => !entry.conditional && entry.statement.resources === null);
    return covering(allows) && (boundary === null || covering(boundary));
  }

  private readonly levelCache = new Map<string, { levels: Levels; denied: Uint8Array }>();

  /**
   * Every resource of a space at once: the best Allow (0/1/2) after the explicit Denies and the
   * boundary, and where an explicit Deny covers it. `spaceId` names the space in the cache.
   */
  judgeSpace(action: string, space: TargetSpace, spaceId: string): { levels: Levels; denied: Uint8Array } {
    const key = `${spaceId}\u0000${action}`;
    const cached = this.levelCache.get(key);
    if (cached !== undefined) return cached;
    const { allows, denies, boundary } = this.statementsFor(action);
    const denied = new Uint8Array(space.size);
    for (const deny of denies) {
      const mask = space.covered(deny.resources);
      for (let i = 0; i < space.size; i += 1) if (mask[i] === 1) denied[i] = 1;
    }
    const best = (entries: readonly JudgedStatement[]): Levels => {
      const levels = new Uint8Array(space.size);
      for (const entry of entries) {
        const level = entry.conditional ? 1 : 2;
        const mask = space.reached(entry.statement.resources);
        for (let i = 0; i < space.size; i += 1) if (mask[i] === 1 && (levels[i] ?? 0) < level) levels[i] = level;
      }
      return levels;
    };
    const levels = best(allows);
    const bounded = boundary === null ? null : best(boundary);
    for (let i = 0; i < space.size; i += 1) {
      if (denied[i] === 1) levels[i] = 0;
      else if (bounded !== null) levels[i] = Math.min(levels[i] ?? 0, bounded[i] ?? 0);
    }
    const result = { levels, denied };
    this.levelCache.set(key, result);
    return result;
  }

  /** No statement names the action at all: nothing to look at per bucket. */
  never(action: string): boolean {
    return this.statementsFor(action).allows.length === 0;
  }
}

// ---------------------------------------------------------------- data stores

/** The actions that give each access to a kind of store (any one of them is enough). */
const S3_ACCESS: ReadonlyArray<{ access: StoreAccess; actions: readonly string[]; on: 'bucket' | 'objects' }> = [
  { access: 'read', actions: ['s3:GetObject'], on: 'objects' },
  { access: 'write', actions: ['s3:PutObject', 's3:DeleteObject'], on: 'objects' },
  { access: 'change-access', actions: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutBucketAcl'], on: 'bucket' },
];

/** EBS snapshots: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html (snapshot resource type). */
const SNAPSHOT_ACCESS: ReadonlyArray<{ access: StoreAccess; actions: readonly string[] }> = [
  { access: 'read', actions: ['ec2:CreateVolume'] },
  { access: 'copy', actions: ['ec2:CopySnapshot'] },
  { access: 'change-access', actions: ['ec2:ModifySnapshotAttribute'] },
];

/**
 * RDS snapshots, per kind: a DB snapshot (resource type `snapshot`,
 * `arn:${Partition}:rds:${Region}:${Account}:snapshot:${SnapshotName}`) and a DB cluster snapshot
 * (`cluster-snapshot`, `arn:${Partition}:rds:${Region}:${Account}:cluster-snapshot:${ClusterSnapshotName}`)
 * are named by different actions, so rds:RestoreDBInstanceFromDBSnapshot restores DB snapshots
 * only and rds:RestoreDBClusterFromSnapshot cluster snapshots. RestoreDBClusterFromSnapshot also
 * restores a DB snapshot into a new cluster for some engines
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html);
 * that route is not counted, so a DB snapshot's `read` may be understated, never overstated.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html
 * RDS has no resource-based policy for snapshots: the identity policies decide alone.
 */
const RDS_SNAPSHOT_ACCESS: Readonly<Record<RdsSnapshotKind, ReadonlyArray<{ access: StoreAccess; actions: readonly string[] }>>> = {
  'db-snapshot': [
    { access: 'read', actions: ['rds:RestoreDBInstanceFromDBSnapshot'] },
    { access: 'copy', actions: ['rds:CopyDBSnapshot'] },
    { access: 'change-access', actions: ['rds:ModifyDBSnapshotAttribute'] },
  ],
  'db-cluster-snapshot': [
    { access: 'read', actions: ['rds:RestoreDBClusterFromSnapshot'] },
    { access: 'copy', actions: ['rds:CopyDBClusterSnapshot'] },
    { access: 'change-access', actions: ['rds:ModifyDBClusterSnapshotAttribute'] },
  ],
};

/** Names that look like they hold sensitive data: listed first in a principal's stores. */
export const SENSITIVE_NAME = /customer|client|payroll|salary|backup|prod|export|pii|secret|credential|db|database|dump|finance|billing|invoice|payment|card|hr|medical|health|patient|ssn|tax|private|confidential|user|account|log/i;

interface BucketEntry {
  ref: DataStoreRef;
  bucket: Bucket;
  /** The bucket policy's statements that name a principal, normalised once (empty without a policy). */
  policy: JudgedStatement[];
  /** Standing public ACL grants (not neutralised by IgnorePublicAcls): the access they give everyone. */
  aclAccess: Set<StoreAccess>;
  /** Whether the ACL's public grants could not be judged (ACL or Block Public Access unreadable). */
  aclUnknown: boolean;
}

const bucketStatementCache = new WeakMap<BucketEntry, Map<string, JudgedStatement[]>>();

/** The bucket policy's statements that name an action, computed once per bucket and action. */
function statementsOfBucket(entry: BucketEntry, action: string): JudgedStatement[] {
  let byAction = bucketStatementCache.get(entry);
  if (byAction === undefined) {
    byAction = new Map();
    bucketStatementCache.set(entry, byAction);
  }
  let statements = byAction.get(action);
  if (statements === undefined) {
    statements = entry.policy.filter((judged) => statementCoversAction(judged.statement, action));
    byAction.set(action, statements);
  }
  return statements;
}

interface SnapshotEntry {
  ref: DataStoreRef;
  sizeGiB: number | null;
}

/** What each ACL permission gives a grantee (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions). */
const ACL_PERMISSION_ACCESS: Readonly<Record<string, readonly StoreAccess[]>> = {
  FULL_CONTROL: ['write', 'change-access'],
  WRITE: ['write'],
  WRITE_ACP: ['change-access'],
  // READ lists the objects; it does not return their content (object ACLs, not collected, would).
  READ: [],
  READ_ACP: [],
  UNKNOWN: [],
};

function bucketEntries(slice: Collected<{ buckets: Bucket[] }> | undefined, account: PublicAccessBlock | null | undefined): BucketEntry[] {
  if (slice === undefined || !slice.ok) return [];
  return slice.data.buckets.map((bucket) => {
    const policy = bucket.policy.ok && !isSkipped(bucket.policy) && bucket.policy.data.document !== null ? judge(bucket.policy.data.document).filter((entry) => entry.statement.principal !== null) : [];
    const aclAccess = new Set<StoreAccess>();
    let aclUnknown = false;
    // A skipped ACL was not read because the account ignores public ACLs: no ACL grant counts.
    if (isSkipped(bucket.acl)) {
      // nothing to add
    } else if (bucket.acl.ok) {
      const blockState = bucket.publicAccessBlock.ok && !isSkipped(bucket.publicAccessBlock) ? bucket.publicAccessBlock.data : undefined;
      const ignored = account?.ignorePublicAcls === true || blockState?.ignorePublicAcls === true;
      const ignoreUnknown = !ignored && (blockState === undefined || account === undefined);
      for (const grant of bucket.acl.data.grants) {
        const uri = grant.uri?.replace(/^https:/, 'http:');
        if (grant.granteeType !== 'Group' || (uri !== ALL_USERS_URI && uri !== AUTHENTICATED_USERS_URI)) continue;
        const access = ACL_PERMISSION_ACCESS[grant.permission] ?? [];
        if (access.length === 0 || ignored) continue;
        if (ignoreUnknown) aclUnknown = true;
        for (const item of access) aclAccess.add(item);
      }
    } else {
      aclUnknown = true;
    }
    return { ref: { kind: 's3-bucket', arn: bucket.arn, name: bucket.name, region: bucket.region }, bucket, policy, aclAccess, aclUnknown };
  });
}

interface SnapshotSource {
  snapshots: SnapshotEntry[];
  /** Snapshots the account owns that the inventory counts but does not list. */
  unlisted: number;
  gaps: string[];
  known: boolean;
}

/**
 * EBS snapshots: every owned snapshot from `ebsSnapshotSharing` (the snapshots it had no call
 * budget for are counted, not listed); without it, the public candidates of `ebsPublicSnapshots`,
 * which are only the public ones.
 */
function snapshotSource(slices: Slices): SnapshotSource {
  const sharing = slices.ebsSnapshotSharing;
  const result: SnapshotSource = { snapshots: [], unlisted: 0, gaps: [], known: false };
  if (sharing !== undefined && sharing.ok) {
    result.known = true;
    for (const region of sharing.data) {
      if (!region.result.ok) {
        result.gaps.push(`EBS snapshots of ${region.region} could not be listed (${region.result.error.code})`);
        continue;
      }
      result.unlisted += region.result.data.skippedByBudget;
      for (const snapshot of region.result.data.snapshots) {
        result.snapshots.push({ ref: { kind: 'ebs-snapshot', arn: snapshot.arn, name: snapshot.id, region: region.region }, sizeGiB: snapshot.volumeSizeGiB });
      }
    }
    if (result.unlisted > 0) result.gaps.push(`${String(result.unlisted)} EBS snapshots were counted but not listed (snapshot call budget)`);
    return result;
  }
  const candidates = slices.ebsPublicSnapshots;
  if (candidates !== undefined && candidates.ok) {
    result.known = true;
    result.gaps.push('only public EBS snapshots are known (ebsSnapshotSharing was not collected)');
    for (const region of candidates.data) {
      if (!region.result.ok) {
        result.gaps.push(`EBS snapshots of ${region.region} could not be listed (${region.result.error.code})`);
        continue;
      }
      for (const snapshot of region.result.data.candidates) {
        result.snapshots.push({ ref: { kind: 'ebs-snapshot', arn: snapshot.arn, name: snapshot.id, region: region.region }, sizeGiB: snapshot.volumeSizeGiB });
      }
    }
    return result;
  }
  result.gaps.push(
    sharing !== undefined && !sharing.ok ? `EBS snapshots could not be listed (${sharing.error.code}, ${sharing.error.action ?? 'ec2:DescribeSnapshots'})` : 'EBS snapshots were not collected',
  );
  return result;
}

interface RdsSnapshotSource {
  /** Per kind, since each kind has its own actions. */
  byKind: Record<RdsSnapshotKind, SnapshotEntry[]>;
  unlisted: number;
  gaps: string[];
  known: boolean;
}

/**
 * RDS snapshots: the manual DB and DB cluster snapshots of `rdsSnapshots` (those it had no call
 * budget for are counted, not listed), as EBS snapshots are read from `ebsSnapshotSharing`. The
 * reach step does not ask for the slice (REACH_SLICES): it counts RDS snapshots when a selected
 * check collected them, and says so in `atLeast` when none did.
 */
function rdsSnapshotSource(slices: Slices): RdsSnapshotSource {
  const slice = slices.rdsSnapshots;
  const result: RdsSnapshotSource = { byKind: { 'db-snapshot': [], 'db-cluster-snapshot': [] }, unlisted: 0, gaps: [], known: false };
  if (slice === undefined || !slice.ok) {
    result.gaps.push(slice === undefined ? 'RDS snapshots were not collected' : `RDS snapshots could not be listed (${slice.error.code}, ${slice.error.action ?? 'rds:DescribeDBSnapshots'})`);
    return result;
  }
  result.known = true;
  for (const region of slice.data) {
    if (!region.result.ok) {
      result.gaps.push(`RDS snapshots of ${region.region} could not be listed (${region.result.error.code})`);
      continue;
    }
    result.unlisted += region.result.data.skippedByBudget;
    for (const snapshot of region.result.data.snapshots) {
      result.byKind[snapshot.kind].push({ ref: { kind: 'rds-snapshot', arn: snapshot.arn, name: snapshot.id, region: region.region }, sizeGiB: null });
    }
  }
  if (result.unlisted > 0) result.gaps.push(`${String(result.unlisted)} RDS snapshots were counted but not listed (RDS snapshot call budget)`);
  return result;
}

// ---------------------------------------------------------------- principals in resource policies

interface PrincipalId {
  arn: string;
  kind: 'user' | 'role';
  account: string;
  partition: string;
  /** For a role: the ARN pattern of its sessions (`arn:aws:sts::ACCOUNT:assumed-role/NAME/*`). */
  sessionPrefix: string | null;
}

function principalId(arn: string, kind: 'user' | 'role', name: string): PrincipalId {
  const [, partition = 'aws', , , account = ''] = arn.split(':');
  return { arn, kind, account, partition, sessionPrefix: kind === 'role' ? `arn:${partition}:sts::${account}:assumed-role/${name}/` : null };
}

/** How a resource policy's Principal names our principal: itself (or everyone), the account, or not at all. */
type Named = 'self' | 'account' | null;

const awsValueCache = new WeakMap<PrincipalSpec, readonly string[]>();

/** The `AWS` principal values of a statement, gathered once per statement. */
function awsValues(spec: PrincipalSpec): readonly string[] {
  let values = awsValueCache.get(spec);
  if (values === undefined) {
    values = Object.entries(spec.byType)
      .filter(([type]) => type.toLowerCase() === 'aws')
      .flatMap(([, list]) => list);
    awsValueCache.set(spec, values);
  }
  return values;
}

function namedBy(spec: PrincipalSpec | null, who: PrincipalId): Named {
  if (spec === null) return null;
  const values = awsValues(spec);
  let named: Named = null;
  if (spec.everyone || values.includes('*')) named = 'self';
  for (const value of values) {
    if (value === who.arn || (who.sessionPrefix !== null && value.startsWith(who.sessionPrefix))) named = 'self';
    else if (named === null && (value === who.account || value === `arn:${who.partition}:iam::${who.account}:root`)) named = 'account';
  }
  if (!spec.negated) return named;
  // NotPrincipal: everyone the list does not name. Excluding the account excludes its principals.
  return named === null ? 'self' : null;
}

// ---------------------------------------------------------------- compute services for pass-role

/** Services that run code as a passed role, with the action that launches it and the resource it acts on. */
const COMPUTE_LAUNCHERS: ReadonlyArray<{ service: string; action: string; on: string }> = [
  { service: 'ec2.amazonaws.com', action: 'ec2:RunInstances', on: 'arn:{partition}:ec2:{region}:{account}:instance/*' },
  { service: 'lambda.amazonaws.com', action: 'lambda:CreateFunction', on: 'arn:{partition}:lambda:{region}:{account}:function:*' },
  { service: 'ecs-tasks.amazonaws.com', action: 'ecs:RunTask', on: 'arn:{partition}:ecs:{region}:{account}:task-definition/*' },
  { service: 'glue.amazonaws.com', action: 'glue:CreateDevEndpoint', on: 'arn:{partition}:glue:{region}:{account}:devEndpoint/*' },
  { service: 'cloudformation.amazonaws.com', action: 'cloudformation:CreateStack', on: 'arn:{partition}:cloudformation:{region}:{account}:stack/*' },
  { service: 'codebuild.amazonaws.com', action: 'codebuild:CreateProject', on: 'arn:{partition}:codebuild:{region}:{account}:project/*' },
  { service: 'sagemaker.amazonaws.com', action: 'sagemaker:CreateNotebookInstance', on: 'arn:{partition}:sagemaker:{region}:{account}:notebook-instance/*' },
];

interface TrustFacts {
  role: IamRole;
  /** Allow statements of the trust policy that cover sts:AssumeRole. */
  allows: JudgedStatement[];
  denies: JudgedStatement[];
  /** Service principals the role trusts (for pass-role). */
  services: Set<string>;
}

function trustFacts(role: IamRole): TrustFacts {
  const statements = judge(role.assumeRolePolicy).filter((entry) => statementCoversAction(entry.statement, 'sts:AssumeRole'));
  const allows = statements.filter((entry) => entry.statement.effect === 'Allow');
  const services = new Set<string>();
  for (const entry of allows) {
    for (const [type, values] of Object.entries(entry.statement.principal?.byType ?? {})) {
      if (type.toLowerCase() === 'service') for (const value of values) services.add(value.toLowerCase());
    }
  }
  return { role, allows, denies: statements.filter((entry) => entry.statement.effect === 'Deny' && !entry.conditional), services };
}

// ---------------------------------------------------------------- the index

export interface ReachInput {
  accountId: string;
  partition: string;
  /** The scanned regions: they instantiate `{region}` when judging compute launches. */
  regions: readonly string[];
  slices: Slices;
}

interface StoreGrant {
  access: Set<StoreAccess>;
  conditional: boolean;
}

function grantOf(map: Map<number, StoreGrant>, index: number): StoreGrant {
  let grant = map.get(index);
  if (grant === undefined) {
    grant = { access: new Set(), conditional: false };
    map.set(index, grant);
  }
  return grant;
}

/** Records one access class's verdict on a store; a store is conditional when any of its accesses is. */
function addGrant(map: Map<number, StoreGrant>, index: number, access: StoreAccess, permit: Permit): void {
  if (permit === 'no') return;
  const grant = grantOf(map, index);
  grant.access.add(access);
  if (permit === 'conditional') grant.conditional = true;
}

function bucketTarget(bucketArn: string, on: 'bucket' | 'objects'): Target {
  return on === 'objects' ? { kind: 'objects', bucketArn } : { kind: 'exact', arn: bucketArn };
}

/** `1,000`: the counts in summaries. */
function count(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * The order of a principal's stores: names that look sensitive first (SENSITIVE_NAME), then more
 * access before less (change-access, write, copy, read all held beats read alone), then the larger
 * (snapshot size; buckets have none in the inventory), then by name.
 */
function storeRank(store: StoreReach, size: number | null): [number, number, number, string] {
  return [SENSITIVE_NAME.test(store.store.name) ? 0 : 1, -store.access.length, -(size ?? 0), store.store.name];
}

function compareRanks(a: [number, number, number, string], b: [number, number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3].localeCompare(b[3]);
}

/**
 * Builds the reach of every user and role of `authorizationDetails`. Without that slice the index is
 * empty (nothing about any principal can be said); a store kind whose slice is absent or failed is
 * not counted and named in each principal's `atLeast`.
 */
/** One index per inventory: credential findings and breach paths ask for the same reach. */
const INDEX_OF_INVENTORY = new WeakMap<Inventory, ReachIndex>();

/** The reach index of an inventory, built on first use and shared by every later caller. */
export function reachIndexOfInventory(inventory: Inventory): ReachIndex {
  const hit = INDEX_OF_INVENTORY.get(inventory);
  if (hit !== undefined) return hit;
  const index = buildReachIndex({ accountId: inventory.account.id, partition: inventory.account.partition, regions: inventory.regions, slices: inventory.slices });
  INDEX_OF_INVENTORY.set(inventory, index);
  return index;
}

export function buildReachIndex(input: ReachInput): ReachIndex {
  const details = input.slices.authorizationDetails;
  if (details === undefined || !details.ok) return indexOf([]);
  const authorization = details.data;

  const gaps: string[] = [];
  const s3 = input.slices.s3Buckets;
  const accountBlockSlice = input.slices.s3AccountPublicAccessBlock;
  const accountBlock: PublicAccessBlock | null | undefined = accountBlockSlice !== undefined && accountBlockSlice.ok ? accountBlockSlice.data.configuration : undefined;
  const buckets = bucketEntries(s3, accountBlock);
  if (s3 === undefined) gaps.push('S3 buckets were not collected');
  else if (!s3.ok) gaps.push(`S3 buckets could not be listed (${s3.error.code}, ${s3.error.action ?? 's3:ListAllMyBuckets'})`);
  const unreadablePolicies = buckets.filter((entry) => !entry.bucket.policy.ok).length;
  if (unreadablePolicies > 0) gaps.push(`the bucket policies of ${count(unreadablePolicies)} bucket${unreadablePolicies === 1 ? '' : 's'} could not be read (s3:GetBucketPolicy): they may grant more`);
  // The public-access reads skip a policy that account Block Public Access or AWS's own policy
  // status already shows to make nothing public (issue 17); it may still name principals of this
  // account, to grant or to deny.
  const skippedPolicies = buckets.filter((entry) => isSkipped(entry.bucket.policy)).length;
  const skippedPolicyGap =
    skippedPolicies > 0
      ? `the bucket policies of ${count(skippedPolicies)} bucket${skippedPolicies === 1 ? '' : 's'} were not read (they make nothing public, so the public-access checks did not need them): grants or Denies they give principals of this account are not counted`
      : undefined;
  if (skippedPolicyGap !== undefined) gaps.push(skippedPolicyGap);
  const unknownAcls = buckets.filter((entry) => entry.aclUnknown).length;
  if (unknownAcls > 0) gaps.push(`the public ACL grants of ${count(unknownAcls)} bucket${unknownAcls === 1 ? '' : 's'} could not be judged (ACL or Block Public Access unreadable)`);
  const snapshots = snapshotSource(input.slices);
  gaps.push(...snapshots.gaps);
  const rdsSnapshots = rdsSnapshotSource(input.slices);
  gaps.push(...rdsSnapshots.gaps);

  const storesKnown: Partial<Record<DataStoreKind, number>> = {};
  if (s3 !== undefined && s3.ok) storesKnown['s3-bucket'] = buckets.length;
  if (snapshots.known) storesKnown['ebs-snapshot'] = snapshots.snapshots.length + snapshots.unlisted;
  if (rdsSnapshots.known) storesKnown['rds-snapshot'] = rdsSnapshots.byKind['db-snapshot'].length + rdsSnapshots.byKind['db-cluster-snapshot'].length + rdsSnapshots.unlisted;

  const policyBuckets = buckets.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.policy.length > 0);
  const aclBuckets = buckets.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.aclAccess.size > 0);
  const trusts = authorization.roles.map(trustFacts);
  const regions = input.regions.length > 0 ? input.regions : ['us-east-1'];
  const objectSpace = new ObjectSpace(buckets.map((entry) => entry.ref.arn));
  const bucketSpace = new ExactSpace(buckets.map((entry) => entry.ref.arn));
  const snapshotSpace = new ExactSpace(snapshots.snapshots.map((entry) => entry.ref.arn));
  const rdsKinds = Object.keys(RDS_SNAPSHOT_ACCESS) as RdsSnapshotKind[];
  const rdsSpaces = new Map(rdsKinds.map((kind) => [kind, new ExactSpace(rdsSnapshots.byKind[kind].map((entry) => entry.ref.arn))]));
  const roleSpace = new ExactSpace(authorization.roles.map((role) => role.arn));
  const spaceOf = (on: 'bucket' | 'objects'): [TargetSpace, string] => (on === 'objects' ? [objectSpace, 'objects'] : [bucketSpace, 'buckets']);
  const LEVEL_PERMIT: readonly Permit[] = ['no', 'conditional', 'yes'];

  // Identity-side results shared by principals with the same policies (item 5).
  interface IdentitySide {
    view: IdentityView;
    s3: Map<number, StoreGrant>;
    snapshots: Map<number, StoreGrant>;
    rds: Map<RdsSnapshotKind, Map<number, StoreGrant>>;
  }
  const viewCache = new Map<string, IdentitySide>();

  const identitySide = (arn: string, identity: IdentityPolicies): IdentitySide => {
    const key = [
      ...identity.policies.map((policy) => (policy.source.startsWith('inline:') ? `${arn}#${policy.source}` : policy.source)),
      `boundary:${identity.boundary?.source ?? ''}`,
    ].join('\u0000');
    const cached = viewCache.get(key);
    if (cached !== undefined) return cached;
    const view = new IdentityView(identity);
    // Per access class: the best level among its actions, for every store at once.
    const grantsOver = (classes: ReadonlyArray<{ access: StoreAccess; actions: readonly string[]; space: [TargetSpace, string] }>, size: number): Map<number, StoreGrant> => {
      const grants = new Map<number, StoreGrant>();
      for (const { access, actions, space } of classes) {
        const live = actions.filter((action) => !view.never(action));
        if (live.length === 0) continue;
        if ((space[1] === 'objects' || space[1] === 'buckets') && live.some((action) => view.everyBucket(action, input.partition, space[1] === 'objects' ? 'objects' : 'bucket'))) {
          for (let index = 0; index < size; index += 1) addGrant(grants, index, access, 'yes');
          continue;
        }
        const levels = new Uint8Array(size);
        for (const action of live) {
          const judged = view.judgeSpace(action, space[0], space[1]).levels;
          for (let index = 0; index < size; index += 1) if ((judged[index] ?? 0) > (levels[index] ?? 0)) levels[index] = judged[index] ?? 0;
        }
        for (let index = 0; index < size; index += 1) addGrant(grants, index, access, LEVEL_PERMIT[levels[index] ?? 0] ?? 'no');
      }
      return grants;
    };
    const s3Grants = grantsOver(S3_ACCESS.map(({ access, actions, on }) => ({ access, actions, space: spaceOf(on) })), buckets.length);
    const snapshotGrants = grantsOver(SNAPSHOT_ACCESS.map(({ access, actions }) => ({ access, actions, space: [snapshotSpace, 'snapshots'] as [TargetSpace, string] })), snapshots.snapshots.length);
    const rdsGrants = new Map(
      rdsKinds.map((kind) => {
        const space = rdsSpaces.get(kind) ?? new ExactSpace([]);
        return [kind, grantsOver(RDS_SNAPSHOT_ACCESS[kind].map(({ access, actions }) => ({ access, actions, space: [space, `rds-${kind}`] as [TargetSpace, string] })), space.size)];
      }),
    );
    const result = { view, s3: s3Grants, snapshots: snapshotGrants, rds: rdsGrants };
    viewCache.set(key, result);
    return result;
  };

  interface Draft {
    reach: PrincipalReach;
    view: IdentityView;
  }
  const drafts: Draft[] = [];

  const analyse = (who: PrincipalId, identity: IdentityPolicies): void => {
    const atLeast = [...gaps];
    const atMost: string[] = skippedPolicyGap === undefined ? [] : [skippedPolicyGap];
    const identityGap = identityGaps(identity);
    if (identityGap.other.length > 0) atLeast.push(`some of its policies could not be read: ${describeGaps(identityGap.other)}`);
    if (identityGap.blocking.length > 0) atMost.push(`its permissions boundary could not be read, so it was not applied: ${describeGaps(identityGap.blocking)}`);
    const side = identitySide(who.arn, identity);
    const view = side.view;

    // S3: identity grants, then what the bucket policies grant or deny this principal, then public ACLs.
    const s3Grants = new Map<number, StoreGrant>();
    for (const [index, grant] of side.s3) s3Grants.set(index, { access: new Set(grant.access), conditional: grant.conditional });
    for (const { entry, index } of aclBuckets) {
      const grant = grantOf(s3Grants, index);
      for (const access of entry.aclAccess) {
        // An identity Deny still wins over an ACL grant.
        const [space, spaceId] = spaceOf(access === 'write' ? 'objects' : 'bucket');
        if (view.judgeSpace(access === 'write' ? 's3:PutObject' : 's3:PutBucketAcl', space, spaceId).denied[index] === 1) continue;
        grant.access.add(access);
      }
    }
    // A bucket policy may grant this principal more, or deny it what its identity allows: every
    // access class of such a bucket is decided again here, with the policy's statements.
    for (const { entry, index } of policyBuckets) {
      const fresh = new Map<number, StoreGrant>();
      for (const { access, actions, on } of S3_ACCESS) {
        const target = bucketTarget(entry.ref.arn, on);
        const [space, spaceId] = spaceOf(on);
        let permit: Permit = 'no';
        for (const action of actions) {
          const relevant = statementsOfBucket(entry, action);
          const deniedHere = relevant.some(
            (judged) => judged.statement.effect === 'Deny' && !judged.conditional && namedBy(judged.statement.principal, who) !== null && denyCovers(judged.statement.resources, target),
          );
          const identity = view.judgeSpace(action, space, spaceId);
          if (deniedHere || identity.denied[index] === 1) continue;
          permit = best(permit, LEVEL_PERMIT[identity.levels[index] ?? 0] ?? 'no');
          if (entry.aclAccess.has(access)) permit = 'yes';
          for (const judged of relevant) {
            if (judged.statement.effect !== 'Allow' || namedBy(judged.statement.principal, who) !== 'self' || !allowReaches(judged.statement.resources, target)) continue;
            permit = best(permit, judged.conditional ? 'conditional' : 'yes');
          }
        }
        addGrant(fresh, 0, access, permit);
      }
      const decided = fresh.get(0);
      if (decided === undefined) s3Grants.delete(index);
      else s3Grants.set(index, decided);
    }

    const stores: { reach: StoreReach; size: number | null }[] = [];
    const push = (ref: DataStoreRef, grant: StoreGrant, size: number | null): void => {
      if (grant.access.size === 0) return;
      const access = STORE_ACCESS.filter((item) => grant.access.has(item));
      const reach: StoreReach = grant.conditional ? { store: ref, access, conditional: true } : { store: ref, access };
      stores.push({ reach, size });
    };
    for (const [index, grant] of s3Grants) {
      const entry = buckets[index];
      if (entry !== undefined) push(entry.ref, grant, null);
    }
    for (const [index, grant] of side.snapshots) {
      const entry = snapshots.snapshots[index];
      if (entry !== undefined) push(entry.ref, grant, entry.sizeGiB);
    }
    for (const [kind, grants] of side.rds) {
      for (const [index, grant] of grants) {
        const entry = rdsSnapshots.byKind[kind][index];
        if (entry !== undefined) push(entry.ref, grant, entry.sizeGiB);
      }
    }
    const ranked = stores.map((store) => ({ store, rank: storeRank(store.reach, store.size) }));
    ranked.sort((a, b) => compareRanks(a.rank, b.rank));
    stores.splice(0, stores.length, ...ranked.map(({ store }) => store));
    if (stores.some(({ reach }) => reach.conditional === true)) atMost.push('some grants hold only under conditions that cannot be judged offline');

    // Admin, directly or through an escalation path (the escalation catalog's own evaluator).
    const grants = analyzeIdentity(identity, 'unknown');
    const direct = grants.some((grant) => grant.kind === 'admin');
    const pathIds = [...new Set(grants.flatMap((grant) => (grant.kind === 'privilege-escalation' && grant.path !== undefined ? [grant.path] : [])))];

    // Roles it can assume.
    const assumableRoles: string[] = [];
    const assume = view.judgeSpace('sts:AssumeRole', roleSpace, 'roles');
    trusts.forEach((trust, index) => {
      if (trust.role.arn === who.arn || assume.denied[index] === 1) return;
      if (trust.denies.some((judged) => namedBy(judged.statement.principal, who) !== null)) return;
      const admitted = trust.allows.map((judged) => namedBy(judged.statement.principal, who));
      if (admitted.includes('self') || (admitted.includes('account') && (assume.levels[index] ?? 0) > 0)) assumableRoles.push(trust.role.arn);
    });

    // Roles it can pass to a compute service it can launch.
    const passableRoles: string[] = [];
    const launches = COMPUTE_LAUNCHERS.filter((launcher) =>
      regions.some((region) => view.permit(launcher.action, { kind: 'exact', arn: launcher.on.replaceAll('{partition}', who.partition).replaceAll('{account}', who.account).replaceAll('{region}', region) }) !== 'no'),
    );
    if (launches.length > 0) {
      const pass = view.judgeSpace('iam:PassRole', roleSpace, 'roles').levels;
      trusts.forEach((trust, index) => {
        if ((pass[index] ?? 0) > 0 && launches.some((launcher) => trust.services.has(launcher.service))) passableRoles.push(trust.role.arn);
      });
    }

    const reach: PrincipalReach = {
      principal: who.arn,
      principalKind: who.kind,
      stores: stores.map(({ reach: item }) => item),
      storesKnown,
      admin: direct || pathIds.length > 0 ? { direct, pathIds } : null,
      assumableRoles,
      passableRoles,
      atLeast,
      atMost,
    };
    drafts.push({ reach, view });
  };

  for (const user of authorization.users) analyse(principalId(user.arn, 'user', user.name), userPolicies(user, authorization));
  for (const role of authorization.roles) analyse(principalId(role.arn, 'role', role.name), rolePolicies(role, authorization));

  // A principal that can assume an admin role can become admin through it (the catalog's `assume-role`).
  const byArn = new Map(drafts.map((draft) => [draft.reach.principal, draft.reach]));
  const adminRoles = new Set(drafts.filter((draft) => draft.reach.principalKind === 'role' && draft.reach.admin?.direct === true).map((draft) => draft.reach.principal));
  const reaches = drafts.map(({ reach }) => {
    if (reach.admin?.pathIds.includes('assume-role') === true || !transitiveAssumableRoles(byArn, reach.principal).some((arn) => adminRoles.has(arn))) return reach;
    return { ...reach, admin: { direct: reach.admin?.direct ?? false, pathIds: [...(reach.admin?.pathIds ?? []), 'assume-role'] } };
  });
  return indexOf(reaches);
}

function indexOf(reaches: readonly PrincipalReach[]): ReachIndex {
  const byArn = new Map(reaches.map((reach) => [reach.principal, reach]));
  return { of: (arn) => byArn.get(arn), all: () => reaches };
}

/** Every role reachable by a chain of assume-role steps from the principal, nearest first (itself excluded). */
export function transitiveAssumableRoles(index: ReachIndex | ReadonlyMap<string, PrincipalReach>, principal: string): string[] {
  const lookup = (arn: string): PrincipalReach | undefined => ('of' in index ? index.of(arn) : index.get(arn));
  const seen = new Set<string>([principal]);
  const order: string[] = [];
  let frontier = [principal];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const arn of frontier) {
      for (const role of lookup(arn)?.assumableRoles ?? []) {
        if (seen.has(role)) continue;
        seen.add(role);
        order.push(role);
        next.push(role);
      }
    }
    frontier = next;
  }
  return order;
}
