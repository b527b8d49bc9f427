/**
 * Decides whether an S3 bucket is writable (or only readable) by the public, from its ACL, its
 * bucket policy and both levels of Block Public Access, as they stand now.
 *
 * The rules (shared/reference/controls.md): AllUsers and AuthenticatedUsers ACL grants are public;
 * a policy statement is public when it Allows `*` (or uses NotPrincipal) without a condition that
 * pins the caller; IgnorePublicAcls neutralises existing public ACL grants and
 * RestrictPublicBuckets existing public policies, at bucket OR account level; BlockPublicAcls and
 * BlockPublicPolicy only stop NEW grants and neutralise nothing that already exists.
 */
import type { AclGrant, Bucket, PublicAccessBlock } from '../inventory/schema.js';
import type { Statement } from './iam.js';
import { classifyCondition, denyRemoves, isConditional, normalizeStatements, statementAllowsAction } from './iam.js';

export type PublicVerdict = 'public-write' | 'public-read-only' | 'not-public' | 'unknown';
export type Access = 'write' | 'read';

export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/**
 * Actions that let an outsider change or destroy the bucket's content or its access rules. Any
 * pattern that matches one of them (`s3:*`, `s3:Put*`, `s3:*Object`, `*`, a NotAction that leaves
 * one in) makes the statement write-class.
 */
export const S3_WRITE_ACTIONS: readonly string[] = [
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutEncryptionConfiguration',
  's3:PutBucketWebsite',
  's3:ReplicateObject',
  's3:ReplicateDelete',
  's3:RestoreObject',
  's3:AbortMultipartUpload',
  's3:DeleteBucket',
];

/** Actions that expose content or configuration to readers. */
export const S3_READ_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAcl',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:GetBucketAcl',
  's3:GetBucketPolicy',
];

