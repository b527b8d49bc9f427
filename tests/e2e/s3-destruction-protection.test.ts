/**
 * Buckets whose data an intruder could delete or overwrite for good (Code Spaces, the S3 ransom
 * cases): one never versioned, one suspended, one versioned with a lifecycle rule that drops old
 * versions after a week; next to a versioned bucket, one that keeps old versions 90 days and one
 * created with Object Lock and a default retention. moto does not keep MFA delete, so that case is
 * covered by the unit tests. The extra reads happen only where they decide: Object Lock for
 * versioned buckets, the lifecycle for versioned buckets that no lock protects.
 */
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario, SECOND_REGION } from './harness.js';
import { createBucket } from './provision.js';

const server = e2eServer();

async function versioned(s3: S3Client, bucket: string, status: 'Enabled' | 'Suspended' = 'Enabled'): Promise<void> {
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }));
}

async function expireNoncurrentAfter(s3: S3Client, bucket: string, days: number): Promise<void> {
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: { Rules: [{ ID: `noncurrent-${days}d`, Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: days } }] },
    }),
  );
}

describe.skipIf(!server.available)('S3: buckets whose deleted or overwritten data cannot be recovered', () => {
  let scenario: Scenario;
  let report: Report;
  const bucket = (suffix: string) => `${scenario.accountId}-${suffix}`;
  const arn = (suffix: string) => `arn:aws:s3:::${bucket(suffix)}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 's3-destruction-protection');
    const home = scenario.s3(HOME_REGION);
    const second = scenario.s3(SECOND_REGION);
    await Promise.all([
      createBucket(home, bucket('unversioned'), HOME_REGION),
      createBucket(home, bucket('suspended'), HOME_REGION),
      createBucket(second, bucket('week-of-versions'), SECOND_REGION),
      createBucket(home, bucket('versioned'), HOME_REGION),
      createBucket(home, bucket('quarter-of-versions'), HOME_REGION),
      home.send(new CreateBucketCommand({ Bucket: bucket('locked'), ObjectLockEnabledForBucket: true })),
    ]);
    await Promise.all([
      versioned(home, bucket('suspended')).then(() => versioned(home, bucket('suspended'), 'Suspended')),
      versioned(second, bucket('week-of-versions')).then(() => expireNoncurrentAfter(second, bucket('week-of-versions'), 7)),
      versioned(home, bucket('versioned')),
      versioned(home, bucket('quarter-of-versions')).then(() => expireNoncurrentAfter(home, bucket('quarter-of-versions'), 90)),
      home.send(
        new PutObjectLockConfigurationCommand({
          Bucket: bucket('locked'),
          ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
        }),
      ),
    ]);
    report = reportOf(await scenario.scan(['--checks', 's3-bucket-destruction-protection', '--region', `${HOME_REGION},${SECOND_REGION}`]));
  });
  afterAll(() => scenario?.destroy());

  it('fails the unversioned, the suspended and the week-of-versions buckets, at low severity and in their regions', () => {
    expect(findResult(report, 's3-bucket-destruction-protection', arn('unversioned'))).toMatchObject({ status: 'fail', severity: 'low', region: HOME_REGION });
    expect(findResult(report, 's3-bucket-destruction-protection', arn('suspended')).message).toContain('versioning suspended');
    const week = findResult(report, 's3-bucket-destruction-protection', arn('week-of-versions'));
    expect(week).toMatchObject({ status: 'fail', region: SECOND_REGION });
    expect(week.evidence).toMatchObject({ noncurrentDays: 7, lifecycleRule: 'noncurrent-7d' });
    expect(week.incidents.map((incident) => incident.id)).toContain('code-spaces-2014-06');
  });

  it('passes the versioned bucket, the one keeping versions 90 days and the Object Lock bucket', () => {
    expect(findResult(report, 's3-bucket-destruction-protection', arn('versioned')).evidence).toMatchObject({ protection: 'versioning' });
    expect(findResult(report, 's3-bucket-destruction-protection', arn('quarter-of-versions')).status).toBe('pass');
    const locked = findResult(report, 's3-bucket-destruction-protection', arn('locked'));
    expect(locked).toMatchObject({ status: 'pass' });
    expect(locked.evidence).toMatchObject({ protection: 'object-lock-default-retention', objectLockMode: 'COMPLIANCE' });
    expect(resultsFor(report, 's3-bucket-destruction-protection').map((result) => result.status).sort()).toEqual(['fail', 'fail', 'fail', 'pass', 'pass', 'pass']);
  });

  it('reads Object Lock only for the versioned buckets and the lifecycle only where no lock decides', () => {
    expect(callsOf(report, 's3', 'GetBucketVersioning')).toBe(6);
    // versioned, week-of-versions, quarter-of-versions, locked.
    expect(callsOf(report, 's3', 'GetObjectLockConfiguration')).toBe(4);
    // Not for the locked bucket: its default retention already decides.
    expect(callsOf(report, 's3', 'GetBucketLifecycleConfiguration')).toBe(3);
  });
});
