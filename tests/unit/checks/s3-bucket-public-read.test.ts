import { expect } from 'vitest';
import check from '../../../src/checks/s3/s3-bucket-public-read.js';
import writeCheck from '../../../src/checks/s3/s3-bucket-public-write.js';
import type { CheckOutcome } from '../../../src/checks/define.js';
import type { Bucket, PublicAccessBlock } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, runCase, slices } from '../../helpers/check-tester.js';
import { ALL_ON, ALL_USERS, AUTHENTICATED_USERS, bucket, group, OFF, skipped, unreadBucket } from '../../helpers/s3-buckets.js';

function policyWith(...statements: Record<string, unknown>[]): unknown {
  return { Version: '2012-10-17', Statement: statements.map((statement) => ({ Sid: 'Public', Effect: 'Allow', Principal: '*', Resource: 'arn:aws:s3:::data/*', ...statement })) };
}

function scan(buckets: Bucket[], account: PublicAccessBlock | null = null) {
  return slices({ s3Buckets: { buckets }, s3AccountPublicAccessBlock: { configuration: account } });
}

function only(outcomes: CheckOutcome[]): CheckOutcome {
  expect(outcomes).toHaveLength(1);
  const [outcome] = outcomes;
  if (outcome === undefined) throw new Error('no outcome');
  return outcome;
}

const VPCE_DENY = {
  Sid: 'OnlyVpce',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
};

