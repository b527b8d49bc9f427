import { expect } from 'vitest';
import check from '../../../src/checks/iam/iam-user-keys-privileged.js';
import type { AuthorizationDetails, CredentialReportRow, IamUser } from '../../../src/inventory/schema.js';
import { ESCALATION_PATHS } from '../../../src/policy/escalation-paths.js';
import { checkTester, daysAgo, failed, ok, slices } from '../../helpers/check-tester.js';

const S3_FULL = 'arn:aws:iam::aws:policy/AmazonS3FullAccess';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY_QUEUE = 'arn:aws:iam::123456789012:policy/queue-reader';

const POLICIES: AuthorizationDetails['policies'] = [
  { name: 'AmazonS3FullAccess', arn: S3_FULL, awsManaged: true, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
  { name: 'AdministratorAccess', arn: ADMIN, awsManaged: true, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
  {
    name: 'queue-reader',
    arn: READ_ONLY_QUEUE,
    awsManaged: false,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' }] },
  },
];

const ONE_BUCKET_BOUNDARY = 'arn:aws:iam::123456789012:policy/one-bucket';
const BOUNDARY_POLICY: AuthorizationDetails['policies'][number] = {
  name: 'one-bucket',
  arn: ONE_BUCKET_BOUNDARY,
  awsManaged: false,
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }] },
};

/** AWS's "force MFA" statement (IAM user guide, "allows MFA-authenticated IAM users to manage their own credentials"). */
const FORCE_MFA = {
  name: 'force-mfa',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'BlockMostAccessUnlessSignedInWithMFA',
        Effect: 'Deny',
        NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  },
};

const ADMIN_ATTACHED = [{ name: 'AdministratorAccess', arn: ADMIN }];

function key(slot: 1 | 2, ageDays: number, active = true) {
  return { slot, active, lastRotated: daysAgo(ageDays), lastUsed: daysAgo(1), lastUsedService: 's3', lastUsedRegion: 'us-east-1' };
}

function row(user: string, keys: CredentialReportRow['accessKeys']): CredentialReportRow {
  return {
    user,
    arn: `arn:aws:iam::123456789012:user/${user}`,
    userCreationTime: daysAgo(500),
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys: keys,
  };
}

function user(name: string, fields: Partial<IamUser> = {}): IamUser {
  return {
    name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    id: `AIDA${name.toUpperCase()}`,
    createDate: daysAgo(500),
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    ...fields,
  };
}

function details(users: IamUser[], extra: Partial<AuthorizationDetails> = {}): AuthorizationDetails {
  return { users, groups: [], roles: [], instanceProfiles: [], policies: POLICIES, ...extra };
}

function input(rows: CredentialReportRow[], authorization: AuthorizationDetails) {
  return slices({ credentialReport: { generatedAt: daysAgo(0), rows }, authorizationDetails: authorization });
}

