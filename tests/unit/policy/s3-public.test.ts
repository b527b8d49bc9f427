import { describe, expect, it } from 'vitest';
import type { AclGrant, Bucket, Collected, PublicAccessBlock } from '../../../src/inventory/schema.js';
import type { PublicVerdict } from '../../../src/policy/s3-public.js';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, assessBucketPublicWrite } from '../../../src/policy/s3-public.js';

const OFF: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

function denied(action: string): { ok: false; error: { code: string; message: string; action: string } } {
  return { ok: false, error: { code: 'AccessDenied', message: 'denied', action } };
}

function ok<T>(data: T): Collected<T> {
  return { ok: true, data };
}

function group(uri: string, permission: AclGrant['permission']): AclGrant {
  return { granteeType: 'Group', uri, id: null, permission };
}

const OWNER_GRANT: AclGrant = { granteeType: 'CanonicalUser', uri: null, id: 'owner', permission: 'FULL_CONTROL' };

interface BucketShape {
  grants?: AclGrant[];
  policy?: unknown;
  bucketBlock?: PublicAccessBlock | null;
  acl?: Bucket['acl'];
  policyResult?: Bucket['policy'];
  blockResult?: Bucket['publicAccessBlock'];
  isPublic?: boolean;
}

function bucket(shape: BucketShape = {}): Bucket {
  return {
    name: 'b',
    arn: 'arn:aws:s3:::b',
    region: 'us-east-1',
    creationDate: null,
    acl: shape.acl ?? ok({ ownerId: 'owner', grants: [OWNER_GRANT, ...(shape.grants ?? [])] }),
    policy: shape.policyResult ?? ok({ document: shape.policy ?? null }),
    publicAccessBlock: shape.blockResult ?? ok(shape.bucketBlock ?? null),
    policyStatus: shape.isPublic === undefined ? denied('s3:GetBucketPolicyStatus') : ok({ isPublic: shape.isPublic }),
  };
}

function policy(...statements: unknown[]): unknown {
  return { Version: '2012-10-17', Statement: statements };
}

function publicAllow(action: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Principal: '*', Action: action, Resource: 'arn:aws:s3:::b/*', ...extra };
}

