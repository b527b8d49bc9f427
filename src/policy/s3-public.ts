/**
 * Decides whether an S3 bucket is writable or readable by the public, from its ACL, its bucket
 * policy and both levels of Block Public Access, as they stand now, and cross-checks the policy
 * against AWS's own verdict (GetBucketPolicyStatus).
 *
 * The rules (S3 user guide, "The meaning of public",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status):
 * - an ACL is public when it grants anything to the AllUsers or AuthenticatedUsers groups;
 * - a policy statement is public when it Allows a public principal (see publicPrincipal) without
 *   a condition that pins the caller to fixed values (NON_PUBLIC_CONDITION_KEYS), and no Deny on
 *   everyone removes its actions or leaves them only to fixed trusted callers;
 * - IgnorePublicAcls neutralises existing public ACL grants and RestrictPublicBuckets existing public
 *   policies, at bucket OR account level; BlockPublicAcls and BlockPublicPolicy only stop NEW grants
 *   and neutralise nothing that already exists.
 * What a statement grants comes from the S3 action table (s3-actions.ts): write-class actions
 * change the data or who can reach it; data reads return object content or key listings.
 */
import type { AclGrant, Bucket, BucketPartSkipReason, PublicAccessBlock } from '../inventory/schema.js';
import { isSkipped } from '../inventory/schema.js';
import type { Statement } from './iam.js';
import { isConditional, isUniversalPattern, normalizeStatements, patternCovers, resourceMatches, statementAllowsAction, statementCoversAction } from './iam.js';
import { classifyAllowCondition, classifyDenyCondition, coversEveryone, publicPrincipal } from './public-conditions.js';
import type { S3Action, S3ResourceType } from './s3-actions.js';
import { S3_ACTIONS } from './s3-actions.js';

export type PublicVerdict = 'public-write' | 'public-read-only' | 'not-public' | 'unknown';
export type ReadVerdict = 'public-read' | 'not-public' | 'unknown';
/** `read` is a data read (object content or listing); `metadata` reads ACLs, tags or configuration. */
export type Access = 'write' | 'read';
export type ActionClass = Access | 'metadata';

export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export function actionClass(entry: S3Action): ActionClass {
  if (entry.reads === undefined) return 'write';
  return entry.reads === 'metadata' ? 'metadata' : 'read';
}

export interface PublicAclGrant {
  grantee: 'AllUsers' | 'AuthenticatedUsers';
  permission: AclGrant['permission'];
  /** The strongest access: FULL_CONTROL is write (and read); `UNKNOWN` permissions can be neither proven nor ruled out. */
  access: ActionClass | 'unknown';
}

/**
 * What each ACL permission gives on a bucket (S3 user guide, "Access control list (ACL) overview",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions): READ lists
 * the objects, WRITE creates, overwrites and deletes them, READ_ACP and WRITE_ACP read and write the
 * ACL (writing it grants anything), FULL_CONTROL is all four.
 */
function aclGrantGives(grant: PublicAclGrant, access: Access): boolean {
  switch (grant.permission) {
    case 'FULL_CONTROL':
      return true;
    case 'WRITE':
    case 'WRITE_ACP':
      return access === 'write';
    case 'READ':
      return access === 'read';
    default:
      return false;
  }
}

export interface PublicPolicyStatement {
  index: number;
  sid?: string;
  /** `*`, `{"AWS":"*"}`, `NotPrincipal` or `{"Federated":…}`. */
  principal: string;
  writeActions: string[];
  /** Data reads: object content and listings. */
  readActions: string[];
  metadataActions: string[];
  /** Condition entries that pin the caller: a statement with any is not public. */
  restrictingConditions: string[];
  /** Condition entries that do not pin the caller. */
  otherConditions: string[];
  restricted: boolean;
  /** Actions an unconditional Deny on everyone removes. */
  deniedActions: string[];
  /** Actions a conditional Deny on everyone leaves only to fixed trusted callers. */
  narrowedActions: string[];
  /** The Deny entries that narrow, e.g. `#1 (DenyOutsideVpce) StringNotEquals aws:SourceVpce`. */
  narrowingDenies: string[];
}

export type BucketPart = 'acl' | 'policy' | 'publicAccessBlock';

export interface UnreadablePart {
  part: BucketPart;
  code: string;
  /** The IAM action that was refused or is needed to read the part. */
  action: string;
}

/** `not-read`: skipped because the account-level settings already neutralise ACLs and policies. */
export type BlockPublicAccessState = PublicAccessBlock | 'none' | 'unreadable' | 'not-read';

