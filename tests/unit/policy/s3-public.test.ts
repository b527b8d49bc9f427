import { describe, expect, it } from 'vitest';
import type { AclGrant, Bucket, Collected, PublicAccessBlock } from '../../../src/inventory/schema.js';
import type { PublicVerdict, ReadVerdict } from '../../../src/policy/s3-public.js';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, assessBucketPublicAccess, assessBucketPublicWrite } from '../../../src/policy/s3-public.js';
import { S3_ACTIONS, S3_DATA_READ_ACTIONS, S3_WRITE_ACTIONS } from '../../../src/policy/s3-actions.js';

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
    // READ_ACP shows the ACL, not the data: metadata, not a public read.
    ['AuthenticatedUsers READ_ACP', bucket({ grants: [group(AUTHENTICATED_USERS_URI, 'READ_ACP')] }), null, 'not-public'],
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
    ['policy s3:* with an unconditional public Deny on everything but reads', bucket({ policy: policy(publicAllow('s3:*'), { Effect: 'Deny', Principal: '*', NotAction: ['s3:Get*', 's3:List*'], Resource: 'arn:aws:s3:::b/*' }) }), null, 'public-read-only'],
    // The write list comes from the service's action table: a hand list of Put/Delete/Replicate misses these.
    ['policy s3:* with a Deny on a hand list of writes', bucket({ policy: policy(publicAllow('s3:*'), { Effect: 'Deny', Principal: '*', Action: ['s3:Put*', 's3:Delete*', 's3:Replicate*', 's3:RestoreObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::b/*' }) }), null, 'public-write'],
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

function deny(action: unknown, condition: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Sid: 'Narrow', Effect: 'Deny', Principal: '*', Action: action, Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: condition, ...extra };
}

function verdictOf(document: unknown, isPublic?: boolean): PublicVerdict {
  return assessBucketPublicAccess(bucket(isPublic === undefined ? { policy: document } : { policy: document, isPublic }), null).verdict;
}

describe('the S3 write and read lists come from the service action table', () => {
  it.each(['s3:PutBucketPublicAccessBlock', 's3:PutBucketOwnershipControls', 's3:PutBucketVersioning', 's3:PutBucketPolicy', 's3:DeleteBucket', 's3:PutLifecycleConfiguration'])(
    'bucket-level %s to * on the bucket ARN is public write',
    (action) => expect(verdictOf(policy({ ...publicAllow(action), Resource: 'arn:aws:s3:::b' }))).toBe('public-write'),
  );
  it.each(['s3:PutObjectTagging', 's3:PutObjectRetention', 's3:PutObjectLegalHold', 's3:DeleteObjectTagging', 's3:PutObjectVersionAcl', 's3:BypassGovernanceRetention'])(
    'object-level %s to * on the objects is public write',
    (action) => expect(verdictOf(policy(publicAllow(action)))).toBe('public-write'),
  );
  it('a bucket-level action on object ARNs grants nothing (resource type mismatch)', () => {
    expect(verdictOf(policy(publicAllow('s3:PutBucketPolicy')))).toBe('not-public');
    expect(verdictOf(policy(publicAllow('s3:ListBucket')))).toBe('not-public');
  });
  it('an object-level action on the bucket ARN alone grants nothing', () => {
    expect(verdictOf(policy({ ...publicAllow('s3:PutObject'), Resource: 'arn:aws:s3:::b' }))).toBe('not-public');
  });
  it('NotResource reaches what it does not list', () => {
    const notResource = (action: string, excluded: string): unknown =>
      policy({ Effect: 'Allow', Principal: '*', Action: action, NotResource: excluded });
    expect(verdictOf(notResource('s3:PutObject', 'arn:aws:s3:::b/*'))).toBe('not-public');
    expect(verdictOf(notResource('s3:PutObject', 'arn:aws:s3:::b/private/*'))).toBe('public-write');
    expect(verdictOf(notResource('s3:PutBucketPolicy', 'arn:aws:s3:::b/*'))).toBe('public-write');
    expect(verdictOf(notResource('s3:*', '*'))).toBe('not-public');
  });
  it('a prefix or wildcard that reaches objects counts; another bucket does not', () => {
    expect(verdictOf(policy({ ...publicAllow('s3:PutObject'), Resource: 'arn:aws:s3:::b/uploads/*' }))).toBe('public-write');
    expect(verdictOf(policy({ ...publicAllow('s3:PutObject'), Resource: 'arn:aws:s3:::b*' }))).toBe('public-write');
    expect(verdictOf(policy({ ...publicAllow('s3:PutObject'), Resource: '*' }))).toBe('public-write');
    expect(verdictOf(policy({ ...publicAllow('s3:PutObject'), Resource: 'arn:aws:s3:::other/*' }))).toBe('not-public');
  });
  it('has every action once, with a class, and the lists partition it', () => {
    const names = S3_ACTIONS.map((entry) => entry.action);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^s3:[A-Z][A-Za-z]+$/.test(name))).toBe(true);
    expect(S3_WRITE_ACTIONS.length).toBeGreaterThan(50);
    expect(S3_DATA_READ_ACTIONS.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions']),
    );
    expect(names).not.toContain('s3:CreateBucket');
  });
});

