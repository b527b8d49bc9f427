/**
 * Property-based tests of what "public" means for S3 (fast-check): federated principals, Denies
 * that narrow who may act, and GetBucketPolicyStatus as the oracle. Same seed and run-count
 * conventions as properties.test.ts (`BREACHMAP_FUZZ_RUNS`, `BREACHMAP_FUZZ_SEED`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AclGrant, Bucket, PublicAccessBlock } from '../../../src/inventory/schema.js';
import type { PublicVerdict, ReadVerdict } from '../../../src/policy/s3-public.js';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, assessBucketPublicAccess } from '../../../src/policy/s3-public.js';

const FUZZ_RUNS = Number(process.env['BREACHMAP_FUZZ_RUNS'] ?? '0');
const FUZZ_SEED = process.env['BREACHMAP_FUZZ_SEED'];
const PARAMS: fc.Parameters<unknown> =
  FUZZ_RUNS > 0
    ? { numRuns: FUZZ_RUNS, ...(FUZZ_SEED === undefined ? {} : { seed: Number(FUZZ_SEED) }) }
    : { numRuns: 250, seed: 20_261_130 };
const TIMEOUT = FUZZ_RUNS > 0 ? 600_000 : 30_000;

function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>): void {
  fc.assert(property, PARAMS as fc.Parameters<Ts>);
}

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- generators

const FEDERATED_PRINCIPALS: unknown[] = [
  'cognito-identity.amazonaws.com',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
  'arn:aws:iam::111122223333:saml-provider/Okta',
  ['cognito-identity.amazonaws.com', 'accounts.google.com'],
];
const federatedArb: fc.Arbitrary<unknown> = fc.constantFrom(...FEDERATED_PRINCIPALS).map((value) => ({ Federated: value }));

const ACTIONS = ['*', 's3:*', 's3:Put*', 's3:Get*', 's3:List*', 's3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject', 's3:PutBucketPolicy', 's3:PutObjectTagging'];
const RESOURCES = ['*', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/uploads/*', 'arn:aws:s3:::*'];
const PUBLIC_PRINCIPALS: unknown[] = ['*', { AWS: '*' }, { AWS: ['arn:aws:iam::111122223333:root', '*'] }];
const OPEN_CONDITIONS: (Json | null)[] = [null, null, { Bool: { 'aws:SecureTransport': 'true' } }, { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }];

const listOf = (values: readonly string[]): fc.Arbitrary<string[]> => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 });

/** A public Allow: the shape whose verdict the properties below move. */
const publicAllowArb: fc.Arbitrary<Json> = fc
  .record({ actions: listOf(ACTIONS), resources: listOf(RESOURCES), principal: fc.constantFrom(...PUBLIC_PRINCIPALS), condition: fc.constantFrom(...OPEN_CONDITIONS) })
  .map(({ actions, resources, principal, condition }) => ({
    Effect: 'Allow',
    Principal: principal,
    Action: actions,
    Resource: resources,
    ...(condition === null ? {} : { Condition: condition }),
  }));

