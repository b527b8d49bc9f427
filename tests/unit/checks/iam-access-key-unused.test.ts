import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/iam-access-key-unused.js';
import type { CredentialReportKey, CredentialReportRow } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, runCase, slices, TEST_NOW } from '../../helpers/check-tester.js';

function key(slot: 1 | 2, fields: Partial<CredentialReportKey> = {}): CredentialReportKey {
  return {
    slot,
    active: true,
    lastRotated: daysAgo(200),
    lastUsed: daysAgo(1),
    lastUsedService: 'sts',
    lastUsedRegion: 'eu-west-1',
    ...fields,
  };
}

function neverUsed(slot: 1 | 2, createdDaysAgo: number): CredentialReportKey {
  return key(slot, { lastRotated: daysAgo(createdDaysAgo), lastUsed: null, lastUsedService: null, lastUsedRegion: null });
}

function user(name: string, accessKeys: CredentialReportKey[]): CredentialReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    userCreationTime: daysAgo(1200),
    passwordEnabled: true,
    passwordLastUsed: daysAgo(300),
    passwordLastChanged: daysAgo(400),
    mfaActive: true,
    accessKeys,
  };
}

function rootRow(accessKeys: CredentialReportKey[]): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: 'arn:aws:iam::123456789012:root',
    userCreationTime: daysAgo(3000),
    passwordEnabled: null,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys,
  };
}

function report(...rows: CredentialReportRow[]) {
  return slices({ credentialReport: { generatedAt: TEST_NOW, rows } });
}

checkTester(check, {
  pass: [
    {
      name: 'key used yesterday',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/deploy-bot', qualifier: 'access-key-1' }],
      slices: report(user('deploy-bot', [key(1)])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({
          resource: 'arn:aws:iam::123456789012:user/deploy-bot',
          qualifier: 'access-key-1',
          region: 'global',
        });
        expect(outcomes[0]?.evidence).toMatchObject({ user: 'deploy-bot', keySlot: 1, daysSinceUse: 1 });
      },
    },
    {
      name: 'key last used exactly 45 days ago',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/deploy-bot', qualifier: 'access-key-1' }],
      slices: report(user('deploy-bot', [key(1, { lastUsed: daysAgo(45) })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['daysSinceUse']).toBe(45),
    },
    {
      name: 'brand-new key not used yet',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/new-hire', qualifier: 'access-key-1' }],
      slices: report(user('new-hire', [neverUsed(1, 3)])),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ lastUsed: null, createdDaysAgo: 3 }),
    },
    {
      name: 'never-used key created exactly 45 days ago',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/new-hire', qualifier: 'access-key-2' }],
      slices: report(user('new-hire', [neverUsed(2, 45)])),
      assert: (outcomes) => expect(outcomes[0]?.qualifier).toBe('access-key-2'),
    },
    {
      name: 'idle inactive key and idle root key are ignored',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-2' }],
      slices: report(
        rootRow([key(1, { lastUsed: daysAgo(900) })]),
        user('alice', [key(1, { active: false, lastUsed: daysAgo(600) }), key(2, { lastUsed: daysAgo(2) })]),
      ),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-2' });
      },
    },
    {
      name: 'custom maxUnusedDays of 90 accepts a key idle for 60 days',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/quarterly-report', qualifier: 'access-key-1' }],
      slices: report(user('quarterly-report', [key(1, { lastUsed: daysAgo(60) })])),
      options: { maxUnusedDays: 90 },
    },
  ],
  fail: [
    {
      name: 'key of a departed engineer idle for five months (Cisco pattern)',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/former-admin', qualifier: 'access-key-1' }],
      slices: report(user('former-admin', [key(1, { lastRotated: daysAgo(700), lastUsed: daysAgo(150) })])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ status: 'fail', qualifier: 'access-key-1' });
        expect(outcomes[0]?.evidence).toMatchObject({ user: 'former-admin', keySlot: 1, lastUsed: daysAgo(150), daysSinceUse: 150 });
      },
    },
    {
      name: 'key idle one day past the limit',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/deploy-bot', qualifier: 'access-key-1' }],
      slices: report(user('deploy-bot', [key(1, { lastUsed: daysAgo(46) })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['daysSinceUse']).toBe(46),
    },
    {
      name: 'never-used key created 46 days ago',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/forgotten', qualifier: 'access-key-1' }],
      slices: report(user('forgotten', [neverUsed(1, 46)])),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.evidence).toMatchObject({ lastUsed: null, createdDaysAgo: 46 });
        expect(outcomes[0]?.message).toContain('never been used');
      },
    },
    {
      name: 'custom maxUnusedDays of 30 rejects a key idle for 31 days',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/deploy-bot', qualifier: 'access-key-1' }],
      slices: report(user('deploy-bot', [key(1, { lastUsed: daysAgo(31) })])),
      options: { maxUnusedDays: 30 },
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ daysSinceUse: 31, maxUnusedDays: 30 }),
    },
    {
      name: 'one stale and one live key on the same user',
      expected: [
        { status: 'fail', resource: 'arn:aws:iam::123456789012:user/bob', qualifier: 'access-key-1' },
        { status: 'pass', resource: 'arn:aws:iam::123456789012:user/bob', qualifier: 'access-key-2' },
      ],
      slices: report(user('bob', [key(1, { lastUsed: daysAgo(400) }), key(2, { lastUsed: daysAgo(3) })])),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.qualifier, o.status])).toEqual([
          ['access-key-1', 'fail'],
          ['access-key-2', 'pass'],
        ]);
      },
    },
  ],
  unknown: [
    {
      name: 'credential report denied',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { credentialReport: failed('AccessDenied', 'iam:GenerateCredentialReport') },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('iam:GenerateCredentialReport'),
    },
    {
      name: 'never-used key without a creation date',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/mystery', qualifier: 'access-key-1' }],
      slices: report(user('mystery', [key(1, { lastRotated: null, lastUsed: null, lastUsedService: null, lastUsedRegion: null })])),
      assert: (outcomes) => expect(outcomes[0]).toMatchObject({ status: 'unknown', qualifier: 'access-key-1' }),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
  notApplicable: [
    {
      name: 'only root and inactive keys',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: report(rootRow([key(1)]), user('alice', [key(1, { active: false })]), user('bob', [])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['usersInReport']).toBe(2),
    },
  ],
});

describe('iam-access-key-unused scope', () => {
  it('a used key with no creation date is still judged by its last use', () => {
    const outcomes = runCase(check, {
      name: 'used key, no creation date',
      slices: report(user('alice', [key(1, { lastRotated: null, lastUsed: daysAgo(100) })])),
    });
    expect(outcomes[0]?.status).toBe('fail');
  });
});