const WRITE_PERMISSIONS = new Set<AclGrant['permission']>(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']);
const READ_PERMISSIONS = new Set<AclGrant['permission']>(['READ', 'READ_ACP']);

export interface PublicAclGrant {
  grantee: 'AllUsers' | 'AuthenticatedUsers';
  permission: AclGrant['permission'];
  /** `UNKNOWN` permissions can be neither proven nor ruled out. */
  access: Access | 'unknown';
}

export interface PublicPolicyStatement {
  index: number;
  sid?: string;
  /** `*`, `{"AWS":"*"}` or `NotPrincipal`. */
  principal: string;
  writeActions: string[];
  readActions: string[];
  /** Condition entries that pin the caller: a statement with any is not public. */
  restrictingConditions: string[];
  /** Condition entries that do not pin the caller. */
  otherConditions: string[];
  restricted: boolean;
  /** Write actions an unconditional public Deny removes. */
  deniedWriteActions: string[];
  deniedReadActions: string[];
}

export type BucketPart = 'acl' | 'policy' | 'publicAccessBlock';

export interface UnreadablePart {
  part: BucketPart;
  code: string;
  /** The IAM action that was refused or is needed to read the part. */
  action: string;
}

export type BlockPublicAccessState = PublicAccessBlock | 'none' | 'unreadable';

export interface BucketPublicAssessment {
  verdict: PublicVerdict;
  /** Every public ACL grant found, effective or not. */
  aclGrants: PublicAclGrant[];
  /** Every Allow statement with a public principal, restricted or not. */
  policyStatements: PublicPolicyStatement[];
  /** The grants and statements that stand after conditions, Denies and Block Public Access. */
  effective: { aclGrants: PublicAclGrant[]; policyStatements: PublicPolicyStatement[] };
  bucketBlockPublicAccess: BlockPublicAccessState;
  accountBlockPublicAccess: PublicAccessBlock | 'none';
  /** Why public grants found do not stand, e.g. `IgnorePublicAcls (account) neutralises ACL grants`. */
  neutralisedBy: string[];
  unreadable: UnreadablePart[];
  /** AWS's own GetBucketPolicyStatus verdict, null when unavailable: a cross-check only. */
  policyStatusIsPublic: boolean | null;
}

const PART_ACTIONS: Readonly<Record<BucketPart, string>> = {
  acl: 's3:GetBucketAcl',
  policy: 's3:GetBucketPolicy',
  publicAccessBlock: 's3:GetBucketPublicAccessBlock',
};

function publicAclGrants(grants: readonly AclGrant[]): PublicAclGrant[] {
  const result: PublicAclGrant[] = [];
  for (const grant of grants) {
    if (grant.granteeType !== 'Group' || grant.uri === null) continue;
    const uri = grant.uri.replace(/^https:/, 'http:');
    const grantee = uri === ALL_USERS_URI ? 'AllUsers' : uri === AUTHENTICATED_USERS_URI ? 'AuthenticatedUsers' : null;
    if (grantee === null) continue;
    const access = WRITE_PERMISSIONS.has(grant.permission) ? 'write' : READ_PERMISSIONS.has(grant.permission) ? 'read' : 'unknown';
    result.push({ grantee, permission: grant.permission, access });
  }
  return result;
}

function principalIsPublic(statement: Statement): string | null {
  const principal = statement.principal;
  if (principal === null) return null;
  if (principal.negated) return 'NotPrincipal';
  if (principal.everyone) return '*';
  for (const [type, values] of Object.entries(principal.byType)) {
    if (type.toLowerCase() === 'aws' && values.includes('*')) return '{"AWS":"*"}';
  }
  return null;
}

/** A Deny that applies to everyone without a condition, the only kind that provably narrows. */
function isPublicUnconditionalDeny(statement: Statement): boolean {
  const principal = statement.principal;
  if (statement.effect !== 'Deny' || isConditional(statement) || principal === null || principal.negated) return false;
  return principal.everyone || Object.entries(principal.byType).some(([type, values]) => type.toLowerCase() === 'aws' && values.includes('*'));
}

function publicPolicyStatements(document: unknown): PublicPolicyStatement[] {
  const statements = normalizeStatements(document);
  const publicDenies = statements.filter(isPublicUnconditionalDeny);
  const result: PublicPolicyStatement[] = [];
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    const principal = principalIsPublic(statement);
    if (principal === null) continue;
    const writeActions = S3_WRITE_ACTIONS.filter((action) => statementAllowsAction(statement, action));
    const readActions = S3_READ_ACTIONS.filter((action) => statementAllowsAction(statement, action));
    if (writeActions.length === 0 && readActions.length === 0) continue;
    const denied = (action: string): boolean => publicDenies.some((deny) => denyRemoves(deny, statement, action));
    const condition = classifyCondition(statement.condition);
    const fact: PublicPolicyStatement = {
      index: statement.index,
      principal,
      writeActions,
      readActions,
      restrictingConditions: condition.restrictingEntries,
      otherConditions: condition.otherEntries,
      restricted: condition.restrictsCaller,
      deniedWriteActions: writeActions.filter(denied),
      deniedReadActions: readActions.filter(denied),
    };
    if (statement.sid !== undefined) fact.sid = statement.sid;
    result.push(fact);
  }
  return result;
}

function grantsAccess(statement: PublicPolicyStatement, access: Access): boolean {
  if (statement.restricted) return false;
  return access === 'write'
    ? statement.writeActions.length > statement.deniedWriteActions.length
    : statement.readActions.length > statement.deniedReadActions.length;
}

/** Three-valued: proven yes, proven no, or not provable with what could be read. */
type Proof = 'yes' | 'no' | 'unknown';

function neutraliser(bucketSetting: boolean | null, accountSetting: boolean): Proof {
  if (accountSetting || bucketSetting === true) return 'yes';
  return bucketSetting === null ? 'unknown' : 'no';
}

function effectiveAccess(found: Proof, neutralised: Proof): Proof {
  if (neutralised === 'yes' || found === 'no') return 'no';
  return found === 'yes' && neutralised === 'no' ? 'yes' : 'unknown';
}

function describeBlock(state: PublicAccessBlock | 'none'): PublicAccessBlock {
  return state === 'none' ? { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false } : state;
}

/**
 * The bucket's public-write verdict with the facts behind it. Readable data that proves public
 * write wins even when another part failed; otherwise any failed part makes the verdict unknown:
 * never not-public without all parts.
 */