/** A part the collector did not read on purpose, and why that is enough for the verdict. */
export interface NotReadPart {
  part: BucketPart | 'policyStatus';
  reason: BucketPartSkipReason;
}

export interface BucketPublicAssessment {
  /** The write-oriented verdict: public-write wins, then unknown, then public-read-only. */
  verdict: PublicVerdict;
  /** The data-read verdict: anyone can read object content or list keys. */
  readVerdict: ReadVerdict;
  /** Every public ACL grant found, effective or not. */
  aclGrants: PublicAclGrant[];
  /** Every Allow statement with a public principal and an S3 action, restricted or not. */
  policyStatements: PublicPolicyStatement[];
  /** The grants and statements that stand after conditions, Denies and Block Public Access. */
  effective: { aclGrants: PublicAclGrant[]; policyStatements: PublicPolicyStatement[] };
  bucketBlockPublicAccess: BlockPublicAccessState;
  accountBlockPublicAccess: PublicAccessBlock | 'none';
  /** Why public grants found do not stand, e.g. `IgnorePublicAcls (account) neutralises ACL grants`. */
  neutralisedBy: string[];
  /** Parts that could not be read and that the verdict needed. */
  unreadable: UnreadablePart[];
  /** Parts not read on purpose because another setting already decides them (account Block Public Access, AWS's policy status). */
  notRead: NotReadPart[];
  /** AWS's own GetBucketPolicyStatus verdict on the policy, null when unavailable. */
  policyStatusIsPublic: boolean | null;
  /** Where AWS's verdict and ours differ on the policy, in words; null when they agree or AWS gave none. */
  policyStatusDisagreement: string | null;
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
    const access = ACL_ACCESS[grant.permission];
    result.push({ grantee, permission: grant.permission, access });
  }
  return result;
}

const ACL_ACCESS: Readonly<Record<AclGrant['permission'], PublicAclGrant['access']>> = {
  FULL_CONTROL: 'write',
  WRITE: 'write',
  WRITE_ACP: 'write',
  READ: 'read',
  READ_ACP: 'metadata',
  UNKNOWN: 'unknown',
};

// ---------------------------------------------------------------- resources

/**
 * Whether a glob (IAM wildcards, case-sensitive) matches at least one string that starts with
 * `prefix`: a small NFA over the pattern, fed the prefix; any live state can then finish.
 */
export function globMatchesSomeWithPrefix(pattern: string, prefix: string): boolean {
  const closure = (states: Set<number>): Set<number> => {
    const result = new Set(states);
    for (const state of states) {
      let next = state;
      while (pattern[next] === '*') result.add(++next);
    }
    return result;
  };
  let states = closure(new Set([0]));
  for (const char of prefix) {
    const next = new Set<number>();
    for (const state of states) {
      const token = pattern[state];
      if (token === '*') next.add(state);
      else if (token === '?' || token === char) next.add(state + 1);
    }
    states = closure(next);
    if (states.size === 0) return false;
  }
  return states.size > 0;
}

/**
 * Whether a statement reaches the bucket (for bucket-level actions) or its objects (object-level
 * actions). An action on a resource type it cannot apply to grants nothing
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html, "Resource
 * types"): `s3:ListBucket` on `arn:aws:s3:::b/*` lists nothing.
 */
function reaches(statement: Statement, type: S3ResourceType, bucketArn: string): boolean {
  const resources = statement.resources;
  if (resources === null) return true;
  // NotResource reaches everything it does not list: nothing of this type only if it lists all of it.
  if (resources.negated) return !resources.patterns.some((pattern) => coversWholeType(pattern, type, bucketArn));
  return resources.patterns.some((pattern) =>
    type === 'bucket' ? resourceMatches(pattern, bucketArn) : globMatchesSomeWithPrefix(pattern, `${bucketArn}/`),
  );
}

/** Whether a pattern matches the bucket itself (bucket type) or every object in it (object type). */
function coversWholeType(pattern: string, type: S3ResourceType, bucketArn: string): boolean {
  return isUniversalPattern(pattern) || (type === 'bucket' ? resourceMatches(pattern, bucketArn) : patternCovers(pattern, `${bucketArn}/*`));
}