/** A narrowing entry: a negated operator over fixed trusted values, true when the key is absent. */
const NARROWING_ENTRIES: Json[] = [
  { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  { StringNotEqualsIfExists: { 'aws:SourceVpce': ['vpce-1a2b3c4d', 'vpce-5e6f'] } },
  { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
  { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } },
  { 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/ou-ab12-11111111/*' } },
  { StringNotEquals: { 'aws:SourceVpc': 'vpc-91237329' } },
  { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } },
  { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } },
  { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } },
  { 'stringnotequals': { 'AWS:SOURCEVPCE': 'vpce-1a2b3c4d' } },
];
/** Entries that let some public caller escape a Deny (no operator-and-key pair shared with the narrowing ones). */
const ESCAPING_ENTRIES: Json[] = [
  { Bool: { 'aws:SecureTransport': 'false' } },
  { 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': 'o-abc123' } },
  { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } },
  { NotIpAddressIfExists: { 'aws:SourceIp': '0.0.0.0/1' } },
  { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  { Bool: { 'aws:PrincipalIsAWSService': 'false' } },
];
const SERVICE_EXEMPTION: Json = { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } };

function merge(...entries: Json[]): Json {
  const result: Record<string, Json> = {};
  for (const entry of entries) {
    for (const [operator, keys] of Object.entries(entry)) result[operator] = { ...(result[operator] ?? {}), ...(keys as Json) };
  }
  return result;
}

const narrowingConditionArb: fc.Arbitrary<Json> = fc
  .record({ entries: fc.uniqueArray(fc.constantFrom(...NARROWING_ENTRIES), { minLength: 1, maxLength: 2 }), exempt: fc.boolean() })
  .map(({ entries, exempt }) => merge(...entries, ...(exempt ? [SERVICE_EXEMPTION] : [])));

/** A Deny on everyone over the whole bucket and its objects. */
function denyAll(condition: Json, principal: unknown = '*'): Json {
  return { Effect: 'Deny', Principal: principal, Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: condition };
}

const grantArb: fc.Arbitrary<AclGrant> = fc.record({
  granteeType: fc.constant('Group' as const),
  uri: fc.constantFrom(ALL_USERS_URI, AUTHENTICATED_USERS_URI),
  id: fc.constant(null),
  permission: fc.constantFrom('FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP'),
});

interface Case {
  grants: AclGrant[];
  allows: Json[];
}
const caseArb: fc.Arbitrary<Case> = fc.record({ grants: fc.array(grantArb, { maxLength: 2 }), allows: fc.array(publicAllowArb, { minLength: 1, maxLength: 3 }) });

function bucketOf(grants: AclGrant[], statements: readonly Json[], isPublic: boolean | null = null): Bucket {
  return {
    name: 'b',
    arn: 'arn:aws:s3:::b',
    region: 'us-east-1',
    creationDate: null,
    acl: { ok: true, data: { ownerId: 'owner', grants } },
    policy: { ok: true, data: { document: { Version: '2012-10-17', Statement: statements } } },
    publicAccessBlock: { ok: true, data: null },
    policyStatus: isPublic === null ? { ok: false, error: { code: 'NotImplemented', message: 'no status', action: 's3:GetBucketPolicyStatus' } } : { ok: true, data: { isPublic } },
  };
}

function verdicts(grants: AclGrant[], statements: readonly Json[], isPublic: boolean | null = null): [PublicVerdict, ReadVerdict] {
  const result = assessBucketPublicAccess(bucketOf(grants, statements, isPublic), null as PublicAccessBlock | null);
  return [result.verdict, result.readVerdict];
}

const PUBLICNESS: Readonly<Record<PublicVerdict, number>> = { 'not-public': 0, 'public-read-only': 1, unknown: 1, 'public-write': 2 };

// ---------------------------------------------------------------- properties

describe('federated principals are public', () => {
  it('swapping a public principal for a federated one never changes either verdict', () => {
    check(
      fc.property(caseArb, federatedArb, (c, federated) => {
        const swapped = c.allows.map((statement) => ({ ...statement, Principal: federated }));
        expect(verdicts(c.grants, swapped)).toEqual(verdicts(c.grants, c.allows));
      }),
    );
  }, TIMEOUT);
});

describe('a Deny that narrows who may act', () => {
  it('a narrowing Deny on s3:* over the bucket leaves only the ACL to make it public', () => {
    check(
      fc.property(caseArb, narrowingConditionArb, (c, condition) => {
        expect(verdicts(c.grants, [...c.allows, denyAll(condition)])).toEqual(verdicts(c.grants, []));
      }),
    );
  }, TIMEOUT);

  it('one escaping entry makes the Deny prove nothing: the verdict is that of the Allows alone', () => {
    check(
      fc.property(caseArb, narrowingConditionArb, fc.constantFrom(...ESCAPING_ENTRIES), (c, condition, escape) => {
        expect(verdicts(c.grants, [...c.allows, denyAll(merge(condition, escape))])).toEqual(verdicts(c.grants, c.allows));
      }),
    );
  }, TIMEOUT);

  it('a narrowing condition on a Deny for one named account narrows nothing', () => {
    check(
      fc.property(caseArb, narrowingConditionArb, (c, condition) => {
        expect(verdicts(c.grants, [...c.allows, denyAll(condition, { AWS: 'arn:aws:iam::111122223333:root' })])).toEqual(verdicts(c.grants, c.allows));
      }),
    );
  }, TIMEOUT);

  it('adding any conditional Deny never makes a bucket more public', () => {
    check(
      fc.property(caseArb, fc.constantFrom(...NARROWING_ENTRIES, ...ESCAPING_ENTRIES), listOf(ACTIONS), (c, condition, actions) => {
        const before = verdicts(c.grants, c.allows)[0];
        const after = verdicts(c.grants, [...c.allows, { ...denyAll(condition), Action: actions }])[0];
        expect(PUBLICNESS[after]).toBeLessThanOrEqual(PUBLICNESS[before]);
      }),
    );
  }, TIMEOUT);
});

describe('GetBucketPolicyStatus as the oracle', () => {
  it('IsPublic false: no FAIL rests on the policy (write and read verdicts are at most those of the ACL, or unknown)', () => {
    check(
      fc.property(caseArb, (c) => {
        const [aclWrite, aclRead] = verdicts(c.grants, []);
        const [write, read] = verdicts(c.grants, c.allows, false);
        if (write === 'public-write') expect(aclWrite).toBe('public-write');
        if (read === 'public-read') expect(aclRead).toBe('public-read');
      }),
    );
  }, TIMEOUT);

  it('IsPublic true never changes our verdict', () => {
    check(
      fc.property(caseArb, (c) => {
        expect(verdicts(c.grants, c.allows, true)).toEqual(verdicts(c.grants, c.allows));
      }),
    );
  }, TIMEOUT);
});