export function assessBucketPublicWrite(bucket: Bucket, account: PublicAccessBlock | null): BucketPublicAssessment {
  const unreadable: UnreadablePart[] = [];
  const noteFailure = (part: BucketPart, result: Bucket[BucketPart]): void => {
    if (!result.ok) unreadable.push({ part, code: result.error.code, action: result.error.action ?? PART_ACTIONS[part] });
  };
  noteFailure('acl', bucket.acl);
  noteFailure('policy', bucket.policy);
  noteFailure('publicAccessBlock', bucket.publicAccessBlock);

  const accountBlockPublicAccess = account ?? 'none';
  const accountBlock = describeBlock(accountBlockPublicAccess);
  const bucketBlockPublicAccess: BlockPublicAccessState = bucket.publicAccessBlock.ok ? (bucket.publicAccessBlock.data ?? 'none') : 'unreadable';
  const bucketBlock = bucketBlockPublicAccess === 'unreadable' ? null : describeBlock(bucketBlockPublicAccess);

  const aclGrants = bucket.acl.ok ? publicAclGrants(bucket.acl.data.grants) : [];
  const policyStatements = bucket.policy.ok ? publicPolicyStatements(bucket.policy.data.document) : [];

  const aclNeutralised = neutraliser(bucketBlock === null ? null : bucketBlock.ignorePublicAcls, accountBlock.ignorePublicAcls);
  const policyNeutralised = neutraliser(bucketBlock === null ? null : bucketBlock.restrictPublicBuckets, accountBlock.restrictPublicBuckets);

  const aclFound = (access: Access): Proof => {
    if (!bucket.acl.ok) return 'unknown';
    if (aclGrants.some((grant) => grant.access === access)) return 'yes';
    return aclGrants.some((grant) => grant.access === 'unknown') ? 'unknown' : 'no';
  };
  const policyFound = (access: Access): Proof => {
    if (!bucket.policy.ok) return 'unknown';
    return policyStatements.some((statement) => grantsAccess(statement, access)) ? 'yes' : 'no';
  };

  const write = { acl: effectiveAccess(aclFound('write'), aclNeutralised), policy: effectiveAccess(policyFound('write'), policyNeutralised) };
  const read = { acl: effectiveAccess(aclFound('read'), aclNeutralised), policy: effectiveAccess(policyFound('read'), policyNeutralised) };

  let verdict: PublicVerdict;
  if (write.acl === 'yes' || write.policy === 'yes') verdict = 'public-write';
  else if (unreadable.length > 0 || write.acl === 'unknown' || write.policy === 'unknown') verdict = 'unknown';
  else if (read.acl === 'yes' || read.policy === 'yes') verdict = 'public-read-only';
  else verdict = 'not-public';

  const neutralisedBy: string[] = [];
  const level = (bucketSetting: boolean | undefined, accountSetting: boolean): string =>
    [bucketSetting === true ? 'bucket' : null, accountSetting ? 'account' : null].filter((text) => text !== null).join(' and ');
  if (aclGrants.length > 0 && aclNeutralised === 'yes') {
    neutralisedBy.push(`IgnorePublicAcls (${level(bucketBlock?.ignorePublicAcls, accountBlock.ignorePublicAcls)}) neutralises the public ACL grants`);
  }
  const unrestricted = policyStatements.filter((statement) => grantsAccess(statement, 'write') || grantsAccess(statement, 'read'));
  if (unrestricted.length > 0 && policyNeutralised === 'yes') {
    neutralisedBy.push(
      `RestrictPublicBuckets (${level(bucketBlock?.restrictPublicBuckets, accountBlock.restrictPublicBuckets)}) neutralises the public policy statements`,
    );
  }

  const standingAcl = (access: Access): boolean => (access === 'write' ? write.acl : read.acl) === 'yes';
  const standingPolicy = (access: Access): boolean => (access === 'write' ? write.policy : read.policy) === 'yes';
  return {
    verdict,
    aclGrants,
    policyStatements,
    effective: {
      aclGrants: aclGrants.filter((grant) => grant.access !== 'unknown' && standingAcl(grant.access)),
      policyStatements: policyStatements.filter(
        (statement) => (standingPolicy('write') && grantsAccess(statement, 'write')) || (standingPolicy('read') && grantsAccess(statement, 'read')),
      ),
    },
    bucketBlockPublicAccess,
    accountBlockPublicAccess,
    neutralisedBy,
    unreadable,
    policyStatusIsPublic: bucket.policyStatus.ok ? bucket.policyStatus.data.isPublic : null,
  };
}