checkTester(check, {
  pass: [
    {
      name: 'active key with a narrowly scoped policy',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/worker' }],
      slices: input([row('worker', [key(1, 30)])], details([user('worker', { attachedPolicies: [{ name: 'queue-reader', arn: READ_ONLY_QUEUE }] })])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:user/worker', region: 'global' });
        expect(outcomes[0]?.evidence).toMatchObject({ activeKeySlots: ['1'], oldestActiveKeyAgeDays: 30, kinds: [] });
      },
    },
    {
      name: 'an admin without an active key is not judged',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/worker' }],
      slices: input(
        [row('old-admin', [key(1, 400, false)]), row('worker', [key(1, 10)])],
        details([user('old-admin', { attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN }] }), user('worker')]),
      ),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.evidence['user']).toBe('worker');
      },
    },
    {
      name: 'admin with the force-MFA Deny: a request signed with the key has no MFA',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/mfa-user' }],
      slices: input([row('mfa-user', [key(1, 10)])], details([user('mfa-user', { attachedPolicies: ADMIN_ATTACHED, inlinePolicies: [FORCE_MFA] })])),
    },
    {
      name: 'admin allowed only with MFA: never holds for a key',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/mfa-admin' }],
      slices: input(
        [row('mfa-admin', [key(1, 10)])],
        details([
          user('mfa-admin', {
            inlinePolicies: [{ name: 'mfa-admin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } }],
          }),
        ]),
      ),
    },
    {
      name: 'AdministratorAccess bounded to s3:GetObject on one bucket',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/bounded' }],
      slices: input(
        [row('bounded', [key(1, 10)])],
        details([user('bounded', { attachedPolicies: ADMIN_ATTACHED, permissionsBoundaryArn: ONE_BUCKET_BOUNDARY })], { policies: [...POLICIES, BOUNDARY_POLICY] }),
      ),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['permissionsBoundary']).toBe(ONE_BUCKET_BOUNDARY);
        expect(outcomes[0]?.message).toContain(`within its permissions boundary ${ONE_BUCKET_BOUNDARY}`);
      },
    },
  ],
  fail: [
    {
      name: 'AmazonS3FullAccess on a recent key (Onus): high',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/etl' }],
      slices: input([row('etl', [key(1, 20)])], details([user('etl', { attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: S3_FULL }] })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.evidence).toMatchObject({ kinds: ['data-wide'], grantSources: [S3_FULL], allGrantsConditional: false });
      },
    },
    {
      name: 'data-wide on a key older than the rotation limit: critical',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/etl', severity: 'critical' }],
      slices: input([row('etl', [key(1, 400)])], details([user('etl', { attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: S3_FULL }] })])),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'critical' });
        expect(outcomes[0]?.evidence['oldestActiveKeyAgeDays']).toBe(400);
        expect(outcomes[0]?.message).toContain('oldest 400 days old');
      },
    },
    {
      name: 'admin through a group: critical even with a new key',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/deployer', severity: 'critical' }],
      slices: input(
        [row('deployer', [key(1, 5), key(2, 3)])],
        details([user('deployer', { groups: ['admins'] })], {
          groups: [{ name: 'admins', arn: 'arn:aws:iam::123456789012:group/admins', attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN }], inlinePolicies: [] }],
        }),
      ),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'critical' });
        expect(outcomes[0]?.evidence).toMatchObject({ activeKeySlots: ['1', '2'], kinds: ['admin'] });
        expect(outcomes[0]?.message).toContain('2 active access keys');
      },
    },
    {
      name: 'escalation through an inline policy',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/builder' }],
      slices: input(
        [row('builder', [key(1, 10)])],
        details([
          user('builder', {
            inlinePolicies: [{ name: 'spawn', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] } }],
          }),
        ]),
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence['kinds']).toEqual(['privilege-escalation']),
    },
    {
      name: 'a grant that only holds under a condition drops one level',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/vpn-only', severity: 'medium' }],
      slices: input(
        [row('vpn-only', [key(1, 10)])],
        details([
          user('vpn-only', {
            inlinePolicies: [
              { name: 'office', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } }] } },
            ],
          }),
        ]),
      ),
      assert: (outcomes) => expect(outcomes[0]).toMatchObject({ severity: 'medium', evidence: expect.objectContaining({ allGrantsConditional: true }) as unknown }),
    },
    {
      name: 'admin with a plain Bool MFA-false Deny: the key carries no MFA key, so the Deny never matches',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/half-guarded', severity: 'critical' }],
      slices: input(
        [row('half-guarded', [key(1, 10)])],
        details([
          user('half-guarded', {
            attachedPolicies: ADMIN_ATTACHED,
            inlinePolicies: [{ name: 'deny-no-mfa', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'iam:ListMFADevices', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }] } }],
          }),
        ]),
      ),
      assert: (outcomes) => expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'critical', evidence: expect.objectContaining({ kinds: ['admin'] }) as unknown }),
    },
    {
      name: 'GetSecretValue on the short ARN arn:aws:secretsmanager:*',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/reader' }],
      slices: input(
        [row('reader', [key(1, 10)])],
        details([
          user('reader', {
            inlinePolicies: [{ name: 'secrets', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*' }] } }],
          }),
        ]),
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence['grants']).toEqual(['data-wide [secretsmanager:GetSecretValue] via inline:secrets statement #0']),
    },
    {
      name: 'the escalation path is named in the message and evidence',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/key-minter' }],
      slices: input(
        [row('key-minter', [key(1, 10)])],
        details([
          user('key-minter', {
            inlinePolicies: [{ name: 'keys', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/*' }] } }],
          }),
        ]),
      ),
      assert: (outcomes) => {
        const how = ESCALATION_PATHS.find((path) => path.id === 'create-access-key')?.how ?? 'missing';
        expect(outcomes[0]?.evidence['escalationPaths']).toEqual(['create-access-key']);
        expect(outcomes[0]?.message).toContain(`privilege-escalation create-access-key (${how})`);
      },
    },
  ],
  unknown: [
    {
      name: 'authorization details unavailable',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { credentialReport: ok({ generatedAt: daysAgo(0), rows: [row('etl', [key(1, 20)])] }), authorizationDetails: failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') },
    },
    {
      name: 'user missing from the authorization details',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/ghost' }],
      slices: input([row('ghost', [key(1, 20)])], details([])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('iam:GetAccountAuthorizationDetails'),
    },
    {
      name: 'an attached policy document is missing and nothing else grants',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/etl' }],
      slices: input(
        [row('etl', [key(1, 20)])],
        details([user('etl', { attachedPolicies: [{ name: 'gone', arn: 'arn:aws:iam::123456789012:policy/gone' }] })]),
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence['unreadablePolicies']).toEqual(['arn:aws:iam::123456789012:policy/gone']),
    },
    {
      name: 'admin whose permissions boundary is not in the inventory',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/capped' }],
      slices: input([row('capped', [key(1, 10)])], details([user('capped', { attachedPolicies: ADMIN_ATTACHED, permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/missing-boundary' })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('arn:aws:iam::123456789012:policy/missing-boundary (the permissions boundary policy is not in the authorization details)');
        expect(outcomes[0]?.evidence).toMatchObject({ kinds: ['admin'], unreadableBoundary: ['arn:aws:iam::123456789012:policy/missing-boundary'] });
      },
    },
    {
      name: 'a permissions boundary whose document is null',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/capped' }],
      slices: input(
        [row('capped', [key(1, 10)])],
        details([user('capped', { attachedPolicies: ADMIN_ATTACHED, permissionsBoundaryArn: ONE_BUCKET_BOUNDARY })], { policies: [...POLICIES, { ...BOUNDARY_POLICY, document: null }] }),
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence['reasons']).toEqual(['the permissions boundary cannot be read: no document was returned']),
    },
    {
      name: 'the only attached policy is not JSON',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/etl' }],
      slices: input(
        [row('etl', [key(1, 20)])],
        details([user('etl', { attachedPolicies: [{ name: 'garbled', arn: 'arn:aws:iam::123456789012:policy/garbled' }] })], {
          policies: [...POLICIES, { name: 'garbled', arn: 'arn:aws:iam::123456789012:policy/garbled', awsManaged: false, document: 'Version=2012-10-17' }],
        }),
      ),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('arn:aws:iam::123456789012:policy/garbled (the document is not JSON)'),
    },
  ],
});
