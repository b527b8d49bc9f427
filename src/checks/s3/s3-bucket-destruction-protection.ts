import { accountArn } from '../arn.js';
import { defineCheck } from '../define.js';
import { nothingInScope } from '../outcomes.js';
import type { CheckOutcome, Evidence } from '../define.js';
import type { BucketRecovery, LifecycleRule } from '../../inventory/schema.js';

/**
 * A lifecycle rule that deletes noncurrent versions sooner than this leaves less time to notice a
 * mass overwrite or deletion than intruders need: S3 ransomware campaigns have set exactly such
 * rules (seven days) so the originals disappear while the victim reads the ransom note
 * (https://www.halcyon.ai/blog/abusing-aws-native-services-ransomware-encrypting-s3-buckets-with-sse-c).
 */
export const MIN_NONCURRENT_RETENTION_DAYS = 30;

type Versioning = Extract<BucketRecovery['versioning'], { ok: true }>['data'];

function baseEvidence(bucket: BucketRecovery, versioning: Versioning): Record<string, string | number | boolean | null> {
  const lock = bucket.objectLock?.ok === true ? bucket.objectLock.data : null;
  return {
    bucket: bucket.name,
    versioning: versioning.status,
    mfaDelete: versioning.mfaDelete,
    objectLockEnabled: lock?.enabled ?? null,
    objectLockMode: lock?.defaultRetention?.mode ?? null,
  };
}

function retentionText(retention: { days: number | null; years: number | null }): string {
  if (retention.days !== null) return `${retention.days} day${retention.days === 1 ? '' : 's'}`;
  if (retention.years !== null) return `${retention.years} year${retention.years === 1 ? '' : 's'}`;
  return 'a default period';
}

/** The enabled rules that expire noncurrent versions sooner than the threshold, shortest first. */
function fastExpiringRules(rules: readonly LifecycleRule[]): LifecycleRule[] {
  return rules
    .filter((rule) => rule.enabled && rule.noncurrentDays !== null && rule.noncurrentDays < MIN_NONCURRENT_RETENTION_DAYS)
    .sort((a, b) => (a.noncurrentDays ?? 0) - (b.noncurrentDays ?? 0));
}

