import { expect } from 'vitest';
import check from '../../../src/checks/iam/iam-user-keys-privileged.js';
import type { AuthorizationDetails, CredentialReportRow, IamUser } from '../../../src/inventory/schema.js';
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
      slices: input([row('worker', [key(1, 30)])], details([user('worker', { attachedPolicies: [{ name: 'queue-reader', arn: READ_ONLY_QUEUE }] })])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:user/worker', region: 'global' });
        expect(outcomes[0]?.evidence).toMatchObject({ activeKeySlots: ['1'], oldestActiveKeyAgeDays: 30, kinds: [] });
      },
    },
    {
      name: 'an admin without an active key is not judged',
      slices: input(
        [row('old-admin', [key(1, 400, false)]), row('worker', [key(1, 10)])],
        details([user('old-admin', { attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN }] }), user('worker')]),
      ),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.evidence['user']).toBe('worker');
      },
    },
  ],
  fail: [
    {
      name: 'AmazonS3FullAccess on a recent key (Onus): high',
      slices: input([row('etl', [key(1, 20)])], details([user('etl', { attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: S3_FULL }] })])),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'high' });
        expect(outcomes[0]?.evidence).toMatchObject({ kinds: ['data-wide'], grantSources: [S3_FULL], allGrantsConditional: false });
      },
    },
    {
      name: 'data-wide on a key older than the rotation limit: critical',
      slices: input([row('etl', [key(1, 400)])], details([user('etl', { attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: S3_FULL }] })])),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'critical' });
        expect(outcomes[0]?.evidence['oldestActiveKeyAgeDays']).toBe(400);
        expect(outcomes[0]?.message).toContain('oldest 400 days old');
      },
    },
    {
      name: 'admin through a group: critical even with a new key',
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
  ],
  unknown: [
    {
      name: 'authorization details unavailable',
      slices: { credentialReport: ok({ generatedAt: daysAgo(0), rows: [row('etl', [key(1, 20)])] }), authorizationDetails: failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') },
    },
    {
      name: 'user missing from the authorization details',
      slices: input([row('ghost', [key(1, 20)])], details([])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('iam:GetAccountAuthorizationDetails'),
    },
    {
      name: 'an attached policy document is missing and nothing else grants',
      slices: input(
        [row('etl', [key(1, 20)])],
        details([user('etl', { attachedPolicies: [{ name: 'gone', arn: 'arn:aws:iam::123456789012:policy/gone' }] })]),
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence['unreadablePolicies']).toEqual(['arn:aws:iam::123456789012:policy/gone']),
    },
  ],
});
