/**
 * Wording shared by the S3 public-access checks (s3-bucket-public-write, s3-bucket-public-read), so
 * that both facets of one bucket describe its grants, statements and settings the same way.
 */
import type { Bucket, PublicAccessBlock, SliceData } from '../inventory/schema.js';
import { accountArn } from './arn.js';
import type { CheckOutcome, Evidence } from './define.js';
import { nothingInScope } from './outcomes.js';
import type { BlockPublicAccessState, BucketPart, BucketPublicAssessment, PublicAclGrant, PublicPolicyStatement, UnreadablePart } from '../policy/s3-public.js';

/** The fix both facets share: all four bucket-level Block Public Access settings on. */
export const BUCKET_LOCKDOWN_CLI =
  'aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true';

/** ACLs disabled (existing grants then grant nothing) and all four Block Public Access settings on. */
export const BUCKET_LOCKDOWN_TERRAFORM = [
  'resource "aws_s3_bucket_ownership_controls" "this" {',
  '  bucket = aws_s3_bucket.this.id',
  '  rule {',
  '    object_ownership = "BucketOwnerEnforced" # disables ACLs',
  '  }',
  '}',
  '',
  'resource "aws_s3_bucket_public_access_block" "this" {',
  '  bucket                  = aws_s3_bucket.this.id',
  '  block_public_acls       = true',
  '  ignore_public_acls      = true',
  '  block_public_policy     = true',
  '  restrict_public_buckets = true',
  '}',
].join('\n');

export function blockState(state: BlockPublicAccessState): string {
  if (state === 'not-read') return 'not read (the account-level IgnorePublicAcls and RestrictPublicBuckets already neutralise every public ACL grant and policy)';
  if (typeof state === 'string') return state;
  const on = (Object.entries(state) as [keyof PublicAccessBlock, boolean][])
    .filter(([, enabled]) => enabled)
    .map(([setting]) => setting);
  return on.length === 0 ? 'all off' : on.join(', ');
}

export function describeGrant(grant: PublicAclGrant): string {
  return `${grant.grantee}:${grant.permission}`;
}

/** At most this many actions are named per statement: `s3:*` expands to a hundred. */
const MAX_LISTED_ACTIONS = 6;

export function describeStatement(statement: PublicPolicyStatement, actions: readonly string[]): string {
  const sid = statement.sid === undefined || statement.sid === '' ? '' : ` (${statement.sid})`;
  const listed = actions.length > MAX_LISTED_ACTIONS ? [...actions.slice(0, MAX_LISTED_ACTIONS), `… (${String(actions.length)} actions)`] : actions;
  return `#${String(statement.index)}${sid} Principal ${statement.principal}: ${listed.join(', ')}`;
}

/** Why a bucket is not public: Block Public Access, then pinning conditions and narrowing Denies. */
export function notPublicMessage(name: string, what: 'writable' | 'readable', assessment: BucketPublicAssessment): string {
  const reasons = [...assessment.neutralisedBy];
  const restricted = assessment.policyStatements.filter((statement) => statement.restricted);
  if (restricted.length > 0) reasons.push(`policy statement ${restricted.map((statement) => `#${String(statement.index)}`).join(', ')} is pinned to fixed callers by its condition`);
  const narrowing = [...new Set(assessment.policyStatements.flatMap((statement) => statement.narrowingDenies))];
  if (narrowing.length > 0) reasons.push(`Deny ${narrowing.join(', ')} leaves the public statements only to fixed trusted callers`);
  if (reasons.length > 0) return `Bucket ${name} is not publicly ${what}: ${reasons.join('; ')}.`;
  return assessment.aclGrants.length === 0 && assessment.policyStatements.length === 0 ? `Bucket ${name} grants no public access.` : `Bucket ${name} is not publicly ${what}.`;
}

/** Why a verdict is unknown: unreadable parts first, then AWS's disagreeing verdict, then an unnamed ACL permission. */
export function undecidedBecause(assessment: BucketPublicAssessment, reasons: readonly string[]): string {
  const because = [...reasons];
  if (assessment.policyStatusDisagreement !== null && assessment.policyStatusIsPublic === false) because.push(assessment.policyStatusDisagreement.replace(/\.$/, ''));
  if (assessment.aclGrants.some((grant) => grant.access === 'unknown')) because.push('its ACL grants the public a permission S3 did not name');
  return because.length > 0 ? because.join('; ') : 'some of its access settings could not be evaluated';
}

export const PART_NAMES: Readonly<Record<BucketPart, string>> = {
  acl: 'ACL',
  policy: 'bucket policy',
  publicAccessBlock: 'Block Public Access settings',
};

/** Why one part the verdict needed is missing: a throttled or garbled read is not a permissions problem. */
export function unreadableReason(part: UnreadablePart): string {
  if (part.code === 'NotRead') {
    return `its ${PART_NAMES[part.part]} was not read, and the setting that would make it unnecessary does not hold (needs ${part.action})`;
  }
  return `its ${PART_NAMES[part.part]} could not be read (${part.code}; needs ${part.action})`;
}

/**
 * Both public-access checks judge every bucket against the account-level Block Public Access; an
 * account without buckets has nothing in scope.
 */
export function judgeEachBucket(
  data: { s3Buckets: SliceData['s3Buckets']; s3AccountPublicAccessBlock: SliceData['s3AccountPublicAccessBlock'] },
  context: { accountId: string; partition: string },
  judge: (bucket: Bucket, account: PublicAccessBlock | null) => CheckOutcome,
): CheckOutcome[] {
  const buckets = data.s3Buckets.buckets;
  if (buckets.length === 0) return [nothingInScope(accountArn(context.partition, context.accountId), 'The account has no S3 buckets.', { buckets: 0 })];
  const account = data.s3AccountPublicAccessBlock.configuration;
  return buckets.map((bucket) => judge(bucket, account));
}

/**
 * The evidence both public-access checks give about a bucket's policy conditions, Block Public
 * Access, unreadable parts and AWS's own policy status, so the two results describe it alike.
 */
export function sharedBucketEvidence(assessment: BucketPublicAssessment, options: { nonRestrictingConditions?: boolean } = {}): Evidence {
  const numbered = (statement: { index: number }, entry: string): string => `#${String(statement.index)} ${entry}`;
  return {
    restrictingConditions: assessment.policyStatements.flatMap((statement) => statement.restrictingConditions.map((entry) => numbered(statement, entry))),
    ...(options.nonRestrictingConditions === true
      ? { nonRestrictingConditions: assessment.policyStatements.flatMap((statement) => statement.otherConditions.map((entry) => numbered(statement, entry))) }
      : {}),
    narrowingDenies: assessment.policyStatements.flatMap((statement) => statement.narrowingDenies.map((deny) => numbered(statement, `narrowed by ${deny}`))),
    bucketBlockPublicAccess: blockState(assessment.bucketBlockPublicAccess),
    accountBlockPublicAccess: blockState(assessment.accountBlockPublicAccess),
    neutralisedBy: assessment.neutralisedBy,
    unreadable: assessment.unreadable.map((part) => `${part.part}: ${part.code} (${part.action})`),
    // Parts skipped on purpose (issue 17), with the setting that makes reading them unnecessary.
    notRead: assessment.notRead.map((entry) => `${entry.part}: ${entry.reason}`),
    policyStatusIsPublic: assessment.policyStatusIsPublic,
    policyStatusDisagreement: assessment.policyStatusDisagreement,
  };
}