describe('assessBucketPublicWrite verdicts', () => {
  const cases: [string, Bucket, PublicAccessBlock | null, PublicVerdict][] = [
    ['private bucket', bucket(), null, 'not-public'],
    ['AllUsers WRITE', bucket({ grants: [group(ALL_USERS_URI, 'WRITE')] }), null, 'public-write'],
    ['AllUsers WRITE_ACP', bucket({ grants: [group(ALL_USERS_URI, 'WRITE_ACP')] }), null, 'public-write'],
    ['AllUsers FULL_CONTROL', bucket({ grants: [group(ALL_USERS_URI, 'FULL_CONTROL')] }), null, 'public-write'],
    ['AuthenticatedUsers WRITE', bucket({ grants: [group(AUTHENTICATED_USERS_URI, 'WRITE')] }), null, 'public-write'],
    ['AllUsers READ', bucket({ grants: [group(ALL_USERS_URI, 'READ')] }), null, 'public-read-only'],
    ['AuthenticatedUsers READ_ACP', bucket({ grants: [group(AUTHENTICATED_USERS_URI, 'READ_ACP')] }), null, 'public-read-only'],
    ['LogDelivery WRITE is not public', bucket({ grants: [group('http://acs.amazonaws.com/groups/s3/LogDelivery', 'WRITE')] }), null, 'not-public'],
    ['AllUsers UNKNOWN permission', bucket({ grants: [group(ALL_USERS_URI, 'UNKNOWN')] }), null, 'unknown'],
    ['AllUsers WRITE, IgnorePublicAcls on the account', bucket({ grants: [group(ALL_USERS_URI, 'WRITE')] }), { ...OFF, ignorePublicAcls: true }, 'not-public'],
    ['AllUsers WRITE, IgnorePublicAcls on the bucket', bucket({ grants: [group(ALL_USERS_URI, 'WRITE')], bucketBlock: { ...OFF, ignorePublicAcls: true } }), null, 'not-public'],
    ['AllUsers WRITE, BlockPublicAcls only', bucket({ grants: [group(ALL_USERS_URI, 'WRITE')], bucketBlock: { ...OFF, blockPublicAcls: true } }), { ...OFF, blockPublicAcls: true, blockPublicPolicy: true }, 'public-write'],
    ['AllUsers WRITE, RestrictPublicBuckets does not touch ACLs', bucket({ grants: [group(ALL_USERS_URI, 'WRITE')] }), { ...OFF, restrictPublicBuckets: true }, 'public-write'],
    ['policy s3:PutObject to *', bucket({ policy: policy(publicAllow('s3:PutObject')) }), null, 'public-write'],
    ['policy s3:* to {"AWS":"*"}', bucket({ policy: policy({ ...publicAllow('s3:*'), Principal: { AWS: '*' } }) }), null, 'public-write'],
    ['policy * in a principal array', bucket({ policy: policy({ ...publicAllow('s3:DeleteObject'), Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }) }), null, 'public-write'],
    ['policy s3:Put*', bucket({ policy: policy(publicAllow('s3:Put*')) }), null, 'public-write'],
    ['policy s3:*Object', bucket({ policy: policy(publicAllow('s3:*Object')) }), null, 'public-write'],
    ['policy Action *', bucket({ policy: policy(publicAllow('*')) }), null, 'public-write'],
    ['policy lower-case action', bucket({ policy: policy(publicAllow('S3:putobject')) }), null, 'public-write'],
    ['policy NotAction leaving PutObject', bucket({ policy: policy({ Effect: 'Allow', Principal: '*', NotAction: ['s3:Delete*'], Resource: 'arn:aws:s3:::b/*' }) }), null, 'public-write'],
    ['policy NotPrincipal Allow', bucket({ policy: policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }) }), null, 'public-write'],
    ['policy GetObject to *', bucket({ policy: policy(publicAllow('s3:GetObject')) }), null, 'public-read-only'],
    ['policy s3:Get* and s3:List* to *', bucket({ policy: policy(publicAllow(['s3:Get*', 's3:List*'])) }), null, 'public-read-only'],
    ['policy PutObject to a fixed account', bucket({ policy: policy({ ...publicAllow('s3:PutObject'), Principal: { AWS: 'arn:aws:iam::111122223333:root' } }) }), null, 'not-public'],
    ['policy PutObject restricted by SourceIp', bucket({ policy: policy(publicAllow('s3:PutObject', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })) }), null, 'not-public'],
    ['policy PutObject restricted by PrincipalOrgID', bucket({ policy: policy(publicAllow('s3:*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })) }), null, 'not-public'],
    ['policy PutObject restricted by SourceVpce', bucket({ policy: policy(publicAllow('s3:*', { Condition: { StringEquals: { 'aws:sourcevpce': 'vpce-1a2b' } } })) }), null, 'not-public'],
    ['policy PutObject with SourceIp 0.0.0.0/0', bucket({ policy: policy(publicAllow('s3:PutObject', { Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })) }), null, 'public-write'],
    ['policy PutObject with only SecureTransport', bucket({ policy: policy(publicAllow('s3:PutObject', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) }), null, 'public-write'],
    ['policy PutObject with PrincipalOrgID IfExists', bucket({ policy: policy(publicAllow('s3:PutObject', { Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } })) }), null, 'public-write'],
    ['policy PutObject, RestrictPublicBuckets on the account', bucket({ policy: policy(publicAllow('s3:PutObject')) }), { ...OFF, restrictPublicBuckets: true }, 'not-public'],
    ['policy PutObject, RestrictPublicBuckets on the bucket', bucket({ policy: policy(publicAllow('s3:PutObject')), bucketBlock: { ...OFF, restrictPublicBuckets: true } }), null, 'not-public'],
    ['policy PutObject, BlockPublicPolicy only', bucket({ policy: policy(publicAllow('s3:PutObject')), bucketBlock: { ...OFF, blockPublicPolicy: true } }), { ...OFF, blockPublicPolicy: true }, 'public-write'],
    ['policy PutObject, IgnorePublicAcls does not touch policies', bucket({ policy: policy(publicAllow('s3:PutObject')) }), { ...OFF, ignorePublicAcls: true }, 'public-write'],
    ['policy s3:* with an unconditional public Deny on writes', bucket({ policy: policy(publicAllow('s3:*'), { Effect: 'Deny', Principal: '*', Action: ['s3:Put*', 's3:Delete*', 's3:Replicate*', 's3:RestoreObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::b/*' }) }), null, 'public-read-only'],
    ['policy s3:* with a conditional Deny on writes', bucket({ policy: policy(publicAllow('s3:*'), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) }), null, 'public-write'],
    ['policy Deny only', bucket({ policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }) }), null, 'not-public'],
    ['junk policy document', bucket({ policy: 'junk' }), null, 'not-public'],
    ['ACL read failed, policy proves write', bucket({ acl: denied('s3:GetBucketAcl'), policy: policy(publicAllow('s3:PutObject')) }), null, 'public-write'],
    ['policy read failed, ACL proves write', bucket({ policyResult: denied('s3:GetBucketPolicy'), grants: [group(ALL_USERS_URI, 'WRITE')] }), null, 'public-write'],
    ['policy read failed, ACL clean', bucket({ policyResult: denied('s3:GetBucketPolicy') }), null, 'unknown'],
    ['ACL read failed, no policy', bucket({ acl: denied('s3:GetBucketAcl') }), null, 'unknown'],
    ['bucket BPA unreadable, ACL write grant', bucket({ blockResult: denied('s3:GetBucketPublicAccessBlock'), grants: [group(ALL_USERS_URI, 'WRITE')] }), null, 'unknown'],
    ['bucket BPA unreadable, account IgnorePublicAcls', bucket({ blockResult: denied('s3:GetBucketPublicAccessBlock'), grants: [group(ALL_USERS_URI, 'WRITE')] }), { ...OFF, ignorePublicAcls: true, restrictPublicBuckets: true }, 'unknown'],
    ['bucket BPA unreadable, private', bucket({ blockResult: denied('s3:GetBucketPublicAccessBlock') }), null, 'unknown'],
  ];

  it.each(cases)('%s → %s', (_name, input, account, expected) => {
    expect(assessBucketPublicWrite(input, account).verdict).toBe(expected);
  });
});

describe('assessBucketPublicWrite facts', () => {
  it('lists public ACL grants with their access class and the effective ones', () => {
    const result = assessBucketPublicWrite(bucket({ grants: [group(ALL_USERS_URI, 'READ'), group(AUTHENTICATED_USERS_URI, 'WRITE_ACP')] }), null);
    expect(result.aclGrants).toEqual([
      { grantee: 'AllUsers', permission: 'READ', access: 'read' },
      { grantee: 'AuthenticatedUsers', permission: 'WRITE_ACP', access: 'write' },
    ]);
    expect(result.effective.aclGrants).toEqual(result.aclGrants);
    expect(result.bucketBlockPublicAccess).toBe('none');
    expect(result.accountBlockPublicAccess).toBe('none');
  });

  it('names the statement, its write actions and its conditions', () => {
    const result = assessBucketPublicWrite(
      bucket({
        policy: policy(
          { Sid: 'Private', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' },
          publicAllow(['s3:PutObject', 's3:GetObject'], { Sid: 'Upload', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
          publicAllow('s3:PutObject', { Sid: 'Partner', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }),
        ),
      }),
      null,
    );
    expect(result.policyStatements.map((statement) => [statement.index, statement.sid, statement.restricted])).toEqual([
      [1, 'Upload', false],
      [2, 'Partner', true],
    ]);
    expect(result.policyStatements[0]?.writeActions).toEqual(['s3:PutObject']);
    expect(result.policyStatements[0]?.readActions).toEqual(['s3:GetObject']);
    expect(result.policyStatements[0]?.otherConditions).toEqual(['Bool aws:SecureTransport']);
    expect(result.policyStatements[1]?.restrictingConditions).toEqual(['StringEquals aws:SourceAccount']);
    expect(result.effective.policyStatements.map((statement) => statement.index)).toEqual([1]);
  });

  it('says what neutralised the grants and records the policy status cross-check', () => {
    const result = assessBucketPublicWrite(
      bucket({ grants: [group(ALL_USERS_URI, 'WRITE')], policy: policy(publicAllow('s3:PutObject')), bucketBlock: { ...OFF, ignorePublicAcls: true }, isPublic: true }),
      { ...OFF, ignorePublicAcls: true, restrictPublicBuckets: true },
    );
    expect(result.verdict).toBe('not-public');
    expect(result.neutralisedBy).toEqual([
      'IgnorePublicAcls (bucket and account) neutralises the public ACL grants',
      'RestrictPublicBuckets (account) neutralises the public policy statements',
    ]);
    expect(result.effective).toEqual({ aclGrants: [], policyStatements: [] });
    expect(result.policyStatusIsPublic).toBe(true);
  });

  it('names every unreadable part and its action', () => {
    const result = assessBucketPublicWrite(
      bucket({ acl: denied('s3:GetBucketAcl'), policyResult: { ok: false, error: { code: 'Throttling', message: 'slow down' } } }),
      null,
    );
    expect(result.verdict).toBe('unknown');
    expect(result.unreadable).toEqual([
      { part: 'acl', code: 'AccessDenied', action: 's3:GetBucketAcl' },
      { part: 'policy', code: 'Throttling', action: 's3:GetBucketPolicy' },
    ]);
    expect(result.policyStatusIsPublic).toBeNull();
  });

  it('keeps proof of write even when other parts failed, and says which', () => {
    const result = assessBucketPublicWrite(bucket({ acl: denied('s3:GetBucketAcl'), policy: policy(publicAllow('s3:PutObject')) }), null);
    expect(result.verdict).toBe('public-write');
    expect(result.unreadable.map((part) => part.part)).toEqual(['acl']);
  });
});