/** Whether a Deny's resources cover everything the Allow reaches of that type in this bucket. */
function denyCoversResources(deny: Statement, allow: Statement, type: S3ResourceType, bucketArn: string): boolean {
  const denied = deny.resources;
  if (denied === null) return true;
  if (denied.negated) return false;
  if (denied.patterns.some((pattern) => coversWholeType(pattern, type, bucketArn))) return true;
  const allowed = allow.resources;
  if (allowed === null || allowed.negated) return false;
  const relevant = allowed.patterns.filter((pattern) =>
    type === 'bucket' ? resourceMatches(pattern, bucketArn) : globMatchesSomeWithPrefix(pattern, `${bucketArn}/`),
  );
  return relevant.every((allowPattern) => denied.patterns.some((denyPattern) => patternCovers(denyPattern, allowPattern)));
}

// ---------------------------------------------------------------- policy statements

function describeRef(statement: Statement): string {
  return `#${String(statement.index)}${statement.sid === undefined || statement.sid === '' ? '' : ` (${statement.sid})`}`;
}

function publicPolicyStatements(document: unknown, bucketArn: string): PublicPolicyStatement[] {
  const statements = normalizeStatements(document);
  const denies = statements.filter((statement) => statement.effect === 'Deny' && coversEveryone(statement.principal));
  const unconditionalDenies = denies.filter((deny) => !isConditional(deny));
  const narrowingDenies = denies
    .filter(isConditional)
    .map((deny) => ({ deny, verdict: classifyDenyCondition(deny.condition) }))
    .filter(({ verdict }) => verdict.narrows);

  const result: PublicPolicyStatement[] = [];
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    const principal = publicPrincipal(statement.principal);
    if (principal === null) continue;
    const granted = S3_ACTIONS.filter((entry) => statementAllowsAction(statement, entry.action) && reaches(statement, entry.resource, bucketArn));
    if (granted.length === 0) continue;

    const covers = (deny: Statement, entry: S3Action): boolean =>
      statementCoversAction(deny, entry.action) && denyCoversResources(deny, statement, entry.resource, bucketArn);
    const deniedActions = granted.filter((entry) => unconditionalDenies.some((deny) => covers(deny, entry))).map((entry) => entry.action);
    const narrowedEntries = granted.filter((entry) => !deniedActions.includes(entry.action));
    const narrowers = narrowingDenies.filter(({ deny }) => narrowedEntries.some((entry) => covers(deny, entry)));
    const narrowedActions = narrowedEntries.filter((entry) => narrowers.some(({ deny }) => covers(deny, entry))).map((entry) => entry.action);

    const condition = classifyAllowCondition(statement.condition);
    const ofClass = (cls: ActionClass): string[] => granted.filter((entry) => actionClass(entry) === cls).map((entry) => entry.action);
    const fact: PublicPolicyStatement = {
      index: statement.index,
      principal,
      writeActions: ofClass('write'),
      readActions: ofClass('read'),
      metadataActions: ofClass('metadata'),
      restrictingConditions: condition.restrictingEntries,
      otherConditions: condition.otherEntries,
      restricted: condition.restricts,
      deniedActions,
      narrowedActions,
      narrowingDenies: narrowers.flatMap(({ deny, verdict }) => verdict.narrowingEntries.map((entry) => `${describeRef(deny)} ${entry}`)),
    };
    if (statement.sid !== undefined) fact.sid = statement.sid;
    result.push(fact);
  }
  return result;
}

/** The actions of a class a statement still grants the public after its conditions and the Denies. */
export function standingActions(statement: PublicPolicyStatement, cls: ActionClass): string[] {
  if (statement.restricted) return [];
  const actions = cls === 'write' ? statement.writeActions : cls === 'read' ? statement.readActions : statement.metadataActions;
  return actions.filter((action) => !statement.deniedActions.includes(action) && !statement.narrowedActions.includes(action));
}

function grantsAccess(statement: PublicPolicyStatement, cls: ActionClass): boolean {
  return standingActions(statement, cls).length > 0;
}

// ---------------------------------------------------------------- verdicts

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

function refList(statements: readonly PublicPolicyStatement[]): string {
  return statements.map((statement) => `#${String(statement.index)}`).join(', ');
}

/**
 * GetBucketPolicyStatus is AWS's verdict on the policy alone (not the ACL, not write vs read):
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html.
 */
function policyStatusDisagreement(isPublic: boolean | null, statements: readonly PublicPolicyStatement[]): string | null {
  if (isPublic === null) return null;
  const standing = statements.filter((statement) => (['write', 'read', 'metadata'] as const).some((cls) => grantsAccess(statement, cls)));
  if (!isPublic && standing.length > 0) {
    return `AWS (GetBucketPolicyStatus) says the bucket policy is not public, but breachmap reads statement ${refList(standing)} as granting public access; the policy verdict is left unknown until the two agree.`;
  }
  if (isPublic && standing.length === 0) {
    return 'AWS (GetBucketPolicyStatus) says the bucket policy is public, but breachmap found no statement that grants public access: review the policy.';
  }
  return null;
}

