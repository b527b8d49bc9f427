/**
 * Publicly writable buckets, the precondition of the LA Times and Twilio script injections:
 * written by ACL grant and by bucket policy, next to look-alikes that must pass (public read
 * only, a write policy pinned to a source IP, a write grant neutralised by account-level Block
 * Public Access), in two regions.
 */
import { PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, HOME_REGION, reportOf, Scenario, SECOND_REGION, type ScanOutcome } from './harness.js';
import { createBucket, grantAllUsers, putObjectPolicy } from './provision.js';

const server = e2eServer();

describe.skipIf(!server.available)('S3: public write by ACL and by policy, and the look-alikes that must pass', () => {
  let scenario: Scenario;
  let report: Report;
  let outcome: ScanOutcome;
  const bucket = (suffix: string) => `${scenario.accountId}-${suffix}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 's3-public-write');
    const s3 = scenario.s3(HOME_REGION);
    const s3Second = scenario.s3(SECOND_REGION);
    await Promise.all([
      createBucket(s3, bucket('acl-write'), HOME_REGION),
      createBucket(s3, bucket('policy-write'), HOME_REGION),
      createBucket(s3, bucket('read-only'), HOME_REGION),
      createBucket(s3, bucket('ip-pinned'), HOME_REGION),
      createBucket(s3, bucket('private'), HOME_REGION),
      createBucket(s3Second, bucket('eu-acl-write'), SECOND_REGION),
    ]);
    await Promise.all([
      grantAllUsers(s3, bucket('acl-write'), 'WRITE'),
      s3.send(new PutBucketPolicyCommand({ Bucket: bucket('policy-write'), Policy: putObjectPolicy(bucket('policy-write')) })),
      grantAllUsers(s3, bucket('read-only'), 'READ'),
      s3.send(
        new PutBucketPolicyCommand({
          Bucket: bucket('ip-pinned'),
          Policy: putObjectPolicy(bucket('ip-pinned'), { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
        }),
      ),
      grantAllUsers(s3Second, bucket('eu-acl-write'), 'WRITE'),
    ]);
    outcome = await scenario.scan(['--region', `${HOME_REGION},${SECOND_REGION}`, '--fail-on', 'critical']);
    report = reportOf(outcome);
  });
  afterAll(() => scenario?.destroy());

  it('fails a bucket whose ACL grants AllUsers WRITE (LA Times, Twilio)', () => {
    const result = findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket('acl-write')}`);
    expect(result.status).toBe('fail');
    expect(result.region).toBe(HOME_REGION);
    expect(JSON.stringify(result.evidence['effectiveWriteAclGrants'])).toContain('AllUsers');
    expect(result.incidents.map((incident) => incident.id).some((id) => id.startsWith('la-times') || id.startsWith('twilio'))).toBe(true);
  });

  it("fails a bucket whose policy lets '*' s3:PutObject", () => {
    const result = findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket('policy-write')}`);
    expect(result.status).toBe('fail');
    expect(JSON.stringify(result.evidence['effectiveWritePolicyStatements'])).toContain('s3:PutObject');
  });

  it('passes a public-read-only bucket and says it is readable, not writable', () => {
    const result = findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket('read-only')}`);
    expect(result.status).toBe('pass');
    expect(result.evidence['publicRead']).toBe(true);
  });

  it('passes a public PutObject policy pinned to a source IP range', () => {
    const result = findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket('ip-pinned')}`);
    expect(result.status).toBe('pass');
    expect(JSON.stringify(result.evidence['restrictingConditions'])).toContain('aws:SourceIp');
  });

  it('passes a private bucket', () => {
    expect(findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket('private')}`).status).toBe('pass');
  });

  it('finds the public-write bucket in the second region, with its region', () => {
    const result = findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket('eu-acl-write')}`);
    expect(result.status).toBe('fail');
    expect(result.region).toBe(SECOND_REGION);
  });

  it('fails the account-level Block Public Access check and exits 1 under --fail-on critical', () => {
    expect(findResult(report, 's3-account-public-access-block', `arn:aws:iam::${scenario.accountId}:root`).status).toBe('fail');
    expect(outcome.exitCode).toBe(1);
  });
});

describe.skipIf(!server.available)('S3: a public-write bucket neutralised by account-level Block Public Access', () => {
  let scenario: Scenario;
  let report: Report;
  const name = () => `${scenario.accountId}-neutralised`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 's3-neutralised');
    const s3 = scenario.s3(HOME_REGION);
    await createBucket(s3, name(), HOME_REGION);
    await grantAllUsers(s3, name(), 'WRITE');
    await s3.send(new PutBucketPolicyCommand({ Bucket: name(), Policy: putObjectPolicy(name()) }));
    // IgnorePublicAcls and RestrictPublicBuckets neutralise existing grants; the Block* flags
    // only stop new ones, so they are left off to prove which flags the verdict rests on.
    await scenario.s3Control.send(
      new PutPublicAccessBlockCommand({
        AccountId: scenario.accountId,
        PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true },
      }),
    );
    report = reportOf(await scenario.scan(['--region', HOME_REGION]));
  });
  afterAll(() => scenario?.destroy());

  it('passes, and names the account-level settings that neutralise the ACL grant and the policy', () => {
    const result = findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${name()}`);
    expect(result.status).toBe('pass');
    const neutralisedBy = JSON.stringify(result.evidence['neutralisedBy']);
    expect(neutralisedBy).toMatch(/IgnorePublicAcls/);
    expect(neutralisedBy).toMatch(/RestrictPublicBuckets/);
    expect(result.message).toMatch(/not publicly writable/);
  });
});
