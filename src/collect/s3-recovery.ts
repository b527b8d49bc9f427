/**
 * What would let a bucket's data be recovered after an attacker deletes or overwrites it: per bucket
 * of the shared listing (`listLocatedBuckets`), GetBucketVersioning; then, only where it can change
 * the verdict, GetObjectLockConfiguration and GetBucketLifecycleConfiguration.
 *
 * - Object Lock is read only for buckets whose versioning is Enabled: enabling Object Lock enables
 *   versioning and versioning cannot then be suspended, so an unversioned or suspended bucket has no
 *   Object Lock (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html).
 * - The lifecycle is read only for versioned buckets that neither MFA delete nor an Object Lock
 *   default retention already protects: MFA delete cannot be used together with a lifecycle
 *   configuration (https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html),
 *   and a lifecycle rule cannot delete a version under retention.
 */
import { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, GetObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import type { LifecycleRule as SdkLifecycleRule, S3Client } from '@aws-sdk/client-s3';
import type { BucketRecovery, LifecycleRule } from '../inventory/schema.js';
import { settle } from './errors.js';
import { listLocatedBuckets, type LocatedBucket } from './s3.js';
import { sdkErrorShape } from './sdk-error.js';
import type { CollectContext, SliceCollector } from './types.js';

/** Runs `read`, and turns the one error code that means "not configured" into `absent`. */
async function orWhenAbsent<T>(absentCode: string, absent: T, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const { code, name } = sdkErrorShape(error);
    if ((code ?? name) === absentCode) return absent;
    throw error;
  }
}

async function readVersioning(client: S3Client, bucket: string): Promise<Extract<BucketRecovery['versioning'], { ok: true }>['data']> {
  const output = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  // A bucket whose versioning was never enabled returns no Status at all
  // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html).
  const status = output.Status === 'Enabled' || output.Status === 'Suspended' ? output.Status : null;
  const mfaDelete = output.MFADelete === 'Enabled' || output.MFADelete === 'Disabled' ? output.MFADelete : null;
  return { status, mfaDelete };
}

async function readObjectLock(client: S3Client, bucket: string): Promise<Extract<NonNullable<BucketRecovery['objectLock']>, { ok: true }>['data']> {
  return orWhenAbsent('ObjectLockConfigurationNotFoundError', { enabled: false, defaultRetention: null }, async () => {
    const output = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    const configuration = output.ObjectLockConfiguration;
    const retention = configuration?.Rule?.DefaultRetention;
    const mode = retention?.Mode === 'GOVERNANCE' || retention?.Mode === 'COMPLIANCE' ? retention.Mode : null;
    return {
      enabled: configuration?.ObjectLockEnabled === 'Enabled',
      defaultRetention: retention === undefined ? null : { mode, days: retention.Days ?? null, years: retention.Years ?? null },
    };
  });
}

function toLifecycleRule(rule: SdkLifecycleRule): LifecycleRule {
  const filter = rule.Filter;
  // Rules written before Filter existed still carry the top-level Prefix, so it is read too.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const prefix = filter?.Prefix ?? filter?.And?.Prefix ?? rule.Prefix ?? null;
  const filtered =
    (prefix !== null && prefix !== '') ||
    filter?.Tag !== undefined ||
    filter?.ObjectSizeGreaterThan !== undefined ||
    filter?.ObjectSizeLessThan !== undefined ||
    filter?.And !== undefined;
  return {
    id: rule.ID ?? null,
    enabled: rule.Status === 'Enabled',
    noncurrentDays: rule.NoncurrentVersionExpiration?.NoncurrentDays ?? null,
    newerNoncurrentVersions: rule.NoncurrentVersionExpiration?.NewerNoncurrentVersions ?? null,
    prefix: prefix === '' ? null : prefix,
    filtered,
  };
}

async function readLifecycle(client: S3Client, bucket: string): Promise<{ rules: LifecycleRule[] }> {
  return orWhenAbsent('NoSuchLifecycleConfiguration', { rules: [] }, async () => {
    const output = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    return { rules: (output.Rules ?? []).map(toLifecycleRule) };
  });
}

async function collectBucket(context: CollectContext, located: LocatedBucket): Promise<BucketRecovery> {
  const { name, region } = located;
  const client = context.clients.s3(region);
  const base = { name, arn: `arn:${context.partition}:s3:::${name}`, region };
  const versioning = await settle('s3:GetBucketVersioning', () => context.limit(() => readVersioning(client, name)));
  if (!versioning.ok || versioning.data.status !== 'Enabled') return { ...base, versioning, objectLock: null, lifecycle: null };
  const objectLock = await settle('s3:GetBucketObjectLockConfiguration', () => context.limit(() => readObjectLock(client, name)));
  const lockedByDefault = objectLock.ok && objectLock.data.enabled && objectLock.data.defaultRetention !== null;
  if (versioning.data.mfaDelete === 'Enabled' || lockedByDefault) return { ...base, versioning, objectLock, lifecycle: null };
  const lifecycle = await settle('s3:GetLifecycleConfiguration', () => context.limit(() => readLifecycle(client, name)));
  return { ...base, versioning, objectLock, lifecycle };
}

export const s3BucketRecoveryCollector: SliceCollector<'s3BucketRecovery'> = {
  slice: 's3BucketRecovery',
  async collect(context) {
    const located = await listLocatedBuckets(context);
    context.progress(`S3 recovery: reading versioning of ${located.length} bucket${located.length === 1 ? '' : 's'}`);
    const buckets = await Promise.all(located.map((bucket) => collectBucket(context, bucket)));
    return { buckets };
  },
};