/**
 * Which skip reasons can stand for which part, and whether the reason holds for this inventory. A
 * skipped part the reason does not cover, or whose reason the account data contradicts (a
 * hand-edited snapshot), is an unread part: never a pass.
 * Account-level IgnorePublicAcls and RestrictPublicBuckets apply to every bucket whatever its own
 * settings (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html,
 * "Block public access settings"): with IgnorePublicAcls no ACL can grant public access, with
 * RestrictPublicBuckets no bucket policy can, and with both the bucket-level settings change nothing.
 */
const SKIPS_BY_PART: Readonly<Record<NotReadPart['part'], readonly BucketPartSkipReason[]>> = {
  acl: ['account-ignore-public-acls', 'account-blocks-acls-and-policies'],
  policy: ['account-restrict-public-buckets', 'account-blocks-acls-and-policies', 'policy-status-not-public'],
  policyStatus: ['account-restrict-public-buckets', 'account-blocks-acls-and-policies'],
  publicAccessBlock: ['account-blocks-acls-and-policies'],
};

function skipHolds(reason: BucketPartSkipReason, account: PublicAccessBlock, policyStatusIsPublic: boolean | null): boolean {
  switch (reason) {
    case 'account-ignore-public-acls':
      return account.ignorePublicAcls;
    case 'account-restrict-public-buckets':
      return account.restrictPublicBuckets;
    case 'account-blocks-acls-and-policies':
      return account.ignorePublicAcls && account.restrictPublicBuckets;
    case 'policy-status-not-public':
      return policyStatusIsPublic === false;
  }
}

/**
 * The bucket's public verdicts with the facts behind them. Readable data that proves public access
 * wins even when another part failed; otherwise any failed part makes the verdict unknown: never
 * not-public without all parts. A policy that AWS itself reports as not public
 * (GetBucketPolicyStatus) needs no reading; a part skipped because the account-level Block Public
 * Access neutralises it counts as neutralised, not as read.
 */