describe('public principals', () => {
  const federated = (principal: unknown, extra: Record<string, unknown> = {}): unknown =>
    policy({ ...publicAllow('s3:PutObject'), Principal: { Federated: principal }, ...extra });
  const cases: [string, unknown, PublicVerdict][] = [
    ['Cognito identity pool (web identity)', federated('cognito-identity.amazonaws.com'), 'public-write'],
    ['Google web identity', federated('accounts.google.com'), 'public-write'],
    ['a SAML provider', federated('arn:aws:iam::111122223333:saml-provider/Okta'), 'public-write'],
    ['several federated providers', federated(['graph.facebook.com', 'www.amazon.com']), 'public-write'],
    ['federated, pinned to a VPC endpoint', federated('cognito-identity.amazonaws.com', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b' } } }), 'not-public'],
    ['a service principal', policy({ ...publicAllow('s3:PutObject'), Principal: { Service: 'logging.s3.amazonaws.com' } }), 'not-public'],
    ['a canonical user', policy({ ...publicAllow('s3:PutObject'), Principal: { CanonicalUser: 'abc123' } }), 'not-public'],
  ];
  it.each(cases)('%s → %s', (_name, document, expected) => expect(verdictOf(document)).toBe(expected));
});

describe('condition keys that pin the caller (NON_PUBLIC_CONDITION_KEYS)', () => {
  const pinned = (operator: string, key: string, value: unknown): PublicVerdict =>
    verdictOf(policy(publicAllow('s3:PutObject', { Condition: { [operator]: { [key]: value } } })));
  const cases: [string, string, unknown, PublicVerdict][] = [
    ['StringEquals', 'aws:SourceVpc', 'vpc-91237329', 'not-public'],
    ['StringLike', 'aws:SourceVpc', 'vpc-*', 'public-write'],
    ['StringEquals', 'aws:SourceOwner', '111122223333', 'not-public'],
    ['StringEquals', 'aws:SourceAccount', '111122223333', 'not-public'],
    ['ArnEquals', 'aws:SourceArn', 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main', 'not-public'],
    ['ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*', 'public-write'],
    ['StringEquals', 'aws:PrincipalAccount', '111122223333', 'not-public'],
    ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3/r-ab12/ou-ab12-11111111/*', 'not-public'],
    ['ForAllValues:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3/r-ab12/ou-ab12-11111111/*', 'public-write'],
    ['StringLike', 'aws:PrincipalOrgPaths', '*/ou-ab12-11111111/*', 'public-write'],
    ['ArnEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/uploader', 'not-public'],
    ['StringEquals', 'aws:PrincipalArn', '${aws:username}', 'public-write'],
    ['StringEquals', 'aws:userid', 'AIDAEXAMPLEUSERID', 'not-public'],
    ['StringLike', 'aws:userid', 'AROAEXAMPLEROLEID:*', 'not-public'],
    ['StringLike', 'aws:userid', '*', 'public-write'],
    ['StringEquals', 's3:x-amz-server-side-encryption-aws-kms-key-id', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'not-public'],
    ['ArnLike', 's3:DataAccessPointArn', 'arn:aws:s3:us-west-2:111122223333:accesspoint/*', 'not-public'],
    ['StringEquals', 's3:DataAccessPointAccount', '111122223333', 'not-public'],
    ['IpAddress', 'aws:SourceIp', '10.0.0.0/8', 'not-public'],
    ['IpAddress', 'aws:SourceIp', '0.0.0.0/1', 'public-write'],
    ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '8.0.0.0/7'], 'public-write'],
    ['IpAddress', 'aws:SourceIp', '2001:db8::/32', 'not-public'],
    ['IpAddress', 'aws:SourceIp', '2001:db8::/31', 'public-write'],
    ['IpAddress', 'aws:SourceIp', '203.0.113.7', 'not-public'],
    ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', 'public-write'],
    ['StringNotEquals', 'aws:SourceVpce', 'vpce-1a2b', 'public-write'],
    ['StringEquals', 'aws:SecureTransport', 'true', 'public-write'],
    ['StringEquals', 's3:x-amz-acl', 'bucket-owner-full-control', 'public-write'],
  ];
  it.each(cases)('%s %s %j → %s', (operator, key, value, expected) => expect(pinned(operator, key, value)).toBe(expected));
});

describe('a Deny that narrows who may act (issue 12 item 10)', () => {
  const vpce = { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } };
  const cases: [string, unknown, PublicVerdict][] = [
    ['Deny s3:* unless a fixed VPC endpoint', policy(publicAllow('s3:PutObject'), deny('s3:*', vpce)), 'not-public'],
    ['the IfExists form denies anonymous callers too (absent key → true)', policy(publicAllow('s3:PutObject'), deny('s3:*', { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } })), 'not-public'],
    ['data perimeter: outside the org, AWS services exempt', policy(publicAllow('s3:*'), deny('s3:*', { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } })), 'not-public'],
    ['Bool (not IfExists) PrincipalIsAWSService lets unsigned requests through', policy(publicAllow('s3:*'), deny('s3:*', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' }, Bool: { 'aws:PrincipalIsAWSService': 'false' } })), 'public-write'],
    ['ForAnyValue:StringNotEquals is false when the key is absent', policy(publicAllow('s3:PutObject'), deny('s3:*', { 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': 'o-abc123' } })), 'public-write'],
    ['ForAllValues:StringNotLike org paths', policy(publicAllow('s3:PutObject'), deny('s3:*', { 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/*' } })), 'not-public'],
    ['NotIpAddress with a bounded range', policy(publicAllow('s3:PutObject'), deny('s3:*', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })), 'not-public'],
    ['NotIpAddress with a range broader than /8', policy(publicAllow('s3:PutObject'), deny('s3:*', { NotIpAddress: { 'aws:SourceIp': '0.0.0.0/1' } })), 'public-write'],
    ['a wildcard trusted value', policy(publicAllow('s3:PutObject'), deny('s3:*', { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } })), 'public-write'],
    ['a positive operator in the Deny denies only the listed callers', policy(publicAllow('s3:PutObject'), deny('s3:*', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })), 'public-write'],
    ['an extra SecureTransport entry lets TLS callers escape the Deny', policy(publicAllow('s3:PutObject'), deny('s3:*', { ...vpce, Bool: { 'aws:SecureTransport': 'false' } })), 'public-write'],
    ['a Deny on one specific account narrows nothing', policy(publicAllow('s3:PutObject'), deny('s3:*', vpce, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), 'public-write'],
    ['a Deny that covers PutObject but not DeleteObject', policy(publicAllow(['s3:PutObject', 's3:DeleteObject']), deny('s3:PutObject', vpce)), 'public-write'],
    ['a Deny on another prefix', policy(publicAllow('s3:PutObject'), deny('s3:*', vpce, { Resource: 'arn:aws:s3:::b/private/*' })), 'public-write'],
    ['a Deny on the same prefix as the Allow', policy({ ...publicAllow('s3:PutObject'), Resource: 'arn:aws:s3:::b/in/*' }, deny('s3:*', vpce, { Resource: 'arn:aws:s3:::b/in/*' })), 'not-public'],
    ['a Deny with NotResource proves nothing', policy(publicAllow('s3:PutObject'), { Effect: 'Deny', Principal: '*', Action: 's3:*', NotResource: 'arn:aws:s3:::b/public/*', Condition: vpce }), 'public-write'],
    ['narrowed writes leave public reads standing', policy(publicAllow(['s3:PutObject', 's3:GetObject']), deny('s3:Put*', vpce)), 'public-read-only'],
  ];
  it.each(cases)('%s → %s', (_name, document, expected) => expect(verdictOf(document)).toBe(expected));

  it('names the narrowing Deny in the facts', () => {
    const result = assessBucketPublicAccess(bucket({ policy: policy(publicAllow('s3:PutObject'), deny('s3:*', vpce)) }), null);
    expect(result.policyStatements[0]?.narrowedActions).toEqual(['s3:PutObject']);
    expect(result.policyStatements[0]?.narrowingDenies).toEqual(['#1 (Narrow) StringNotEquals aws:SourceVpce']);
  });
});

describe('GetBucketPolicyStatus as the oracle', () => {
  const open = policy(publicAllow('s3:PutObject'));
  it('IsPublic false and ours public: unknown with both views, never a FAIL', () => {
    const result = assessBucketPublicAccess(bucket({ policy: open, isPublic: false }), null);
    expect(result.verdict).toBe('unknown');
    expect(result.policyStatusDisagreement).toMatch(/not public.*statement #0/);
  });
  it('IsPublic false does not hide a public ACL', () => {
    expect(assessBucketPublicAccess(bucket({ policy: open, isPublic: false, grants: [group(ALL_USERS_URI, 'WRITE')] }), null).verdict).toBe('public-write');
  });
  it('IsPublic false vouches for a policy that could not be read', () => {
    const result = assessBucketPublicAccess(bucket({ policyResult: denied('s3:GetBucketPolicy'), isPublic: false }), null);
    expect(result.verdict).toBe('not-public');
    expect(result.unreadable).toEqual([]);
  });
  it('IsPublic false and ours public but neutralised: not public, the disagreement still recorded', () => {
    const result = assessBucketPublicAccess(bucket({ policy: open, isPublic: false }), { ...OFF, restrictPublicBuckets: true });
    expect(result.verdict).toBe('not-public');
    expect(result.policyStatusDisagreement).not.toBeNull();
  });
  it('IsPublic true and ours public: they agree', () => {
    const result = assessBucketPublicAccess(bucket({ policy: open, isPublic: true }), null);
    expect(result.verdict).toBe('public-write');
    expect(result.policyStatusDisagreement).toBeNull();
  });
  it('IsPublic true and nothing public found: our verdict stands, the evidence says so', () => {
    const result = assessBucketPublicAccess(bucket({ policy: policy(publicAllow('s3:PutObject'), deny('s3:*', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } })), isPublic: true }), null);
    expect(result.verdict).toBe('not-public');
    expect(result.policyStatusDisagreement).toMatch(/says the bucket policy is public, but breachmap found no statement/);
  });
  it('no status (moto, AccessDenied): our own evaluation, no disagreement', () => {
    const result = assessBucketPublicAccess(bucket({ policy: open }), null);
    expect(result.verdict).toBe('public-write');
    expect(result.policyStatusIsPublic).toBeNull();
    expect(result.policyStatusDisagreement).toBeNull();
  });
});

describe('the data-read verdict', () => {
  const cases: [string, Bucket, PublicAccessBlock | null, ReadVerdict][] = [
    ['private', bucket(), null, 'not-public'],
    ['AllUsers READ (lists the objects)', bucket({ grants: [group(ALL_USERS_URI, 'READ')] }), null, 'public-read'],
    ['AuthenticatedUsers READ', bucket({ grants: [group(AUTHENTICATED_USERS_URI, 'READ')] }), null, 'public-read'],
    ['AllUsers FULL_CONTROL includes READ', bucket({ grants: [group(ALL_USERS_URI, 'FULL_CONTROL')] }), null, 'public-read'],
    ['AllUsers WRITE only', bucket({ grants: [group(ALL_USERS_URI, 'WRITE')] }), null, 'not-public'],
    ['AllUsers READ_ACP only', bucket({ grants: [group(ALL_USERS_URI, 'READ_ACP')] }), null, 'not-public'],
    ['AllUsers UNKNOWN permission', bucket({ grants: [group(ALL_USERS_URI, 'UNKNOWN')] }), null, 'unknown'],
    ['AllUsers READ, IgnorePublicAcls (account)', bucket({ grants: [group(ALL_USERS_URI, 'READ')] }), { ...OFF, ignorePublicAcls: true }, 'not-public'],
    ['policy GetObject', bucket({ policy: policy(publicAllow('s3:GetObject')) }), null, 'public-read'],
    ['policy s3:Get*', bucket({ policy: policy(publicAllow('s3:Get*')) }), null, 'public-read'],
    ['policy ListBucket on the bucket', bucket({ policy: policy({ ...publicAllow('s3:ListBucket'), Resource: 'arn:aws:s3:::b' }) }), null, 'public-read'],
    ['policy GetBucketAcl only (metadata)', bucket({ policy: policy({ ...publicAllow('s3:GetBucketAcl'), Resource: 'arn:aws:s3:::b' }) }), null, 'not-public'],
    ['policy PutObject only', bucket({ policy: policy(publicAllow('s3:PutObject')) }), null, 'not-public'],
    ['policy GetObject pinned to a VPC endpoint', bucket({ policy: policy(publicAllow('s3:GetObject', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })) }), null, 'not-public'],
    ['policy GetObject, RestrictPublicBuckets (bucket)', bucket({ policy: policy(publicAllow('s3:GetObject')), bucketBlock: { ...OFF, restrictPublicBuckets: true } }), null, 'not-public'],
    ['policy GetObject, BlockPublicPolicy only', bucket({ policy: policy(publicAllow('s3:GetObject')), bucketBlock: { ...OFF, blockPublicPolicy: true } }), null, 'public-read'],
    ['policy GetObject, AWS says not public', bucket({ policy: policy(publicAllow('s3:GetObject')), isPublic: false }), null, 'unknown'],
    ['policy unreadable, ACL clean', bucket({ policyResult: denied('s3:GetBucketPolicy') }), null, 'unknown'],
    ['policy unreadable, ACL READ', bucket({ policyResult: denied('s3:GetBucketPolicy'), grants: [group(ALL_USERS_URI, 'READ')] }), null, 'public-read'],
  ];
  it.each(cases)('%s → %s', (_name, input, account, expected) => expect(assessBucketPublicAccess(input, account).readVerdict).toBe(expected));
});
