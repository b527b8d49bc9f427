/**
 * The API strategy of DESIGN.md, measured from the report's `stats`: IAM reads are account-wide
 * (credential report, summary, one GetAccountAuthorizationDetails), so their number must not grow
 * from 1 user and 1 role to 50 users and 30 roles; and snapshot attributes are read only for the
 * public candidates DescribeSnapshots returns, never for all 200 snapshots.
 *
 * S3 (issue 17): per bucket only the reads the public verdicts need under the account-level Block
 * Public Access: no ACL with account IgnorePublicAcls, no policy or policy status with
 * RestrictPublicBuckets, and nothing per bucket with both. GetBucketPolicy follows the policy
 * status; moto does not implement GetBucketPolicyStatus (its answer carries no IsPublic), so there
 * the policy is read for every bucket, and moto's ListBuckets carries no BucketRegion, so
 * GetBucketLocation is sent once per bucket (on AWS it is not).
 *
 * The snapshot-sharing check reads every owned snapshot's attribute under its own cap
 * (`--max-snapshot-attribute-calls`); the scans set that cap to 0 so the counts measure the
 * public-snapshot strategy alone.
 *
 * RDS: no listing says who may restore a snapshot, so the restore attribute is read once per
 * manual snapshot (never for the automated ones, which cannot be shared), from listings whose
 * page count does not grow with a handful of snapshots.
 *
 * S3 recovery: versioning is read per bucket (no listing carries it); Object Lock and the
 * lifecycle only for versioned buckets, so unversioned ones cost one call each and no more.
 */
