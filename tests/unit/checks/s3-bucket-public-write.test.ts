import { expect } from 'vitest';
import check from '../../../src/checks/s3/s3-bucket-public-write.js';
import type { CheckOutcome } from '../../../src/checks/define.js';
import type { Bucket, PublicAccessBlock } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices } from '../../helpers/check-tester.js';
import { ALL_ON, ALL_USERS, AUTHENTICATED_USERS, bucket, group, OFF, skipped, unreadBucket } from '../../helpers/s3-buckets.js';

function policyWith(statement: Record<string, unknown>): unknown {
  return { Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Resource: 'arn:aws:s3:::site/*', ...statement }] };
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

checkTester(check, {
  pass: [
    {
      name: 'account IgnorePublicAcls and RestrictPublicBuckets: no per-bucket part was read, none is needed',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([unreadBucket('site')], ALL_ON),
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
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { acl: skipped('account-ignore-public-acls'), isPublic: false })], { ...OFF, ignorePublicAcls: true }),
      assert: (outcomes) => expect(only(outcomes).evidence['notRead']).toEqual(['acl: account-ignore-public-acls']),
    },
    {
      name: 'the policy was not read because AWS (GetBucketPolicyStatus) reports it not public',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policyResult: skipped('policy-status-not-public'), isPublic: false })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('GetBucketPolicyStatus) reports the bucket policy as not public, so the policy was not read'),
    },
    {
      name: 'private bucket',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::private' }],
      slices: scan([bucket('private')]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome).toMatchObject({ status: 'pass', resource: 'arn:aws:s3:::private', region: 'eu-west-1' });
        expect(outcome.evidence['publicRead']).toBe(false);
      },
    },
    {
      name: 'public READ only',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { grants: [group(ALL_USERS, 'READ')] })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.evidence['publicRead']).toBe(true);
        expect(outcome.message).toContain('readable by the public but not writable');
      },
    },
    {
      name: 'public GetObject policy only',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:GetObject' }) })]),
      assert: (outcomes) => expect(only(outcomes).evidence['publicRead']).toBe(true),
    },
    {
      name: 'PutObject restricted by aws:SourceIp',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:PutObject', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }) })]),
      assert: (outcomes) => expect(only(outcomes).evidence['restrictingConditions']).toEqual(['#0 IpAddress aws:SourceIp']),
    },
    {
      name: 's3:* restricted by aws:PrincipalOrgID',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }) })]),
    },
    {
      name: 'AllUsers WRITE neutralised by IgnorePublicAcls at account level',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { grants: [group(ALL_USERS, 'WRITE')] })], { ...OFF, ignorePublicAcls: true }),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('IgnorePublicAcls (account)');
        expect(outcome.evidence['neutralisedBy']).toEqual(['IgnorePublicAcls (account) neutralises the public ACL grants']);
        expect(outcome.evidence['accountBlockPublicAccess']).toBe('ignorePublicAcls');
      },
    },
    {
      name: 'public PutObject narrowed by a Deny outside a fixed VPC endpoint',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([
        bucket('site', {
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::site/*' },
              { Sid: 'OnlyVpce', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::site', 'arn:aws:s3:::site/*'], Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } } },
            ],
          },
        }),
      ]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('Deny #1 (OnlyVpce) StringNotEquals aws:SourceVpce leaves the public statements only to fixed trusted callers');
        expect(outcome.evidence['narrowingDenies']).toEqual(['#0 narrowed by #1 (OnlyVpce) StringNotEquals aws:SourceVpce']);
      },
    },
    {
      name: 'AWS says public, breachmap finds nothing public: pass, and the evidence says so',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:PutObject', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }), isPublic: true })]),
      assert: (outcomes) => expect(String(only(outcomes).evidence['policyStatusDisagreement'])).toContain('found no statement that grants public access'),
    },
    {
      name: 'public PutObject neutralised by RestrictPublicBuckets on the bucket',
      expected: [{ status: 'pass', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:PutObject' }), block: { ...OFF, restrictPublicBuckets: true } })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('RestrictPublicBuckets (bucket)'),
    },
  ],
  fail: [
    {
      name: 'account IgnorePublicAcls (ACL not read) does not neutralise a public policy',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { acl: skipped('account-ignore-public-acls'), policy: policyWith({ Action: 's3:PutObject' }), isPublic: true })], { ...OFF, ignorePublicAcls: true }),
    },
    {
      name: 'AllUsers WRITE',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { grants: [group(ALL_USERS, 'WRITE')] })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome).toMatchObject({ status: 'fail', resource: 'arn:aws:s3:::site', region: 'eu-west-1' });
        expect(outcome.message).toContain('ACL grants AllUsers:WRITE');
        expect(outcome.evidence['effectiveWriteAclGrants']).toEqual(['AllUsers:WRITE']);
        expect(outcome.evidence['bucketBlockPublicAccess']).toBe('none');
      },
    },
    { name: 'AllUsers WRITE_ACP', expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }], slices: scan([bucket('site', { grants: [group(ALL_USERS, 'WRITE_ACP')] })]) },
    {
      name: 'AllUsers FULL_CONTROL (the read facet is named in the evidence)',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { grants: [group(ALL_USERS, 'FULL_CONTROL')] })]),
      assert: (outcomes) => expect(only(outcomes).evidence['publicRead']).toBe(true),
    },
    {
      name: 'AuthenticatedUsers WRITE',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { grants: [group(AUTHENTICATED_USERS, 'WRITE')] })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('AuthenticatedUsers:WRITE'),
    },
    {
      name: 'policy s3:PutObject to *',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:PutObject' }) })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('#0 (Public) Principal *: s3:PutObject');
        expect(outcome.evidence['effectiveWritePolicyStatements']).toEqual(['#0 (Public) Principal *: s3:PutObject']);
      },
    },
    { name: 'policy s3:* to {"AWS":"*"}', expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }], slices: scan([bucket('site', { policy: policyWith({ Principal: { AWS: '*' }, Action: 's3:*' }) })]) },
    { name: 'policy s3:Put*', expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }], slices: scan([bucket('site', { policy: policyWith({ Action: 's3:Put*' }) })]) },
    {
      name: 'policy PutObject to a federated (Cognito) principal',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 's3:PutObject' }) })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('Principal {"Federated":"cognito-identity.amazonaws.com"}: s3:PutObject'),
    },
    {
      name: 'policy s3:PutBucketPublicAccessBlock to * (it can switch Block Public Access off)',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:PutBucketPublicAccessBlock', Resource: 'arn:aws:s3:::site' }) })]),
    },
    {
      name: 'policy s3:* lists at most six actions in the message',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:*' }) })]),
      assert: (outcomes) => expect(only(outcomes).message).toMatch(/… \(\d+ actions\)/),
    },
    {
      name: 'policy NotAction leaves writes allowed',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ NotAction: 's3:DeleteBucket' }) })]),
    },
    {
      name: 'aws:SourceIp 0.0.0.0/0 does not restrict',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:PutObject', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }) })]),
      assert: (outcomes) => expect(only(outcomes).evidence['nonRestrictingConditions']).toEqual(['#0 IpAddress aws:SourceIp']),
    },
    {
      name: 'BlockPublicAcls only (bucket and account) does not neutralise an existing grant',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { grants: [group(ALL_USERS, 'WRITE')], block: { ...OFF, blockPublicAcls: true } })], { ...OFF, blockPublicAcls: true, blockPublicPolicy: true }),
      assert: (outcomes) => expect(only(outcomes).evidence['bucketBlockPublicAccess']).toBe('blockPublicAcls'),
    },
    {
      name: 'ACL read failed but the policy proves write',
      expected: [{ status: 'fail', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { acl: failed('AccessDenied', 's3:GetBucketAcl'), policy: policyWith({ Action: 's3:PutObject' }) })]),
      assert: (outcomes) => expect(only(outcomes).evidence['unreadable']).toEqual(['acl: AccessDenied (s3:GetBucketAcl)']),
    },
    {
      name: 'one writable bucket among private ones',
      expected: [
        { status: 'pass', resource: 'arn:aws:s3:::a' },
        { status: 'fail', resource: 'arn:aws:s3:::site' },
        { status: 'pass', resource: 'arn:aws:s3:::c' },
      ],
      slices: scan([bucket('a'), bucket('site', { grants: [group(ALL_USERS, 'WRITE')] }), bucket('c')]),
      assert: (outcomes) => {
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['pass', 'fail', 'pass']);
        expect(outcomes.map((outcome) => outcome.resource)).toEqual(['arn:aws:s3:::a', 'arn:aws:s3:::site', 'arn:aws:s3:::c']);
      },
    },
  ],
  unknown: [
    {
      name: 'an ACL skipped for account IgnorePublicAcls while the account setting is off (edited snapshot) is unread, never a pass',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { acl: skipped('account-ignore-public-acls') })], OFF),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('its ACL was not read, and the setting that would make it unnecessary does not hold');
        expect(outcome.evidence['missingAction']).toBe('s3:GetBucketAcl');
      },
    },
    {
      name: 'a policy skipped as not public while AWS gave no policy status is unread',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policyResult: skipped('policy-status-not-public') })]),
    },
    {
      name: 'a bucket skipped whole for account Block Public Access while only IgnorePublicAcls holds',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::site' }],
      slices: scan([unreadBucket('site')], { ...OFF, ignorePublicAcls: true }),
    },
    {
      name: 'policy read failed and ACL clean',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policyResult: failed('AccessDenied', 's3:GetBucketPolicy') })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('s3:GetBucketPolicy');
        expect(outcome.evidence['missingAction']).toBe('s3:GetBucketPolicy');
      },
    },
    {
      name: 'bucket Block Public Access unreadable with a public ACL write grant',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { grants: [group(ALL_USERS, 'WRITE')], publicAccessBlock: failed('AccessDenied', 's3:GetBucketPublicAccessBlock') })]),
      assert: (outcomes) => expect(only(outcomes).message).toContain('s3:GetBucketPublicAccessBlock'),
    },
    {
      name: 'a throttled ACL read is reported as throttled, not as a missing permission',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { acl: failed('SlowDown', 's3:GetBucketAcl', 'throttled by AWS after all retries (s3:GetBucketAcl)') })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('its ACL could not be read (SlowDown; needs s3:GetBucketAcl)');
        expect(outcome.evidence['missingAction']).toBe('s3:GetBucketAcl');
      },
    },
    {
      name: 'AWS says the policy is not public but breachmap reads it as public: unknown with both views',
      expected: [{ status: 'unknown', resource: 'arn:aws:s3:::site' }],
      slices: scan([bucket('site', { policy: policyWith({ Action: 's3:PutObject' }), isPublic: false })]),
      assert: (outcomes) => {
        const outcome = only(outcomes);
        expect(outcome.message).toContain('AWS (GetBucketPolicyStatus) says the bucket policy is not public, but breachmap reads statement #0');
        expect(outcome.evidence['policyStatusIsPublic']).toBe(false);
      },
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