export function assessBucketPublicAccess(bucket: Bucket, account: PublicAccessBlock | null): BucketPublicAssessment {
  const accountBlockPublicAccess = account ?? 'none';
  const accountBlock = describeBlock(accountBlockPublicAccess);
  const policyStatusIsPublic = bucket.policyStatus.ok && !isSkipped(bucket.policyStatus) ? bucket.policyStatus.data.isPublic : null;
  const unreadable: UnreadablePart[] = [];
  const notRead: NotReadPart[] = [];
  const noteSkip = (part: NotReadPart['part'], result: Bucket[NotReadPart['part']]): void => {
    if (!isSkipped(result)) return;
    if (SKIPS_BY_PART[part].includes(result.skipped) && skipHolds(result.skipped, accountBlock, policyStatusIsPublic)) {
      notRead.push({ part, reason: result.skipped });
    } else if (part !== 'policyStatus') {
      unreadable.push({ part, code: 'NotRead', action: PART_ACTIONS[part] });
    }
  };
  const noteFailure = (part: BucketPart, result: Bucket[BucketPart]): void => {
    noteSkip(part, result);
    if (result.ok) return;
    if (part === 'policy' && policyStatusIsPublic === false) return;
    unreadable.push({ part, code: result.error.code, action: result.error.action ?? PART_ACTIONS[part] });
  };
  noteFailure('acl', bucket.acl);
  noteFailure('policy', bucket.policy);
  noteFailure('publicAccessBlock', bucket.publicAccessBlock);
  noteSkip('policyStatus', bucket.policyStatus);
  const skippedOnPurpose = (part: BucketPart): boolean => notRead.some((entry) => entry.part === part);

  const bucketBlockPublicAccess: BlockPublicAccessState = isSkipped(bucket.publicAccessBlock)
    ? skippedOnPurpose('publicAccessBlock') ? 'not-read' : 'unreadable'
    : bucket.publicAccessBlock.ok ? (bucket.publicAccessBlock.data ?? 'none') : 'unreadable';
  const bucketBlock = typeof bucketBlockPublicAccess === 'string' && bucketBlockPublicAccess !== 'none' ? null : describeBlock(bucketBlockPublicAccess);

  const aclData = bucket.acl.ok && !isSkipped(bucket.acl) ? bucket.acl.data : null;
  const policyData = bucket.policy.ok && !isSkipped(bucket.policy) ? bucket.policy.data : null;
  const aclGrants = aclData === null ? [] : publicAclGrants(aclData.grants);
  const policyStatements = policyData === null ? [] : publicPolicyStatements(policyData.document, bucket.arn);
  const disagreement = policyStatusDisagreement(policyStatusIsPublic, policyStatements);

  const aclNeutralised = neutraliser(bucketBlock === null ? null : bucketBlock.ignorePublicAcls, accountBlock.ignorePublicAcls);
  const policyNeutralised = neutraliser(bucketBlock === null ? null : bucketBlock.restrictPublicBuckets, accountBlock.restrictPublicBuckets);

  const aclFound = (access: Access): Proof => {
    if (aclData === null) return 'unknown';
    if (aclGrants.some((grant) => aclGrantGives(grant, access))) return 'yes';
    return aclGrants.some((grant) => grant.access === 'unknown') ? 'unknown' : 'no';
  };
  const policyFound = (access: Access): Proof => {
    if (policyData === null) return policyStatusIsPublic === false ? 'no' : 'unknown';
    if (!policyStatements.some((statement) => grantsAccess(statement, access))) return 'no';
    // AWS says the policy is not public: our reading is the one in doubt, so no FAIL rests on it.
    return policyStatusIsPublic === false ? 'unknown' : 'yes';
  };

  const write = { acl: effectiveAccess(aclFound('write'), aclNeutralised), policy: effectiveAccess(policyFound('write'), policyNeutralised) };
  const read = { acl: effectiveAccess(aclFound('read'), aclNeutralised), policy: effectiveAccess(policyFound('read'), policyNeutralised) };
  const incomplete = unreadable.length > 0;

  let verdict: PublicVerdict;
  if (write.acl === 'yes' || write.policy === 'yes') verdict = 'public-write';
  else if (incomplete || write.acl === 'unknown' || write.policy === 'unknown') verdict = 'unknown';
  else if (read.acl === 'yes' || read.policy === 'yes') verdict = 'public-read-only';
  else verdict = 'not-public';

  let readVerdict: ReadVerdict;
  if (read.acl === 'yes' || read.policy === 'yes') readVerdict = 'public-read';
  else if (incomplete || read.acl === 'unknown' || read.policy === 'unknown') readVerdict = 'unknown';
  else readVerdict = 'not-public';

  const neutralisedBy: string[] = [];
  const level = (bucketSetting: boolean | undefined, accountSetting: boolean): string =>
    [bucketSetting === true ? 'bucket' : null, accountSetting ? 'account' : null].filter((text) => text !== null).join(' and ');
  if (aclGrants.some((grant) => grant.access !== 'metadata') && aclNeutralised === 'yes') {
    neutralisedBy.push(`IgnorePublicAcls (${level(bucketBlock?.ignorePublicAcls, accountBlock.ignorePublicAcls)}) neutralises the public ACL grants`);
  }
  const unrestricted = policyStatements.filter((statement) => grantsAccess(statement, 'write') || grantsAccess(statement, 'read'));
  if (unrestricted.length > 0 && policyNeutralised === 'yes') {
    neutralisedBy.push(
      `RestrictPublicBuckets (${level(bucketBlock?.restrictPublicBuckets, accountBlock.restrictPublicBuckets)}) neutralises the public policy statements`,
    );
  }
  if (skippedOnPurpose('acl')) neutralisedBy.push('IgnorePublicAcls (account) neutralises any public ACL grant, so the ACL was not read');
  const policySkip = notRead.find((entry) => entry.part === 'policy')?.reason;
  if (policySkip === 'policy-status-not-public') neutralisedBy.push('AWS (GetBucketPolicyStatus) reports the bucket policy as not public, so the policy was not read');
  else if (policySkip !== undefined) neutralisedBy.push('RestrictPublicBuckets (account) neutralises any public bucket policy, so the policy was not read');

  const standing = { write, read };
  return {
    verdict,
    readVerdict,
    aclGrants,
    policyStatements,
    effective: {
      aclGrants: aclGrants.filter((grant) => (['write', 'read'] as const).some((access) => standing[access].acl === 'yes' && aclGrantGives(grant, access))),
      policyStatements: policyStatements.filter((statement) =>
        (['write', 'read'] as const).some((access) => standing[access].policy === 'yes' && grantsAccess(statement, access)),
      ),
    },
    bucketBlockPublicAccess,
    accountBlockPublicAccess,
    neutralisedBy,
    unreadable,
    notRead,
    policyStatusIsPublic,
    policyStatusDisagreement: disagreement,
  };
}

/** The same assessment, under the name the write check and the property tests know. */
export const assessBucketPublicWrite = assessBucketPublicAccess;