import { CreateSnapshotCommand, CreateVolumeCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { CreateDBInstanceCommand, CreateDBSnapshotCommand, RDSClient } from '@aws-sdk/client-rds';
import { PutBucketPolicyCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario } from './harness.js';
import { createBucket, createSnapshot, EC2_TRUST_POLICY, grantAllUsers, putObjectPolicy } from './provision.js';

const server = e2eServer();
const USERS = 50;
const ROLES = 30;
const SNAPSHOTS = 200;
const PUBLIC_SNAPSHOTS = 3;
const RDS_MANUAL_SNAPSHOTS = 6;
const UNVERSIONED_BUCKETS = 4;
const VERSIONED_BUCKETS = 2;

const SCAN_ARGS = ['--region', HOME_REGION, '--max-snapshot-attribute-calls', '0'];

/** IAM calls per operation. GenerateCredentialReport is left out: its count depends on whether a report already exists (polling), not on the account's size. */
function iamCallsByOperation(report: Report): Record<string, number> {
  return Object.fromEntries(
    report.stats.calls.filter((stat) => stat.service === 'iam' && stat.operation !== 'GenerateCredentialReport').map((stat) => [stat.operation, stat.calls]),
  );
}

describe.skipIf(!server.available)('call budget: 50 users, 30 roles, 200 snapshots', () => {
  let scenario: Scenario;
  let small: Report;
  let large: Report;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'call-budget');
    const limit = pLimit(8);
    const createUser = (i: number) => limit(() => scenario.iam.send(new CreateUserCommand({ UserName: `user-${i}` })));
    const createRole = (i: number) => limit(() => scenario.iam.send(new CreateRoleCommand({ RoleName: `role-${i}`, AssumeRolePolicyDocument: EC2_TRUST_POLICY })));
    await Promise.all([createUser(0), createRole(0)]);
    small = reportOf(await scenario.scan(SCAN_ARGS));

    const ec2 = scenario.ec2(HOME_REGION);
    const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${HOME_REGION}a`, Size: 8 }));
    const privateSnapshots = SNAPSHOTS - PUBLIC_SNAPSHOTS;
    await Promise.all([
      ...Array.from({ length: USERS - 1 }, (_, i) => createUser(i + 1)),
      ...Array.from({ length: ROLES - 1 }, (_, i) => createRole(i + 1)),
      ...Array.from({ length: privateSnapshots }, () => limit(() => ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId ?? '' })))),
      ...Array.from({ length: PUBLIC_SNAPSHOTS }, () => limit(() => createSnapshot(ec2, `${HOME_REGION}a`, { group: 'all' }))),
    ]);
    // An instance with automated backups (RDS keeps an automated snapshot of it) and its manual snapshots.
    const rds = new RDSClient({ region: HOME_REGION, endpoint: scenario.endpoint, credentials: scenario.credentials, maxAttempts: 2 });
    try {
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: 'budget-db',
          Engine: 'mysql',
          DBInstanceClass: 'db.t3.micro',
          AllocatedStorage: 20,
          MasterUsername: 'budget',
          MasterUserPassword: 'not-a-real-password-3',
          BackupRetentionPeriod: 7,
        }),
      );
      await Promise.all(
        Array.from({ length: RDS_MANUAL_SNAPSHOTS }, (_, i) =>
          limit(() => rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'budget-db', DBSnapshotIdentifier: `budget-manual-${i}` }))),
        ),
      );
    } finally {
      rds.destroy();
    }
    const s3 = scenario.s3(HOME_REGION);
    const buckets = Array.from({ length: UNVERSIONED_BUCKETS + VERSIONED_BUCKETS }, (_, i) => `${scenario.accountId}-budget-${i}`);
    await Promise.all(buckets.map((name) => createBucket(s3, name, HOME_REGION)));
    await Promise.all(
      buckets.slice(0, VERSIONED_BUCKETS).map((name) => s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }))),
    );
    large = reportOf(await scenario.scan(SCAN_ARGS));
  });
  afterAll(() => scenario?.destroy());

  it('saw the whole account', () => {
    expect(resultsFor(large, 'ebs-snapshot-public').filter((result) => result.status === 'fail')).toHaveLength(PUBLIC_SNAPSHOTS);
  });

  it('makes the same number of IAM calls for 50 users and 30 roles as for 1 of each', () => {
    expect(iamCallsByOperation(large)).toEqual(iamCallsByOperation(small));
    expect(callsOf(large, 'iam', 'GenerateCredentialReport')).toBeLessThanOrEqual(callsOf(small, 'iam', 'GenerateCredentialReport'));
    expect(callsOf(large, 'iam', 'GetAccountAuthorizationDetails')).toBe(1);
    expect(callsOf(large, 'iam', 'GetCredentialReport')).toBe(1);
    expect(callsOf(large, 'iam', 'GetAccountSummary')).toBe(1);
    // Never a per-user or per-role read.
    const perPrincipal = large.stats.calls.filter((stat) => /^(ListAccessKeys|GetAccessKeyLastUsed|GetUser|GetRole|ListAttachedRolePolicies|GetLoginProfile)$/.test(stat.operation));
    expect(perPrincipal).toEqual([]);
  });

  it('reads snapshot attributes only for the public candidates, with as many DescribeSnapshots pages as for an empty region', () => {
    expect(callsOf(large, 'ec2', 'DescribeSnapshots')).toBe(callsOf(small, 'ec2', 'DescribeSnapshots'));
    expect(callsOf(large, 'ec2', 'DescribeSnapshotAttribute')).toBe(PUBLIC_SNAPSHOTS);
  });

  it('reads the restore attribute once per manual RDS snapshot, never for the automated one, with as many listing pages as for none', () => {
    expect(callsOf(large, 'rds', 'DescribeDBSnapshots')).toBe(callsOf(small, 'rds', 'DescribeDBSnapshots'));
    expect(callsOf(large, 'rds', 'DescribeDBClusterSnapshots')).toBe(callsOf(small, 'rds', 'DescribeDBClusterSnapshots'));
    expect(callsOf(small, 'rds', 'DescribeDBSnapshotAttributes')).toBe(0);
    expect(callsOf(large, 'rds', 'DescribeDBSnapshotAttributes')).toBe(RDS_MANUAL_SNAPSHOTS);
  });

  it('reads versioning once per bucket, and Object Lock and the lifecycle only for the versioned ones', () => {
    const buckets = UNVERSIONED_BUCKETS + VERSIONED_BUCKETS;
    expect(callsOf(large, 's3', 'GetBucketVersioning')).toBe(buckets);
    expect(callsOf(large, 's3', 'GetObjectLockConfiguration')).toBe(VERSIONED_BUCKETS);
    expect(callsOf(large, 's3', 'GetBucketLifecycleConfiguration')).toBe(VERSIONED_BUCKETS);
    // One shared bucket listing for every S3 collector.
    expect(callsOf(large, 's3', 'ListBuckets')).toBe(1);
  });

  it('reads trails, detectors, functions, clusters and the Bedrock logging setting by listing, once per account or region', () => {
    for (const report of [small, large]) {
      expect(callsOf(report, 'cloudtrail', 'DescribeTrails')).toBe(1);
      expect(callsOf(report, 'guardduty', 'ListDetectors')).toBe(1);
      expect(callsOf(report, 'lambda', 'ListFunctions')).toBe(1);
      expect(callsOf(report, 'eks', 'ListClusters')).toBe(1);
      expect(callsOf(report, 'bedrock', 'GetModelInvocationLoggingConfiguration')).toBe(1);
      // Nothing to describe: no trail, detector or cluster was created, so no per-resource call.
      expect(callsOf(report, 'cloudtrail', 'GetTrailStatus') + callsOf(report, 'guardduty', 'GetDetector') + callsOf(report, 'eks', 'DescribeCluster')).toBe(0);
    }
  });
});

describe.skipIf(!server.available)('call budget: per-bucket S3 reads follow the account-level Block Public Access', () => {
  const BUCKETS = 3;
  const S3_CHECKS = ['--region', HOME_REGION, '--checks', 's3-bucket-public-write,s3-bucket-public-read'];
  let scenario: Scenario;
  let open: Report;
  let ignoreAcls: Report;
  let blocked: Report;
  const bucket = (suffix: string) => `${scenario.accountId}-${suffix}`;
  const arn = (suffix: string) => `arn:aws:s3:::${bucket(suffix)}`;
  const putAccountBlock = (ignorePublicAcls: boolean, restrictPublicBuckets: boolean) =>
    scenario.s3Control.send(
      new PutPublicAccessBlockCommand({
        AccountId: scenario.accountId,
        PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: ignorePublicAcls, BlockPublicPolicy: false, RestrictPublicBuckets: restrictPublicBuckets },
      }),
    );

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'call-budget-s3');
    const s3 = scenario.s3(HOME_REGION);
    await Promise.all(['acl-write', 'policy-write', 'private'].map((suffix) => createBucket(s3, bucket(suffix), HOME_REGION)));
    await Promise.all([
      grantAllUsers(s3, bucket('acl-write'), 'WRITE'),
      s3.send(new PutBucketPolicyCommand({ Bucket: bucket('policy-write'), Policy: putObjectPolicy(bucket('policy-write')) })),
    ]);
    open = reportOf(await scenario.scan(S3_CHECKS));
    await putAccountBlock(true, false);
    ignoreAcls = reportOf(await scenario.scan(S3_CHECKS));
    await putAccountBlock(true, true);
    blocked = reportOf(await scenario.scan(S3_CHECKS));
  });
  afterAll(() => scenario?.destroy());

  const s3Calls = (report: Report) => ({
    listBuckets: callsOf(report, 's3', 'ListBuckets'),
    accountBlock: callsOf(report, 's3control', 'GetPublicAccessBlock'),
    location: callsOf(report, 's3', 'GetBucketLocation'),
    acl: callsOf(report, 's3', 'GetBucketAcl'),
    bucketBlock: callsOf(report, 's3', 'GetPublicAccessBlock'),
    policyStatus: callsOf(report, 's3', 'GetBucketPolicyStatus'),
    policy: callsOf(report, 's3', 'GetBucketPolicy'),
  });

  it('without account Block Public Access: one ACL, Block Public Access and policy-status read per bucket, and the policy where the status is unavailable (every bucket on moto)', () => {
    expect(s3Calls(open)).toEqual({ listBuckets: 1, accountBlock: 1, location: BUCKETS, acl: BUCKETS, bucketBlock: BUCKETS, policyStatus: BUCKETS, policy: BUCKETS });
    expect(findResult(open, 's3-bucket-public-write', arn('acl-write')).status).toBe('fail');
    expect(findResult(open, 's3-bucket-public-write', arn('policy-write')).status).toBe('fail');
    expect(findResult(open, 's3-bucket-public-write', arn('private')).status).toBe('pass');
  });

  it('with account IgnorePublicAcls: no ACL read, and the public policy is still found', () => {
    expect(s3Calls(ignoreAcls)).toEqual({ listBuckets: 1, accountBlock: 1, location: BUCKETS, acl: 0, bucketBlock: BUCKETS, policyStatus: BUCKETS, policy: BUCKETS });
    const aclWrite = findResult(ignoreAcls, 's3-bucket-public-write', arn('acl-write'));
    expect(aclWrite.status).toBe('pass');
    expect(aclWrite.evidence['notRead']).toEqual(['acl: account-ignore-public-acls']);
    expect(findResult(ignoreAcls, 's3-bucket-public-write', arn('policy-write')).status).toBe('fail');
  });

  it('with account IgnorePublicAcls and RestrictPublicBuckets: no per-bucket read at all, whatever the bucket count', () => {
    expect(s3Calls(blocked)).toEqual({ listBuckets: 1, accountBlock: 1, location: BUCKETS, acl: 0, bucketBlock: 0, policyStatus: 0, policy: 0 });
    for (const suffix of ['acl-write', 'policy-write', 'private']) {
      for (const check of ['s3-bucket-public-write', 's3-bucket-public-read']) {
        const result = findResult(blocked, check, arn(suffix));
        expect(result.status).toBe('pass');
        expect(result.message).toContain('so the ACL was not read');
      }
    }
  });
});
