import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { s3BucketRecoveryCollector } from '../../../src/collect/s3-recovery.js';
import { s3BucketRecoverySchema, SLICES, type BucketRecovery, type S3BucketRecovery } from '../../../src/inventory/schema.js';
import { buildCollectContext } from '../../helpers/collect-context.js';

function s3Error(name: string, httpStatusCode = 404, attempts = 1): S3ServiceException {
  return new S3ServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message: name });
}

function named(result: S3BucketRecovery, name: string): BucketRecovery {
  const found = result.buckets.find((bucket) => bucket.name === name);
  if (found === undefined) throw new Error(`bucket ${name} missing`);
  return found;
}

describe('s3BucketRecoveryCollector (mocked SDK)', () => {
  let s3: AwsClientStub<S3Client>;
  beforeAll(() => {
    s3 = mockClient(S3Client);
  });
  afterAll(() => s3.restore());
  beforeEach(() => s3.reset());

  it('reads versioning for every bucket of the paginated listing, Object Lock only for versioned ones, the lifecycle only where it decides', async () => {
    s3.on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [{ Name: 'plain', BucketRegion: 'us-east-1' }, { Name: 'versioned', BucketRegion: 'eu-west-1' }], ContinuationToken: 'next' })
      .resolvesOnce({ Buckets: [{ Name: 'mfa', BucketRegion: 'us-east-1' }, { Name: 'locked', BucketRegion: 'us-east-1' }, { Name: 'moto-style' }] });
    // moto leaves BucketRegion out: the shared listing asks GetBucketLocation.
    s3.on(GetBucketLocationCommand, { Bucket: 'moto-style' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'plain' }).resolves({});
    s3.on(GetBucketVersioningCommand, { Bucket: 'versioned' }).resolves({ Status: 'Enabled' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'mfa' }).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'locked' }).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'moto-style' }).resolves({ Status: 'Suspended' });
    s3.on(GetObjectLockConfigurationCommand).rejects(s3Error('ObjectLockConfigurationNotFoundError'));
    s3.on(GetObjectLockConfigurationCommand, { Bucket: 'locked' }).resolves({
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
    });
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: 'versioned' }).resolves({
      Rules: [
        { ID: 'tidy', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, NoncurrentVersionExpiration: { NoncurrentDays: 7, NewerNoncurrentVersions: 1 } },
        { ID: 'all', Status: 'Disabled', Filter: {}, Expiration: { Days: 365 } },
      ],
    });
    const { context, progressLines } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await s3BucketRecoveryCollector.collect(context);

    expect(s3.commandCalls(ListBucketsCommand).map((call) => call.args[0].input)).toEqual([{ MaxBuckets: 1000 }, { MaxBuckets: 1000, ContinuationToken: 'next' }]);
    expect(s3.commandCalls(GetBucketVersioningCommand)).toHaveLength(5);
    expect(s3.commandCalls(GetObjectLockConfigurationCommand).map((call) => call.args[0].input.Bucket).sort()).toEqual(['locked', 'mfa', 'versioned']);
    expect(s3.commandCalls(GetBucketLifecycleConfigurationCommand).map((call) => call.args[0].input.Bucket)).toEqual(['versioned']);
    expect(named(result, 'plain')).toEqual({
      name: 'plain',
      arn: 'arn:aws:s3:::plain',
      region: 'us-east-1',
      versioning: { ok: true, data: { status: null, mfaDelete: null } },
      objectLock: null,
      lifecycle: null,
    });
    expect(named(result, 'moto-style')).toMatchObject({ region: 'eu-west-1', versioning: { ok: true, data: { status: 'Suspended' } }, objectLock: null });
    expect(named(result, 'mfa')).toMatchObject({ objectLock: { ok: true, data: { enabled: false, defaultRetention: null } }, lifecycle: null });
    expect(named(result, 'locked')).toMatchObject({
      objectLock: { ok: true, data: { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 30, years: null } } },
      lifecycle: null,
    });
    expect(named(result, 'versioned').lifecycle).toEqual({
      ok: true,
      data: {
        rules: [
          { id: 'tidy', enabled: true, noncurrentDays: 7, newerNoncurrentVersions: 1, prefix: 'tmp/', filtered: true },
          { id: 'all', enabled: false, noncurrentDays: null, newerNoncurrentVersions: null, prefix: null, filtered: false },
        ],
      },
    });
    expect(progressLines).toContain('S3 recovery: reading versioning of 5 buckets');
    expect(s3BucketRecoverySchema.safeParse(result).success).toBe(true);
    const actions = new Set<string>(SLICES.s3BucketRecovery.actions);
    for (const action of ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketVersioning', 's3:GetBucketObjectLockConfiguration', 's3:GetLifecycleConfiguration']) {
      expect(actions.has(action), action).toBe(true);
    }
  });

  it('no lifecycle configuration is no rule; an AccessDenied or a throttled read fails only that bucket\'s part', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'no-rules', BucketRegion: 'us-east-1' }, { Name: 'denied', BucketRegion: 'us-east-1' }, { Name: 'slow', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'denied' }).rejects(s3Error('AccessDenied', 403));
    s3.on(GetObjectLockConfigurationCommand).rejects(s3Error('ObjectLockConfigurationNotFoundError'));
    s3.on(GetObjectLockConfigurationCommand, { Bucket: 'slow' }).rejects(s3Error('SlowDown', 503, 6));
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(s3Error('NoSuchLifecycleConfiguration'));
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await s3BucketRecoveryCollector.collect(context);

    expect(named(result, 'no-rules').lifecycle).toEqual({ ok: true, data: { rules: [] } });
    expect(named(result, 'denied')).toMatchObject({
      versioning: { ok: false, error: { code: 'AccessDenied', message: 'access denied: the scanning identity lacks s3:GetBucketVersioning', action: 's3:GetBucketVersioning' } },
      objectLock: null,
      lifecycle: null,
    });
    expect(named(result, 'slow').objectLock).toEqual({
      ok: false,
      error: { code: 'SlowDown', message: 'throttled by AWS after all retries (s3:GetBucketObjectLockConfiguration)', action: 's3:GetBucketObjectLockConfiguration' },
    });
    // Object Lock unknown: the lifecycle is still read, since it may decide on its own.
    expect(named(result, 'slow').lifecycle).toEqual({ ok: true, data: { rules: [] } });
  });

  it('a refused bucket listing fails the whole slice', async () => {
    s3.on(ListBucketsCommand).rejects(s3Error('AccessDenied', 403));
    const { context } = buildCollectContext({ regions: ['us-east-1'] });
    await expect(s3BucketRecoveryCollector.collect(context)).rejects.toThrow();
  });
});