checkTester(check, {
  pass: [
    {
      name: 'account IgnorePublicAcls and RestrictPublicBuckets: no per-bucket part was read, none is needed',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([unreadBucket('data')], ALL_ON),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('IgnorePublicAcls (account) neutralises any public ACL grant, so the ACL was not read');
        expect(outcome.message).toContain('RestrictPublicBuckets (account) neutralises any public bucket policy, so the policy was not read');
        expect(outcome.evidence['notRead']).toEqual([
          'acl: account-blocks-acls-and-policies',
          'policy: account-blocks-acls-and-policies',
          'publicAccessBlock: account-blocks-acls-and-policies',
          'policyStatus: account-blocks-acls-and-policies',
        ]);
        expect(outcome.evidence['bucketBlockPublicAccess']).toMatch(/^not read/);
        expect(outcome.evidence['unreadable']).toEqual([]);
      },
    },
    {
      name: 'account IgnorePublicAcls: the ACL was not read, the policy grants nothing',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { acl: skipped('account-ignore-public-acls'), isPublic: false })], { ...OFF, ignorePublicAcls: true }),
      assert: (outcomes) => expect(only(outcomes).evidence['notRead']).toEqual(['acl: account-ignore-public-acls']),
    },
    {
      name: 'the policy was not read because AWS (GetBucketPolicyStatus) reports it not public',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policyResult: skipped('policy-status-not-public'), isPublic: false })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('GetBucketPolicyStatus) reports the bucket policy as not public, so the policy was not read'),
    },
    {
      name: 'private bucket',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data')]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome).toMatchObject({ status: 'pass', resource: 'arn:aws:s3:::data', region: 'eu-west-1' });
        expect(outcome.message).toBe('Bucket data grants no public access.');
      },
    },
    {
      name: 'public WRITE only is the write check\'s finding, not a read',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'WRITE')] })]),
      assert: (outcomes) => expect(only(outcomes).evidence['publicWrite']).toBe(true),
    },
    {
      name: 'public PutObject policy only',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: 's3:PutObject' }) })]),
    },
    {
      name: 'READ_ACP shows the ACL, not the data',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'READ_ACP')] })]),
    },
    {
      name: 'public GetBucketAcl and GetBucketLocation only (metadata)',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: ['s3:GetBucketAcl', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::data' }) })]),
      assert: (outcomes) => expect(only(outcomes).evidence['publicMetadataPolicyStatements']).toEqual(['#0 (Public) Principal *: s3:GetBucketAcl, s3:GetBucketLocation']),
    },
    {
      name: 's3:ListBucket on the objects ARN lists nothing',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: 's3:ListBucket' }) })]),
    },
    {
      name: 'GetObject pinned to a VPC endpoint',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }) })]),
      assert: (outcomes) => expect(only(outcomes).evidence['restrictingConditions']).toEqual(['#0 StringEquals aws:SourceVpce']),
    },
    {
      name: 'GetObject narrowed by a Deny outside a fixed VPC endpoint',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: { Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }, VPCE_DENY] } })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('leaves the public statements only to fixed trusted callers'),
    },
    {
      name: 'AllUsers READ neutralised by IgnorePublicAcls at account level',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'READ')] })], { ...OFF, ignorePublicAcls: true }),
      assert: (outcomes) => expect(only(outcomes).message).toContain('IgnorePublicAcls (account)'),
    },
    {
      name: 'public GetObject neutralised by RestrictPublicBuckets on the bucket',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: 's3:GetObject' }), block: { ...OFF, restrictPublicBuckets: true } })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('RestrictPublicBuckets (bucket)'),
    },
    {
      name: 'policy unreadable but AWS says the policy is not public',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policyResult: failed('AccessDenied', 's3:GetBucketPolicy'), isPublic: false })]),
    },
  ],
  fail: [
    {
      name: 'account IgnorePublicAcls (ACL not read) does not neutralise a public policy',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { acl: skipped('account-ignore-public-acls'), policy: policyWith({ Action: 's3:GetObject' }), isPublic: true })], { ...OFF, ignorePublicAcls: true }),
    },
    {
      name: 'AllUsers READ lists the objects',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'READ')] })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome).toMatchObject({ status: 'fail', resource: 'arn:aws:s3:::data', region: 'eu-west-1' });
        expect(outcome.message).toBe('Bucket data can be read or listed by the public: its ACL grants AllUsers:READ (anyone can list its objects).');
        expect(outcome.evidence['effectiveReadAclGrants']).toEqual(['AllUsers:READ']);
        expect(outcome.evidence['publicWrite']).toBe(false);
      },
    },
    {
      name: 'AuthenticatedUsers READ ("any AWS user", the 2017 exposures)',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(AUTHENTICATED_USERS, 'READ')] })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('AuthenticatedUsers:READ'),
    },
    {
      name: 'AllUsers FULL_CONTROL: both facets fail, each in its own check',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'FULL_CONTROL')] })]),
      assert: (outcomes) => {
        expect(only(outcomes).evidence['publicWrite']).toBe(true);
        expect(only(runCase(writeCheck, { name: 'write facet', slices: scan([bucket('data', { grants: [group(ALL_USERS, 'FULL_CONTROL')] })]) })).status).toBe('fail');
      },
    },
    {
      name: 'policy s3:GetObject to *',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: 's3:GetObject' }) })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('#0 (Public) Principal *: s3:GetObject has no condition that pins the caller');
        expect(outcome.evidence['effectiveReadPolicyStatements']).toEqual(['#0 (Public) Principal *: s3:GetObject']);
      },
    },
    {
      name: 'policy s3:ListBucket only, on the bucket ARN (public list)',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data' }) })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('s3:ListBucket'),
    },
    { name: 'policy s3:Get* to {"AWS":"*"}', expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }], slices: scan([bucket('data', { policy: policyWith({ Principal: { AWS: '*' }, Action: 's3:Get*' }) })]) },
    { name: 'policy s3:* also fails the read facet', expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }], slices: scan([bucket('data', { policy: policyWith({ Action: 's3:*' }) })]) },
    { name: 'policy GetObject to a federated principal', expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }], slices: scan([bucket('data', { policy: policyWith({ Principal: { Federated: 'accounts.google.com' }, Action: 's3:GetObject' }) })]) },
    {
      name: 'a Deny that lets TLS callers escape narrows nothing',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([
        bucket('data', {
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
              { ...VPCE_DENY, Condition: { ...VPCE_DENY.Condition, Bool: { 'aws:SecureTransport': 'false' } } },
            ],
          },
        }),
      ]),
    },
    {
      name: 'BlockPublicPolicy and BlockPublicAcls do not neutralise an existing grant',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'READ')], block: { ...OFF, blockPublicAcls: true, blockPublicPolicy: true } })], { ...OFF, blockPublicAcls: true }),
    },
    {
      name: 'ACL READ proves it even when the policy could not be read',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'READ')], policyResult: failed('AccessDenied', 's3:GetBucketPolicy') })]),
      assert: (outcomes) => expect(only(outcomes).evidence['unreadable']).toEqual(['policy: AccessDenied (s3:GetBucketPolicy)']),
    },
    {
      name: 'one readable bucket among private ones',
      expected: [
        { status: 'pass', resource: 'arn:aws:s3:::a' },
        { status: 'fail', resource: 'arn:aws:s3:::data' },
        { status: 'pass', resource: 'arn:aws:s3:::c' },
      ],
      slices: scan([bucket('a'), bucket('data', { grants: [group(ALL_USERS, 'READ')] }), bucket('c')]),
      assert: (outcomes) => expect(outcomes.map((outcome) => outcome.status)).toEqual(['pass', 'fail', 'pass']),
    },
  ],
  unknown: [
    {
      name: 'an ACL skipped for account IgnorePublicAcls while the account setting is off (edited snapshot) is unread, never a pass',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { acl: skipped('account-ignore-public-acls') })], OFF),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('its ACL was not read, and the setting that would make it unnecessary does not hold');
        expect(outcome.evidence['missingAction']).toBe('s3:GetBucketAcl');
      },
    },
    {
      name: 'a policy skipped as not public while AWS gave no policy status is unread',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policyResult: skipped('policy-status-not-public') })]),
    },
    {
      name: 'a bucket skipped whole for account Block Public Access while only IgnorePublicAcls holds',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::data' }],
      slices: scan([unreadBucket('data')], { ...OFF, ignorePublicAcls: true }),
    },
    {
      name: 'policy read failed and ACL clean',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policyResult: failed('AccessDenied', 's3:GetBucketPolicy') })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('its bucket policy could not be read (AccessDenied; needs s3:GetBucketPolicy)');
        expect(outcome.evidence['missingAction']).toBe('s3:GetBucketPolicy');
      },
    },
    {
      name: 'bucket Block Public Access unreadable with a public ACL READ grant',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'READ')], publicAccessBlock: failed('AccessDenied', 's3:GetBucketPublicAccessBlock') })]),
    },
    {
      name: 'AWS says the policy is not public but breachmap reads GetObject to * as public',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { policy: policyWith({ Action: 's3:GetObject' }), isPublic: false })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('AWS (GetBucketPolicyStatus) says the bucket policy is not public'),
    },
    {
      name: 'an ACL permission S3 did not name',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::data' }],
      slices: scan([bucket('data', { grants: [group(ALL_USERS, 'UNKNOWN')] })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('a permission S3 did not name'),
    },
    {
      name: 's3Buckets slice denied',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { s3Buckets: failed('AccessDenied', 's3:ListAllMyBuckets'), s3AccountPublicAccessBlock: ok({ configuration: null }) },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('s3:ListAllMyBuckets'),
    },
  ],
  notApplicable: [
    {
      name: 'no buckets',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: scan([]),
    },
  ],
});
