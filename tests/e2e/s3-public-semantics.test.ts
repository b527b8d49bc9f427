/**
 * "Public" on S3 as AWS defines it, through the real SDK wire format and moto: a bucket policy
 * that lets a federated (Cognito) principal write is public; a public write narrowed by a Deny on
 * everyone outside a fixed VPC endpoint (or outside the organization) is not; a Deny whose
 * condition lets TLS callers escape narrows nothing. moto implements no GetBucketPolicyStatus, so
 * these verdicts are breachmap's own evaluation.
 */
import { PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, HOME_REGION, reportOf, Scenario } from './harness.js';
import { createBucket } from './provision.js';

const server = e2eServer();

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function upload(bucket: string, principal: unknown = '*'): object {
  return { Sid: 'Upload', Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*` };
}

function denyOutside(bucket: string, condition: object): object {
  return { Sid: 'Perimeter', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: condition };
}

describe.skipIf(!server.available)('S3: what "public" means, by AWS definition', () => {
  let scenario: Scenario;
  let report: Report;
  const bucket = (suffix: string) => `${scenario.accountId}-${suffix}`;
  const result = (suffix: string) => findResult(report, 's3-bucket-public-write', `arn:aws:s3:::${bucket(suffix)}`);

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 's3-public-semantics');
    const s3 = scenario.s3(HOME_REGION);
    const names = ['federated', 'vpce-narrowed', 'org-narrowed', 'escaping-deny'];
    await Promise.all(names.map((name) => createBucket(s3, bucket(name), HOME_REGION)));
    const put = (name: string, document: string) => s3.send(new PutBucketPolicyCommand({ Bucket: bucket(name), Policy: document }));
    await Promise.all([
      put('federated', policy(upload(bucket('federated'), { Federated: 'cognito-identity.amazonaws.com' }))),
      put('vpce-narrowed', policy(upload(bucket('vpce-narrowed')), denyOutside(bucket('vpce-narrowed'), { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }))),
      put(
        'org-narrowed',
        policy(upload(bucket('org-narrowed')),
          denyOutside(bucket('org-narrowed'), { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123def4' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }),
        ),
      ),
      put(
        'escaping-deny',
        policy(upload(bucket('escaping-deny')),
          denyOutside(bucket('escaping-deny'), { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, Bool: { 'aws:SecureTransport': 'false' } }),
        ),
      ),
    ]);
    report = reportOf(await scenario.scan(['--region', HOME_REGION]));
  });
  afterAll(() => scenario?.destroy());

  it('fails a bucket whose policy lets a federated (Cognito) principal write', () => {
    const outcome = result('federated');
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('{"Federated":"cognito-identity.amazonaws.com"}');
  });

  it('passes a public write that a Deny leaves only to one VPC endpoint, and names the Deny', () => {
    const outcome = result('vpce-narrowed');
    expect(outcome.status).toBe('pass');
    expect(JSON.stringify(outcome.evidence['narrowingDenies'])).toContain('StringNotEquals aws:SourceVpce');
    expect(outcome.message).toMatch(/only to fixed trusted callers/);
  });

  it('passes the data-perimeter Deny outside the organization (IfExists denies anonymous callers too)', () => {
    const outcome = result('org-narrowed');
    expect(outcome.status).toBe('pass');
    expect(JSON.stringify(outcome.evidence['narrowingDenies'])).toContain('aws:PrincipalOrgID');
  });

  it('fails when the Deny also requires non-TLS requests: TLS callers escape it', () => {
    const outcome = result('escaping-deny');
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence['narrowingDenies']).toEqual([]);
  });

  it('records that moto gave no policy status (own evaluation)', () => {
    expect(result('federated').evidence['policyStatusIsPublic']).toBeNull();
  });
});