export default defineCheck({
  id: 's3-bucket-destruction-protection',
  title: 'S3 buckets keep deleted and overwritten data recoverable',
  service: 's3',
  severity: 'low',
  // No class is this check's precondition: it limits what any stolen credential can destroy. The first class
  // (Code Spaces') decides incident coverage, which stays with the checks that detect how an intrusion began.
  rootCauses: ['human-creds-mfa', 'leaked-keys', 'creds-unspecified'],
  limitsAftermath: true,
  needs: ['s3BucketRecovery'],
  description:
    `Fails for each S3 bucket where a delete or an overwrite is final: versioning never enabled or suspended, or versioning enabled with a lifecycle rule that deletes noncurrent versions within ${MIN_NONCURRENT_RETENTION_DAYS} days while neither MFA delete nor an Object Lock default retention holds them. Versioned buckets pass; the message says when the versions are still deletable by a principal allowed s3:DeleteObjectVersion.`,
  rationale:
    'Whoever holds credentials that may write to a bucket can delete or overwrite every object in it, or re-encrypt them with a key only they hold, and then ask for a ransom. With versioning the previous versions survive and the data comes back in minutes; without it the loss is permanent. Code Spaces kept its backups in the same account as its data, and the intruder deleted both. This check informs rather than alarms: many buckets (logs, caches, build artefacts) need no protection, and only the data you could not rebuild does.',
  remediation: {
    summary:
      `Enable versioning on every bucket whose data you could not rebuild, keep noncurrent versions for at least ${MIN_NONCURRENT_RETENTION_DAYS} days, and for the data that must survive a compromised administrator use Object Lock with a default retention (compliance mode) or replicate to a bucket in a separate account.`,
    console: [
      'Open the S3 console, choose the bucket, then "Properties".',
      'Under "Bucket Versioning" choose "Edit", select "Enable" and save.',
      `Under "Management", check that no lifecycle rule permanently deletes noncurrent versions after fewer than ${MIN_NONCURRENT_RETENTION_DAYS} days.`,
      'For critical data, create the bucket with Object Lock and a default retention, or set up replication to a locked bucket in another account.',
    ],
    cli: 'aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled',
    terraform: [
      'resource "aws_s3_bucket_versioning" "example" {',
      '  bucket = aws_s3_bucket.example.id',
      '  versioning_configuration {',
      '    status = "Enabled"',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
  },
  attackSteps: [
    'With stolen credentials that may write to the bucket, list its objects (aws s3 ls --recursive).',
    'Copy out what is worth selling or publishing, then delete or overwrite every object, or re-encrypt each one in place with a key only the attacker holds.',
    'Leave a ransom note in the bucket; on an unversioned bucket nothing the owner controls can bring the data back.',
    'Where versioning is on, first shorten the noncurrent-version lifecycle or delete the old versions, if the credentials allow it and no MFA delete or Object Lock stands in the way.',
  ],
  frameworks: {
    'aws-security-hub': ['S3.14', 'S3.15'],
  },
  patterns: ['destruction-extortion'],
  incidents: [
    {
      incident: 'code-spaces-2014-06',
      kind: 'related',
      why: 'The Code Spaces write-up says the intruder deleted S3 buckets along with instances, AMIs and snapshots, taking most data and backups with them, and the company closed.',
      source: 'https://threatpost.com/hacker-puts-hosting-service-code-spaces-out-of-business/106761/',
    },
    {
      incident: '20-20-eye-care-network-2021-01',
      kind: 'related',
      why: 'The breach notice reports that an intruder accessed the company\'s S3 buckets and then deleted their contents.',
      source: 'https://www.databreaches.net/20-20-eye-care-network-and-hearing-care-network-notify-3253822-health-plan-members-of-breach-that-deleted-contents-of-aws-buckets/',
    },
    {
      incident: 'mandiant-2024-04',
      kind: 'related',
      why: 'Mandiant describes an intruder who took data from S3 and then deleted the buckets in a ransom-style attack.',
      source: 'https://assets.swoogo.com/uploads/3783545-66183eb421ec0.pdf',
    },
  ],
  evaluate({ data, accountId, partition }) {
    if (data.s3BucketRecovery.buckets.length === 0) {
      return [nothingInScope(accountArn(partition, accountId), 'The account has no S3 bucket.', { buckets: 0 })];
    }
    return data.s3BucketRecovery.buckets.map(judgeBucket);
  },
});

function judgeBucket(bucket: BucketRecovery): CheckOutcome {
  const base = { resource: bucket.arn, region: bucket.region };
  if (!bucket.versioning.ok) {
    const error = bucket.versioning.error;
    return {
      ...base,
      status: 'unknown',
      message: `The versioning of bucket ${bucket.name} could not be read: ${error.message}`,
      evidence: { bucket: bucket.name, errorCode: error.code, missingAction: error.action ?? 's3:GetBucketVersioning' },
    };
  }
  const versioning = bucket.versioning.data;
  const evidence = baseEvidence(bucket, versioning);
  // Unversioned and suspended buckets keep no previous version: a delete removes the object and an
  // overwrite replaces it for good (a suspended bucket writes the null version in place)
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VersionSuspendedBehavior.html).
  if (versioning.status !== 'Enabled') {
    const state = versioning.status === 'Suspended' ? 'suspended' : 'never enabled';
    return {
      ...base,
      status: 'fail',
      message: `Bucket ${bucket.name} has versioning ${state} and no Object Lock: whoever may write to it can delete or overwrite its objects for good.`,
      evidence,
    };
  }
  const lock = bucket.objectLock;
  // Object Lock with a default retention keeps every new version undeletable for that period;
  // governance mode can still be bypassed with s3:BypassGovernanceRetention
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes).
  if (lock?.ok === true && lock.data.enabled && lock.data.defaultRetention !== null) {
    const retention = lock.data.defaultRetention;
    const bypass = retention.mode === 'GOVERNANCE' ? ' (governance mode: principals allowed s3:BypassGovernanceRetention can still delete them)' : '';
    return {
      ...base,
      status: 'pass',
      message: `Bucket ${bucket.name} has Object Lock with a default ${retention.mode === null ? '' : `${retention.mode} `}retention of ${retentionText(retention)}: new versions cannot be deleted before it ends${bypass}.`,
      evidence: { ...evidence, protection: 'object-lock-default-retention' },
    };
  }
  // MFA delete makes permanently deleting a version, and turning versioning off, require the root
  // user's MFA code (https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html).
  if (versioning.mfaDelete === 'Enabled') {
    return {
      ...base,
      status: 'pass',
      message: `Bucket ${bucket.name} is versioned with MFA delete: permanently deleting a version needs the root user's MFA device.`,
      evidence: { ...evidence, protection: 'mfa-delete' },
    };
  }
  const lifecycle = bucket.lifecycle;
  if (lifecycle === null || !lifecycle.ok) {
    const error = lifecycle?.ok === false ? lifecycle.error : { code: 'NotCollected', message: 'the lifecycle configuration was not read', action: 's3:GetLifecycleConfiguration' };
    return {
      ...base,
      status: 'unknown',
      message: `Bucket ${bucket.name} is versioned, but its lifecycle configuration could not be read, so how long noncurrent versions survive is unknown: ${error.message}`,
      evidence: { ...evidence, errorCode: error.code, missingAction: error.action ?? 's3:GetLifecycleConfiguration' },
    };
  }
  // NoncurrentVersionExpiration permanently deletes noncurrent versions after NoncurrentDays
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html).
  const [fastest] = fastExpiringRules(lifecycle.data.rules);
  if (fastest !== undefined) {
    if (lock?.ok === false) {
      return {
        ...base,
        status: 'unknown',
        message: `Bucket ${bucket.name} deletes noncurrent versions after ${fastest.noncurrentDays ?? 0} days, and whether Object Lock holds them could not be read: ${lock.error.message}`,
        evidence: { ...evidence, errorCode: lock.error.code, missingAction: lock.error.action ?? 's3:GetBucketObjectLockConfiguration' },
      };
    }
    const scope = fastest.filtered ? ` (for the objects its filter selects${fastest.prefix === null ? '' : `, prefix ${fastest.prefix}`})` : '';
    const kept = fastest.newerNoncurrentVersions === null ? '' : `, keeping only the ${fastest.newerNoncurrentVersions} newest, which repeated overwrites push out`;
    return {
      ...base,
      status: 'fail',
      message: `Bucket ${bucket.name} is versioned, but lifecycle rule ${fastest.id ?? '(unnamed)'} permanently deletes noncurrent versions after ${fastest.noncurrentDays ?? 0} days${kept}${scope}: an overwrite or deletion noticed later than that is final.`,
      evidence: {
        ...evidence,
        lifecycleRule: fastest.id,
        noncurrentDays: fastest.noncurrentDays,
        newerNoncurrentVersions: fastest.newerNoncurrentVersions,
        rulePrefix: fastest.prefix,
        ruleFiltered: fastest.filtered,
        minimumNoncurrentDays: MIN_NONCURRENT_RETENTION_DAYS,
      },
    };
  }
  const passEvidence: Evidence = { ...evidence, protection: 'versioning' };
  return {
    ...base,
    status: 'pass',
    message: `Bucket ${bucket.name} is versioned and no lifecycle rule deletes noncurrent versions within ${MIN_NONCURRENT_RETENTION_DAYS} days, so deleted or overwritten objects can be restored. Without MFA delete or an Object Lock default retention, a principal allowed s3:DeleteObjectVersion can still remove those versions.`,
    evidence: passEvidence,
  };
}
