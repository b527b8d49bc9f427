/**
 * Publicly readable buckets, the precondition of the 2017 wave of exposed-bucket breaches: a
 * bucket anyone can list (ACL READ to AllUsers), one whose policy only lets anyone list keys, next
 * to look-alikes that must pass (the same read neutralised by the bucket's Block Public Access,
 * a GetObject pinned to a fixed VPC endpoint, a GetObject narrowed by a Deny outside one) and a
 * writable-only bucket, which is the write check's finding and not a read.
 */
import { PutBucketPolicyCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, HOME_REGION, reportOf, Scenario } from './harness.js';
import { createBucket, grantAllUsers, putObjectPolicy } from './provision.js';

const server = e2eServer();

function statement(action: string, resource: string, condition?: object): object {
  return { Sid: 'Read', Effect: 'Allow', Principal: '*', Action: action, Resource: resource, ...(condition === undefined ? {} : { Condition: condition }) };
}

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

describe.skipIf(!server.available)('S3: public read and list, and the look-alikes that must pass', () => {
  let scenario: Scenario;
  let report: Report;
  const bucket = (suffix: string) => `${scenario.accountId}-${suffix}`;
  const result = (suffix: string) => findResult(report, 's3-bucket-public-read', `arn:aws:s3:::${bucket(suffix)}`);

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 's3-public-read');
    const s3 = scenario.s3(HOME_REGION);
    const names = ['acl-read', 'list-only', 'bpa-neutralised', 'vpce-pinned', 'vpce-narrowed', 'write-only', 'private'];
    await Promise.all(names.map((name) => createBucket(s3, bucket(name), HOME_REGION)));
    const put = (name: string, document: string) => s3.send(new PutBucketPolicyCommand({ Bucket: bucket(name), Policy: document }));
    const objects = (name: string) => `arn:aws:s3:::${bucket(name)}/*`;
    await Promise.all([
      grantAllUsers(s3, bucket('acl-read'), 'READ'),
      put('list-only', policy(statement('s3:ListBucket', `arn:aws:s3:::${bucket('list-only')}`))),
      put('bpa-neutralised', policy(statement('s3:GetObject', objects('bpa-neutralised')))),
      put('vpce-pinned', policy(statement('s3:GetObject', objects('vpce-pinned'), { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }))),
      put(
        'vpce-narrowed',
        policy(statement('s3:GetObject', objects('vpce-narrowed')), {
          Sid: 'OnlyVpce',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${bucket('vpce-narrowed')}`, objects('vpce-narrowed')],
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
        }),
      ),
      put('write-only', putObjectPolicy(bucket('write-only'))),
    ]);
    // RestrictPublicBuckets on the bucket neutralises its existing public policy; the Block* flags stay off.
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket('bpa-neutralised'),
        PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true },
      }),
    );
    report = reportOf(await scenario.scan(['--region', HOME_REGION, '--checks', 's3-bucket-public-read,s3-bucket-public-write']));
  });
  afterAll(() => scenario?.destroy());

  it('fails a bucket whose ACL lets AllUsers list it', () => {
    const outcome = result('acl-read');
    expect(outcome.status).toBe('fail');
    expect(outcome.severity).toBe('high');
    expect(outcome.evidence['effectiveReadAclGrants']).toEqual(['AllUsers:READ']);
  });

  it('fails a bucket whose policy only lets anyone list its keys', () => {
    const outcome = result('list-only');
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('s3:ListBucket');
  });

  it('passes a public GetObject neutralised by the bucket\'s RestrictPublicBuckets, and says so', () => {
    const outcome = result('bpa-neutralised');
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toContain('RestrictPublicBuckets (bucket)');
  });

  it('passes a GetObject pinned to a fixed VPC endpoint', () => {
    const outcome = result('vpce-pinned');
    expect(outcome.status).toBe('pass');
    expect(JSON.stringify(outcome.evidence['restrictingConditions'])).toContain('aws:SourceVpce');
  });

  it('passes a public GetObject that a Deny leaves only to one VPC endpoint', () => {
    const outcome = result('vpce-narrowed');
    expect(outcome.status).toBe('pass');
    expect(JSON.stringify(outcome.evidence['narrowingDenies'])).toContain('aws:SourceVpce');
  });

  it('leaves a writable-only bucket to the write check', () => {
    expect(result('write-only').status).toBe('pass');
    expect(result('write-only').evidence['publicWrite']).toBe(true);
    expect(findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket('write-only')}`).status).toBe('fail');
  });

  it('passes a private bucket', () => {
    expect(result('private').status).toBe('pass');
  });
});
